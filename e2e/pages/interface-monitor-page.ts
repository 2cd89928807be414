import { expect, type Locator, type Page } from '@playwright/test';

/** /monitoring/interfaces: counts per interface and kind, the failing records and re-sending. */
export class InterfaceMonitorPage {
  readonly table: Locator;
  readonly refresh: Locator;
  readonly list: Locator;
  readonly crmMessageRows: Locator;
  readonly requestRows: Locator;
  readonly resendOutcome: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('interface-monitor-table');
    this.refresh = page.getByTestId('interface-monitor-refresh');
    this.list = page.getByTestId('interface-failed-list');
    this.crmMessageRows = this.list.getByTestId('failed-crm-message-row');
    this.requestRows = this.list.getByTestId('failed-request-row');
    this.resendOutcome = this.list.getByTestId('resend-outcome');
  }

  async goto(): Promise<void> {
    await this.page.goto('/monitoring/interfaces');
    await expect(this.table).toBeVisible();
  }

  /** The line of one interface and kind (`CRM_INBOUND`, `ORDER`). */
  row(name: string, kind: string): Locator {
    return this.table.locator(`[data-testid="interface-row"][data-interface="${name}"][data-kind="${kind}"]`);
  }

  /** The failed count of a line: a button when above zero; `data-count` holds it. */
  failed(name: string, kind: string): Locator {
    return this.row(name, kind).getByTestId('interface-failed');
  }
}
