import { orderAtAppointmentStep, orderAtStep } from '../../fixtures/crm-orders.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { E2eOrderWorkOrdersQuery } from '../../fixtures/graphql/order-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { WorkOrderQueuePage } from '../../pages/work-order-queue-page.ts';

test.use({ who: { login: DEMO.dispatcher.login } });

const SHIPAI_INSTALLERS = 'Guangzhou Tianhe Shipai grid Installer';

test('a dispatcher dispatches a batch to an installer, who sees it appear live and completes one; the dispatcher’s flow monitor follows', async ({ page, session, openSession, adminApi }) => {
  // Two orders walk through their automatic steps first (simulated resource and provisioning systems).
  test.setTimeout(120_000);
  // Two broadband orders of the Shipai grid, past the dispatch center: their appointment work orders
  // wait in the Shipai installation team's queue.
  const first = await orderAtAppointmentStep(adminApi, session!.client, 'GZ-TH-01');
  const second = await orderAtAppointmentStep(adminApi, session!.client, 'GZ-TH-01');

  const dispatcher = new WorkOrderQueuePage(page);
  await dispatcher.goto('by-position');
  await dispatcher.choosePosition(SHIPAI_INSTALLERS);
  const installerSession = await openSession({ login: DEMO.installer.login });
  const installer = new WorkOrderQueuePage(installerSession.page);
  await installer.goto('by-staff');
  for (const p of [page, installerSession.page]) await p.evaluate(() => Object.assign(window, { __e2eNoReload: true }));
  await expect(installer.row(first.workOrderNo)).toHaveCount(0);

  await dispatcher.scrollToEnd();
  await dispatcher.select(first.workOrderNo);
  await dispatcher.addToSelection(second.workOrderNo);
  await expect(page.getByTestId('queue-selection')).toHaveText('2 selected');
  const dialog = await dispatcher.openDispatch();
  await expect(dialog.root.getByRole('heading')).toHaveText('Dispatch 2 work orders');
  await expect(dialog.root.getByTestId('dispatch-work-orders')).toContainText(first.workOrderNo);
  await expect(dialog.root.getByTestId('dispatch-work-orders')).toContainText(second.workOrderNo);
  // The first field has the focus; the staff list comes from the API and narrows as one types.
  await expect(dialog.root.getByTestId('dispatch-staff-search')).toBeFocused();
  await expect(dialog.root.getByTestId('dispatch-staff-list').locator('option')).toHaveCount(8);
  await captureScreen(page, 'work-orders-dispatch-dialog-en');
  await dialog.pickStaff(DEMO.installer.staffNo);
  await dialog.submit();
  await expect(dialog.root).toBeHidden();
  await expect(dispatcher.message).toHaveText('Dispatched 2 work orders to 王装维');
  for (const wo of [first, second]) {
    await expect(dispatcher.row(wo.workOrderNo).locator('[col-id="handler"]')).toContainText(DEMO.installer.staffNo);
    await expect(dispatcher.row(wo.workOrderNo).locator('[col-id="state"]')).toHaveText('In progress');
    // They reach the installer's own queue without a reload.
    await installer.reveal(wo.workOrderNo);
  }

  // The dispatcher watches the first order's flow while the installer completes it.
  await dispatcher.select(first.workOrderNo);
  await dispatcher.openTab('flow');
  await expect(dispatcher.flowStep('Appointment')).toHaveClass(/is-in_progress/);
  await installer.select(first.workOrderNo);
  await installer.completeNormally();
  await expect(installer.row(first.workOrderNo)).toHaveCount(0);
  await installer.reveal(second.workOrderNo);
  await expect(dispatcher.flowStep('Appointment')).toHaveClass(/is-done/);
  // Whoever handles the appointment handles the outside-plant work: it goes straight to the installer.
  await expect(dispatcher.flowStep('Outside-plant work')).toHaveClass(/is-in_progress/);
  const { order: moved } = await adminApi.request(E2eOrderWorkOrdersQuery, { id: first.orderId });
  const outsidePlant = moved!.workOrders.find((wo) => wo.step.code === 'OUTSIDE_PLANT');
  expect(outsidePlant?.state).toBe('IN_PROGRESS');
  await installer.reveal(outsidePlant!.workOrderNo);
  await expect(dispatcher.row(first.workOrderNo)).toHaveCount(0);

  for (const p of [page, installerSession.page]) expect(await p.evaluate(() => (window as { __e2eNoReload?: boolean }).__e2eNoReload)).toBe(true);
});

test('a batch dispatch across positions shows the server’s MIXED_POSITIONS refusal and changes nothing', async ({ page, session, adminApi }) => {
  const atDispatchCenter = await orderAtStep(adminApi, 'GZ-TH-03', 'DISPATCH');
  const atInstallation = await orderAtAppointmentStep(adminApi, session!.client, 'GZ-TH-03');

  const dispatcher = new WorkOrderQueuePage(page);
  await dispatcher.goto('by-position');
  await dispatcher.choosePosition('All positions of my area');
  await dispatcher.scrollToEnd();
  await dispatcher.select(atDispatchCenter.workOrderNo);
  await dispatcher.addToSelection(atInstallation.workOrderNo);
  const dialog = await dispatcher.openDispatch();
  await expect(dialog.warning).toHaveText('The selection spans 2 positions; batch dispatch needs work orders of one position.');
  await dialog.pickFirstStaff();
  await dialog.submit();
  await expect(dialog.error).toContainText('MIXED_POSITIONS');
  await expect(dialog.error).toContainText(atDispatchCenter.workOrderNo);
  await expect(dialog.root).toBeVisible();
  await captureScreen(page, 'work-orders-dispatch-mixed-en');
  await page.keyboard.press('Escape');
  await expect(dialog.root).toBeHidden();

  for (const wo of [atDispatchCenter, atInstallation]) {
    const { order } = await adminApi.request(E2eOrderWorkOrdersQuery, { id: wo.orderId });
    expect(order!.workOrders.find((w) => w.id === wo.workOrderId)?.state).toBe('PENDING');
    await expect(dispatcher.row(wo.workOrderNo).locator('[col-id="handler"]')).toHaveText('');
  }
});
