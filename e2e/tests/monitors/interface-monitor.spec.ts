import { loginViaApi } from '../../fixtures/api-session.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import type { GraphQLClient } from '../../fixtures/graphql-client.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { submitCrmMessage } from '../../fixtures/crm-orders.ts';
import { E2eSubmitCallPermissionCommandsMutation } from '../../fixtures/graphql/billing-documents.ts';
import { E2eInterfaceMonitorQuery } from '../../fixtures/graphql/monitor-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { TEXTS } from '../../fixtures/texts.ts';
import { InterfaceMonitorPage } from '../../pages/interface-monitor-page.ts';

const en = TEXTS.en;

/** The failed count of one interface and kind, as the API counts it now. */
async function failedCount(api: GraphQLClient, name: string, kind: string): Promise<number> {
  const { interfaceMonitor } = await api.request(E2eInterfaceMonitorQuery);
  return interfaceMonitor.find((row) => row.interface === name && row.kind === kind)?.failed ?? 0;
}

test('a refused CRM message is counted as a failed inbound record, with its reason in the list', async ({ page, adminApi }) => {
  const refused = await submitCrmMessage(adminApi, 'XML', '<order><crmOrderCode>E2E-BROKEN</crmOrderCode>');
  expect(refused.state).toBe('FAILED');

  const monitor = new InterfaceMonitorPage(page);
  await monitor.goto();
  await expect(monitor.table).toContainText(en.crmInbound);
  // Every interface is listed, used or not.
  for (const name of ['CRM_INBOUND', 'RESOURCE', 'PROVISIONING', 'CRM_OUTBOUND', 'SWITCH']) {
    await expect(page.locator(`[data-testid="interface-group"][data-interface="${name}"]`)).toHaveCount(1);
  }
  const failed = monitor.failed('CRM_INBOUND', 'ORDER');
  await expect
    .poll(async () => Number(await failed.getAttribute('data-count')) === (await failedCount(adminApi, 'CRM_INBOUND', 'ORDER')))
    .toBe(true);
  await captureScreen(page, 'interface-monitor-en');

  await failed.click();
  await expect(failed).toHaveAttribute('aria-expanded', 'true');
  await expect(monitor.list.getByRole('heading', { level: 2 })).toContainText(en.failedRecords(en.crmInbound));
  const row = monitor.crmMessageRows.and(page.locator(`[data-message-id="${refused.id}"]`));
  await expect(row).toBeVisible();
  await expect(row.getByTestId('failure-reason')).toHaveText(refused.failureReason!);
  await expect(row.getByTestId('failure-reason')).toContainText('XML');
  await captureScreen(page, 'interface-monitor-crm-failures-en');
});

test('a command the switch refused counts as a failed switch command, whose drill-down names the screen that handles it', async ({ page, adminApi, baseURL }) => {
  // A billing user restricts a number the switch does not know: it refuses the command ("invalid number").
  const billing = await loginViaApi(baseURL!, DEMO.billingSenior.login, { staffNo: DEMO.billingSenior.staffNo });
  const submitted = await billing.client.request(E2eSubmitCallPermissionCommandsMutation, { input: { action: 'RESTRICT_INCOMING', phones: ['9900000177'], description: 'e2e: interface monitor' } });
  expect(submitted.submitCallPermissionCommands.error).toBeNull();
  await expect.poll(() => failedCount(adminApi, 'SWITCH', 'RESTRICT_INCOMING'), { timeout: 20_000 }).toBeGreaterThan(0);

  const monitor = new InterfaceMonitorPage(page);
  await monitor.goto();
  const failed = monitor.failed('SWITCH', 'RESTRICT_INCOMING');
  await expect(monitor.row('SWITCH', 'RESTRICT_INCOMING')).toContainText('Restrict incoming calls');
  await expect
    .poll(async () => Number(await failed.getAttribute('data-count')) === (await failedCount(adminApi, 'SWITCH', 'RESTRICT_INCOMING')))
    .toBe(true);
  await failed.click();
  await expect(monitor.list.getByTestId('switch-failures')).toContainText('Failed Restrict incoming calls commands');
  // The system administrator watches the interfaces; the switch's batches are billing's screens.
  await expect(monitor.list.getByTestId('switch-failures-no-menu')).toHaveText('The Call permissions screen is not in your menu: ask whoever runs it.');
  await expect(monitor.list.getByTestId('switch-failures-link')).toHaveCount(0);
  await captureScreen(page, 'interface-monitor-switch-en');
});
