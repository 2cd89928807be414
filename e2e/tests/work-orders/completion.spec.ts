import { orderAtAppointmentStep, pendingWorkOrderAt } from '../../fixtures/crm-orders.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO, generatedInstallerLogin } from '../../fixtures/demo-accounts.ts';
import { E2eDispatchWorkOrdersMutation, E2ePositionStaffQuery } from '../../fixtures/graphql/order-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { WorkOrderQueuePage } from '../../pages/work-order-queue-page.ts';

test.use({ who: { login: DEMO.installer.login } });

/** Dispatches a field work order to a holder of its position, as the dispatcher would. */
async function dispatchTo(dispatcher: Parameters<typeof orderAtAppointmentStep>[1], workOrder: { workOrderId: string; positionId: string | null }, staffNo: string) {
  const { positionStaff } = await dispatcher.request(E2ePositionStaffQuery, { positionId: workOrder.positionId!, search: staffNo });
  const { dispatchWorkOrders } = await dispatcher.request(E2eDispatchWorkOrdersMutation, { input: { workOrderIds: [workOrder.workOrderId], staffId: positionStaff[0].id } });
  expect(dispatchWorkOrders.ok, dispatchWorkOrders.error?.message).toBe(true);
}

test('an exception completion sends the order to the exception flow’s step (wrong address → dispatch center)', async ({ page, openSession, adminApi }) => {
  const dispatcherSession = await openSession({ login: DEMO.dispatcher.login });
  const dispatcherApi = dispatcherSession.session!.client;
  const order = await orderAtAppointmentStep(adminApi, dispatcherApi, 'GZ-TH-01');
  await dispatchTo(dispatcherApi, order, DEMO.installer.staffNo);

  const installer = new WorkOrderQueuePage(page);
  await installer.goto('by-staff');
  await installer.scrollToEnd();
  await installer.select(order.workOrderNo);
  await page.getByTestId('action-complete').click();
  const dialog = page.getByTestId('complete-dialog');
  await expect(dialog.getByTestId('complete-normal')).toBeFocused();
  await dialog.getByTestId('complete-exception').check();
  // The appointment's only exception flow: a wrong address goes back to the dispatch center.
  await expect(dialog.getByTestId('complete-exception-type').locator('option')).toHaveText(['Wrong address']);
  await dialog.getByTestId('complete-exception-type').selectOption({ label: 'Wrong address' });
  await captureScreen(page, 'work-orders-complete-exception-en');
  await dialog.getByTestId('complete-submit').click();
  await expect(dialog).toBeHidden();
  await expect(installer.row(order.workOrderNo)).toHaveCount(0);

  // The seed's exception flow of broadband installation for WRONG_ADDRESS goes back to the dispatch center.
  const redo = await pendingWorkOrderAt(adminApi, order.orderId, 'DISPATCH');
  expect(redo.workOrderNo).not.toBe(order.workOrderNo);
  await installer.openTab('flow');
  await expect(installer.flowStep('Dispatch center')).toHaveClass(/is-in_progress/);
  await expect(installer.flowStep('Appointment')).not.toHaveClass(/is-in_progress/);
});

test('a batch completion reports each work order: completed, or refused and why', async ({ page, openSession, adminApi }) => {
  const dispatcherSession = await openSession({ login: DEMO.dispatcher.login });
  const dispatcherApi = dispatcherSession.session!.client;
  const free1 = await orderAtAppointmentStep(adminApi, dispatcherApi, 'GZ-TH-01');
  const free2 = await orderAtAppointmentStep(adminApi, dispatcherApi, 'GZ-TH-01');
  const taken = await orderAtAppointmentStep(adminApi, dispatcherApi, 'GZ-TH-01');
  // Locked to a colleague of the same team: the installer may not complete it.
  await dispatchTo(dispatcherApi, taken, generatedInstallerLogin(1).toUpperCase());

  const installer = new WorkOrderQueuePage(page);
  await installer.goto('by-position');
  await installer.scrollToEnd();
  await installer.select(free1.workOrderNo);
  for (const wo of [taken, free2]) await installer.addToSelection(wo.workOrderNo);
  const dialog = await installer.batchComplete();
  const summary = dialog.getByTestId('batch-complete-summary');
  await expect(summary).toContainText('2 completed, 1 refused');
  const rows = summary.getByTestId('batch-complete-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: taken.workOrderNo })).toHaveAttribute('data-ok', 'false');
  await expect(rows.filter({ hasText: taken.workOrderNo })).toContainText('NOT_YOUR_WORK_ORDER');
  for (const wo of [free1, free2]) await expect(rows.filter({ hasText: wo.workOrderNo })).toContainText('Completed');
  await captureScreen(page, 'work-orders-batch-complete-summary-en');
  await dialog.getByTestId('batch-complete-close').click();
  await expect(dialog).toBeHidden();
  await expect(installer.message).toHaveText('Batch completion: 2 of 3 completed');
  for (const wo of [free1, free2]) await expect(installer.row(wo.workOrderNo)).toHaveCount(0);
  await installer.reveal(taken.workOrderNo);
});
