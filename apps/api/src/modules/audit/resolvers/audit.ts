import { z } from 'zod';
import type { AuditEntryConnectionResolvers, AuditEntryResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';
import { countResolvers } from '../../../lib/connection.ts';
import { optionalText, pageArgs } from '../../../lib/list-args.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

const auditArgs = z.object({
  ...pageArgs,
  filter: z
    .object({
      from: z.date().nullish().transform((value) => value ?? null),
      to: z.date().nullish().transform((value) => value ?? null),
      staffNo: optionalText(40),
      action: optionalText(60),
      entityType: optionalText(60),
      entityId: optionalText(100),
      text: optionalText(100),
    })
    .refine((filter) => filter.from === null || filter.to === null || filter.to > filter.from, { message: 'must be later than `from`', path: ['to'] })
    .nullish()
    .transform((value) => value ?? { from: null, to: null, staffNo: null, action: null, entityType: null, entityId: null, text: null }),
});

export const auditLog: QueryResolvers['auditLog'] = (_parent, rawArgs, context) => {
  const args = parseInput(auditArgs, rawArgs);
  return context.services.audit.search(context.viewer as ViewerRecord, args.filter, args.first, args.after);
};

const jsonText = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export const AuditEntry: AuditEntryResolvers = {
  id: (entry) => String(entry.id),
  before: (entry) => jsonText(entry.before),
  after: (entry) => jsonText(entry.after),
  changedFields: (entry) => changedFields(entry.before, entry.after),
};

export const AuditEntryConnection: AuditEntryConnectionResolvers = countResolvers;

/** Top-level fields that differ between two JSON records; all of either side's when the other is absent. */
export function changedFields(before: unknown, after: unknown): string[] {
  const fields = (value: unknown) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const a = fields(before);
  const b = fields(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key])).sort();
}
