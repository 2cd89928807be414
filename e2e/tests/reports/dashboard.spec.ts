import { captureScreen } from '../../fixtures/capture-screen.ts';
import { orderAtStep } from '../../fixtures/crm-orders.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { loginViaApi } from '../../fixtures/api-session.ts';
import { E2eCompleteWorkOrderMutation, E2eDashboardQuery } from '../../fixtures/graphql/report-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { TEXTS } from '../../fixtures/texts.ts';
import { AppShell } from '../../pages/app-shell.ts';
import { DashboardPage } from '../../pages/dashboard-page.ts';

const { en, 'zh-CN': zh } = TEXTS;
/** A Tianhe grid (the dispatcher's district) no other journey orders in. */
const AREA = 'GZ-TH-03';

test.use({ who: { login: DEMO.manager.login } });

/** UI and API agree (`same`), or both values, for the failure message. */
const agree = (ui: number, api: number) => (ui === api ? 'same' : `screen ${ui}, API ${api}`);

test('the manager dashboard follows new orders and completed work orders live, without reloading', async ({ page, session, adminApi, baseURL }) => {
  // An order through its automatic steps and two live updates: slow when the shared machine is busy.
  test.setTimeout(180_000);
  const manager = session!.client;
  const dashboard = new DashboardPage(page);
  await dashboard.goto();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.dashboardTitle);
  await expect(page.getByRole('heading', { level: 2, name: en.dashboardInFlight })).toBeVisible();
  // A reload would lose this mark: the numbers below must arrive through the subscriptions.
  await page.evaluate(() => Object.assign(window, { e2eNoReload: true }));
  const executing = await dashboard.executingOrders();

  // A broadband install arrives and runs its automatic steps up to the dispatch center.
  const order = await orderAtStep(adminApi, AREA, 'DISPATCH');
  const api = async () => (await manager.request(E2eDashboardQuery)).managerDashboard;
  const apiExecuting = async () => (await api()).ordersInFlight.reduce((sum, row) => sum + row.count, 0);
  await expect.poll(async () => agree(await dashboard.executingOrders(), await apiExecuting()), { timeout: 60_000 }).toBe('same');
  expect(await dashboard.executingOrders()).toBeGreaterThan(executing);

  // The dispatcher completes the dispatch step: today's throughput moves.
  const completedBefore = await dashboard.workOrdersCompletedToday();
  const dispatcher = await loginViaApi(baseURL!, DEMO.dispatcher.login);
  const { completeWorkOrder } = await dispatcher.client.request(E2eCompleteWorkOrderMutation, { input: { workOrderId: order.workOrderId } });
  expect(completeWorkOrder.ok, completeWorkOrder.error?.message).toBe(true);
  const apiCompletedToday = async () => (await api()).throughput.at(-1)!.workOrders;
  await expect.poll(async () => agree(await dashboard.workOrdersCompletedToday(), await apiCompletedToday()), { timeout: 60_000 }).toBe('same');
  expect(await dashboard.workOrdersCompletedToday()).toBeGreaterThan(completedBefore);
  expect(await page.evaluate(() => (window as unknown as { e2eNoReload?: boolean }).e2eNoReload)).toBe(true);
  // Tall enough for every panel in the screenshot (the main area scrolls inside the layout).
  await page.setViewportSize({ width: 1280, height: 1200 });
  await captureScreen(page, 'dashboard-en');

  await new AppShell(page).switchLanguage('zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh.dashboardTitle);
  await expect(page.getByRole('heading', { level: 2, name: zh.dashboardInFlight })).toBeVisible();
  await captureScreen(page, 'dashboard-zh-CN');
});
