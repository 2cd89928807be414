import { z } from 'zod';
import type { DunningReminderResolvers, DunningScheduleConnectionResolvers, DunningScheduleResolvers, DunningTargetConnectionResolvers, DunningTargetResolvers, MutationResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';
import { countResolvers } from '../../../lib/connection.ts';
import { pageArgs } from '../../../lib/list-args.ts';
import { parseInput, toIntId } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';
import { normalisePhone } from '../dunning-numbers.ts';

const scheduleStates = ['ACTIVE', 'FINISHED', 'CANCELLED'] as const;
const targetStates = ['ACTIVE', 'PAID', 'DONE', 'FAILED', 'CANCELLED'] as const;
const phone = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const normalised = normalisePhone(value);
    if (!normalised) ctx.addIssue({ code: 'custom', message: 'not a phone number (digits, optionally a leading +, 5–20 characters)' });
    return normalised ?? '';
  });

const schedulesArgs = z.object({ ...pageArgs, state: z.enum(scheduleStates).nullish().transform((value) => value ?? null) });

export const dunningSchedules: QueryResolvers['dunningSchedules'] = (_parent, rawArgs, context) => {
  const args = parseInput(schedulesArgs, rawArgs);
  return context.services.dunning.schedules(context.viewer as ViewerRecord, args.state, args.first, args.after);
};

export const dunningSchedule: QueryResolvers['dunningSchedule'] = (_parent, args, context) => context.services.dunning.schedule(context.viewer as ViewerRecord, toIntId(args.id, 'id'));

const historyArgs = z.object({ phone, first: z.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500') });

export const dunningHistory: QueryResolvers['dunningHistory'] = (_parent, rawArgs, context) => {
  const args = parseInput(historyArgs, rawArgs);
  return context.services.dunning.history(context.viewer as ViewerRecord, args.phone, args.first);
};

const createInput = z.object({
  name: z.string().trim().min(1, 'is required').max(100, 'at most 100 characters'),
  channel: z.enum(['SMS', 'VOICE']),
  template: z.string().trim().min(1, 'is required').max(500, 'at most 500 characters'),
  startAt: z.date({ message: 'must be a date and time' }),
  periodMinutes: z.number().int().min(1, 'must be at least 1').max(43_200, 'must be at most 43200 (30 days)'),
  count: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100'),
  numbers: z.string().max(1_000_000, 'at most 1,000,000 characters'),
});

export const createDunningSchedule: MutationResolvers['createDunningSchedule'] = async (_parent, args, context) => {
  const outcome = await context.services.dunning.create(context.viewer as ViewerRecord, parseInput(createInput, args.input));
  if (outcome.schedule) return { schedule: outcome.schedule, problems: [], error: null };
  return { schedule: null, problems: outcome.problems, error: { ...outcome.error, field: 'numbers' } };
};

export const cancelDunningSchedule: MutationResolvers['cancelDunningSchedule'] = async (_parent, args, context) => {
  const id = toIntId(args.id, 'id');
  const viewer = context.viewer as ViewerRecord;
  const cancelled = await context.services.dunning.cancel(viewer, id);
  const schedule = await context.services.dunning.schedule(viewer, id);
  if (cancelled) return { ok: true, error: null, schedule };
  return { ok: false, error: { code: 'NOT_ACTIVE', message: schedule ? `Dunning schedule ${id} is already ${schedule.state.toLowerCase()}.` : `Dunning schedule ${id} does not exist.`, field: 'id' }, schedule };
};

export const markDunningPaid: MutationResolvers['markDunningPaid'] = async (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ phone }), rawArgs);
  return { stopped: await context.services.dunning.markPaid(context.viewer as ViewerRecord, args.phone) };
};

const targetsArgs = z.object({ ...pageArgs, state: z.enum(targetStates).nullish().transform((value) => value ?? null) });

export const DunningSchedule: DunningScheduleResolvers = {
  id: (schedule) => String(schedule.id),
  createdBy: async (schedule, _args, context) => (schedule.staffId === null ? null : ((await context.loaders.staffById.load(schedule.staffId))?.staffNo ?? null)),
  summary: async (schedule, _args, context) => {
    const summary = await context.loaders.dunningSummaryBySchedule.load(schedule.id);
    return summary ?? { id: schedule.id, total: 0, active: 0, paid: 0, done: 0, failed: 0, remindersSent: 0 };
  },
  targets: (schedule, rawArgs, context) => {
    const args = parseInput(targetsArgs, rawArgs);
    return context.services.dunning.targets(schedule.id, args.state, args.first, args.after);
  },
};

export const DunningTarget: DunningTargetResolvers = {
  id: (target) => String(target.id),
  lastReminder: async (target, _args, context) => {
    const last = await context.loaders.lastDunningReminderByTarget.load(target.id);
    return last ? { ...last, id: last.reminderId } : null;
  },
};

export const DunningReminder: DunningReminderResolvers = {
  id: (reminder) => String(reminder.id),
  scheduleId: (reminder) => String(reminder.scheduleId),
};

export const DunningScheduleConnection: DunningScheduleConnectionResolvers = countResolvers;
export const DunningTargetConnection: DunningTargetConnectionResolvers = countResolvers;
