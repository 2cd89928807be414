import { randomBytes } from 'node:crypto';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { expect, test } from '../../fixtures/test.ts';
import { WorkOrderTypesPage } from '../../pages/work-order-types-page.ts';

const suffix = () => randomBytes(3).toString('hex').toUpperCase();

test('a category and a type made, renamed and deleted in the screen; a taken code and a type in use are refused with the reason', async ({ page }) => {
  const category = `E2E_CAT_${suffix()}`;
  const type = `E2E_TYPE_${suffix()}`;
  const screen = new WorkOrderTypesPage(page);
  await screen.goto();

  await test.step('a new category, shown with no types', async () => {
    await page.getByTestId('work-order-category-new').click();
    await screen.fillCategory({ code: category, name: '测试大类', nameEn: 'Test category' });
    await expect(screen.categoryDialog).toBeHidden();
    await expect(screen.notice).toContainText(`Saved: Test category (${category})`);
    await screen.selectCategory(category);
    await expect(screen.typesTitle).toHaveText('Types of Test category');
    await expect(page.getByTestId('work-order-types-empty')).toBeVisible();
  });

  await test.step('a new type in it, then renamed', async () => {
    await page.getByTestId('work-order-type-new').click();
    // The chosen category is preselected.
    await expect(page.getByTestId('work-order-type-category')).toHaveValue(category);
    await screen.fillType({ code: type, name: '测试类型', nameEn: 'Test type' });
    await expect(screen.typeDialog).toBeHidden();
    await expect(screen.type(type)).toHaveAttribute('data-category', category);
    await expect(screen.category(category).locator('td.num')).toHaveText('1');

    await screen.type(type).getByTestId('work-order-type-edit').click();
    await expect(page.getByTestId('work-order-type-code')).toHaveAttribute('readonly', '');
    await screen.fillType({ name: '改名类型', nameEn: 'Renamed type' });
    await expect(screen.typeDialog).toBeHidden();
    await expect(screen.type(type).getByTestId('work-order-type-name-cell')).toHaveText('改名类型');
    await expect(screen.notice).toContainText(`Saved: Renamed type (${type})`);
    await captureScreen(page, 'work-order-types-en');
  });

  await test.step('a taken code is refused in the dialog, naming the code', async () => {
    await page.getByTestId('work-order-type-new').click();
    await screen.fillType({ code: 'INSTALL', name: '重复', categoryCode: category });
    await expect(page.getByTestId('work-order-type-error')).toHaveText('Work-order type code INSTALL is taken (装机).');
    await expect(screen.typeDialog).toBeVisible();
    await captureScreen(page, 'work-order-types-duplicate-en');
    await page.getByTestId('work-order-type-close').click();
    await expect(screen.typeDialog).toBeHidden();
  });

  await test.step('a type the workflows use cannot be deleted: the refusal names the steps', async () => {
    await page.getByTestId('work-order-category-all').click();
    await screen.type('INSTALL').getByTestId('work-order-type-delete').click();
    await page.getByTestId('work-order-type-delete-submit').click();
    const refusal = page.getByTestId('work-order-type-delete-error');
    await expect(refusal).toContainText('Work-order type INSTALL cannot be deleted');
    await expect(refusal).toContainText('BROADBAND_NEW v1 · INSTALL');
    await captureScreen(page, 'work-order-types-in-use-en');
    await page.getByTestId('work-order-type-delete-close').click();
    await expect(screen.type('INSTALL')).toBeVisible();
  });

  await test.step('the category with a type cannot go; the type, then the category, can', async () => {
    await screen.category(category).getByTestId('work-order-category-delete').click();
    await page.getByTestId('work-order-category-delete-submit').click();
    await expect(page.getByTestId('work-order-category-delete-error')).toContainText(`it has 1 work-order type: ${type} 改名类型`);
    await page.getByTestId('work-order-category-delete-close').click();

    await screen.type(type).getByTestId('work-order-type-delete').click();
    await page.getByTestId('work-order-type-delete-submit').click();
    await expect(screen.type(type)).toHaveCount(0);
    await expect(screen.notice).toContainText(`Deleted: Renamed type (${type})`);

    await screen.category(category).getByTestId('work-order-category-delete').click();
    await page.getByTestId('work-order-category-delete-submit').click();
    await expect(screen.category(category)).toHaveCount(0);
    await expect(screen.notice).toContainText(`Deleted: Test category (${category})`);
  });
});

test.describe('in Chinese', () => {
  test.use({ language: 'zh-CN' });
  test('the categories and types read in Chinese; a refusal keeps the server’s list of what uses the record', async ({ page }) => {
    const screen = new WorkOrderTypesPage(page);
    await screen.goto();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('工单大类与类型');
    await screen.selectCategory('FIELD');
    await expect(screen.typesTitle).toHaveText('施工类的工单类型');
    await expect(screen.type('INSTALL')).toBeVisible();
    await expect(screen.type('DISPATCH')).toHaveCount(0);
    await captureScreen(page, 'work-order-types-zh');

    await screen.category('FIELD').getByTestId('work-order-category-delete').click();
    await page.getByTestId('work-order-category-delete-submit').click();
    await expect(page.getByTestId('work-order-category-delete-error')).toContainText('仍在使用，不能删除：Work-order category FIELD cannot be deleted: it has 4 work-order types: APPOINTMENT 预约, INSTALL 装机, ONSITE_TEST 上门测试, REMOVE 拆机.');
    await captureScreen(page, 'work-order-types-in-use-zh');
    await page.getByTestId('work-order-category-delete-close').click();

    await page.getByTestId('work-order-type-new').click();
    await screen.fillType({ code: 'REMOVE', name: '重复' });
    await expect(page.getByTestId('work-order-type-error')).toHaveText('编码已被使用，请换一个。');
    await captureScreen(page, 'work-order-types-dialog-zh');
  });
});
