import { pendingWorkOrderAt, submitCrmOrder } from '../../fixtures/crm-orders.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { E2eOrderWorkOrdersQuery } from '../../fixtures/graphql/order-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { DispatchTodoPage } from '../../pages/dispatch-todo-page.ts';
import { WorkOrderQueuePage } from '../../pages/work-order-queue-page.ts';

const SHIPAI_TEAM = 'Tianhe Shipai installation team';

/** The local `YYYY-MM-DDTHH:mm` of tomorrow at `hour`, as a datetime-local field takes it. */
function tomorrowAt(hour: number): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:00`;
}

test.describe('as the dispatcher', () => {
  test.use({ who: { login: DEMO.dispatcher.login } });

  test('assigns a to-do to a team with an appointment time; it appears in the team’s queue at the appointment step', async ({ page, adminApi, openSession }) => {
    test.setTimeout(120_000);
    const customer = `派单客户${Date.now().toString(36)}`;
    const todo = new DispatchTodoPage(page);
    await todo.goto();
    // A Shipai broadband order arrives while the to-do is open: it appears live once its activations are done.
    const order = await submitCrmOrder(adminApi, { areaCode: 'GZ-TH-01', businessCode: 'BROADBAND_NEW', orderType: 'NEW', customer: { name: customer, address: '天河区石牌西路派单测试1号' } });
    const dispatch = await pendingWorkOrderAt(adminApi, order.id, 'DISPATCH');
    await todo.reveal(dispatch.workOrderNo);

    // Searched by customer; the area filter keeps it in Tianhe and drops it for another district.
    await todo.search.fill(customer);
    await expect(todo.grid.locator('.ag-row')).toHaveCount(1);
    await expect(todo.row(dispatch.workOrderNo).locator('[col-id="address"]')).toHaveText('天河区石牌西路派单测试1号');
    await expect(page.getByTestId('dispatch-todo-count')).toHaveText('1 to do');
    await captureScreen(page, 'dispatch-todo-en');

    const dialog = await todo.openAssignByKeyboard(dispatch.workOrderNo);
    await expect(todo.field('appointment')).toBeFocused();
    await expect(todo.field('customer')).toContainText(customer);
    // The dispatch rules' team is pre-selected; later steps default to the team and to the appointment's claimer.
    await expect(todo.field('team').locator('option:checked')).toHaveText(`${SHIPAI_TEAM} · Tianhe Shipai grid (by the dispatch rules)`);
    await expect(todo.field('members')).toContainText('8 members');
    await expect(todo.step('APPOINTMENT').locator('option:checked')).toHaveText(`The assigned team (${SHIPAI_TEAM})`);
    await expect(todo.step('OUTSIDE_PLANT').locator('option:checked')).toHaveText('Whoever claims Appointment');
    await expect(todo.step('ONSITE_TEST').locator('option:checked')).toHaveText('Whoever claims Appointment');
    // An appointment in the past is refused, with the server's reason, and nothing changes.
    await todo.field('appointment').fill('2020-01-01T09:00');
    await dialog.getByTestId('assign-dispatch-submit').click();
    await expect(dialog.getByRole('alert')).toContainText('APPOINTMENT_IN_PAST');
    await todo.field('appointment').fill(tomorrowAt(10));
    await captureScreen(page, 'dispatch-assign-dialog-en');
    await dialog.getByTestId('assign-dispatch-submit').click();
    await expect(dialog).toBeHidden();
    await expect(todo.message).toHaveText(`${dispatch.workOrderNo} assigned to ${SHIPAI_TEAM}.`);
    await expect(todo.row(dispatch.workOrderNo)).toHaveCount(0);

    // The appointment work order waits in the Shipai team's queue, where its installer sees it.
    const appointment = await pendingWorkOrderAt(adminApi, order.id, 'APPOINTMENT');
    const { order: after } = await adminApi.request(E2eOrderWorkOrdersQuery, { id: order.id });
    expect(after!.workOrders.find((wo) => wo.step.code === 'DISPATCH')?.state).toBe('COMPLETED');
    const installerSession = await openSession({ login: DEMO.installer.login });
    const installer = new WorkOrderQueuePage(installerSession.page);
    await installer.goto('by-position');
    await installer.reveal(appointment.workOrderNo);
    await expect(installer.row(appointment.workOrderNo).locator('[col-id="step"]')).toHaveText('Appointment');
    await expect(installer.row(appointment.workOrderNo).locator('[col-id="state"]')).toHaveText('Pending');
  });
});

test.describe('in Chinese, as the dispatcher', () => {
  test.use({ who: { login: DEMO.dispatcher.login }, language: 'zh-CN' });

  test('the to-do and the assign dialog speak Chinese', async ({ page, adminApi }) => {
    const customer = `中文派单${Date.now().toString(36)}`;
    const order = await submitCrmOrder(adminApi, { areaCode: 'GZ-TH-01', businessCode: 'BROADBAND_NEW', orderType: 'NEW', customer: { name: customer } });
    const dispatch = await pendingWorkOrderAt(adminApi, order.id, 'DISPATCH');
    const todo = new DispatchTodoPage(page);
    await todo.goto();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的待办');
    await todo.search.fill(customer);
    await todo.reveal(dispatch.workOrderNo);
    await captureScreen(page, 'dispatch-todo-zh');
    await todo.openAssignByKeyboard(dispatch.workOrderNo);
    await expect(todo.dialog.getByRole('heading')).toHaveText(`派单 ${dispatch.workOrderNo}`);
    await expect(todo.step('OUTSIDE_PLANT').locator('option:checked')).toHaveText('预约的签收人');
    await captureScreen(page, 'dispatch-assign-dialog-zh');
    await page.keyboard.press('Escape');
    await expect(todo.dialog).toBeHidden();
  });
});
