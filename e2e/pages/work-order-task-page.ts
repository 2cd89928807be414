import { expect, type Locator, type Page } from '@playwright/test';
import { clickUntilSelected, gridRow, revealGridRow, scrollGridToEnd } from './grid-rows.ts';

/**
 * /work-orders/manual-assignment and /work-orders/manual-exception: a live list of work orders
 * waiting for a dispatcher's decision, its action and the decision's dialog.
 */
export class WorkOrderTaskPage {
  readonly grid: Locator;
  readonly liveIndicator: Locator;
  readonly message: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByTestId('work-order-grid');
    this.liveIndicator = page.getByTestId('live-indicator');
    this.message = page.getByTestId('queue-message');
  }

  async goto(screen: 'manual-assignment' | 'manual-exception'): Promise<void> {
    await this.page.goto(`/work-orders/${screen}`);
    // The first visit loads the grid's code: slow on a busy two-core machine.
    await expect(this.grid).toBeVisible({ timeout: 30_000 });
    await expect(this.liveIndicator).toHaveAttribute('data-state', 'live');
  }

  row(workOrderNo: string): Locator {
    return gridRow(this.grid, workOrderNo);
  }

  /** Scrolls the list to its end, where the newest work orders are. */
  async scrollToEnd(): Promise<void> {
    await scrollGridToEnd(this.grid);
  }

  /** Brings a work order's row into view, waiting for it to arrive (see `revealGridRow`). */
  async reveal(workOrderNo: string): Promise<void> {
    await revealGridRow(this.grid, workOrderNo);
  }

  async select(...workOrderNos: string[]): Promise<void> {
    for (const [i, no] of workOrderNos.entries()) {
      await this.reveal(no);
      await clickUntilSelected(this.row(no), 'step', i === 0 ? {} : { modifiers: ['ControlOrMeta'] });
    }
  }

  /** Opens the assign-position dialog for the selection. */
  async openAssign(): Promise<Locator> {
    await this.page.getByTestId('action-assign').click();
    const dialog = this.page.getByTestId('assign-dialog');
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Opens the manual-exception dialog for the selected work order. */
  async openHandle(): Promise<Locator> {
    await this.page.getByTestId('action-handle-exception').click();
    const dialog = this.page.getByTestId('manual-exception-dialog');
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
