import type { Page } from '@playwright/test';
import type { GraphQLClient } from '../../fixtures/graphql-client.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { E2eConfigureSimulatorMutation } from '../../fixtures/graphql/monitor-documents.ts';
import { expect, test } from '../../fixtures/test.ts';

/**
 * The month's bill file: 16 numbers owe more than 100.00 (one of them unknown to the switch), 4 owe
 * less, and 3 lines are bad (the import reports them and loads the rest).
 */
const UNKNOWN_TO_SWITCH = ['9900000100'];
const OWING = [...Array.from({ length: 15 }, (_, i) => `1391400${String(i + 1).padStart(4, '0')}`), ...UNKNOWN_TO_SWITCH];
const IN_ARREARS = OWING.length;
const BILL_FILE = [
  ...OWING.map((phone, i) => `${phone} ${150 + i}.00`),
  ...Array.from({ length: 4 }, (_, i) => `1391409${String(i + 1).padStart(4, '0')} 20.00`),
  '13914099999 abc',
  'not-a-number 5.00',
  `${OWING[0]} 7.00`,
].join('\n');

/** The switch simulator: latency in ms and the share of commands it never answers. */
function setSwitch(api: GraphQLClient, timeoutRate: number, latency: [number, number] = [200, 1200]) {
  return api.request(E2eConfigureSimulatorMutation, { input: { system: 'SWITCH', minLatencyMs: latency[0], maxLatencyMs: latency[1], failureRate: 0, timeoutRate } });
}

const count = (page: Page, key: string) => page.getByTestId('switch-batch-results').getByTestId(`count-${key}`);
const countOf = async (page: Page, key: string) => Number(await count(page, key).textContent());

test.use({ who: DEMO.billingSenior });

test.afterEach(async ({ adminApi }) => {
  // Back to the server's defaults (OPENIOM_SWITCH_*), so other journeys meet the usual switch.
  await adminApi.request(E2eConfigureSimulatorMutation, { input: { system: 'SWITCH', minLatencyMs: 200, maxLatencyMs: 2000, failureRate: 0.02, timeoutRate: 0.03 } });
});

