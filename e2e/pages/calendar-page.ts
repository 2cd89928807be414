import type { Locator, Page } from '@playwright/test';

/** `/config/calendar`: the year view and its bulk actions. */
export class CalendarPage {
  readonly grid: Locator;
  readonly message: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByTestId('calendar-grid');
    this.message = page.getByTestId('calendar-message');
  }

  async goto(): Promise<void> {
    await this.page.goto('/config/calendar');
    await this.page.locator('[data-testid="calendar-grid"][data-loaded="true"]').waitFor();
  }

  day(date: string): Locator {
    return this.page.locator(`[data-testid="calendar-day"][data-date="${date}"]`);
  }

  /** Shows the year of `date` (yyyy-MM-dd), stepping from the year on screen. */
  async showYearOf(date: string): Promise<void> {
    const target = Number(date.slice(0, 4));
    for (;;) {
      const shown = Number(await this.page.getByTestId('calendar-year').textContent());
      if (shown === target) break;
      await this.page.getByTestId(shown < target ? 'calendar-next-year' : 'calendar-previous-year').click();
    }
    await this.day(date).waitFor();
  }
}
