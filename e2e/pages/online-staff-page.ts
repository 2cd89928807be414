import { expect, type Locator, type Page } from '@playwright/test';

/** /system/online-staff: who is logged in now, kept live over graphql-ws. */
export class OnlineStaffPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly count: Locator;
  readonly liveIndicator: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('online-staff-table');
    this.rows = page.getByTestId('online-staff-row');
    this.count = page.getByTestId('online-staff-count');
    this.liveIndicator = page.getByTestId('live-indicator');
  }

  /** Opens the page and waits until live updates arrive. */
  async goto(): Promise<void> {
    await this.page.goto('/system/online-staff');
    await expect(this.table).toBeVisible();
    await expect(this.liveIndicator).toHaveAttribute('data-state', 'live');
  }

  /** The row of one session. */
  session(sessionId: string): Locator {
    return this.page.locator(`[data-testid="online-staff-row"][data-session-id="${sessionId}"]`);
  }
}
