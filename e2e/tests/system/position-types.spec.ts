import { captureScreen } from '../../fixtures/capture-screen.ts';
import { E2eWorkOrderPositionsQuery } from '../../fixtures/graphql/config-documents.ts';
import { expect, test } from '../../fixtures/test.ts';

test('an administrator makes a position type with menus and a position of it, edits it, and is told why a held position cannot go', async ({ page, adminApi }) => {
  const { positions } = await adminApi.request(E2eWorkOrderPositionsQuery);
  const panyu = positions.find((p) => p.code === 'GZ-PY.DISPATCH')!.organisation.id;
  const code = `QA_${Date.now().toString(36).toUpperCase()}`;

  await page.goto('/system/position-types');
  await page.getByTestId('position-type-new').click();
  await page.getByTestId('position-type-code').fill(code);
  await page.getByTestId('position-type-name').fill('质检通用岗');
  await page.getByTestId('position-type-name-en').fill('Quality checks (general)');
  await page.getByTestId('position-type-kind').selectOption('GENERAL');
  await page.locator('[data-testid="menu-leaf"][data-code="queries.orders"]').check();
  await page.locator('[data-testid="menu-leaf"][data-code="help.about"]').check();
  await expect(page.locator('[data-testid="menu-group"][data-code="queries"]')).toHaveJSProperty('indeterminate', true);
  await captureScreen(page, 'position-type-dialog-en');
  await page.getByTestId('position-type-submit').click();
  await expect(page.getByTestId('position-type-dialog')).toBeHidden();
  const typeRow = page.locator(`[data-testid="position-type-row"][data-code="${code}"]`);
  await expect(typeRow).toContainText('Quality checks (general)');
  await expect(typeRow.locator('td').nth(3)).toHaveText('2');

  // A work-order handling type carries no menus: the dialog says so instead of offering them.
  await typeRow.getByTestId('row-edit').click();
  await page.getByTestId('position-type-kind').selectOption('WORK_ORDER');
  await expect(page.getByTestId('position-type-no-menus')).toBeVisible();
  await page.getByTestId('position-type-close').click();

  await page.goto('/system/positions');
  await page.getByTestId('position-new').click();
  await page.getByTestId('position-code').fill(`GZ-PY.${code}`);
  await page.getByTestId('position-name').fill('番禺区质检岗');
  await page.getByTestId('position-organisation').selectOption(panyu);
  await page.getByTestId('position-type-select').selectOption({ label: 'Quality checks (general) · General' });
  await page.getByTestId('position-submit').click();
  await expect(page.getByTestId('position-dialog')).toBeHidden();
  await page.getByTestId('positions-search').fill(code);
  const row = page.locator(`[data-testid="position-row"][data-code="GZ-PY.${code}"]`);
  await expect(row).toContainText('番禺区质检岗');
  await expect(page.locator('[data-testid="position-row"]')).toHaveCount(1);

  await row.getByTestId('row-edit').click();
  await page.getByTestId('position-name-en').fill('Panyu quality checks');
  await page.getByTestId('position-submit').click();
  await expect(row).toContainText('Panyu quality checks');
  await captureScreen(page, 'positions-en');

  // The district's dispatchers hold their position: deleting it is refused, naming them.
  await page.getByTestId('positions-search').fill('GZ-PY.DISPATCH');
  const held = page.locator('[data-testid="position-row"][data-code="GZ-PY.DISPATCH"]');
  await held.getByTestId('row-delete').click();
  await page.getByTestId('delete-submit').click();
  await expect(page.getByTestId('delete-error')).toContainText('held by');
  await page.getByTestId('delete-close').click();

  // The new one is used by nothing: it goes, and then its type can go too.
  await page.getByTestId('positions-search').fill(code);
  await row.getByTestId('row-delete').click();
  await page.getByTestId('delete-submit').click();
  await expect(row).toHaveCount(0);
  await page.goto('/system/position-types');
  await typeRow.getByTestId('row-delete').click();
  await page.getByTestId('delete-submit').click();
  await expect(typeRow).toHaveCount(0);
});

test.describe('in Chinese', () => {
  test.use({ language: 'zh-CN' });
  test('position types and positions read in Chinese', async ({ page }) => {
    await page.goto('/system/position-types');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('岗位类型');
    await expect(page.locator('[data-testid="position-type-row"][data-code="SYS_ADMIN"]')).toContainText('系统管理岗');
    await captureScreen(page, 'position-types-list-zh');
    await page.goto('/system/positions');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('岗位管理');
    await expect(page.getByTestId('position-row').first()).toBeVisible();
    await captureScreen(page, 'positions-list-zh');
  });
});
