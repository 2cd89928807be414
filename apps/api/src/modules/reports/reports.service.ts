import { TZDate } from '@date-fns/tz';
import type { PrismaClient, TimeState, WorkOrderState } from '@openiom/db';
import { format } from 'date-fns';
import { assertCan } from '../../auth/authorize.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { ReportsRepository } from './reports.repository.ts';
import type { DailyReportRecord, DayWindow, ManagerDashboardRecord, PositionOverdueRecord } from './reports.types.ts';

const TIME_STATES: TimeState[] = ['NORMAL', 'WARNING', 'OVERDUE'];
const OPEN_STATES: WorkOrderState[] = ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'];

/** The daily work-order report (工单日报表) and the manager dashboard, counted in the operator's time zone. */
export class ReportsService {
  readonly repository: ReportsRepository;

  constructor(
    prisma: PrismaClient,
    private readonly timeZone: string,
    private readonly now: () => Date,
  ) {
    this.repository = new ReportsRepository(prisma);
  }

  /** The report of `date` (yyyy-MM-dd, already checked for shape; null: today), which must not lie in the future. */
  async dailyReport(viewer: ViewerRecord, requested: string | null): Promise<DailyReportRecord> {
    assertCan(viewer, 'orders:read');
    const now = this.now();
    const today = this.dateOf(now);
    const date = requested ?? today;
    if (date > today) throw new AppError('BAD_USER_INPUT', `date: ${date} is in the future (today is ${today} in ${this.timeZone}).`, { field: 'date' });
    const day = this.window(date, now);
    const rows = await this.repository.dailyWorkOrders(viewer.scope, day);
    return { ...day, today, timeZone: this.timeZone, rows: rows.sort((a, b) => (a.organisationId ?? 0) - (b.organisationId ?? 0) || (a.workOrderTypeCode ?? '').localeCompare(b.workOrderTypeCode ?? '')) };
  }

  /** The dashboard's frame: the last `days` local days, today last. Its panels are read by the methods below. */
  dashboard(viewer: ViewerRecord, days: number): ManagerDashboardRecord {
    assertCan(viewer, 'orders:read');
    const now = this.now();
    const today = new TZDate(now.getTime(), this.timeZone);
    const dates = Array.from({ length: days }, (_, i) => format(new TZDate(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1 - i), 12, this.timeZone), 'yyyy-MM-dd'));
    const windows = dates.map((date) => this.window(date, now));
    return { timeZone: this.timeZone, dates, from: windows[0].from, dayEnds: windows.map((w) => w.asOf), asOf: now };
  }

  async ordersInFlight(viewer: ViewerRecord) {
    assertCan(viewer, 'orders:read');
    const counts = new Map((await this.repository.ordersInFlight(viewer.scope)).map((row) => [row.timeState, row.count]));
    return TIME_STATES.map((timeState) => ({ timeState, count: counts.get(timeState) ?? 0 }));
  }

  async workOrdersInFlight(viewer: ViewerRecord) {
    assertCan(viewer, 'orders:read');
    const counts = new Map((await this.repository.workOrdersInFlight(viewer.scope)).map((row) => [row.state, row]));
    return OPEN_STATES.map((state) => ({ state, count: counts.get(state)?.count ?? 0, overdue: counts.get(state)?.overdue ?? 0 }));
  }

  overdueTrend(viewer: ViewerRecord, frame: ManagerDashboardRecord) {
    assertCan(viewer, 'orders:read');
    return this.repository.overdueAt(viewer.scope, frame.from, frame.dates, frame.dayEnds);
  }

  async throughput(viewer: ViewerRecord, frame: ManagerDashboardRecord) {
    assertCan(viewer, 'orders:read');
    const rows = await this.repository.completedPerDay(viewer.scope, frame.from, frame.asOf, this.timeZone);
    const count = (date: string, subject: 'ORDER' | 'WORK_ORDER') => rows.find((row) => row.date === date && row.subject === subject)?.count ?? 0;
    return frame.dates.map((date) => ({ date, orders: count(date, 'ORDER'), workOrders: count(date, 'WORK_ORDER') }));
  }

  topOverduePositions(viewer: ViewerRecord, first: number): Promise<PositionOverdueRecord[]> {
    assertCan(viewer, 'orders:read');
    return this.repository.topOverduePositions(viewer.scope, first);
  }

  /** Today's date in the operator's time zone. */
  private dateOf(instant: Date): string {
    return format(new TZDate(instant.getTime(), this.timeZone), 'yyyy-MM-dd');
  }

  /** The local day `date` as instants; `asOf` is its end, or now while it lasts. */
  private window(date: string, now: Date): DayWindow {
    const [year, month, day] = date.split('-').map(Number);
    const from = new Date(new TZDate(year, month - 1, day, this.timeZone).getTime());
    const to = new Date(new TZDate(year, month - 1, day + 1, this.timeZone).getTime());
    return { date, from, to, asOf: to.getTime() < now.getTime() ? to : now };
  }
}
