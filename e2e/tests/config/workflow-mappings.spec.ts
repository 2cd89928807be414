import { randomBytes } from 'node:crypto';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { submitCrmOrder } from '../../fixtures/crm-orders.ts';
import { E2eOrderWorkflowQuery } from '../../fixtures/graphql/order-documents.ts';
import { expect, test } from '../../fixtures/test.ts';

const suffix = () => randomBytes(3).toString('hex').toUpperCase();
// Broadband removals: short, and no other journey gives their template new versions.
const TEMPLATE = 'BROADBAND_REMOVE';

test('an IOM workflow on an existing engine template and a new business code mapped to it, both picked in selection dialogs, turn a CRM order into an order on that template; deletions in use are refused with the reason', async ({ page, adminApi }) => {
  const workflow = `E2E_FLOW_${suffix()}`;
  const business = `E2E_BIZ_${suffix()}`;
  const iomRow = page.locator(`[data-testid="iom-workflow-row"][data-code="${workflow}"]`);
  const businessRow = page.locator(`[data-testid="business-workflow-row"][data-code="${business}"]`);

  await test.step('a new IOM workflow, its engine template chosen by searching in the selection dialog', async () => {
    await page.goto('/config/iom-workflows');
    await page.getByTestId('iom-workflows-table').waitFor();
    await page.getByTestId('iom-workflow-new').click();
    await page.getByTestId('iom-workflow-code').fill(workflow);
    await page.getByTestId('iom-workflow-name').fill('测试拆机流程');
    await page.getByTestId('iom-workflow-name-en').fill('Test removal flow');
    await page.getByTestId('iom-workflow-description').fill('e2e: runs the broadband removal template');
    // Saving without a template asks for one.
    await page.getByTestId('iom-workflow-submit').click();
    await expect(page.getByTestId('iom-workflow-error')).toHaveText('Choose the engine template.');

    await page.getByTestId('iom-workflow-template-pick').click();
    const picker = page.getByTestId('template-picker-dialog');
    await expect(picker).toBeVisible();
    await page.getByTestId('template-picker-search').fill('removal');
    await expect(picker.getByTestId('template-picker-option')).toHaveCount(1);
    await picker.locator(`[data-testid="template-picker-option"][data-key="${TEMPLATE}"]`).check();
    await captureScreen(page, 'iom-workflows-picker-en');
    await page.getByTestId('template-picker-submit').click();
    await expect(picker).toBeHidden();
    await expect(page.getByTestId('iom-workflow-template')).toHaveValue(new RegExp(`^Broadband: removal \\(${TEMPLATE} v\\d+\\)$`));
    await page.getByTestId('iom-workflow-submit').click();
    await expect(page.getByTestId('iom-workflow-dialog')).toBeHidden();
    await expect(page.getByTestId('iom-workflows-notice')).toContainText(`Saved: Test removal flow (${workflow})`);
    await expect(iomRow.getByTestId('iom-workflow-template-cell')).toContainText(TEMPLATE);
    await expect(iomRow.locator('td.num')).toHaveText('0');
    await captureScreen(page, 'iom-workflows-en');
  });

  await test.step('a new business code mapped to it, the IOM workflow chosen in the selection dialog', async () => {
    await page.goto('/config/business-workflows');
    await page.getByTestId('business-workflows-table').waitFor();
    await page.getByTestId('business-workflow-new').click();
    await page.getByTestId('business-workflow-code').fill(business);
    await page.getByTestId('business-workflow-name').fill('测试业务');
    await page.getByTestId('business-workflow-name-en').fill('Test business');
    await page.getByTestId('business-workflow-workflow-pick').click();
    const picker = page.getByTestId('iom-workflow-picker-dialog');
    await page.getByTestId('iom-workflow-picker-search').fill(workflow);
    await picker.locator(`[data-testid="iom-workflow-picker-option"][data-key="${workflow}"]`).check();
    await page.getByTestId('iom-workflow-picker-submit').click();
    await expect(picker).toBeHidden();
    await expect(page.getByTestId('business-workflow-workflow')).toHaveValue(`Test removal flow (${workflow})`);
    await captureScreen(page, 'business-workflows-dialog-en');
    await page.getByTestId('business-workflow-submit').click();
    await expect(page.getByTestId('business-workflow-dialog')).toBeHidden();
    await expect(businessRow.getByTestId('business-workflow-workflow-cell')).toContainText(workflow);
    await expect(businessRow).toContainText(TEMPLATE);
    await captureScreen(page, 'business-workflows-en');
  });

  const order = await test.step('a CRM order of the new business code runs on the template', async () => {
    const created = await submitCrmOrder(adminApi, { areaCode: 'GZ-TH-01', businessCode: business, orderType: 'REMOVE' });
    const read = (await adminApi.request(E2eOrderWorkflowQuery, { id: created.id })).order!;
    expect(read.workflow.code).toBe(TEMPLATE);
    return created;
  });

  await test.step('the mapping of a business with an executing order cannot be deleted: the refusal names the order', async () => {
    await page.reload();
    await businessRow.getByTestId('business-workflow-delete').click();
    await page.getByTestId('business-workflow-delete-submit').click();
    await expect(page.getByTestId('business-workflow-delete-error')).toContainText(`${business} cannot be deleted: 1 order is of it still executing: ${order.orderNo}`);
    await page.getByTestId('business-workflow-delete-close').click();
    await expect(businessRow).toBeVisible();
  });

  await test.step('the IOM workflow the business is mapped to cannot be deleted: the refusal names the business', async () => {
    await page.goto('/config/iom-workflows');
    await expect(iomRow.locator('td.num')).toHaveText('1');
    await iomRow.getByTestId('iom-workflow-delete').click();
    await page.getByTestId('iom-workflow-delete-submit').click();
    await expect(page.getByTestId('iom-workflow-delete-error')).toHaveText(`IOM workflow ${workflow} cannot be deleted: 1 business is mapped to it: ${business} 测试业务.`);
    await captureScreen(page, 'iom-workflows-in-use-en');
    await page.getByTestId('iom-workflow-delete-close').click();
    await expect(iomRow).toBeVisible();
  });
});

