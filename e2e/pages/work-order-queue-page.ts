import { expect, type Locator, type Page } from '@playwright/test';

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
    await expect(this.grid).toBeVisible();
    await expect(this.liveIndicator).toHaveAttribute('data-state', 'live');
  }

  /** The grid row of a work order, by its number. */
  row(workOrderNo: string): Locator {
    return this.grid.locator('.ag-row', { hasText: workOrderNo });
  }

  async select(workOrderNo: string): Promise<void> {
    await this.row(workOrderNo).locator('[col-id="step"]').click();
    await expect(this.detail).toBeVisible();
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
