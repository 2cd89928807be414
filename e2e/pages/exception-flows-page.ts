import type { Locator, Page } from '@playwright/test';

/** `/config/exception-flows`: exception types, a business's exception routes, and their dialogs. */
export class ExceptionFlowsPage {
  readonly notice: Locator;
  readonly typeDialog: Locator;
  readonly routes: Locator;
  readonly template: Locator;

  constructor(readonly page: Page) {
    this.notice = page.getByTestId('exception-flows-notice');
    this.typeDialog = page.getByTestId('exception-type-dialog');
    this.routes = page.getByTestId('exception-route-row');
    this.template = page.getByTestId('exception-flows-template');
  }

  async goto(): Promise<void> {
    await this.page.goto('/config/exception-flows');
    await this.page.getByTestId('exception-routes-table').waitFor();
  }

  type(code: string): Locator {
    return this.page.locator(`[data-testid="exception-type-row"][data-code="${code}"]`);
  }

  async selectBusiness(code: string): Promise<void> {
    await this.page.getByTestId('exception-flows-business').selectOption(code);
  }

  /** Fills the open exception-type dialog and submits it (the code only for a new one). */
  async fillType(fields: { code?: string; name: string; nameEn?: string; description?: string }): Promise<void> {
    if (fields.code !== undefined) await this.page.getByTestId('exception-type-code').fill(fields.code);
    await this.page.getByTestId('exception-type-name').fill(fields.name);
    if (fields.nameEn !== undefined) await this.page.getByTestId('exception-type-name-en').fill(fields.nameEn);
    if (fields.description !== undefined) await this.page.getByTestId('exception-type-description').fill(fields.description);
    await this.page.getByTestId('exception-type-submit').click();
  }

  /** Adds a route row and picks its from step, exception type and target step. */
  async addRoute(from: string, exceptionType: string, to: string): Promise<void> {
    await this.page.getByTestId('exception-route-add').click();
    const row = this.routes.last();
    await row.getByTestId('exception-route-from').selectOption(from);
    await row.getByTestId('exception-route-type').selectOption(exceptionType);
    await row.getByTestId('exception-route-to').selectOption(to);
  }
}
