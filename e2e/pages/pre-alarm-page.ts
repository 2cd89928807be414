import { expect, type Locator, type Page } from '@playwright/test';

export type AlarmSubject = 'ORDER' | 'WORK_ORDER';
export type Measure = 'executing' | 'warning' | 'overdue' | 'acceptOverdue';

/** /monitoring/pre-alarm: counts per organisation (live), the breakdown trail and the list of a count. */
export class PreAlarmPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly trail: Locator;
  readonly trailCurrent: Locator;
  readonly liveIndicator: Locator;
  readonly list: Locator;
  readonly orderRows: Locator;
  readonly workOrderRows: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('pre-alarm-table');
    this.rows = page.getByTestId('pre-alarm-row');
    this.trail = page.getByTestId('pre-alarm-trail');
    this.trailCurrent = page.getByTestId('pre-alarm-trail-current');
    this.liveIndicator = page.getByTestId('live-indicator');
    this.list = page.getByTestId('pre-alarm-list');
    this.orderRows = this.list.getByTestId('pre-alarm-order-row');
    this.workOrderRows = this.list.getByTestId('pre-alarm-work-order-row');
  }

  /** Opens the monitor (optionally at one organisation) and waits until alarms arrive live. */
  async goto(organisationId?: string): Promise<void> {
    await this.page.goto(organisationId ? `/monitoring/pre-alarm?org=${organisationId}` : '/monitoring/pre-alarm');
    await expect(this.table).toBeVisible();
    await expect(this.liveIndicator).toHaveAttribute('data-state', 'live');
  }

  /** The line of one organisation, by its code (`GZ-TH-01`). */
  row(code: string): Locator {
    return this.rows.and(this.page.locator(`[data-organisation-code="${code}"]`));
  }

  /** One count of an organisation: a button when above zero, plain text at zero; `data-count` holds it. */
  count(code: string, subject: AlarmSubject, measure: Measure): Locator {
    return this.row(code).locator(`[data-testid="pre-alarm-count"][data-subject="${subject}"][data-measure="${measure}"]`);
  }

  /** Breaks an organisation down by clicking its name. */
  async breakDown(code: string): Promise<void> {
    await this.row(code).getByTestId('pre-alarm-break-down').click();
    await expect(this.row(code)).toHaveClass(/is-total/);
  }
}
