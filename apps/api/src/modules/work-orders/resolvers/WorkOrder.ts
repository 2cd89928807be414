import type { WorkflowStepResolvers, WorkOrderConnectionResolvers, WorkOrderResolvers } from '../../../generated/resolvers-types.ts';
import { loadRequired } from '../../../graphql/load-required.ts';
import { countResolvers } from '../../../lib/connection.ts';
import { OFFLINE_ACTIVATION_TYPE, offlineActivationTargetOf, PORT_KEY } from '../../activation/offline-activation.ts';

export const WorkOrder: WorkOrderResolvers = {
  id: (workOrder) => String(workOrder.id),
  step: (workOrder, _args, context) => context.services.workflows.step(workOrder.orderId, workOrder.stepId, context.loaders.orderById),
  position: (workOrder, _args, context) => (workOrder.positionId === null ? null : context.loaders.positionById.load(workOrder.positionId)),
  handler: (workOrder, _args, context) => (workOrder.staffId === null ? null : context.loaders.staffById.load(workOrder.staffId)),
  // Every path to a work order is scoped by its order, so its order is visible too.
  order: (workOrder, _args, context) => loadRequired(context.loaders.orderById, workOrder.orderId, 'Order'),
  exceptionTypes: (workOrder, _args, context) => context.services.workflows.exceptionTypes(workOrder.orderId, workOrder.stepId, context.loaders.orderById),
  exceptionTypeDetails: async (workOrder, _args, context) =>
    context.services.exceptionFlows.byCodes(await context.services.workflows.exceptionTypes(workOrder.orderId, workOrder.stepId, context.loaders.orderById)),
  // From its order's log, read once for all the rows of a request (by order: indexed).
  arrivedAt: async (workOrder, _args, context) =>
    (await context.loaders.orderLog.load(workOrder.orderId)).find((line) => line.workOrderId === workOrder.id && line.action === 'ARRIVE')?.createdAt ?? null,
  // For offline-activation work orders only, from the order demand (read once for all the rows of a request).
  offlineActivation: async (workOrder, _args, context) => {
    const step = await context.services.workflows.step(workOrder.orderId, workOrder.stepId, context.loaders.orderById);
    if (step?.workOrderTypeCode !== OFFLINE_ACTIVATION_TYPE) return null;
    const port = (await context.loaders.orderDemand.load(workOrder.orderId)).find((row) => row.key === PORT_KEY)?.value ?? null;
    return offlineActivationTargetOf(port);
  },
};

export const WorkflowStep: WorkflowStepResolvers = {
  id: (step) => String(step.id),
  workOrderType: (step, _args, context) => (step.workOrderTypeCode === null ? null : context.loaders.workOrderTypeByCode.load(step.workOrderTypeCode)),
};

export const WorkOrderConnection: WorkOrderConnectionResolvers = countResolvers;
