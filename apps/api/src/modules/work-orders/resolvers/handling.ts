import { z } from 'zod';
import type { MutationResolvers, QueryResolvers, WorkOrderSheetResolvers } from '../../../generated/resolvers-types.ts';
import { loadRequired } from '../../../graphql/load-required.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';
import type { ActionOutcome } from '../work-orders.service.ts';

const id = (what: string) => z.string().regex(/^\d{1,9}$/, `not a valid ${what} id`).transform(Number);

const queueArgs = z.object({
  first: z.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200'),
  after: z.string().max(500).nullish().transform((value) => value ?? null),
  filter: z.object({
    positionId: id('position').nullish().transform((value) => value ?? null),
    mine: z.boolean().nullish().transform((value) => value ?? false),
    awaitingAssignment: z.boolean().nullish().transform((value) => value ?? false),
    anyPosition: z.boolean().nullish().transform((value) => value ?? false),
    state: z.enum(['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION', 'COMPLETED', 'CANCELLED']).nullish().transform((value) => value ?? null),
  }),
});

export const workOrders: QueryResolvers['workOrders'] = (_parent, rawArgs, context) => {
  const args = parseInput(queueArgs, rawArgs);
  return context.services.workOrders.queue(context.viewer as ViewerRecord, args.filter, args.first, args.after);
};

const search = z.string().trim().max(100, 'at most 100 characters').nullish().transform((value) => value || null);
const limit = z.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200');

export const workOrderPositions: QueryResolvers['workOrderPositions'] = (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ workOrderIds: z.array(id('work-order')).max(200, 'at most 200 at a time').nullish().transform((value) => value ?? null), search, first: limit }), rawArgs);
  return context.services.workOrders.assignablePositions(context.viewer as ViewerRecord, args.workOrderIds, args.search, args.first);
};

export const positionStaff: QueryResolvers['positionStaff'] = (_parent, rawArgs, context) => {
  const args = parseInput(z.object({ positionId: id('position'), search, first: limit }), rawArgs);
  return context.services.workOrders.positionStaff(context.viewer as ViewerRecord, args.positionId, args.search, args.first);
};

function result(outcome: ActionOutcome) {
  return outcome.ok ? { ok: true, error: null, workOrders: outcome.workOrders } : { ok: false, error: outcome.error, workOrders: [] };
}

export const assignWorkOrderPosition: MutationResolvers['assignWorkOrderPosition'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ workOrderId: id('work-order'), positionId: id('position') }), args.input);
  return result(await context.services.workOrders.assignPosition(context.viewer as ViewerRecord, input.workOrderId, input.positionId));
};

export const dispatchWorkOrders: MutationResolvers['dispatchWorkOrders'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ workOrderIds: z.array(id('work-order')).min(1, 'give at least one').max(200, 'at most 200 at a time'), staffId: id('staff') }), args.input);
  return result(await context.services.workOrders.dispatch(context.viewer as ViewerRecord, input.workOrderIds, input.staffId));
};

const ref = z.object({ workOrderId: id('work-order') });

export const claimWorkOrder: MutationResolvers['claimWorkOrder'] = async (_parent, args, context) =>
  result(await context.services.workOrders.claim(context.viewer as ViewerRecord, parseInput(ref, args.input).workOrderId));

export const arriveAtWorkOrder: MutationResolvers['arriveAtWorkOrder'] = async (_parent, args, context) =>
  result(await context.services.workOrders.arrive(context.viewer as ViewerRecord, parseInput(ref, args.input).workOrderId));

export const unlockWorkOrder: MutationResolvers['unlockWorkOrder'] = async (_parent, args, context) =>
  result(await context.services.workOrders.unlock(context.viewer as ViewerRecord, parseInput(ref, args.input).workOrderId));

const manualExceptionInput = z.object({
  workOrderId: id('work-order'),
  action: z.enum(['PICK_EXCEPTION', 'CUSTOMER_CONTACT', 'BUSINESS_OFFICE']),
  exceptionType: z.string().trim().min(1).max(64).nullish().transform((value) => value ?? null),
  note: z.string().trim().max(500, 'at most 500 characters').nullish().transform((value) => value || null),
});

export const handleManualException: MutationResolvers['handleManualException'] = async (_parent, args, context) =>
  result(await context.services.workOrders.handleManualException(context.viewer as ViewerRecord, parseInput(manualExceptionInput, args.input)));

const batchInput = z.object({
  workOrderIds: z.array(id('work-order')).min(1, 'give at least one').max(200, 'at most 200 at a time'),
  note: z.string().trim().max(500, 'at most 500 characters').nullish().transform((value) => value || null),
});

export const completeWorkOrders: MutationResolvers['completeWorkOrders'] = async (_parent, args, context) => {
  const input = parseInput(batchInput, args.input);
  const rows = await context.services.workOrders.completeMany(context.viewer as ViewerRecord, input.workOrderIds, input.note);
  return {
    completed: rows.filter((row) => row.outcome.ok).length,
    failed: rows.filter((row) => !row.outcome.ok).length,
    rows: rows.map((row) => ({ workOrderId: String(row.workOrderId), ok: row.outcome.ok, error: row.outcome.ok ? null : row.outcome.error })),
  };
};

export const printWorkOrders: MutationResolvers['printWorkOrders'] = async (_parent, args, context) => {
  const input = parseInput(z.object({ workOrderIds: z.array(id('work-order')).min(1, 'give at least one').max(200, 'at most 200 at a time') }), args.input);
  const outcome = await context.services.workOrders.print(context.viewer as ViewerRecord, input.workOrderIds);
  return outcome.ok ? { ok: true, error: null, sheets: outcome.sheets } : { ok: false, error: outcome.error, sheets: [] };
};

export const WorkOrderSheet: WorkOrderSheetResolvers = {
  order: (sheet, _args, context) => loadRequired(context.loaders.orderById, sheet.workOrder.orderId, 'Order'),
  printedBy: (sheet, _args, context) => (sheet.printedBy === null ? null : context.loaders.staffById.load(sheet.printedBy)),
};
