import type { GraphQLClient } from '../../fixtures/graphql-client.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { submitCrmOrder } from '../../fixtures/crm-orders.ts';
import { E2eConfigureSimulatorMutation, E2eInterfaceMonitorQuery, E2eOrderProgressQuery } from '../../fixtures/graphql/monitor-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { TEXTS } from '../../fixtures/texts.ts';
import { InterfaceMonitorPage } from '../../pages/interface-monitor-page.ts';

// Exclusive: provisioning refuses every command while this journey runs, which would stall any other
// journey's orders (see playwright.config.ts).

const en = TEXTS.en;

/** The failed count of one interface and kind, as the API counts it now. */
async function failedCount(api: GraphQLClient, name: string, kind: string): Promise<number> {
  const { interfaceMonitor } = await api.request(E2eInterfaceMonitorQuery);
  return interfaceMonitor.find((row) => row.interface === name && row.kind === kind)?.failed ?? 0;
}

/** The state of an order's request of `kind`. */
async function requestState(api: GraphQLClient, orderId: string, kind: string): Promise<string | undefined> {
  const { order } = await api.request(E2eOrderProgressQuery, { id: orderId });
  return order?.interfaceRequests.find((request) => request.kind === kind)?.state;
}

test('a failed provisioning command is re-sent from the monitor and goes through', async ({ page, adminApi }) => {
  const simulator = (failureRate: number, latency: [number, number] = [0, 0], timeoutRate = 0) =>
    adminApi.request(E2eConfigureSimulatorMutation, {
      input: { system: 'PROVISIONING', minLatencyMs: latency[0], maxLatencyMs: latency[1], failureRate, timeoutRate },
    });
  await simulator(1);
  try {
    // A removal's first step deactivates the line through provisioning (NETWORK_MGMT): refused every time.
    const order = await submitCrmOrder(adminApi, { areaCode: 'GZ-YX-01', businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE' });
    await expect.poll(() => requestState(adminApi, order.id, 'NETWORK_MGMT'), { timeout: 30_000 }).toBe('FAILED');
    await simulator(0);

    const monitor = new InterfaceMonitorPage(page);
    await monitor.goto();
    const failed = monitor.failed('PROVISIONING', 'NETWORK_MGMT');
    await expect(failed).toHaveAttribute('data-count', String(await failedCount(adminApi, 'PROVISIONING', 'NETWORK_MGMT')));
    await failed.click();
    const row = monitor.requestRows.and(page.locator(`[data-order-no="${order.orderNo}"]`));
    await expect(row).toBeVisible();
    await expect(row).toContainText('NETWORK_MGMT');
    await captureScreen(page, 'interface-monitor-failed-requests-en');

    await row.getByRole('button', { name: new RegExp(`^${en.resend} .* ${order.orderNo}$`) }).click();
    await expect(monitor.resendOutcome).toHaveAttribute('data-state', 'ok');
    await expect(monitor.resendOutcome).toContainText(en.queuedAgain);
    await expect.poll(() => requestState(adminApi, order.id, 'NETWORK_MGMT'), { timeout: 30_000 }).toBe('SUCCEEDED');
    // Read again (the button, not the 10 s timer): the request has left the failing records.
    await monitor.refresh.click();
    await expect(row).toHaveCount(0);
  } finally {
    // Back to the built-in defaults (OPENIOM_SIMULATOR_*), for the journeys that follow.
    await simulator(0.05, [50, 300], 0.02);
  }
});
