import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { expect, test } from '../../fixtures/test.ts';

test.use({ who: { login: DEMO.billingSenior.login } });

test('a bill file with bad lines is imported: the good lines load, each bad line is listed with its number and reason, the counts add up', async ({ page }) => {
  // A month no other journey touches, different on each run (re-importing would replace it anyway).
  const month = `20${40 + (Date.now() % 50)}-0${1 + (Date.now() % 9)}`;
  await page.goto('/billing/imports');
  await page.getByTestId('bill-import-month').fill(month);
  await page.getByTestId('bill-import-format').selectOption({ label: 'SPACE · 空格分隔帐单' });
  const lines = ['13912000001 10.50', '13912000002 abc', '1391200000X 3', '13912000003 -2', '13912000001 8', '13912000004'];
  await page.getByTestId('bill-import-file').setInputFiles({ name: 'bills.txt', mimeType: 'text/plain', buffer: Buffer.from(`${lines.join('\n')}\n`) });
  await page.getByTestId('bill-import-start').click();
  const summary = page.getByTestId('bill-import-summary');
  await expect(summary).toHaveAttribute('data-state', 'SUCCEEDED');
  await expect(page.getByTestId('bill-import-counts')).toHaveText('6 lines read, 2 loaded, 4 bad');
  const problems = page.getByTestId('bill-import-problem');
  await expect(problems).toHaveCount(4);
  await expect(problems.nth(0)).toContainText('2');
  await expect(problems.nth(0)).toContainText('amount "abc" is not a number with at most 2 decimal places');
  await expect(page.locator('[data-testid="bill-import-problem"][data-line="3"]')).toContainText('phone number "1391200000X" is not 5–15 digits');
  await expect(page.locator('[data-testid="bill-import-problem"][data-line="5"]')).toContainText('number 13912000001 already on line 1');
  await expect(page.locator('[data-testid="bill-import-problem"][data-line="6"]')).toContainText('1 field; the amount is field 2');
  await expect(page.getByTestId('bill-import-row').first()).toContainText('in force');
  await captureScreen(page, 'bill-import-report');
  // The month's bills as they stand now: the two good lines.
  await page.getByTestId('bill-import-bills-link').click();
  await expect(page).toHaveURL(new RegExp(`/billing/bills\\?month=${month}$`));
  await expect(page.getByTestId('bill-row')).toHaveCount(2);
  await expect(page.locator('[data-testid="bill-row"][data-phone="13912000003"]').getByTestId('bill-amount')).toHaveText('-2.00');
});

test.describe('a billing normal user', () => {
  test.use({ who: DEMO.billingViewer });

  test('has no bill-import screen (it needs billing:operate)', async ({ page }) => {
    await page.goto('/billing/imports?month=2026-11');
    await expect(page.getByTestId('no-permission')).toContainText('billing:operate');
    await expect(page.getByTestId('bill-import-file')).toHaveCount(0);
  });
});
