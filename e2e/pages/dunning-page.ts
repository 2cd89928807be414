import type { Locator, Page } from '@playwright/test';

/** `/billing/dunning`: schedules, the open schedule's numbers, a number's history, and the new-schedule dialog. */
export class DunningPage {
  readonly newButton: Locator;
  readonly notice: Locator;
  readonly dialog: Locator;
  readonly detail: Locator;
  readonly historyPanel: Locator;
  readonly historyRows: Locator;
  readonly historyPhone: Locator;
  readonly markPaidButton: Locator;
  readonly paidNote: Locator;

  constructor(readonly page: Page) {
    this.newButton = page.getByTestId('dunning-new');
    this.notice = page.getByTestId('dunning-notice');
    this.dialog = page.getByTestId('dunning-schedule-dialog');
    this.detail = page.getByTestId('dunning-detail');
    this.historyPanel = page.getByTestId('dunning-history-panel');
    this.historyRows = page.getByTestId('dunning-history-row');
    this.historyPhone = page.getByTestId('dunning-history-phone');
    this.markPaidButton = page.getByTestId('dunning-mark-paid');
    this.paidNote = page.getByTestId('dunning-paid-note');
  }

  async goto(): Promise<void> {
    await this.page.goto('/billing/dunning');
    await this.historyPhone.waitFor();
  }

  /** A schedule's row in the list, by name. */
  schedule(name: string): Locator {
    return this.page.getByTestId('dunning-schedule-row').filter({ has: this.page.getByRole('button', { name, exact: true }) });
  }

  /** A number's row in the open schedule. */
  target(phone: string): Locator {
    return this.page.locator(`[data-testid="dunning-target-row"][data-phone="${phone}"]`);
  }

  /** Fills the new-schedule dialog (channel SMS); the dialog must be open. */
  async fillSchedule(input: { name: string; periodMinutes: number; count: number; numbers: string }): Promise<void> {
    await this.dialog.getByTestId('dunning-name').fill(input.name);
    await this.dialog.getByTestId('dunning-channel').selectOption('SMS');
    await this.dialog.getByTestId('dunning-period').fill(String(input.periodMinutes));
    await this.dialog.getByTestId('dunning-count').fill(String(input.count));
    await this.dialog.getByTestId('dunning-numbers').fill(input.numbers);
  }
}
