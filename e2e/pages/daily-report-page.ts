import { expect, type Locator, type Page } from '@playwright/test';

/** /queries/daily-report: the day's table (one row per organisation and work-order type), chart and export. */
export class DailyReportPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly total: Locator;
  readonly chart: Locator;
  readonly date: Locator;
  readonly exportButton: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('daily-report-table');
    this.rows = page.getByTestId('daily-report-row');
    this.total = page.getByTestId('daily-report-total');
    this.chart = page.getByTestId('daily-report-chart');
    this.date = page.getByTestId('daily-report-date');
    this.exportButton = page.getByTestId('daily-report-export');
  }

  async goto(date?: string): Promise<void> {
    await this.page.goto(date ? `/queries/daily-report?date=${date}` : '/queries/daily-report');
    await expect(this.table).toBeVisible();
  }

  /** The row of an organisation id and work-order type code. */
  row(organisationId: string, typeCode: string): Locator {
    return this.rows.and(this.page.locator(`[data-key="${organisationId}/${typeCode}"]`));
  }

  /** One count cell of a row (`created`, `completed`, …). */
  cell(row: Locator, column: string): Locator {
    return row.locator(`[data-column="${column}"]`);
  }

  /** Header, rows and total as the texts the table shows, line by line. */
  async texts(): Promise<string[][]> {
    return this.table.evaluate((table) =>
      [...(table as HTMLTableElement).rows].map((row) => [...row.cells].flatMap((cell) => [cell.textContent ?? '', ...Array(cell.colSpan - 1).fill('')])),
    );
  }
}
