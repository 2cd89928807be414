import { orderAtAppointmentStep, orderAtStep } from '../../fixtures/crm-orders.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { E2eCompleteWorkOrderMutation } from '../../fixtures/graphql/order-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { WorkOrderQueuePage } from '../../pages/work-order-queue-page.ts';
import { WorkOrderTaskPage } from '../../pages/work-order-task-page.ts';

test.use({ language: 'zh-CN' });

test.describe('in Chinese, as the dispatcher', () => {
  test.use({ who: { login: DEMO.dispatcher.login } });

  test('the dispatch, batch-completion, manual-assignment and manual-exception screens speak Chinese', async ({ page, session, adminApi }) => {
    test.setTimeout(120_000);
    const dispatcherApi = session!.client;
    const waiting = await orderAtAppointmentStep(adminApi, dispatcherApi, 'GZ-TH');
    const installs = [await orderAtAppointmentStep(adminApi, dispatcherApi, 'GZ-TH-02'), await orderAtAppointmentStep(adminApi, dispatcherApi, 'GZ-TH-02')];
    const parked = await orderAtStep(adminApi, 'GZ-TH-02', 'DISPATCH');
    const { completeWorkOrder } = await dispatcherApi.request(E2eCompleteWorkOrderMutation, { input: { workOrderId: parked.workOrderId, exceptionType: 'MANUAL' } });
    expect(completeWorkOrder.ok).toBe(true);

    const queue = new WorkOrderQueuePage(page);
    await queue.goto('by-position');
    await queue.choosePosition('五山');
    await queue.scrollToEnd();
    await queue.select(installs[0].workOrderNo);
    await queue.addToSelection(installs[1].workOrderNo);
    const dispatch = await queue.openDispatch();
    await expect(dispatch.root.getByRole('heading')).toHaveText('派发 2 张工单');
    await expect(dispatch.root.getByTestId('dispatch-staff-list').locator('option').first()).toBeAttached();
    await captureScreen(page, 'work-orders-dispatch-dialog-zh');
    await dispatch.close();
    // The dispatcher holds no installation position: the batch completion refuses both, each with its reason.
    const batch = await queue.batchComplete();
    await expect(batch.getByTestId('batch-complete-summary')).toContainText('成功 0 张，失败 2 张');
    await captureScreen(page, 'work-orders-batch-complete-summary-zh');
    await page.keyboard.press('Escape');

    const assignment = new WorkOrderTaskPage(page);
    await assignment.goto('manual-assignment');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('人工派施工岗位');
    await assignment.scrollToEnd();
    await assignment.select(waiting.workOrderNo);
    const assign = await assignment.openAssign();
    await expect(assign.getByTestId('assign-position-list').locator('option').first()).toBeAttached();
    await captureScreen(page, 'work-orders-manual-assignment-dialog-zh');
    await page.keyboard.press('Escape');
    await captureScreen(page, 'work-orders-manual-assignment-zh');

    const exceptions = new WorkOrderTaskPage(page);
    await exceptions.goto('manual-exception');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('人工异常处理');
    await exceptions.scrollToEnd();
    await exceptions.select(parked.workOrderNo);
    await captureScreen(page, 'work-orders-manual-exception-zh');
    const handle = await exceptions.openHandle();
    await expect(handle.getByLabel('转客户联系')).toBeChecked();
    await captureScreen(page, 'work-orders-manual-exception-dialog-zh');
    await page.keyboard.press('Escape');
  });
});

test('in Chinese, manual assignment says no construction position is available for an order without area', async ({ page, adminApi }) => {
  const order = await orderAtStep(adminApi, null, 'DISPATCH');
  const screen = new WorkOrderTaskPage(page);
  await screen.goto('manual-assignment');
  await screen.scrollToEnd();
  await screen.select(order.workOrderNo);
  const dialog = await screen.openAssign();
  await expect(dialog.getByTestId('assign-no-position')).toContainText('没有可派的施工岗位');
  await captureScreen(page, 'work-orders-manual-assignment-no-position-zh');
});