test('imports a bill file with bad lines, suspends the numbers in arrears, sees the outcomes arrive live and re-sends the not-completed ones', async ({ page, adminApi, openSession }) => {
  // A month no other journey touches, different on each run.
  const MONTH = `20${60 + (Date.now() % 30)}-${String(1 + (Date.now() % 12)).padStart(2, '0')}`;
  await page.goto('/billing/imports');
  await page.getByTestId('bill-import-month').fill(MONTH);
  await page.getByTestId('bill-import-format').selectOption({ label: 'SPACE · 空格分隔帐单' });
  await page.getByTestId('bill-import-file').setInputFiles({ name: 'bills.txt', mimeType: 'text/plain', buffer: Buffer.from(`${BILL_FILE}\n`) });
  await page.getByTestId('bill-import-start').click();
  await expect(page.getByTestId('bill-import-summary')).toHaveAttribute('data-state', 'SUCCEEDED');
  await expect(page.getByTestId('bill-import-counts')).toHaveText(`23 lines read, ${IN_ARREARS + 4} loaded, 3 bad`);
  await expect(page.locator('[data-testid="bill-import-problem"][data-line="21"]')).toContainText('amount "abc"');
  await expect(page.locator('[data-testid="bill-import-problem"][data-line="22"]')).toContainText('phone number "not-a-number"');
  await expect(page.locator('[data-testid="bill-import-problem"][data-line="23"]')).toContainText(`number ${OWING[0]} already on line 1`);

  // Half the commands go unanswered: those end not completed after the (e2e: 3 s) answer time.
  await setSwitch(adminApi, 0.5);
  await page.goto('/billing/arrears');
  await expect(page.getByTestId('switch-batch-history-ready')).toBeVisible();

  await page.getByTestId('switch-batch-action').selectOption('SUSPEND');
  await page.getByTestId('switch-batch-source-MONTH').check();
  await page.getByTestId('switch-batch-month').fill(MONTH);
  await page.getByTestId('switch-batch-amount').fill('100');
  await expect(page.getByTestId('arrears-preview')).toHaveAttribute('data-numbers', String(IN_ARREARS));
  await expect(page.getByTestId('arrears-preview')).toContainText(`${IN_ARREARS} numbers owe more than 100.00 in ${MONTH}`);
  await captureScreen(page, 'arrears-form-en');
  await page.getByTestId('switch-batch-submit').click();

  // Submitted vs accepted, then the outcomes arrive over the subscription (the page never reloads).
  const results = page.getByTestId('switch-batch-results');
  await expect(results).toBeVisible();
  await expect(count(page, 'submitted')).toHaveText(String(IN_ARREARS));
  await expect(results).toContainText(`arrears ${MONTH} over 100.00`);
  await expect.poll(() => countOf(page, 'succeeded'), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(count(page, 'waiting')).toHaveText('0', { timeout: 20_000 });
  const notCompleted = await countOf(page, 'notCompleted');
  expect(notCompleted).toBeGreaterThan(0);
  expect((await countOf(page, 'succeeded')) + (await countOf(page, 'failed')) + notCompleted).toBe(IN_ARREARS);
  expect(await countOf(page, 'accepted')).toBe(await countOf(page, 'succeeded'));

  // The not-completed ones, with why.
  await page.getByTestId('outcome-tab-NOT_COMPLETED').click();
  await expect(page.getByTestId('outcome-tab-NOT_COMPLETED')).toHaveAttribute('aria-selected', 'true');
  const rows = page.getByTestId('switch-command-row');
  await expect(rows.first()).toHaveAttribute('data-state', 'NOT_COMPLETED');
  await expect(rows.first()).toContainText('no confirmation from the switch within 3 s');
  await captureScreen(page, 'arrears-not-completed-en');

  // A viewer (normal billing operator) sees the same results but cannot send or re-send.
  const viewer = await openSession(DEMO.billingViewer);
  const batchId = await results.getAttribute('data-batch-id');
  await viewer.page.goto(`/billing/arrears?batch=${batchId}`);
  await expect(viewer.page.getByTestId('switch-batch-results')).toBeVisible();
  await expect(viewer.page.getByTestId('switch-batch-read-only')).toBeVisible();
  await expect(viewer.page.getByTestId('switch-batch-form')).toHaveCount(0);
  await expect(viewer.page.getByTestId('count-notCompleted')).toHaveText(String(notCompleted));
  await expect(viewer.page.getByTestId('resend-not-completed')).toHaveCount(0);

  // The switch answers again: re-send the not-completed; the unknown numbers fail with the switch's reason.
  await setSwitch(adminApi, 0, [100, 600]);
  await page.getByTestId('resend-not-completed').click();
  await expect(page.getByTestId('resend-notice')).toContainText(`${notCompleted} commands queued again`);
  await expect(count(page, 'notCompleted')).toHaveText('0', { timeout: 15_000 });
  await expect(count(page, 'waiting')).toHaveText('0', { timeout: 15_000 });
  await expect(count(page, 'failed')).toHaveText(String(UNKNOWN_TO_SWITCH.length));
  await expect(count(page, 'succeeded')).toHaveText(String(IN_ARREARS - UNKNOWN_TO_SWITCH.length));
  await expect(page.getByTestId('resend-not-completed')).toHaveCount(0);
  // The viewer's page followed live too.
  await expect(viewer.page.getByTestId('count-succeeded')).toHaveText(String(IN_ARREARS - UNKNOWN_TO_SWITCH.length));

  await page.getByTestId('outcome-tab-FAILED').click();
  await expect(rows).toHaveCount(UNKNOWN_TO_SWITCH.length);
  for (const phone of UNKNOWN_TO_SWITCH) {
    await expect(page.locator(`[data-testid="switch-command-row"][data-phone="${phone}"]`)).toContainText(`invalid number ${phone}`);
  }
  await captureScreen(page, 'arrears-results-en');
  // The batch is in the history.
  await expect(page.locator(`[data-testid="switch-batch-row"][data-batch-id="${batchId}"]`)).toContainText(`arrears ${MONTH} over 100.00`);
});

test('restricts outgoing calls of numbers typed and loaded from a file; refuses entries that are not numbers', async ({ page, adminApi }) => {
  await setSwitch(adminApi, 0, [100, 400]);
  await page.goto('/billing/call-permissions');
  await expect(page.getByTestId('switch-batch-history-ready')).toBeVisible();
  await page.getByTestId('switch-batch-action').selectOption('RESTRICT_OUTGOING');

  // A line that cannot be a number: nothing is sent, the line is named.
  await page.getByTestId('switch-batch-numbers').fill('02087650001\n020 8765 0002\n');
  await page.getByTestId('switch-batch-submit').click();
  await expect(page.getByTestId('switch-batch-error')).toContainText('line 2 "020 8765 0002"');

  // A file replaces the list: one number per line, blanks and repeats skipped.
  await page.getByTestId('switch-batch-file').setInputFiles({ name: 'bar-outgoing.txt', mimeType: 'text/plain', buffer: Buffer.from('02087650001\n\n02087650002\n02087650001\n0208\n') });
  await expect(page.getByTestId('switch-batch-file-note')).toContainText('bar-outgoing.txt: 4 numbers loaded');
  await page.getByTestId('switch-batch-description').fill('e2e: bar outgoing');
  await page.getByTestId('switch-batch-submit').click();
  await expect(count(page, 'submitted')).toHaveText('3');
  await expect(count(page, 'waiting')).toHaveText('0', { timeout: 15_000 });
  await expect(count(page, 'succeeded')).toHaveText('2');
  await expect(count(page, 'failed')).toHaveText('1');
  await page.getByTestId('outcome-tab-FAILED').click();
  await expect(page.locator('[data-testid="switch-command-row"][data-phone="0208"]')).toContainText('invalid number 0208');
  await captureScreen(page, 'call-permissions-results-en');
});
