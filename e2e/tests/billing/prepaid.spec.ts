import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { expect, test } from '../../fixtures/test.ts';

test.use({ who: { login: DEMO.billingSenior.login, staffNo: DEMO.billingSenior.staffNo } });

test('a senior billing operator opens a prepaid account, tops it up and sees the balance and its history', async ({ page }) => {
  // A number no other run uses: 11 digits starting 17.
  const phone = `17${String(Date.now()).slice(-9)}`;
  await page.goto('/billing/prepaid');
  await expect(page.getByTestId('prepaid-table')).toBeVisible();
  await expect(page.getByTestId('prepaid-limit')).toContainText('0.00');

  await page.getByTestId('prepaid-new').click();
  await page.getByTestId('prepaid-account-phone').fill(phone);
  await page.getByTestId('prepaid-account-name').fill('测试用户');
  await page.getByTestId('prepaid-account-credit').fill('10');
  await captureScreen(page, 'prepaid-account-dialog-en');
  await page.getByTestId('prepaid-account-submit').click();
  await expect(page.getByTestId('prepaid-notice')).toContainText(phone);

  // Find it and top it up.
  await page.getByTestId('prepaid-search').fill(phone);
  const row = page.locator(`[data-testid="prepaid-row"][data-phone="${phone}"]`);
  await expect(row.getByTestId('prepaid-balance')).toHaveText('0.00');
  await row.getByTestId('prepaid-top-up').click();
  await page.getByTestId('prepaid-top-up-amount').fill('1.234');
  await page.getByTestId('prepaid-top-up-note').fill('现金');
  await page.getByTestId('prepaid-top-up-submit').click();
  await expect(page.getByTestId('prepaid-top-up-error')).toContainText('amount');
  await page.getByTestId('prepaid-top-up-amount').fill('50.50');
  await page.getByTestId('prepaid-top-up-submit').click();
  await expect(row.getByTestId('prepaid-balance')).toHaveText('50.50');

  // The detail shows the balance and the top-up in the history, with who made it.
  await expect(page.getByTestId('prepaid-detail-balance')).toHaveText('50.50');
  const entry = page.locator('[data-testid="prepaid-ledger-row"][data-kind="TOP_UP"]');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('50.50');
  await expect(entry).toContainText('现金');
  await expect(entry).toContainText(DEMO.billingSenior.staffNo);
  await captureScreen(page, 'prepaid-en');
});
