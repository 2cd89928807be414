import type { PrismaClient } from '../generated/client/client.ts';

/**
 * Default time limits (working hours). Order limits follow the supervision defaults of the seed
 * (warning after 36 h, overdue after 48 h); work-order limits follow its home-broadband example:
 * accept 1 h / process 2 h for most steps, field work accept 12 h / process 50 h.
 */
export const orderTimeLimits = [
  { orderType: 'NEW', warningHours: 36, processHours: 48 },
  { orderType: 'MOVE', warningHours: 36, processHours: 48 },
  { orderType: 'CHANGE', warningHours: 36, processHours: 48 },
  { orderType: 'REMOVE', warningHours: 18, processHours: 24 },
];

const quick = { acceptHours: 1, warningHours: 1.5, processHours: 2 };
export const workOrderTimeLimits = [
  // The activation-failure steps too: the seed's 失败原因判定 and 线下激活 accept in 1 h and process in 2 h.
  ...['WIRING', 'NUMBER', 'PORT', 'RELEASE', 'NETWORK_MGMT', 'BB_ROOM', 'DISPATCH', 'CRM_NOTICE', 'ACTIVATION_REVIEW', 'OFFLINE_ACTIVATION'].map((workOrderTypeCode) => ({ workOrderTypeCode, ...quick })),
  { workOrderTypeCode: 'INSTALL', acceptHours: 12, warningHours: 40, processHours: 50 },
  { workOrderTypeCode: 'REMOVE', acceptHours: 12, warningHours: 40, processHours: 50 },
  // The appointment is claimed within the supervision's claim timeout (2 h) and agreed within a day.
  { workOrderTypeCode: 'APPOINTMENT', acceptHours: 2, warningHours: 6, processHours: 8 },
  { workOrderTypeCode: 'ONSITE_TEST', acceptHours: 12, warningHours: 40, processHours: 50 },
];

/**
 * The 2026 public holidays and the weekend days worked in exchange (调休), as published by the
 * State Council; administrators keep the calendar up to date from the calendar screen.
 */
const holidays2026: [from: string, to: string, name: string][] = [
  ['2026-01-01', '2026-01-03', '元旦'],
  ['2026-02-15', '2026-02-23', '春节'],
  ['2026-04-04', '2026-04-06', '清明节'],
  ['2026-05-01', '2026-05-05', '劳动节'],
  ['2026-06-19', '2026-06-21', '端午节'],
  ['2026-09-25', '2026-09-27', '中秋节'],
  ['2026-10-01', '2026-10-07', '国庆节'],
  ['2027-01-01', '2027-01-01', '元旦'],
];
const workedWeekendDays2026: [date: string, name: string][] = [
  ['2026-01-04', '元旦调休'],
  ['2026-02-14', '春节调休'],
  ['2026-02-28', '春节调休'],
  ['2026-05-09', '劳动节调休'],
  ['2026-09-20', '国庆节调休'],
  ['2026-10-10', '国庆节调休'],
];

export function calendarDays(): { date: Date; working: boolean; name: string }[] {
  const days: { date: Date; working: boolean; name: string }[] = [];
  for (const [from, to, name] of holidays2026) {
    for (let day = new Date(`${from}T00:00:00Z`); day <= new Date(`${to}T00:00:00Z`); day = new Date(day.getTime() + 86_400_000)) {
      days.push({ date: day, working: false, name });
    }
  }
  for (const [date, name] of workedWeekendDays2026) days.push({ date: new Date(`${date}T00:00:00Z`), working: true, name });
  return days;
}

/** Seeds the default time limits and calendar once; afterwards they belong to the administrators. */
export async function seedTimeLimits(prisma: PrismaClient): Promise<void> {
  if ((await prisma.orderTimeLimit.count()) === 0) await prisma.orderTimeLimit.createMany({ data: orderTimeLimits });
  if ((await prisma.workOrderTimeLimit.count()) === 0) await prisma.workOrderTimeLimit.createMany({ data: workOrderTimeLimits });
  else {
    // Types added by a later seed (the dispatch-center flows, the activation failures) get their defaults once, when they have no limit yet.
    for (const limit of workOrderTimeLimits.filter((l) => ['APPOINTMENT', 'ONSITE_TEST', 'ACTIVATION_REVIEW', 'OFFLINE_ACTIVATION'].includes(l.workOrderTypeCode))) {
      if ((await prisma.workOrderTimeLimit.count({ where: { workOrderTypeCode: limit.workOrderTypeCode } })) === 0) await prisma.workOrderTimeLimit.create({ data: limit });
    }
  }
  if ((await prisma.calendarDay.count()) === 0) await prisma.calendarDay.createMany({ data: calendarDays() });
}
