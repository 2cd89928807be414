import { randomBytes } from 'node:crypto';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { pendingWorkOrderAt, submitCrmOrder } from '../../fixtures/crm-orders.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { E2eCompleteWorkOrderMutation, E2eOrderWorkOrdersQuery } from '../../fixtures/graphql/order-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { ExceptionFlowsPage } from '../../pages/exception-flows-page.ts';

// BROADBAND_REMOVE: no other journey edits its template (the workflow editor's journey edits
// BROADBAND_MOVE and FIXED_NEW); the ones that run its orders complete them normally.
const BUSINESS = 'BROADBAND_REMOVE';
const AREA = 'GZ-TH-01';

test('an exception type made and routed from the dispatch center back to network deactivation; a new order follows it; the used type cannot be deleted', async ({ page, adminApi, openSession }) => {
  const code = `E2E_EXC_${randomBytes(3).toString('hex').toUpperCase()}`;
  const screen = new ExceptionFlowsPage(page);
  await screen.goto();

  await test.step('a new exception type', async () => {
    await page.getByTestId('exception-type-new').click();
    await screen.fillType({ code, name: '用户要求重新停机', nameEn: 'Customer asks to redo', description: 'e2e' });
    await expect(screen.typeDialog).toBeHidden();
    await expect(screen.notice).toContainText(`Saved: Customer asks to redo (${code})`);
    await expect(screen.type(code).locator('td.num')).toHaveText('0');
  });

  await test.step('routed from the dispatch center to network deactivation, saved as a new version', async () => {
    await screen.selectBusiness(BUSINESS);
    await expect(screen.template).toContainText('BROADBAND_REMOVE');
    const before = Number((await screen.template.textContent())?.match(/version (\d+)/)?.[1]);
    // Earlier runs' routes go: the template keeps only this run's.
    while ((await screen.routes.count()) > 0) await screen.routes.first().getByTestId('exception-route-remove').click();
    await screen.addRoute('DISPATCH', code, 'NETWORK');
    await expect(screen.routes).toHaveCount(1);
    await captureScreen(page, 'exception-flows-edit-en');
    await page.getByTestId('exception-routes-save').click();
    await expect(screen.notice).toContainText(`saved as version ${before + 1}`);
    await expect(screen.template).toContainText(`version ${before + 1}`);
    await expect(screen.routes).toHaveCount(1);
    await expect(screen.routes.first()).toHaveAttribute('data-route', `DISPATCH|${code}|NETWORK`);
    await expect(screen.type(code).locator('td.num')).not.toHaveText('0');
  });

  await test.step('a new order completed at the dispatch center with the new type goes back to network deactivation', async () => {
    const dispatcher = (await openSession({ login: DEMO.dispatcher.login })).session!.client;
    const order = await submitCrmOrder(adminApi, { areaCode: AREA, businessCode: BUSINESS, orderType: 'REMOVE' });
    const dispatch = await pendingWorkOrderAt(adminApi, order.id, 'DISPATCH');
    const { completeWorkOrder } = await dispatcher.request(E2eCompleteWorkOrderMutation, { input: { workOrderId: dispatch.id, exceptionType: code } });
    expect(completeWorkOrder.ok, completeWorkOrder.error?.message).toBe(true);
    // A second network-deactivation work order (its simulator may already have completed it).
    await expect
      .poll(async () => (await adminApi.request(E2eOrderWorkOrdersQuery, { id: order.id })).order?.workOrders.filter((wo) => wo.step.code === 'NETWORK').length, { timeout: 30_000 })
      .toBe(2);
    const { order: after } = await adminApi.request(E2eOrderWorkOrdersQuery, { id: order.id });
    expect(after?.workOrders.find((wo) => wo.id === dispatch.id)?.state).toBe('COMPLETED');
    expect(after?.workOrders.some((wo) => wo.step.code === 'REMOVE')).toBe(false);
  });

  await test.step('the used exception type cannot be deleted: the refusal names the template and step', async () => {
    await screen.type(code).getByTestId('exception-type-delete').click();
    await page.getByTestId('exception-type-delete-submit').click();
    const refusal = page.getByTestId('exception-type-delete-error');
    await expect(refusal).toContainText(`Exception type ${code} cannot be deleted`);
    await expect(refusal).toContainText('BROADBAND_REMOVE v');
    await expect(refusal).toContainText('DISPATCH → NETWORK');
    await captureScreen(page, 'exception-flows-in-use-en');
    await page.getByTestId('exception-type-delete-close').click();
  });
});

test.describe('in Chinese', () => {
  test.use({ language: 'zh-CN' });

  test('the screen in Chinese: types and routes, and a refused deletion of the manual exception', async ({ page }) => {
    const screen = new ExceptionFlowsPage(page);
    await screen.goto();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('异常流程配置');
    await screen.selectBusiness('BROADBAND_NEW');
    // The v3 broadband install: wrong address from the three field steps, line fault from the outside
    // plant, the on-site test's ONT/ONU faults, and the activation failure's five routes.
    await expect(screen.routes).toHaveCount(12);
    await expect(page.getByTestId('exception-routes-save')).toHaveText('另存为新版本');
    await expect(page.getByTestId('exception-routes-save')).toBeDisabled();
    await captureScreen(page, 'exception-flows-zh-cn');
    await screen.type('MANUAL').getByTestId('exception-type-delete').click();
    await page.getByTestId('exception-type-delete-submit').click();
    await expect(page.getByTestId('exception-type-delete-error')).toHaveText('人工异常不能删除，也不能配置流程。');
    await captureScreen(page, 'exception-flows-manual-zh-cn');
    await page.getByTestId('exception-type-delete-close').click();
  });
});
