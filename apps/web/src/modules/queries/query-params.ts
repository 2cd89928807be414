import type { OrderQueryFilter, OrderSortField, SortDirection, WorkOrderQueryFilter, WorkOrderSortField } from '../../generated/graphql';

/**
 * The conditions of the order and work-order queries as URL search parameters, so that a reload or
 * a shared link restores the query. One flat parameter per condition (`?customerName=陈&orderState=
 * EXECUTING&acceptedFrom=2024-06-01`); dates are local calendar days, `…To` inclusive.
 */

export const ORDER_STATES = ['EXECUTING', 'COMPLETED', 'CANCELLED', 'REJECTED'] as const;
export const ORDER_TYPES = ['NEW', 'MOVE', 'REMOVE', 'CHANGE', 'CANCEL'] as const;
export const TIME_STATES = ['NORMAL', 'WARNING', 'OVERDUE'] as const;
export const WORK_ORDER_STATES = ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION', 'COMPLETED', 'CANCELLED'] as const;
export const FLAGS = ['yes', 'no'] as const;

/** Text conditions of an order, as the API names them (also the URL parameter). */
export const ORDER_TEXT_FIELDS = ['orderNo', 'acceptanceNo', 'customerName', 'customerPhone', 'broadbandAccount', 'address', 'productCode'] as const;
/** URL parameters of the order conditions. */
export const ORDER_PARAMS = [...ORDER_TEXT_FIELDS, 'area', 'orderState', 'orderType', 'changedOrCancelled', 'orderTimeState', 'acceptedFrom', 'acceptedTo'] as const;
/** URL parameters the work-order query adds. */
export const WORK_ORDER_PARAMS = ['workOrderNo', 'position', 'category', 'type', 'state', 'timeState', 'pendingInstall', 'open', 'acceptOverdue', 'createdFrom', 'createdTo'] as const;

export type QueryParams = Record<string, string>;

/** A parsed query: the API filter, the sort, and the parameters that were not understood. */
export interface ParsedQuery<Filter, Sort> {
  filter: Filter;
  sortBy: Sort;
  sortDirection: SortDirection;
  /** `name=value` of each parameter ignored because its value is not valid. */
  invalid: string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^\d{1,9}$/;
const CODE = /^[A-Z0-9_]{1,64}$/;

/** Reads one parameter; a value that is not allowed is recorded and left out. */
function reader(params: URLSearchParams, invalid: string[]) {
  const text = (name: string, max = 100) => {
    const value = params.get(name)?.trim();
    if (!value) return undefined;
    if (value.length > max) return void invalid.push(`${name}=${value.slice(0, 20)}…`);
    return value;
  };
  const pick = <T extends string>(name: string, allowed: readonly T[]) => {
    const value = text(name);
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return void invalid.push(`${name}=${value}`);
  };
  const match = (name: string, pattern: RegExp) => {
    const value = text(name);
    if (value === undefined) return undefined;
    if (pattern.test(value)) return value;
    return void invalid.push(`${name}=${value}`);
  };
  const flag = (name: string) => {
    const value = pick(name, FLAGS);
    return value === undefined ? undefined : value === 'yes';
  };
  /** `from` at the start of its day, `to` at the start of the day after (the API's `to` is exclusive). */
  const range = (fromName: string, toName: string) => {
    const from = match(fromName, DAY);
    const to = match(toName, DAY);
    if (from === undefined && to === undefined) return undefined;
    if (from !== undefined && to !== undefined && to < from) {
      invalid.push(`${toName}=${to}`);
      return { from: startOfDay(from) };
    }
    return { ...(from !== undefined && { from: startOfDay(from) }), ...(to !== undefined && { to: startOfDay(to, 1) }) };
  };
  return { text, pick, match, flag, range };
}

/** Local midnight of a calendar day (plus `days`), as an ISO instant. */
export function startOfDay(day: string, days = 0): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date + days).toISOString();
}

/** Drops the conditions that were not given, so that the filter (and its JSON) is minimal. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function orderConditions(params: URLSearchParams, invalid: string[]): OrderQueryFilter {
  const read = reader(params, invalid);
  const filter: OrderQueryFilter = {
    organisationId: read.match('area', ID),
    state: read.pick('orderState', ORDER_STATES),
    orderType: read.pick('orderType', ORDER_TYPES),
    changedOrCancelled: read.flag('changedOrCancelled'),
    timeState: read.pick('orderTimeState', TIME_STATES),
    acceptedAt: read.range('acceptedFrom', 'acceptedTo'),
  };
  for (const name of ORDER_TEXT_FIELDS) filter[name] = read.text(name, name === 'customerName' || name === 'address' ? 100 : 64);
  return compact(filter);
}

function sortOf<Sort extends string>(params: URLSearchParams, fields: readonly Sort[], invalid: string[]): { sortBy: Sort; sortDirection: SortDirection } {
  const read = reader(params, invalid);
  return { sortBy: read.pick('sort', fields) ?? fields[0], sortDirection: read.pick('dir', ['ASC', 'DESC'] as const) ?? 'DESC' };
}

export const ORDER_SORT_FIELDS: readonly OrderSortField[] = ['ACCEPTED_AT', 'ORDER_NO'];
export const WORK_ORDER_SORT_FIELDS: readonly WorkOrderSortField[] = ['CREATED_AT', 'WORK_ORDER_NO'];

export function parseOrderQuery(params: URLSearchParams): ParsedQuery<OrderQueryFilter, OrderSortField> {
  const invalid: string[] = [];
  const filter = orderConditions(params, invalid);
  return { filter, ...sortOf(params, ORDER_SORT_FIELDS, invalid), invalid };
}

export function parseWorkOrderQuery(params: URLSearchParams): ParsedQuery<WorkOrderQueryFilter, WorkOrderSortField> {
  const invalid: string[] = [];
  const order = orderConditions(params, invalid);
  const read = reader(params, invalid);
  const filter: WorkOrderQueryFilter = compact({
    order: Object.keys(order).length > 0 ? order : undefined,
    workOrderNo: read.text('workOrderNo', 80),
    positionId: read.match('position', ID),
    categoryCode: read.match('category', CODE),
    typeCode: read.match('type', CODE),
    state: read.pick('state', WORK_ORDER_STATES),
    timeState: read.pick('timeState', TIME_STATES),
    pendingInstall: read.flag('pendingInstall'),
    open: read.flag('open'),
    acceptOverdue: read.flag('acceptOverdue'),
    createdAt: read.range('createdFrom', 'createdTo'),
  });
  return { filter, ...sortOf(params, WORK_ORDER_SORT_FIELDS, invalid), invalid };
}

/** The form's values from the URL (every known parameter, empty when absent). */
export function formValues(params: URLSearchParams, names: readonly string[]): QueryParams {
  return Object.fromEntries(names.map((name) => [name, params.get(name) ?? '']));
}

/** The URL parameters of a submitted form: empty fields left out, the sort kept. */
export function toSearchParams(values: QueryParams, current: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value.trim() !== '') next.set(name, value.trim());
  for (const name of ['sort', 'dir']) {
    const value = current.get(name);
    if (value) next.set(name, value);
  }
  return next;
}
