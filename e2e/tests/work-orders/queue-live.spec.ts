import { orderAtStep } from '../../fixtures/crm-orders.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { expect, test } from '../../fixtures/test.ts';
import { ROW_CLICK } from '../../pages/grid-rows.ts';
import { WorkOrderQueuePage } from '../../pages/work-order-queue-page.ts';

test.use({ who: { login: DEMO.dispatcher.login } });

test('a dispatcher completes the dispatch-center step; the installer sees the appointment work order appear live, and the flow monitor follows', async ({ page, openSession, adminApi }) => {
  // Two browsers and an order through its automatic steps: slow when the machine is busy.
  test.setTimeout(120_000);
  const dispatcher = new WorkOrderQueuePage(page);
  await dispatcher.goto('by-position');
  const installerSession = await openSession({ login: DEMO.installer.login });
  const installer = new WorkOrderQueuePage(installerSession.page);
  await installer.goto('by-position');
  // Neither screen may reload: the rows change in place.
  for (const p of [page, installerSession.page]) await p.evaluate(() => Object.assign(window, { __e2eNoReload: true }));

  // CRM sends a broadband order for the Shipai grid; resource and provisioning steps run by themselves,
  // then it waits at the Tianhe dispatch center.
  const order = await orderAtStep(adminApi, 'GZ-TH-01', 'DISPATCH');
  await dispatcher.reveal(order.workOrderNo);
  await dispatcher.select(order.workOrderNo);
  await dispatcher.openTab('flow');
  await expect(dispatcher.flowStep('Dispatch center')).toHaveClass(/is-in_progress/);
  await expect(dispatcher.flowStep('Port assignment')).toHaveClass(/is-done/);
  await expect(dispatcher.flowStep('Appointment')).toHaveClass(/is-not_reached/);
  await dispatcher.flowStep('Appointment').click();
  await expect(page.getByTestId('flow-step-details')).toContainText('not dispatched yet');
  await captureScreen(page, 'work-orders-by-position-flow-en');

  await dispatcher.completeNormally();
  await expect(dispatcher.message).toContainText(`Completed ${order.workOrderNo}`);
  await expect(dispatcher.row(order.workOrderNo)).toHaveCount(0);

  // The appointment work order (the first field step) reaches the grid's installation team without a reload.
  const installRow = installer.row(`${order.orderNo}-APPOINTMENT`);
  await installer.reveal(`${order.orderNo}-APPOINTMENT`);
  await installRow.locator('[col-id="step"]').click(ROW_CLICK);
  await installer.openTab('flow');
  await expect(installer.flowStep('Appointment')).toHaveClass(/is-in_progress/);
  await expect(installer.flowStep('Dispatch center')).toHaveClass(/is-done/);
  await installer.completeNormally();
  await expect(installRow).toHaveCount(0);

  for (const p of [page, installerSession.page]) expect(await p.evaluate(() => (window as { __e2eNoReload?: boolean }).__e2eNoReload)).toBe(true);
});
