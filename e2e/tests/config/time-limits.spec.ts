import { captureScreen } from '../../fixtures/capture-screen.ts';
import { expect, test } from '../../fixtures/test.ts';

test('a work-order time limit for one step is added, refused when its hours do not add up, edited and deleted', async ({ page }) => {
  const step = `E2E_${Date.now().toString(36).toUpperCase()}`;
  await page.goto('/config/time-limits');
  await expect(page.getByTestId('order-limit-row').first()).toBeVisible();

  await page.getByTestId('work-order-limit-new').click();
  await page.getByTestId('time-limit-work-order-type').selectOption('PORT');
  await page.getByTestId('time-limit-step').fill(step);
  await page.getByTestId('time-limit-accept').fill('1');
  await page.getByTestId('time-limit-warning').fill('8');
  await page.getByTestId('time-limit-process').fill('4');
  await page.getByTestId('time-limit-submit').click();
  await expect(page.getByTestId('time-limit-error')).toContainText('warningHours');

  await page.getByTestId('time-limit-warning').fill('3');
  await page.getByTestId('time-limit-submit').click();
  await expect(page.getByTestId('time-limit-dialog')).toBeHidden();
  const row = page.locator(`[data-testid="work-order-limit-row"][data-step="${step}"]`);
  await expect(row).toContainText('3');
  await captureScreen(page, 'time-limits-edit-en');

  await row.getByTestId('limit-edit').click();
  await expect(page.getByTestId('time-limit-step')).toBeDisabled();
  await page.getByTestId('time-limit-process').fill('6');
  await page.getByTestId('time-limit-submit').click();
  await expect(row.locator('td').nth(4)).toHaveText('6');

  await row.getByTestId('limit-delete').click();
  await page.getByTestId('limit-delete-submit').click();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId('time-limits-notice')).toContainText(step);
});

test.describe('in Chinese', () => {
  test.use({ language: 'zh-CN' });
  test('the time limits read in Chinese', async ({ page }) => {
    await page.goto('/config/time-limits');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('时限管理');
    await expect(page.locator('[data-testid="order-limit-row"][data-order-type="NEW"]')).toContainText('新装');
    await captureScreen(page, 'time-limits-list-zh');
  });
});
