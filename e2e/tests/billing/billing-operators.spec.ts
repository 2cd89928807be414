import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { expect, test } from '../../fixtures/test.ts';

// A generated Haizhu dispatcher no other journey uses as a billing operator.
const STAFF_NO = 'GZ1102';

test.describe('the billing super user', () => {
  test.use({ who: DEMO.billing });

  test('appoints a billing operator, changes the level and removes the appointment', async ({ page }) => {
    await page.goto('/billing/operators');
    const table = page.getByTestId('billing-operators-table');
    await expect(table).toBeVisible();
    for (const account of [DEMO.billing, DEMO.billingSenior, DEMO.billingViewer]) await expect(table.locator(`[data-staff-no="${account.staffNo}"]`)).toHaveCount(1);

    await page.getByTestId('billing-operator-appoint').click();
    await page.getByTestId('billing-level-staff-no').fill(STAFF_NO);
    await page.getByTestId('billing-level-level').selectOption('NORMAL');
    await captureScreen(page, 'billing-level-dialog-en');
    await page.getByTestId('billing-level-submit').click();
    await expect(page.getByTestId('billing-operators-notice')).toContainText(`${STAFF_NO}`);
    const row = table.locator(`[data-testid="billing-operator-row"][data-staff-no="${STAFF_NO}"]`);
    await expect(row).toHaveAttribute('data-level', 'NORMAL');

    await row.getByTestId('billing-operator-edit').click();
    await expect(page.getByTestId('billing-level-staff-no')).toHaveValue(STAFF_NO);
    await page.getByTestId('billing-level-level').selectOption('SENIOR');
    await page.getByTestId('billing-level-submit').click();
    await expect(row).toHaveAttribute('data-level', 'SENIOR');
    await expect(row).toContainText('senior user');

    // Nobody changes their own level (another super user does): no buttons on one's own row.
    await expect(table.locator(`[data-staff-no="${DEMO.billing.staffNo}"]`).getByTestId('billing-operator-edit')).toHaveCount(0);

    await row.getByTestId('billing-operator-delete').click();
    await page.getByTestId('billing-operator-remove-submit').click();
    await expect(row).toHaveCount(0);
    await captureScreen(page, 'billing-operators-en');
  });
});

test.describe('a billing normal user', () => {
  test.use({ who: DEMO.billingViewer });

  test('sees only the billing screens of their level, their own account, and cannot appoint', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('nav-billing.arrears')).toBeVisible();
    await expect(page.getByTestId('nav-billing.operators')).toBeVisible();
    for (const operateOnly of ['prepaid', 'dunning']) await expect(page.getByTestId(`nav-billing.${operateOnly}`)).toHaveCount(0);
    await page.goto('/billing/dunning');
    await expect(page.getByTestId('no-permission')).toContainText('billing:operate');

    await page.goto('/billing/operators');
    const rows = page.getByTestId('billing-operator-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-staff-no', DEMO.billingViewer.staffNo);
    await expect(page.getByTestId('billing-operator-appoint')).toHaveCount(0);
    await expect(rows.first().getByTestId('billing-operator-edit')).toHaveCount(0);
  });
});
