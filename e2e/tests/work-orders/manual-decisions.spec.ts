import { orderAtAppointmentStep, orderAtStep, pendingWorkOrderAt } from '../../fixtures/crm-orders.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { E2eCompleteWorkOrderMutation, E2eOrderWorkOrdersQuery } from '../../fixtures/graphql/order-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { WorkOrderTaskPage } from '../../pages/work-order-task-page.ts';

test.describe('as the dispatcher', () => {
  test.use({ who: { login: DEMO.dispatcher.login } });

  test('manual assignment: an installation auto-dispatch could not place appears live and goes to the chosen team', async ({ page, session, adminApi }) => {
    const screen = new WorkOrderTaskPage(page);
    await screen.goto('manual-assignment');
    // A district-level order: the seed's installation rules are per grid, so no rule places it.
    const order = await orderAtAppointmentStep(adminApi, session!.client, 'GZ-TH');
    expect(order.positionId).toBeNull();
    await screen.reveal(order.workOrderNo);
    await screen.select(order.workOrderNo);
    const dialog = await screen.openAssign();
    await expect(dialog.getByTestId('assign-position-search')).toBeFocused();
    const list = dialog.getByTestId('assign-position-list');
    // Positions serving Tianhe: its dispatch center and the teams of its four grids; none of another district.
    await expect(list.locator('option')).toHaveCount(5);
    await expect(list).not.toContainText('Yuexiu');
    await dialog.getByTestId('assign-position-search').fill('shipai');
    await expect(list.locator('option')).toHaveCount(1);
    await list.selectOption({ index: 0 });
    await captureScreen(page, 'work-orders-manual-assignment-dialog-en');
    await dialog.getByTestId('assign-submit').click();
    await expect(dialog).toBeHidden();
    await expect(screen.message).toHaveText('Queued 1 work order at Guangzhou Tianhe Shipai grid Installer');
    await expect(screen.row(order.workOrderNo)).toHaveCount(0);
    // The assigned work order left the list: nothing stays selected, so the action cannot run on it twice.
    await expect(page.getByTestId('queue-selection')).toHaveText('');
    await expect(page.getByTestId('action-assign')).toBeDisabled();
    const { order: after } = await adminApi.request(E2eOrderWorkOrdersQuery, { id: order.orderId });
    expect(after!.workOrders.find((wo) => wo.id === order.workOrderId)?.position?.id).toBeTruthy();
    await captureScreen(page, 'work-orders-manual-assignment-en');
  });

  test('manual exception handling: a parked work order is transferred to customer contact and goes back to its queue', async ({ page, session, adminApi }) => {
    const screen = new WorkOrderTaskPage(page);
    await screen.goto('manual-exception');
    const order = await orderAtStep(adminApi, 'GZ-TH-04', 'DISPATCH');
    const { completeWorkOrder } = await session!.client.request(E2eCompleteWorkOrderMutation, { input: { workOrderId: order.workOrderId, exceptionType: 'MANUAL', note: 'customer abroad until next month' } });
    expect(completeWorkOrder.ok, completeWorkOrder.error?.message).toBe(true);
    await screen.reveal(order.workOrderNo);
    await expect(screen.row(order.workOrderNo).locator('[col-id="state"]')).toHaveText('Manual exception');

    await screen.select(order.workOrderNo);
    const dialog = await screen.openHandle();
    // The dispatch-center step has no exception flow of its own: only the two transfers are offered.
    await expect(dialog.getByTestId('manual-exception-PICK_EXCEPTION')).toBeDisabled();
    await expect(dialog.getByTestId('manual-exception-CUSTOMER_CONTACT')).toBeFocused();
    await dialog.getByTestId('manual-exception-CUSTOMER_CONTACT').check();
    await dialog.getByTestId('manual-exception-note').fill('call back on Monday');
    await captureScreen(page, 'work-orders-manual-exception-dialog-en');
    await dialog.getByTestId('manual-exception-submit').click();
    await expect(dialog).toBeHidden();
    await expect(screen.message).toHaveText(`${order.workOrderNo} transferred to customer contact`);
    await expect(screen.row(order.workOrderNo)).toHaveCount(0);
    const back = await pendingWorkOrderAt(adminApi, order.orderId, 'DISPATCH');
    expect(back.id).toBe(order.workOrderId);
    await captureScreen(page, 'work-orders-manual-exception-en');
  });
});

test('manual assignment says clearly when no position can be offered (an order CRM sent without an area)', async ({ page, adminApi }) => {
  const screen = new WorkOrderTaskPage(page);
  await screen.goto('manual-assignment');
  const order = await orderAtStep(adminApi, null, 'DISPATCH');
  await screen.reveal(order.workOrderNo);
  await screen.select(order.workOrderNo);
  const dialog = await screen.openAssign();
  const none = dialog.getByTestId('assign-no-position');
  await expect(none).toContainText('No construction position available');
  await expect(none).toContainText('an order without a business area is served by none');
  await expect(dialog.getByTestId('assign-submit')).toHaveCount(0);
  await captureScreen(page, 'work-orders-manual-assignment-no-position-en');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await screen.reveal(order.workOrderNo);
});
