import { expect, type Download, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';

/** /queries/orders and /queries/work-orders: the conditions, the result grid, export, print and details. */
export class QueryPage {
  readonly grid: Locator;
  readonly total: Locator;
  readonly detail: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByTestId('query-grid');
    this.total = page.getByTestId('query-total');
    this.detail = page.getByTestId('work-order-detail');
  }

  async goto(screen: 'orders' | 'work-orders', search = ''): Promise<void> {
    await this.page.goto(`/queries/${screen}${search}`);
    await expect(this.grid).toBeVisible();
  }

  /** A condition's field, by its test id (`q-<URL parameter>`). */
  field(name: string): Locator {
    return this.page.getByTestId(`q-${name}`);
  }

  async search(): Promise<void> {
    await this.page.getByTestId('query-search').click();
  }

  /** The grid row holding this text. */
  row(text: string): Locator {
    return this.grid.locator('.ag-row', { hasText: text });
  }

  rows(): Locator {
    return this.grid.locator('.ag-row');
  }

  /** Clicks Export and parses the downloaded workbook's first sheet: header row and data rows. */
  async export(): Promise<{ download: Download; name: string; header: string[]; rows: unknown[][] }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('query-export').click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0];
    const all: unknown[][] = [];
    sheet.eachRow((row) => all.push((row.values as unknown[]).slice(1)));
    return { download, name: sheet.name, header: all[0] as string[], rows: all.slice(1) };
  }
}
