import { expect, type Locator, type Page } from '@playwright/test';

/** /system/staff: the staff grid (ag-grid, infinite row model), search, organisation filter, total. */
export class StaffListPage {
  readonly grid: Locator;
  readonly search: Locator;
  readonly organisationFilter: Locator;
  readonly total: Locator;
  /** Rendered rows (ag-grid renders only those near the viewport). */
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByTestId('staff-grid');
    this.search = page.getByTestId('staff-search');
    this.organisationFilter = page.getByTestId('staff-org-filter');
    this.total = page.getByTestId('staff-total');
    this.rows = this.grid.locator('.ag-row[row-index]');
  }

  async goto(): Promise<void> {
    await this.page.goto('/system/staff');
    await expect(this.grid).toBeVisible();
  }

  /** A cell by row position (0 = first row in the current order) and column id (`staffNo`, `name`). */
  cell(rowIndex: number, colId: string): Locator {
    return this.grid.locator(`.ag-row[row-index="${rowIndex}"] [col-id="${colId}"]`);
  }

  columnHeader(name: string): Locator {
    return this.grid.getByRole('columnheader', { name, exact: true });
  }

  /** Staff numbers of the rendered rows, top to bottom. */
  async visibleStaffNos(): Promise<string[]> {
    return this.rows.evaluateAll((rows) =>
      rows
        .map((row) => ({
          index: Number(row.getAttribute('row-index')),
          staffNo: row.querySelector('[col-id="staffNo"]')?.textContent?.trim() ?? '',
        }))
        .sort((a, b) => a.index - b.index)
        .map((r) => r.staffNo),
    );
  }
}
