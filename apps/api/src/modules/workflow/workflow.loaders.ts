import DataLoader from 'dataloader';
import type { WorkOrderTypeRecord } from '../work-orders/work-orders.types.ts';
import type { WorkflowService } from './workflow.service.ts';

export function createWorkflowLoaders(workflows: WorkflowService) {
  return {
    workOrderTypeByCode: new DataLoader<string, WorkOrderTypeRecord | null>(async (codes) => {
      const byCode = new Map((await workflows.workOrderTypes(codes)).map((type) => [type.code, type]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
  };
}
