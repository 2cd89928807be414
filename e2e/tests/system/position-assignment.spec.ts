import { DEMO_PASSWORD } from '../../fixtures/demo-accounts.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { expect, test } from '../../fixtures/test.ts';
import { AppShell } from '../../pages/app-shell.ts';
import { LoginPage } from '../../pages/login-page.ts';

// A generated Panyu installer (grid GZ-PY-04): no other journey logs in as them or changes their positions.
const STAFF_NO = 'GZ25301';

test('positions assigned to a staff member (定岗) give them exactly their types’ menus at their next login', async ({ page, openSession }) => {
  await page.goto('/system/staff');
  await page.getByTestId('staff-search').fill(STAFF_NO.toLowerCase());
  const row = page.locator('.ag-row').filter({ hasText: STAFF_NO }).first();
  await row.click();
  await page.getByTestId('staff-assign').click();
  const dialog = page.getByTestId('assign-positions-dialog');
  await expect(dialog).toBeVisible();
  // Their district's dispatch position comes with the dispatch-center menus (through its general type, below).
  await dialog.getByTestId('assign-positions-search').fill('GZ-PY');
  await dialog.locator('[data-testid="assign-position"][data-code="GZ-PY.DISPATCH_GENERAL"]').check();
  await captureScreen(page, 'position-assignment-en');
  await page.getByTestId('assign-positions-submit').click();
  await expect(page.getByTestId('staff-notice')).toContainText(STAFF_NO);
  await expect(row).toContainText(/Dispatch center \(general\)/);

  const other = await openSession('anonymous');
  const login = new LoginPage(other.page);
  await login.goto();
  await login.submitCredentials(STAFF_NO.toLowerCase(), DEMO_PASSWORD);
  const shell = new AppShell(other.page);
  await expect(shell.currentStaff).toHaveAttribute('data-staff-no', STAFF_NO);
  // The general dispatch type's menus: the work-order queues and queries appear; system management does not.
  await expect(shell.navItem('queries.orders')).toBeVisible();
  await expect(shell.navItem('work-orders.manual-assignment')).toBeVisible();
  await expect(shell.navItem('system.staff')).toHaveCount(0);
});
