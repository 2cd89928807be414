import type { WorkflowStepResolvers, WorkOrderResolvers } from '../../../generated/resolvers-types.ts';

export const WorkOrder: WorkOrderResolvers = {
  id: (workOrder) => String(workOrder.id),
  step: (workOrder, _args, context) => context.services.workflows.step(workOrder.orderId, workOrder.stepId, context.loaders.orderById),
  position: (workOrder, _args, context) => (workOrder.positionId === null ? null : context.loaders.positionById.load(workOrder.positionId)),
  handler: (workOrder, _args, context) => (workOrder.staffId === null ? null : context.loaders.staffById.load(workOrder.staffId)),
  exceptionTypes: (workOrder, _args, context) => context.services.workflows.exceptionTypes(workOrder.orderId, workOrder.stepId, context.loaders.orderById),
};

export const WorkflowStep: WorkflowStepResolvers = {
  id: (step) => String(step.id),
};
