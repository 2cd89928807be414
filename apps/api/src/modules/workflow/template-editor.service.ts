import type { Prisma, PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { AppError } from '../../errors/app-error.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { diffTemplateGraphs, type GraphProblem, type TemplateGraph, type TemplateGraphDiff, validateTemplateGraph } from './template-graph.ts';
import { exportTemplateJson, parseTemplateJson, templateGraphSchema } from './template-json.ts';
import { parseInput } from '../../lib/parse-input.ts';

type Db = PrismaClient | Prisma.TransactionClient;

export type SaveTemplateResult = { ok: true; templateId: number; version: number } | { ok: false; problems: GraphProblem[] };

/**
 * The workflow template editor: templates are read as graphs and saved only as NEW versions (a
 * version is immutable: orders reference their version's id and keep it). Every change is audited
 * in its transaction. Canvas positions are layout only and not stored (the editor lays out again).
 */
export class TemplateEditorService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly audit: AuditLog,
  ) {}

  /** Every template version, by code then newest version first. */
  async list(viewer: ViewerRecord) {
    assertCan(viewer, 'config:write');
    return this.prisma.workflowTemplate.findMany({
      orderBy: [{ code: 'asc' }, { version: 'desc' }],
      select: { id: true, code: true, version: true, name: true, nameEn: true, active: true, createdAt: true, _count: { select: { orders: true } } },
    });
  }

  /** A version as an editable graph. */
  async graph(viewer: ViewerRecord, templateId: number): Promise<TemplateGraph & { id: number; version: number; active: boolean }> {
    assertCan(viewer, 'config:write');
    return readGraph(this.prisma, templateId);
  }

  /** Validates and saves `input` as the next version of its code (active: new orders use it). */
  async saveVersion(viewer: ViewerRecord, input: unknown): Promise<SaveTemplateResult> {
    assertCan(viewer, 'config:write');
    const graph = parseInput(templateGraphSchema, input);
    return this.save(viewer, graph, 'workflow-template.save');
  }

  /** The problems that would keep `input` from being saved (empty: it can be saved). */
  async validate(viewer: ViewerRecord, input: unknown): Promise<GraphProblem[]> {
    assertCan(viewer, 'config:write');
    const graph = parseInput(templateGraphSchema, input);
    return validateTemplateGraph(graph, await knownCodes(this.prisma));
  }

  /** Imports an exported file as the next version of its code. */
  async importJson(viewer: ViewerRecord, json: string): Promise<SaveTemplateResult> {
    assertCan(viewer, 'config:write');
    return this.save(viewer, parseTemplateJson(json), 'workflow-template.import');
  }

  /** The exported file of a version. */
  async exportJson(viewer: ViewerRecord, templateId: number): Promise<string> {
    assertCan(viewer, 'config:write');
    const graph = await readGraph(this.prisma, templateId);
    return exportTemplateJson(graph, graph.version);
  }

  /** What changed from one version to another. */
  async diff(viewer: ViewerRecord, fromTemplateId: number, toTemplateId: number): Promise<TemplateGraphDiff> {
    assertCan(viewer, 'config:write');
    const [before, after] = await Promise.all([readGraph(this.prisma, fromTemplateId), readGraph(this.prisma, toTemplateId)]);
    return diffTemplateGraphs(before, after);
  }

  /** Activates or deactivates a version (new orders use the newest active version of a code). */
  async setActive(viewer: ViewerRecord, templateId: number, active: boolean): Promise<void> {
    assertCan(viewer, 'config:write');
    await this.prisma.$transaction(async (tx) => {
      const before = await tx.workflowTemplate.findUnique({ where: { id: templateId }, select: { id: true, code: true, version: true, active: true } });
      if (!before) throw new AppError('NOT_FOUND', `templateId: template ${templateId} does not exist.`, { field: 'templateId' });
      await tx.workflowTemplate.update({ where: { id: templateId }, data: { active } });
      await this.audit.record(tx, viewer, {
        action: active ? 'workflow-template.activate' : 'workflow-template.deactivate',
        entityType: 'WorkflowTemplate',
        entityId: templateId,
        summary: `${before.code} v${before.version}`,
        before,
        after: { ...before, active },
      });
    });
  }

  /** Saves `graph` as the next version of its code after the same validation as saveVersion (other features' editors, e.g. exception flows). */
  saveGraph(viewer: ViewerRecord, graph: TemplateGraph, action: string): Promise<SaveTemplateResult> {
    assertCan(viewer, 'config:write');
    return this.save(viewer, graph, action);
  }

  private async save(viewer: ViewerRecord, graph: TemplateGraph, action: string): Promise<SaveTemplateResult> {
    const problems = validateTemplateGraph(graph, await knownCodes(this.prisma));
    if (problems.length) return { ok: false, problems };
    return this.prisma.$transaction(async (tx) => {
      const newest = await tx.workflowTemplate.findFirst({ where: { code: graph.code }, orderBy: { version: 'desc' }, select: { version: true } });
      const version = (newest?.version ?? 0) + 1;
      const template = await tx.workflowTemplate.create({
        data: { code: graph.code, version, name: graph.name, nameEn: graph.nameEn, description: graph.description ?? null, active: true },
      });
      const ids = new Map<string, number>();
      for (const [sortOrder, step] of graph.steps.entries()) {
        const created = await tx.workflowStep.create({
          data: { templateId: template.id, code: step.code, name: step.name, nameEn: step.nameEn, kind: step.kind, joinAll: step.joinAll, workOrderTypeCode: step.workOrderTypeCode, positionCode: step.positionCode ?? null, timeLimitTypeCode: step.timeLimitTypeCode ?? null, handlerFromStep: step.handlerFromStep ?? null, sortOrder },
        });
        ids.set(step.code, created.id);
      }
      await tx.workflowTransition.createMany({
        data: graph.transitions.map((edge) => ({
          templateId: template.id,
          fromStepId: ids.get(edge.from) as number,
          toStepId: ids.get(edge.to) as number,
          kind: edge.kind,
          exceptionType: edge.kind === 'EXCEPTION' ? edge.exceptionType : null,
        })),
      });
      await this.audit.record(tx, viewer, {
        action,
        entityType: 'WorkflowTemplate',
        entityId: template.id,
        summary: `${graph.code} v${version}`,
        after: graph,
      });
      return { ok: true as const, templateId: template.id, version };
    });
  }
}