test.describe('in Chinese', () => {
  test.use({ language: 'zh-CN' });
  test('the two mapping screens and the selection dialog read in Chinese; a refusal keeps the server’s list of what uses the record', async ({ page }) => {
    await page.goto('/config/business-workflows');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('业务与工作流程关系');
    await expect(page.locator('[data-testid="business-workflow-row"][data-code="FIXED_NEW"]')).toContainText('固话新装流程');
    await captureScreen(page, 'business-workflows-zh');

    await page.goto('/config/iom-workflows');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作流程与引擎流程关系');
    const fixed = page.locator('[data-testid="iom-workflow-row"][data-code="FIXED_NEW"]');
    await expect(fixed.getByTestId('iom-workflow-template-cell')).toContainText('固话新装');
    await captureScreen(page, 'iom-workflows-zh');

    await fixed.getByTestId('iom-workflow-delete').click();
    await page.getByTestId('iom-workflow-delete-submit').click();
    await expect(page.getByTestId('iom-workflow-delete-error')).toHaveText('仍在使用，不能删除：IOM workflow FIXED_NEW cannot be deleted: 1 business is mapped to it: FIXED_NEW 固话新装.');
    await captureScreen(page, 'iom-workflows-in-use-zh');
    await page.getByTestId('iom-workflow-delete-close').click();

    await fixed.getByTestId('iom-workflow-edit').click();
    await expect(page.getByTestId('iom-workflow-code')).toHaveAttribute('readonly', '');
    await page.getByTestId('iom-workflow-template-pick').click();
    await page.getByTestId('template-picker-search').fill('宽带');
    await expect(page.getByTestId('template-picker-option').first()).toBeVisible();
    await captureScreen(page, 'iom-workflows-picker-zh');
  });
});
