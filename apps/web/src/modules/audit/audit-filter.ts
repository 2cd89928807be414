import type { AuditFilter } from '../../generated/graphql';

/** The audit search's conditions as they sit in the URL (`?from=2026-11-01&staffNo=GZ0001`). */
export const auditParamNames = ['from', 'to', 'staffNo', 'entityType', 'action', 'text'] as const;
export type AuditParams = Partial<Record<(typeof auditParamNames)[number], string>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function auditParams(search: URLSearchParams): AuditParams {
  const params: AuditParams = {};
  for (const name of auditParamNames) {
    const value = search.get(name)?.trim();
    if (value) params[name] = value;
  }
  return params;
}

/**
 * The API filter for the URL's conditions. Dates are whole local days: `to` includes its day, so the
 * filter's exclusive end is the start of the next day. A malformed date is ignored.
 */
export function auditFilter(params: AuditParams): AuditFilter {
  const filter: AuditFilter = {};
  if (params.from && DATE.test(params.from)) filter.from = localMidnight(params.from, 0);
  if (params.to && DATE.test(params.to)) filter.to = localMidnight(params.to, 1);
  if (params.staffNo) filter.staffNo = params.staffNo.toUpperCase();
  if (params.entityType) filter.entityType = params.entityType;
  if (params.action) filter.action = params.action;
  if (params.text) filter.text = params.text;
  return filter;
}

function localMidnight(date: string, addDays: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + addDays).toISOString();
}

/** One row of the before/after comparison of an entry. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

/** Every top-level field of the record before and after, changed ones first, as display text. */
export function fieldChanges(before: string | null | undefined, after: string | null | undefined, changedFields: readonly string[]): FieldChange[] {
  const a = parseRecord(before);
  const b = parseRecord(after);
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const changed = new Set(changedFields);
  return fields
    .map((field) => ({ field, before: show(a, field), after: show(b, field), changed: changed.has(field) }))
    .sort((x, y) => Number(y.changed) - Number(x.changed) || x.field.localeCompare(y.field));
}

function parseRecord(json: string | null | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { value: json };
  }
}

function show(record: Record<string, unknown>, field: string): string {
  if (!(field in record)) return '';
  const value = record[field];
  if (value === null) return 'null';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
