import type { GraphQLClient } from '../../fixtures/graphql-client.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { pendingWorkOrderAt, submitCrmOrder } from '../../fixtures/crm-orders.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { E2eOrderActivationQuery, E2eResendInterfaceRequestMutation } from '../../fixtures/graphql/activation-documents.ts';
import { E2eConfigureSimulatorMutation } from '../../fixtures/graphql/monitor-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { WorkOrderQueuePage } from '../../pages/work-order-queue-page.ts';

// Exclusive: provisioning refuses every command while this journey runs, which would stall any other
// journey's orders (see playwright.config.ts).

// The district's dispatchers review activation failures and activate offline (the seed's dispatch rules).
test.use({ who: { login: DEMO.dispatcher.login } });

const provisioning = (api: GraphQLClient, failureRate: number, latency: [number, number] = [0, 0], timeoutRate = 0) =>
  api.request(E2eConfigureSimulatorMutation, { input: { system: 'PROVISIONING', minLatencyMs: latency[0], maxLatencyMs: latency[1], failureRate, timeoutRate } });

/**
 * A broadband install whose network activation (综合网管) failed three times: at its failure review.
 * Provisioning refuses everything meanwhile, then is back to the built-in defaults (OPENIOM_SIMULATOR_*).
 */
async function orderAtFailureReview(api: GraphQLClient, customer: string) {
  await provisioning(api, 1);
  try {
    const order = await submitCrmOrder(api, { areaCode: 'GZ-TH-01', businessCode: 'BROADBAND_NEW', orderType: 'NEW', customer: { name: customer } });
    const review = await pendingWorkOrderAt(api, order.id, 'ACTIVATION_REVIEW');
    return { ...order, review };
  } finally {
    await provisioning(api, 0.05, [50, 300], 0.02);
  }
}

/** Lets the broadband machine room's command through: re-sent if it failed while provisioning refused everything. */
async function machineRoomDone(api: GraphQLClient, orderId: string) {
  const state = async () => (await api.request(E2eOrderActivationQuery, { id: orderId })).order!.interfaceRequests.find((r) => r.kind === 'BB_ROOM')!;
  await expect.poll(async () => (await state()).state, { timeout: 30_000 }).toMatch(/^(SUCCEEDED|FAILED)$/);
  const request = await state();
  if (request.state === 'FAILED') expect((await api.request(E2eResendInterfaceRequestMutation, { input: { id: request.id } })).resendInterfaceRequest.ok).toBe(true);
}

test('a thrice-failed activation is reviewed, activated offline with the order’s port, and the order goes on to the dispatch center', async ({ page, adminApi }) => {
  test.setTimeout(120_000);
  const order = await orderAtFailureReview(adminApi, 'E2E 线下激活用户');
  await machineRoomDone(adminApi, order.id);
  const { order: before } = await adminApi.request(E2eOrderActivationQuery, { id: order.id });
  expect(before!.workOrders.find((wo) => wo.step.code === 'NETWORK')).toMatchObject({ state: 'COMPLETED', result: 'ACTIVATION_FAILED' });
  const port = before!.demand.find((row) => row.key === 'port')!.value;
  const device = port.split('/')[0];

  const queue = new WorkOrderQueuePage(page);
  await queue.goto('by-position');
  await test.step('the review offers offline activation (normal), a retry or a rejection to CRM', async () => {
    await queue.select(order.review.workOrderNo);
    await page.getByTestId('action-complete').click();
    const dialog = page.getByTestId('complete-dialog');
    await dialog.getByTestId('complete-exception').check();
    await expect(dialog.getByTestId('complete-exception-type').locator('option')).toHaveText(['Retry automatic activation', 'Reject to CRM (ends the order)']);
    await dialog.getByTestId('complete-normal').check();
    await dialog.getByTestId('complete-submit').click();
    await expect(dialog).toBeHidden();
  });

  const offline = await pendingWorkOrderAt(adminApi, order.id, 'OFFLINE_ACTIVATION');
  await test.step('offline activation refuses a port that is not the order’s, then goes through', async () => {
    await queue.select(offline.workOrderNo);
    await page.getByTestId('action-complete').click();
    const dialog = page.getByTestId('complete-dialog');
    const fields = dialog.getByTestId('complete-offline-activation');
    await expect(fields).toContainText(`port ${port} on ${device}`);
    await fields.getByTestId('complete-offline-device').fill(device);
    await fields.getByTestId('complete-offline-port').fill(`${device}/9/9/99`);
    await fields.getByTestId('complete-offline-vlan').fill('1024');
    await dialog.getByTestId('complete-submit').click();
    await expect(dialog.getByRole('alert')).toContainText(`Port ${device}/9/9/99 is not the port the resource system assigned (${port}). (PORT_MISMATCH)`);
    await captureScreen(page, 'activation-offline-refused-en');
    await fields.getByTestId('complete-offline-port').fill(port);
    await dialog.getByTestId('complete-submit').click();
    await expect(dialog).toBeHidden();
  });

  // Both activations done (the machine room's automatically, network management's by hand): the join opens.
  await pendingWorkOrderAt(adminApi, order.id, 'DISPATCH');
  const { order: after } = await adminApi.request(E2eOrderActivationQuery, { id: order.id });
  expect(Object.fromEntries(after!.demand.filter((row) => row.key.startsWith('activation')).map((row) => [row.key, row.value]))).toEqual({
    activationMode: 'OFFLINE', activationDevice: device, activationPort: port, activationVlan: '1024',
  });
  await queue.openTab('flow');
  await expect(queue.flowStep('Offline activation')).not.toHaveClass(/is-in_progress/);
  await captureScreen(page, 'activation-flow-en');
});

test('an order whose activation cannot be done is rejected to CRM with the reason', async ({ page, adminApi }) => {
  test.setTimeout(120_000);
  const order = await orderAtFailureReview(adminApi, 'E2E 驳回用户');
  const queue = new WorkOrderQueuePage(page);
  await queue.goto('by-position');
  await queue.select(order.review.workOrderNo);
  await page.getByTestId('action-complete').click();
  const dialog = page.getByTestId('complete-dialog');
  await dialog.getByTestId('complete-exception').check();
  await dialog.getByTestId('complete-exception-type').selectOption({ label: 'Reject to CRM (ends the order)' });
  await dialog.getByTestId('complete-submit').click();
  // The reason is required (the browser's own check stops an empty one; the server would refuse it too).
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Reason (sent to CRM)').fill('小区无光纤覆盖，无法开通');
  await captureScreen(page, 'activation-reject-en');
  await dialog.getByTestId('complete-submit').click();
  await expect(dialog).toBeHidden();
  await expect(queue.row(order.review.workOrderNo)).toHaveCount(0);

  await expect.poll(async () => (await adminApi.request(E2eOrderActivationQuery, { id: order.id })).order!.interfaceRequests.find((r) => r.kind === 'REJECTION_NOTICE')?.state, { timeout: 30_000 }).toBe('SUCCEEDED');
  const { order: rejected } = await adminApi.request(E2eOrderActivationQuery, { id: order.id });
  expect(rejected).toMatchObject({ state: 'REJECTED', rejectReason: '小区无光纤覆盖，无法开通' });
  expect(rejected!.workOrders.filter((wo) => ['PENDING', 'IN_PROGRESS'].includes(wo.state))).toEqual([]);
});
