import type { PrismaClient } from '@openiom/db';
import type DataLoader from 'dataloader';
import { AppError } from '../../errors/app-error.ts';
import type { OrderRecord } from '../orders/orders.types.ts';
import type { WorkOrderRecord } from '../work-orders/work-orders.types.ts';
import { manualStepKinds } from '../work-orders/dispatch-rules.ts';
import { MANUAL_EXCEPTION, WorkflowEngine } from './workflow.engine.ts';
import type { TimeLimitsService } from '../time-limits/time-limits.service.ts';
import { TransitionRepository } from './transition.repository.ts';
import { WorkflowRepository } from './workflow.repository.ts';
import type { StepNode, TemplateGraph } from './workflow.types.ts';

/** Workflow templates as graphs, and the engine that runs orders through them. */
export class WorkflowService {
  readonly repository = new WorkflowRepository();
  readonly engine: WorkflowEngine;

  constructor(
    private readonly prisma: PrismaClient,
    timeLimits: TimeLimitsService,
    now?: () => Date,
  ) {
    this.engine = new WorkflowEngine(this.repository, new TransitionRepository(), timeLimits, now);
  }

  graph(templateId: number): Promise<TemplateGraph> {
    return this.repository.graph(this.prisma, templateId);
  }

  workOrderTypes(codes: readonly string[] | null) {
    return this.repository.workOrderTypes(this.prisma, codes);
  }

  /** The step of a work order (through its order's template version). */
  async step(orderId: number, stepId: number, orders: DataLoader<number, OrderRecord | null>): Promise<StepNode> {
    const order = await orders.load(orderId);
    const step = order && (await this.graph(order.templateId)).steps.get(stepId);
    if (!step) throw new AppError('NOT_FOUND', `Step ${stepId} of order ${orderId} no longer exists.`);
    return step;
  }

  /** The order's workflow instance: each step's state from its work orders, and the edges. */
  async flow(order: { templateId: number; state: string }, workOrders: WorkOrderRecord[]) {
    const graph = await this.graph(order.templateId);
    const steps = [...graph.steps.values()].map((step) => {
      const mine = workOrders.filter((wo) => wo.stepId === step.id);
      const state: 'DONE' | 'IN_PROGRESS' | 'NOT_REACHED' = mine.some((wo) => ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'].includes(wo.state))
        ? 'IN_PROGRESS'
        : mine.length > 0 || step.kind === 'START' || (step.kind === 'END' && order.state === 'COMPLETED')
          ? 'DONE'
          : 'NOT_REACHED';
      return { step, state, workOrders: mine };
    });
    const transitions = [...graph.outgoing.values()].flat().map((edge) => ({
      fromStepId: String(edge.fromStepId),
      toStepId: String(edge.toStepId),
      exception: edge.kind === 'EXCEPTION',
      exceptionType: edge.exceptionType,
    }));
    return { steps, transitions };
  }

  /** Exception types a work order of this step may be completed with. */
  async exceptionTypes(orderId: number, stepId: number, orders: DataLoader<number, OrderRecord | null>): Promise<string[]> {
    const order = await orders.load(orderId);
    if (!order) return [];
    const graph = await this.graph(order.templateId);
    const types = (graph.outgoing.get(stepId) ?? []).filter((edge) => edge.kind === 'EXCEPTION').map((edge) => edge.exceptionType as string);
    const step = graph.steps.get(stepId);
    return step && manualStepKinds.has(step.kind) ? [...types, MANUAL_EXCEPTION] : types;
  }
}
