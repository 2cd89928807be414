import { z } from 'zod';
import type { GraphQLContext } from '../../../context.ts';
import type { AlarmEventResolvers, MutationResolvers, QueryResolvers, SubscriptionResolvers } from '../../../generated/resolvers-types.ts';
import { loadRequired } from '../../../graphql/load-required.ts';
import { authorizedEvents } from '../../../graphql/subscriptions.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertCan } from '../../../auth/authorize.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

const id = (what: string) => z.string().regex(/^\d{1,9}$/, `not a valid ${what} id`).transform(Number);
const optionalId = (what: string) => id(what).nullish().transform((value) => value ?? null);
const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as yyyy-MM-dd')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'is not a real date');
const hours = z.number().gt(0, 'must be more than 0').max(8760, 'must be at most 8760 (a year)');
const DAY = 86_400_000;

const calendarArgs = z
  .object({ from: localDate, to: localDate, organisationId: optionalId('organisation') })
  .refine((args) => args.from <= args.to, { message: 'must not be before from', path: ['to'] })
  .refine((args) => (Date.parse(args.to) - Date.parse(args.from)) / DAY < 400, { message: 'the range may span at most 400 days', path: ['to'] });

export const workingCalendar: QueryResolvers['workingCalendar'] = (_parent, rawArgs, context) => {
  const args = parseInput(calendarArgs, rawArgs);
  return context.services.timeLimits.calendarDays(context.viewer as ViewerRecord, args.from, args.to, args.organisationId);
};

export const orderTimeLimits: QueryResolvers['orderTimeLimits'] = (_parent, _args, context) => context.services.timeLimits.orderLimits();
export const workOrderTimeLimits: QueryResolvers['workOrderTimeLimits'] = (_parent, _args, context) => context.services.timeLimits.workOrderLimits();

const calendarInput = z.object({
  organisationId: optionalId('organisation'),
  days: z
    .array(z.object({ date: localDate, working: z.boolean().nullish().transform((value) => value ?? null), name: z.string().trim().max(50, 'must be at most 50 characters').nullish().transform((value) => value || null) }))
    .min(1, 'give at least one day')
    .max(400, 'at most 400 days at once'),
});

export const setCalendarDays: MutationResolvers['setCalendarDays'] = async (_parent, args, context) => {
  const input = parseInput(calendarInput, args.input);
  await context.services.timeLimits.setCalendarDays(context.viewer as ViewerRecord, input.organisationId, input.days);
  return { ok: true, error: null };
};

const orderLimitInput = z
  .object({ orderType: z.enum(['NEW', 'MOVE', 'REMOVE', 'CHANGE', 'CANCEL']), warningHours: hours, processHours: hours })
  .refine((limit) => limit.warningHours < limit.processHours, { message: 'must be less than processHours', path: ['warningHours'] });

export const setOrderTimeLimit: MutationResolvers['setOrderTimeLimit'] = async (_parent, args, context) => {
  await context.services.timeLimits.setOrderLimit(context.viewer as ViewerRecord, parseInput(orderLimitInput, args.input));
  return { ok: true, error: null };
};

const workOrderLimitInput = z
  .object({
    workOrderType: z.string().trim().min(1, 'is required').max(40),
    stepCode: z.string().trim().max(40).nullish().transform((value) => value || null),
    acceptHours: hours,
    warningHours: hours,
    processHours: hours,
  })
  .refine((limit) => limit.warningHours < limit.processHours, { message: 'must be less than processHours', path: ['warningHours'] })
  .refine((limit) => limit.acceptHours <= limit.processHours, { message: 'must be at most processHours', path: ['acceptHours'] });

export const setWorkOrderTimeLimit: MutationResolvers['setWorkOrderTimeLimit'] = async (_parent, args, context) => {
  await context.services.timeLimits.setWorkOrderLimit(context.viewer as ViewerRecord, parseInput(workOrderLimitInput, args.input));
  return { ok: true, error: null };
};

function clockInfo(context: GraphQLContext) {
  return { now: context.services.clock.now(), offsetMinutes: context.services.clock.offset / 60_000, testMode: context.services.config.testMode };
}

export const clock: QueryResolvers['clock'] = (_parent, _args, context) => clockInfo(context);

const advanceArgs = z.object({ minutes: z.number().int().min(1, 'must be at least 1').max(525_600, 'must be at most 525600 (a year)') });

export const advanceClock: MutationResolvers['advanceClock'] = async (_parent, rawArgs, context) => {
  assertCan(context.viewer as ViewerRecord, 'simulators:configure');
  if (!context.services.config.testMode) throw new AppError('FORBIDDEN', 'The clock can only be moved in test mode (OPENIOM_TEST_MODE=1).');
  const { minutes } = parseInput(advanceArgs, rawArgs);
  const offsetMs = context.services.clock.offset + minutes * 60_000;
  await context.services.auth.carrySessionsAcrossClockJump(minutes * 60_000);
  context.services.clock.setOffset(offsetMs);
  // Every other instance follows; this one scans at once so the answer reflects the new time.
  await context.services.pubsub.publish('clock.changed', { offsetMs });
  await context.services.alarmScanner.kick();
  if (context.services.config.dunning.enabled) await context.services.dunningWorker.kick();
  await context.services.relay.kick();
  return clockInfo(context);
};

const alarmArgs = z.object({
  filter: z
    .object({ organisationId: optionalId('organisation'), orderId: optionalId('order') })
    .nullish()
    .transform((filter) => filter ?? { organisationId: null, orderId: null }),
});

export const alarmChanged: SubscriptionResolvers['alarmChanged'] = {
  subscribe: async (_parent, rawArgs, context) => {
    const { filter } = parseInput(alarmArgs, rawArgs);
    const resolved = await context.services.orders.resolveWorkOrderFilter(context.viewer as ViewerRecord, { ...filter, positionId: null, staffId: null });
    return authorizedEvents(
      context,
      context.services.pubsub.subscribe('alarm.changed'),
      (viewer, event, loaders) => context.services.orders.mayReceiveAlarm(viewer, event, resolved, loaders),
      (event) => ({ alarmChanged: event }),
    );
  },
};

export const AlarmEvent: AlarmEventResolvers = {
  order: (event, _args, context) => loadRequired(context.loaders.orderById, event.orderId, 'Order'),
  workOrder: (event, _args, context) => (event.subject === 'WORK_ORDER' ? loadRequired(context.loaders.workOrderById, event.id, 'WorkOrder') : null),
};

export const deleteOrderTimeLimit: MutationResolvers['deleteOrderTimeLimit'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ orderType: z.string().trim().min(1, 'is required').max(20) }), args.input);
  const outcome = await context.services.timeLimits.deleteOrderLimit(context.viewer as ViewerRecord, input.orderType);
  return outcome.ok ? { ok: true, error: null } : { ok: false, error: outcome.error };
};

export const deleteWorkOrderTimeLimit: MutationResolvers['deleteWorkOrderTimeLimit'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ id: id('work-order time limit') }), args.input);
  const outcome = await context.services.timeLimits.deleteWorkOrderLimit(context.viewer as ViewerRecord, input.id);
  return outcome.ok ? { ok: true, error: null } : { ok: false, error: outcome.error };
};
