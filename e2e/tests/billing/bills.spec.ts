import { freshBillingMonth, importBills } from '../../fixtures/bills.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { expect, test } from '../../fixtures/test.ts';

test.describe('a billing senior user', () => {
  test.use({ who: DEMO.billingSenior });

  test('finds bills by month and by number, corrects one and deletes another; a correction of a month re-imported meanwhile is refused', async ({ page, session, baseURL }) => {
    const month = freshBillingMonth();
    await importBills(baseURL!, session!, month, ['13955500001 10.00', '13955500002 20.00', '13955500003 30.00']);
    await page.goto('/billing/bills');
    await page.getByTestId('bills-search').click();
    await expect(page.getByTestId('bills-form-error')).toHaveText('Give a phone number, a month or both.');

    await page.getByTestId('bills-month').fill(month);
    await page.getByTestId('bills-search').click();
    const rows = page.getByTestId('bill-row');
    await expect(rows).toHaveCount(3);
    const row = (phone: string) => page.locator(`[data-testid="bill-row"][data-phone="${phone}"]`);

    await row('13955500001').getByTestId('bill-correct').click();
    await page.getByTestId('bill-correct-amount').fill('12.5');
    await page.getByTestId('bill-correct-submit').click();
    await expect(page.getByTestId('bills-notice')).toHaveText(`The bill of 13955500001 for ${month} is now 12.50.`);
    await expect(row('13955500001').getByTestId('bill-amount')).toHaveText('12.50');

    await row('13955500002').getByTestId('bill-delete').click();
    await expect(page.getByTestId('bill-delete-dialog')).toContainText(`Delete the bill of 13955500002 for ${month} (20.00)?`);
    await page.getByTestId('bill-delete-submit').click();
    await expect(row('13955500002')).toHaveCount(0);
    await expect(rows).toHaveCount(2);
    await captureScreen(page, 'bills-corrected-en');

    // By number alone: its bill in every month loaded (here one).
    await page.getByTestId('bills-month').fill('');
    await page.getByTestId('bills-phone').fill('13955500001');
    await page.getByTestId('bills-search').click();
    await expect(page).toHaveURL(/\?phone=13955500001$/);
    await expect(rows).toHaveCount(1);
    await expect(row('13955500001')).toHaveAttribute('data-month', month);
    await expect(row('13955500001').getByTestId('bill-amount')).toHaveText('12.50');

    // The correction dialog is open when the month is imported again: the change is refused, not lost.
    await row('13955500001').getByTestId('bill-correct').click();
    await page.getByTestId('bill-correct-amount').fill('99');
    await importBills(baseURL!, session!, month, ['13955500001 11.00', '13955500003 33.00']);
    await page.getByTestId('bill-correct-submit').click();
    await expect(page.getByTestId('bill-correct-error')).toHaveText(`The bills of ${month} were replaced by another import (e2e.txt) after this bill was looked up; look it up again.`);
    await page.getByTestId('bill-correct-close').click();
    await page.getByTestId('bills-search').click();
    await expect(row('13955500001').getByTestId('bill-amount')).toHaveText('11.00');
  });
});

test.describe('a billing normal user', () => {
  test.use({ who: DEMO.billingViewer });

  test('looks bills up but has no correct or delete buttons', async ({ page }) => {
    await page.goto('/billing/bills?month=2026-11&phone=13912340005');
    const row = page.locator('[data-testid="bill-row"][data-phone="13912340005"]');
    await expect(row).toHaveAttribute('data-month', '2026-11');
    await expect(row.getByTestId('bill-amount')).toHaveText('155.00');
    await expect(page.getByTestId('bill-correct')).toHaveCount(0);
    await expect(page.getByTestId('bill-delete')).toHaveCount(0);
  });
});
