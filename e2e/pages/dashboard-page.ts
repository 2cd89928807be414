import { expect, type Locator, type Page } from '@playwright/test';

/** /dashboard: the manager's panels (in flight, overdue trend, throughput, top overdue positions), live. */
export class DashboardPage {
  readonly ordersInFlight: Locator;
  readonly workOrdersInFlight: Locator;
  readonly throughputToday: Locator;
  readonly overdueTrend: Locator;
  readonly topOverdue: Locator;
  readonly liveIndicator: Locator;

  constructor(readonly page: Page) {
    this.ordersInFlight = page.getByTestId('dashboard-orders-in-flight');
    this.workOrdersInFlight = page.getByTestId('dashboard-work-orders-in-flight');
    this.throughputToday = page.getByTestId('dashboard-throughput-today');
    this.overdueTrend = page.getByTestId('dashboard-overdue-trend');
    this.topOverdue = page.getByTestId('dashboard-top-overdue');
    this.liveIndicator = page.getByTestId('live-indicator');
  }

  /** Opens the dashboard and waits until events arrive live. */
  async goto(): Promise<void> {
    await this.page.goto('/dashboard');
    await expect(this.ordersInFlight).toBeVisible();
    await expect(this.liveIndicator).toHaveAttribute('data-state', 'live');
  }

  async executingOrders(): Promise<number> {
    return Number(await this.ordersInFlight.textContent());
  }

  async workOrdersCompletedToday(): Promise<number> {
    return Number(await this.throughputToday.getAttribute('data-work-orders'));
  }
}
