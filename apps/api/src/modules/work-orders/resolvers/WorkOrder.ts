import type { WorkflowStepResolvers, WorkOrderConnectionResolvers, WorkOrderResolvers } from '../../../generated/resolvers-types.ts';
import { loadRequired } from '../../../graphql/load-required.ts';
import { countResolvers } from '../../../lib/connection.ts';
import { OFFLINE_ACTIVATION_TYPE } from '../../activation/offline-activation.ts';

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
  arrivedAt: (workOrder, _args, context) => context.services.workOrders.arrivedAt(workOrder.id),
  // Read for offline-activation work orders only (one demand row each).
  offlineActivation: async (workOrder, _args, context) => {
    const step = await context.services.workflows.step(workOrder.orderId, workOrder.stepId, context.loaders.orderById);
    return step?.workOrderTypeCode === OFFLINE_ACTIVATION_TYPE ? context.services.workOrders.offlineActivationTarget(workOrder.orderId) : null;
  },
};

export const WorkflowStep: WorkflowStepResolvers = {
  id: (step) => String(step.id),
  workOrderType: (step, _args, context) => (step.workOrderTypeCode === null ? null : context.loaders.workOrderTypeByCode.load(step.workOrderTypeCode)),
};

export const WorkOrderConnection: WorkOrderConnectionResolvers = countResolvers;
