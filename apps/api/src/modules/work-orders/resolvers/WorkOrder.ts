import type { WorkflowStepResolvers, WorkOrderConnectionResolvers, WorkOrderResolvers } from '../../../generated/resolvers-types.ts';
import { loadRequired } from '../../../graphql/load-required.ts';
import { countResolvers } from '../../../lib/connection.ts';

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
};

export const WorkflowStep: WorkflowStepResolvers = {
  id: (step) => String(step.id),
  workOrderType: (step, _args, context) => (step.workOrderTypeCode === null ? null : context.loaders.workOrderTypeByCode.load(step.workOrderTypeCode)),
};

export const WorkOrderConnection: WorkOrderConnectionResolvers = countResolvers;
