import { captureScreen } from '../../fixtures/capture-screen.ts';
import { submitCrmOrder } from '../../fixtures/crm-orders.ts';
import { DEMO_PASSWORD } from '../../fixtures/demo-accounts.ts';
import { E2eWorkOrderPositionsQuery } from '../../fixtures/graphql/config-documents.ts';
import { E2eWorkOrderQuery } from '../../fixtures/graphql/query-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { AppShell } from '../../pages/app-shell.ts';
import { LoginPage } from '../../pages/login-page.ts';
import { QueryPage } from '../../pages/query-page.ts';

// A generated Panyu installer of grid GZ-PY-01 (Shiqiao): no other journey logs in as them or changes their positions.
const STAFF_NO = 'GZ25002';
const GRID = 'GZ-PY-01';

test('a new position type with menus, assigned with its default permissions, gives the staff member exactly those menus and only their organisation’s orders and work orders', async ({ page, adminApi, openSession }) => {
  test.setTimeout(120_000);
  // One customer with an order in the staff member's grid and one in Tianhe.
  const customer = `权限${Date.now().toString(36)}`;
  const own = await submitCrmOrder(adminApi, { areaCode: GRID, businessCode: 'BROADBAND_NEW', orderType: 'NEW', customer: { name: customer } });
  const elsewhere = await submitCrmOrder(adminApi, { areaCode: 'GZ-TH-01', businessCode: 'BROADBAND_NEW', orderType: 'NEW', customer: { name: customer } });
  const { positions } = await adminApi.request(E2eWorkOrderPositionsQuery);
  const panyu = positions.find((p) => p.code === 'GZ-PY.DISPATCH')!.organisation.id;
  const code = `QP_${Date.now().toString(36).toUpperCase()}`;

  // A general type with two menus, and a position of it in Panyu.
  await page.goto('/system/position-types');
  await page.getByTestId('position-type-new').click();
  await page.getByTestId('position-type-code').fill(code);
  await page.getByTestId('position-type-name').fill('订单查询岗');
  await page.getByTestId('position-type-name-en').fill('Order lookups');
  await page.getByTestId('position-type-kind').selectOption('GENERAL');
  await page.locator('[data-testid="menu-leaf"][data-code="queries.orders"]').check();
  await page.locator('[data-testid="menu-leaf"][data-code="queries.work-orders"]').check();
  await page.locator('[data-testid="menu-leaf"][data-code="help.about"]').check();
  await page.getByTestId('position-type-submit').click();
  await expect(page.getByTestId('position-type-dialog')).toBeHidden();
  await page.goto('/system/positions');
  await page.getByTestId('position-new').click();
  await page.getByTestId('position-code').fill(`GZ-PY.${code}`);
  await page.getByTestId('position-name').fill('番禺区订单查询岗');
  await page.getByTestId('position-organisation').selectOption(panyu);
  await page.getByTestId('position-type-select').selectOption({ label: 'Order lookups · General' });
  await page.getByTestId('position-submit').click();
  await expect(page.getByTestId('position-dialog')).toBeHidden();

  // 定岗: the new position instead of the installer's general one (their work-order position stays),
  // with the default permissions.
  await page.goto('/system/staff');
  await page.getByTestId('staff-search').fill(STAFF_NO.toLowerCase());
  const row = page.locator('.ag-row').filter({ hasText: STAFF_NO }).first();
  await row.click();
  await page.getByTestId('staff-assign').click();
  const dialog = page.getByTestId('assign-positions-dialog');
  await dialog.getByTestId('assign-positions-search').fill('GZ-PY');
  await dialog.locator('[data-testid="assign-position"][data-code="GZ-PY-01.INSTALL_GENERAL"]').uncheck();
  await dialog.locator(`[data-testid="assign-position"][data-code="GZ-PY.${code}"]`).check();
  await expect(dialog.getByTestId('assign-positions-defaults')).toBeChecked();
  await expect(dialog.getByTestId('assign-positions-defaults-hint')).toBeVisible();
  await page.getByTestId('assign-positions-submit').click();
  await expect(page.getByTestId('staff-notice')).toContainText(STAFF_NO);

  // Their permissions: the type's menus with operate, their grid, their work-order position.
  await expect(row).toContainText('番禺区订单查询岗');
  await page.getByTestId('staff-permissions').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(STAFF_NO);
  const granted = page.locator('[data-testid="menu-permission"]:not([data-access="none"])');
  await expect(granted).toHaveCount(3);
  await expect(page.locator('[data-testid="menu-permission"][data-code="queries.orders"]')).toHaveAttribute('data-access', 'operate');
  await expect(page.locator('[data-testid="menu-permission"][data-code="help.about"]')).toHaveAttribute('data-access', 'operate');
  await expect(page.locator(`[data-testid="data-permission"][data-code="${GRID}"]`)).toBeChecked();
  await expect(page.locator('[data-testid="data-permission"][data-code="GZ-PY"]')).not.toBeChecked();
  await expect(page.locator('[data-testid="work-order-permission"]:checked')).toHaveCount(1);
  await expect(page.locator('[data-testid="work-order-permission"][data-code="GZ-PY-01.INSTALL"]')).toBeChecked();
  // The help menu read-only: view stays, operate goes; saved.
  await page.locator('[data-testid="menu-permission"][data-code="help.about"]').getByTestId('menu-operate').uncheck();
  await page.getByTestId('staff-permissions-save').click();
  await expect(page.getByTestId('staff-permissions-message')).toContainText(STAFF_NO);
  await expect(page.locator('[data-testid="menu-permission"][data-code="help.about"]')).toHaveAttribute('data-access', 'view');
  await captureScreen(page, 'staff-permissions-journey-en');

  // They log in: exactly those menus, and the customer's order of their grid only.
  const other = await openSession('anonymous');
  const login = new LoginPage(other.page);
  await login.goto();
  await login.submitCredentials(STAFF_NO.toLowerCase(), DEMO_PASSWORD);
  const shell = new AppShell(other.page);
  await expect(shell.currentStaff).toHaveAttribute('data-staff-no', STAFF_NO);
  expect(await shell.menuLeafCodes()).toEqual(['help.about', 'queries.orders', 'queries.work-orders']);
  const query = new QueryPage(other.page);
  await query.goto('orders');
  await query.field('customerName').fill(customer);
  await query.search();
  await expect(query.rows()).toHaveCount(1);
  await expect(query.rows().first()).toContainText(own.orderNo);
  await expect(other.page.getByText(elsewhere.orderNo)).toHaveCount(0);
  // The customer's work orders: those of the order in their grid, none of the Tianhe order's (which
  // the administrator does see).
  const elsewhereWorkOrders = async () =>
    (await adminApi.request(E2eWorkOrderQuery, { filter: { order: { customerName: customer } }, sortBy: 'CREATED_AT', sortDirection: 'DESC' })).workOrderQuery.edges.filter((edge) => edge.node.workOrderNo.startsWith(elsewhere.orderNo)).length;
  expect(await elsewhereWorkOrders()).toBeGreaterThan(0);
  await query.goto('work-orders');
  await query.field('customerName').fill(customer);
  await query.search();
  await expect(query.rows().first()).toContainText(own.orderNo);
  for (const row of await query.rows().all()) await expect(row).toContainText(own.orderNo);
  await expect(other.page.getByText(elsewhere.orderNo)).toHaveCount(0);
});
