/** A daily-report row before its organisation and work-order type are loaded. */
export interface DailyReportRowRecord {
  organisationId: number | null;
  workOrderTypeCode: string | null;
  created: number;
  completed: number;
  completedOnTime: number;
  exceptions: number;
  open: number;
  overdue: number;
}

export interface DailyReportRecord {
  date: string;
  today: string;
  timeZone: string;
  from: Date;
  to: Date;
  asOf: Date;
  rows: DailyReportRowRecord[];
}

/** The dashboard's frame; each panel is read by its own field. */
export interface ManagerDashboardRecord {
  timeZone: string;
  dates: string[];
  /** Start of the first day and, for each date, the instant its "end of day" counts are taken at. */
  from: Date;
  dayEnds: Date[];
  asOf: Date;
}

export interface PositionOverdueRecord {
  positionId: number | null;
  overdue: number;
  open: number;
}

/** A day of the operator's calendar as instants: [from, to), and `asOf` = min(to, now). */
export interface DayWindow {
  date: string;
  from: Date;
  to: Date;
  asOf: Date;
}
