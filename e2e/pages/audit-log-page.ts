import type { Locator, Page } from '@playwright/test';

/** `/system/audit`: the search form, the entries and the open entry's before/after. */
export class AuditLogPage {
  readonly entries: Locator;
  readonly detail: Locator;
  readonly changes: Locator;

  constructor(readonly page: Page) {
    this.entries = page.getByTestId('audit-entry');
    this.detail = page.getByTestId('audit-detail');
    this.changes = page.getByTestId('audit-change');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/system/audit${query}`);
  }

  filter(name: 'from' | 'to' | 'staffNo' | 'entityType' | 'action' | 'text'): Locator {
    return this.page.getByTestId(`audit-filter-${name}`);
  }

  async search(): Promise<void> {
    await this.page.getByTestId('audit-search').click();
  }

  async open(entry: Locator): Promise<void> {
    await entry.getByTestId('audit-open').click();
  }

  change(field: string): Locator {
    return this.detail.locator(`[data-testid="audit-change"][data-field="${field}"]`);
  }
}
