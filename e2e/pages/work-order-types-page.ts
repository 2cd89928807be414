import type { Locator, Page } from '@playwright/test';

/** `/config/work-order-types`: categories, the types of the chosen one, and their dialogs. */
export class WorkOrderTypesPage {
  readonly notice: Locator;
  readonly categoryDialog: Locator;
  readonly typeDialog: Locator;
  readonly typesTitle: Locator;

  constructor(readonly page: Page) {
    this.notice = page.getByTestId('work-order-types-notice');
    this.categoryDialog = page.getByTestId('work-order-category-dialog');
    this.typeDialog = page.getByTestId('work-order-type-dialog');
    this.typesTitle = page.getByTestId('work-order-types-title');
  }

  async goto(): Promise<void> {
    await this.page.goto('/config/work-order-types');
    await this.page.getByTestId('work-order-types-table').waitFor();
  }

  category(code: string): Locator {
    return this.page.locator(`[data-testid="work-order-category-row"][data-code="${code}"]`);
  }

  type(code: string): Locator {
    return this.page.locator(`[data-testid="work-order-type-row"][data-code="${code}"]`);
  }

  async selectCategory(code: string): Promise<void> {
    await this.category(code).getByTestId('work-order-category-select').click();
  }

  /** Fills the open category dialog and submits it (the code only for a new one). */
  async fillCategory(fields: { code?: string; name: string; nameEn?: string }): Promise<void> {
    if (fields.code !== undefined) await this.page.getByTestId('work-order-category-code').fill(fields.code);
    await this.page.getByTestId('work-order-category-name').fill(fields.name);
    if (fields.nameEn !== undefined) await this.page.getByTestId('work-order-category-name-en').fill(fields.nameEn);
    await this.page.getByTestId('work-order-category-submit').click();
  }

  /** Fills the open type dialog and submits it (the code only for a new one). */
  async fillType(fields: { code?: string; name: string; nameEn?: string; categoryCode?: string }): Promise<void> {
    if (fields.code !== undefined) await this.page.getByTestId('work-order-type-code').fill(fields.code);
    await this.page.getByTestId('work-order-type-name').fill(fields.name);
    if (fields.nameEn !== undefined) await this.page.getByTestId('work-order-type-name-en').fill(fields.nameEn);
    if (fields.categoryCode !== undefined) await this.page.getByTestId('work-order-type-category').selectOption(fields.categoryCode);
    await this.page.getByTestId('work-order-type-submit').click();
  }
}
