import type { Prisma, PrismaClient } from '@openiom/db';
import type { StepNode, TemplateGraph, TransitionEdge } from './workflow.types.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** The graph of a template version (the business-code mapping is read with order intake: OrdersRepository). */
export class WorkflowRepository {
  private readonly graphs = new Map<number, Promise<TemplateGraph>>();

  /** Work-order types (with their category) by code. */
  /** The work-order types of `codes`, or every type when `codes` is null (by category, then code). */
  workOrderTypes(db: Db, codes: readonly string[] | null) {
    return db.workOrderType.findMany({
      where: codes === null ? {} : { code: { in: [...codes] } },
      orderBy: [{ categoryCode: 'asc' }, { code: 'asc' }],
      select: { code: true, name: true, nameEn: true, category: { select: { code: true, name: true, nameEn: true } } },
    });
  }

  /** Template versions whose graphs are cached. */
  cachedGraphs(): number {
    return this.graphs.size;
  }

  /** Drops the cached graphs (they are read again on next use). */
  forgetGraphs(): void {
    this.graphs.clear();
  }

  /** The graph of a template version (cached: versions are immutable). */
  graph(db: Db, templateId: number): Promise<TemplateGraph> {
    let graph = this.graphs.get(templateId);
    if (!graph) {
      graph = this.loadGraph(db, templateId);
      graph.catch(() => this.graphs.delete(templateId));
      this.graphs.set(templateId, graph);
    }
    return graph;
  }

  private async loadGraph(db: Db, templateId: number): Promise<TemplateGraph> {
    const template = await db.workflowTemplate.findUniqueOrThrow({
      where: { id: templateId },
      select: {
        id: true,
        code: true,
        version: true,
        name: true,
        nameEn: true,
        steps: { select: { id: true, code: true, name: true, nameEn: true, kind: true, joinAll: true, workOrderTypeCode: true, positionCode: true, timeLimitTypeCode: true, handlerFromStep: true } },
        transitions: { select: { fromStepId: true, toStepId: true, kind: true, exceptionType: true } },
      },
    });
    const steps = new Map<number, StepNode>(template.steps.map((step) => [step.id, step]));
    const start = template.steps.find((step) => step.kind === 'START');
    if (!start) throw new Error(`template ${template.code} v${template.version} has no START step`);
    const outgoing = new Map<number, TransitionEdge[]>();
    const normalPredecessors = new Map<number, number[]>();
    for (const edge of template.transitions) {
      outgoing.set(edge.fromStepId, [...(outgoing.get(edge.fromStepId) ?? []), edge]);
      if (edge.kind === 'NORMAL') normalPredecessors.set(edge.toStepId, [...(normalPredecessors.get(edge.toStepId) ?? []), edge.fromStepId]);
    }
    return { id: template.id, code: template.code, version: template.version, name: template.name, nameEn: template.nameEn, steps, start, outgoing, normalPredecessors };
  }
}
