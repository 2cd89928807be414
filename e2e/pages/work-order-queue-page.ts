import { expect, type Locator, type Page } from '@playwright/test';
import { clickUntilSelected, gridRow, revealGridRow, scrollGridToEnd } from './grid-rows.ts';

/** /work-orders/by-position and /work-orders/by-staff: the queue, its actions and the detail tabs. */
export class WorkOrderQueuePage {
  readonly grid: Locator;
  readonly liveIndicator: Locator;
  readonly detail: Locator;
  readonly flowMonitor: Locator;
  readonly message: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByTestId('work-order-grid');
    this.liveIndicator = page.getByTestId('live-indicator');
    this.detail = page.getByTestId('work-order-detail');
    this.flowMonitor = page.getByTestId('flow-monitor');
    this.message = page.getByTestId('queue-message');
  }

  async goto(mode: 'by-position' | 'by-staff'): Promise<void> {
    await this.page.goto(`/work-orders/${mode}`);
    // The first visit loads the grid's code: slow on a busy two-core machine.
    await expect(this.grid).toBeVisible({ timeout: 30_000 });
    await expect(this.liveIndicator).toHaveAttribute('data-state', 'live');
  }

  /** The grid row of a work order, by its number. */
  row(workOrderNo: string): Locator {
    return gridRow(this.grid, workOrderNo);
  }

  async select(workOrderNo: string): Promise<void> {
    await this.reveal(workOrderNo);
    await clickUntilSelected(this.row(workOrderNo), 'step');
    await expect(this.detail).toBeVisible();
  }

  /** Scrolls the queue to its end, where the newest work orders are (queues list the oldest first). */
  async scrollToEnd(): Promise<void> {
    await scrollGridToEnd(this.grid);
  }

  /**
   * Brings a work order's row into view, waiting for it to arrive (live): queues list the oldest
   * first and other journeys add rows, so a new work order may be anywhere below the visible ones.
   */
  async reveal(workOrderNo: string): Promise<void> {
    await revealGridRow(this.grid, workOrderNo);
  }

  /** Adds a work order to the selection (Ctrl+click keeps the rows already selected). */
  async addToSelection(workOrderNo: string): Promise<void> {
    await this.reveal(workOrderNo);
    await clickUntilSelected(this.row(workOrderNo), 'step', { modifiers: ['ControlOrMeta'] });
  }

  /** Shows one position's queue (or "all positions"), by the option's label. */
  async choosePosition(label: string | RegExp): Promise<void> {
    const select = this.page.getByTestId('queue-position');
    const option = select.locator('option', { hasText: label });
    await select.selectOption(await option.getAttribute('value'));
  }

  /** The selected rows' dispatch dialog, opened from the toolbar. */
  async openDispatch(): Promise<DispatchDialog> {
    await this.page.getByTestId('action-dispatch').click();
    const dialog = new DispatchDialog(this.page);
    await expect(dialog.root).toBeVisible();
    return dialog;
  }

  /** Completes the selected work order with an exception type, by the type's label. */
  async completeWithException(typeLabel: string): Promise<void> {
    await this.page.getByTestId('action-complete').click();
    const dialog = this.page.getByTestId('complete-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('complete-exception').check();
    await dialog.getByTestId('complete-exception-type').selectOption({ label: typeLabel });
    await dialog.getByTestId('complete-submit').click();
    await expect(dialog).toBeHidden();
  }

  /** Completes the selected work orders as a batch; returns the dialog showing the per-row summary. */
  async batchComplete(): Promise<Locator> {
    await this.page.getByTestId('action-complete').click();
    const dialog = this.page.getByTestId('batch-complete-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('batch-complete-submit').click();
    await expect(dialog.getByTestId('batch-complete-summary')).toBeVisible();
    return dialog;
  }

  async openTab(name: 'workOrder' | 'order' | 'log' | 'flow'): Promise<void> {
    await this.page.getByTestId(`detail-tab-${name}`).click();
  }

  /** A step of the flow monitor, by its label. */
  flowStep(label: string): Locator {
    return this.flowMonitor.locator('.react-flow__node', { hasText: label });
  }

  async completeNormally(): Promise<void> {
    await this.page.getByTestId('action-complete').click();
    const dialog = this.page.getByTestId('complete-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('complete-submit').click();
    await expect(dialog).toBeHidden();
  }
}

/** The dispatch dialog: a staff search fed by the API, the staff list, and the server's answer. */
export class DispatchDialog {
  readonly root: Locator;
  readonly error: Locator;
  readonly warning: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('dispatch-dialog');
    this.error = this.root.getByTestId('dispatch-error');
    this.warning = this.root.getByTestId('dispatch-mixed-warning');
  }

  /** Picks the first staff member the list offers. */
  async pickFirstStaff(): Promise<void> {
    const list = this.root.getByTestId('dispatch-staff-list');
    await expect(list.locator('option').first()).toBeAttached();
    await list.selectOption({ index: 0 });
  }

  /** Finds a staff member by number or name and picks the first match. */
  async pickStaff(search: string): Promise<void> {
    await this.root.getByTestId('dispatch-staff-search').fill(search);
    const list = this.root.getByTestId('dispatch-staff-list');
    await expect(list.locator('option')).toHaveCount(1);
    await list.selectOption({ index: 0 });
  }

  async submit(): Promise<void> {
    await this.root.getByTestId('dispatch-submit').click();
  }

  async close(): Promise<void> {
    await this.root.getByTestId('dispatch-close').click();
    await expect(this.root).toBeHidden();
  }
}
