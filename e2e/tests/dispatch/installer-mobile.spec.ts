import { loginViaApi } from '../../fixtures/api-session.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { orderAtFieldWorkStep } from '../../fixtures/crm-orders.ts';
import { DEMO_PASSWORD } from '../../fixtures/demo-accounts.ts';
import { E2eMyStaffIdQuery, E2eMyUnreadMessagesQuery, E2eSendStaffMessageMutation } from '../../fixtures/graphql/dispatch-map-documents.ts';
import { E2eOrderFieldWorkQuery } from '../../fixtures/graphql/teams-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { InstallerMobilePage } from '../../pages/installer-mobile-page.ts';
import { LoginPage } from '../../pages/login-page.ts';

// Baiyun's Jingxi grid (GZ-BY-03): no other journey sends orders there. Its team's first generated
// installer works on the phone; Baiyun's first generated dispatcher completes the dispatch-center step.
const GRID = 'GZ-BY-03';
const INSTALLER = { login: 'gz24201', staffNo: 'GZ24201' };
const DISPATCHER = 'gz1401';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test.describe('installer on a phone', () => {
  test.use({ who: 'anonymous' });

  test('logs in, lands on the phone view, sees a new work order of the team arrive, claims it and completes it', async ({ page, adminApi, baseURL }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.submitCredentials(INSTALLER.login, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/m$/);
    const phone = new InstallerMobilePage(page);
    await expect(phone.mine).toBeVisible();
    // No desktop menu on the phone view.
    await expect(page.locator('.side-nav')).toHaveCount(0);

    // A new order reaches the field-work step of the grid's team while the page is open: it appears by itself.
    const dispatcher = (await loginViaApi(baseURL!, DISPATCHER)).client;
    const order = await orderAtFieldWorkStep(adminApi, dispatcher, GRID);
    const waiting = phone.card(order.workOrder.workOrderNo, phone.toClaim);
    await expect(waiting).toBeVisible({ timeout: 15_000 });
    await expect(waiting).toContainText('Not agreed yet');
    await expect(waiting.getByTestId('m-call')).toHaveAttribute('href', /^tel:\d+$/);
    await expect(waiting.getByTestId('m-navigate')).toHaveAttribute('href', /uri\.amap\.com/);
    // Touch-sized actions.
    const box = await waiting.getByTestId('m-claim').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await captureScreen(page, 'installer-mobile-en');

    await waiting.getByTestId('m-claim').tap();
    await expect(phone.notice).toContainText(`Claimed ${order.workOrder.workOrderNo}`);
    const mine = phone.card(order.workOrder.workOrderNo, phone.mine);
    await expect(mine).toBeVisible();
    await expect(mine).toHaveAttribute('data-kind', 'mine');

    // On site: the arrival goes on the installer's track (order log ARRIVE), once.
    await mine.getByTestId('m-arrive').tap();
    await expect(phone.notice).toContainText(`Arrival at ${order.workOrder.workOrderNo} recorded.`);
    await expect(mine.getByTestId('m-arrived-at')).toBeVisible();
    await expect(mine.getByTestId('m-arrive')).toHaveCount(0);

    await mine.getByTestId('m-complete').tap();
    await expect(mine.getByTestId('m-complete-form')).toBeVisible();
    // The field faults offered are exactly the step's exception routes (the manual one is not a field fault).
    const { order: before } = await adminApi.request(E2eOrderFieldWorkQuery, { id: order.orderId });
    const routes = before!.workOrders.find((wo) => wo.id === order.workOrder.id)!.exceptionTypes.filter((type) => type !== 'MANUAL');
    if (routes.length > 0) {
      await mine.getByTestId('m-result-exception').check();
      await expect(mine.getByTestId('m-exception-type').locator('option')).toHaveCount(routes.length);
      expect(await mine.getByTestId('m-exception-type').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(routes);
    } else {
      await expect(mine.getByTestId('m-result-exception')).toBeDisabled();
    }
    await captureScreen(page, 'installer-mobile-complete-en');
    await mine.getByTestId('m-result-normal').check();
    await mine.getByTestId('m-note').fill('installed, signal good');
    await mine.getByTestId('m-complete-submit').tap();
    await expect(phone.notice).toContainText(`Completed ${order.workOrder.workOrderNo}`);
    await expect(phone.card(order.workOrder.workOrderNo)).toHaveCount(0);

    const { order: read } = await adminApi.request(E2eOrderFieldWorkQuery, { id: order.orderId });
    const done = read!.workOrders.find((wo) => wo.id === order.workOrder.id)!;
    expect(done).toMatchObject({ state: 'COMPLETED', result: 'NORMAL', handler: { staffNo: INSTALLER.staffNo } });
  });
});

test.describe('in Chinese', () => {
  test.use({ who: { login: INSTALLER.login }, language: 'zh-CN' });

  test('the phone view reads in Chinese, with the team’s work orders to claim', async ({ page, adminApi, baseURL }) => {
    const dispatcher = (await loginViaApi(baseURL!, DISPATCHER)).client;
    const order = await orderAtFieldWorkStep(adminApi, dispatcher, GRID);
    // On a phone the home page sends team members to their phone view.
    await page.goto('/');
    await expect(page).toHaveURL(/\/m$/);
    const phone = new InstallerMobilePage(page);
    const card = phone.card(order.workOrder.workOrderNo, phone.toClaim);
    await expect(card).toBeVisible();
    await expect(card.getByTestId('m-claim')).toHaveText('签收');
    await expect(card.getByTestId('m-call')).toHaveText('拨打电话');
    await expect(card.getByTestId('m-navigate')).toHaveText('导航');
    await captureScreen(page, 'installer-mobile-zh-cn');
  });
});

test.describe('location and messages on the phone', () => {
  // Another installer of the same team: this journey's messages and positions are its own.
  const SHARER = 'gz24202';
  test.use({ who: { login: SHARER }, geolocation: { latitude: 23.1631, longitude: 113.3201 }, permissions: ['geolocation'] });

  test('shares the phone’s position with the dispatch map and receives a dispatcher’s message live', async ({ page, baseURL }) => {
    await page.goto('/m');
    const phone = new InstallerMobilePage(page);
    await expect(phone.mine).toBeVisible();
    const share = page.getByTestId('m-share-location');
    await share.tap();
    await expect(share).toHaveAttribute('aria-pressed', 'true');
    // Sent with the next report (every 10 s); the count is what the server accepted.
    await expect(page.getByTestId('m-location-status')).toContainText(/Position sent at .* \([1-9]\d* in all\)/, { timeout: 25_000 });

    const installer = await loginViaApi(baseURL!, SHARER);
    const { viewer } = await installer.client.request(E2eMyStaffIdQuery);
    const dispatcher = (await loginViaApi(baseURL!, DISPATCHER)).client;
    const text = `Call the customer before 10:00 (${Date.now().toString(36)})`;
    const { sendStaffMessage } = await dispatcher.request(E2eSendStaffMessageMutation, { input: { staffIds: [viewer!.staff!.id], text } });
    expect(sendStaffMessage).toMatchObject({ sent: 1, error: null });
    const message = page.getByTestId('m-message').filter({ hasText: text });
    await expect(message).toBeVisible({ timeout: 15_000 });
    await captureScreen(page, 'installer-mobile-message-en');
    await page.getByRole('button', { name: 'Mark as read' }).tap();
    await expect(message).toHaveCount(0);
    const { myStaffMessages } = await installer.client.request(E2eMyUnreadMessagesQuery);
    expect(myStaffMessages.map((m) => m.text)).not.toContain(text);

    await share.tap();
    await expect(share).toHaveAttribute('aria-pressed', 'false');
  });
});