/** The work-order type and exception type codes a template may name. */
/** Work-order types, work-order handling positions and exception types a template may name. */
async function knownCodes(db: Db): Promise<{ workOrderTypeCodes: Set<string>; positionCodes: Set<string>; exceptionTypeCodes: Set<string> }> {
  const [types, positions, exceptions] = await Promise.all([
    db.workOrderType.findMany({ select: { code: true } }),
    db.position.findMany({ where: { positionType: { kind: 'WORK_ORDER' } }, select: { code: true } }),
    db.exceptionType.findMany({ select: { code: true } }),
  ]);
  return {
    workOrderTypeCodes: new Set(types.map((type) => type.code)),
    positionCodes: new Set(positions.map((position) => position.code)),
    exceptionTypeCodes: new Set(exceptions.map((type) => type.code)),
  };
}

/** A stored version as a graph (steps in their sort order). */
export async function readGraph(db: Db, templateId: number): Promise<TemplateGraph & { id: number; version: number; active: boolean }> {
  const template = await db.workflowTemplate.findUnique({
    where: { id: templateId },
    select: {
      id: true,
      code: true,
      version: true,
      active: true,
      name: true,
      nameEn: true,
      description: true,
      steps: { orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }], select: { id: true, code: true, name: true, nameEn: true, kind: true, joinAll: true, workOrderTypeCode: true, positionCode: true, timeLimitTypeCode: true, handlerFromStep: true } },
      transitions: { orderBy: { id: 'asc' }, select: { fromStepId: true, toStepId: true, kind: true, exceptionType: true } },
    },
  });
  if (!template) throw new AppError('NOT_FOUND', `templateId: template ${templateId} does not exist.`, { field: 'templateId' });
  const codeOf = new Map(template.steps.map((step) => [step.id, step.code]));
  return {
    id: template.id,
    code: template.code,
    version: template.version,
    active: template.active,
    name: template.name,
    nameEn: template.nameEn,
    description: template.description,
    steps: template.steps.map(({ id: _id, ...step }) => step),
    transitions: template.transitions.map((edge) => ({ from: codeOf.get(edge.fromStepId) as string, to: codeOf.get(edge.toStepId) as string, kind: edge.kind, exceptionType: edge.exceptionType })),
  };
}
