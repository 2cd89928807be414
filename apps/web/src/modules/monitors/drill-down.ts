import type { AlarmSubject, OrderQueryFilter, WorkOrderQueryFilter } from '../../generated/graphql';
import { MEASURES, measuresOf, type Measure } from './pre-alarm-rows';

/** A count the user clicked: its list is shown below the table. */
export interface PreAlarmSelection {
  organisationId: string;
  subject: AlarmSubject;
  measure: Measure;
}

/** `12.ORDER.overdue` in the address, so that a reload or a shared link shows the same list. */
export function formatSelection(s: PreAlarmSelection): string {
  return `${s.organisationId}.${s.subject}.${s.measure}`;
}

export function parseSelection(value: string | null): PreAlarmSelection | null {
  const match = /^(\d{1,18})\.(ORDER|WORK_ORDER)\.(\w+)$/.exec(value ?? '');
  if (!match) return null;
  const subject = match[2] as AlarmSubject;
  const measure = match[3] as Measure;
  if (!MEASURES.includes(measure) || !measuresOf(subject).includes(measure)) return null;
  return { organisationId: match[1], subject, measure };
}

export function sameSelection(a: PreAlarmSelection | null, b: PreAlarmSelection | null): boolean {
  return !!a && !!b && formatSelection(a) === formatSelection(b);
}

/** The order query that lists what an order count counts (executing orders of the subtree). */
export function orderFilterFor(s: PreAlarmSelection): OrderQueryFilter {
  const filter: OrderQueryFilter = { organisationId: s.organisationId, state: 'EXECUTING' };
  if (s.measure === 'warning') filter.timeState = 'WARNING';
  if (s.measure === 'overdue') filter.timeState = 'OVERDUE';
  return filter;
}

/**
 * The work-order query that lists what a work-order count counts: open work orders of executing
 * orders of the subtree; "not accepted in time" counts only those still waiting.
 */
export function workOrderFilterFor(s: PreAlarmSelection): WorkOrderQueryFilter {
  const order: OrderQueryFilter = { organisationId: s.organisationId, state: 'EXECUTING' };
  switch (s.measure) {
    case 'executing':
      return { order, open: true };
    case 'warning':
      return { order, open: true, timeState: 'WARNING' };
    case 'overdue':
      return { order, open: true, timeState: 'OVERDUE' };
    case 'acceptOverdue':
      return { order, state: 'PENDING', acceptOverdue: true };
  }
}
