import type { Prisma, PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { AppError } from '../../errors/app-error.ts';
import { listSome, outcomeOf, Refusal, type Outcome } from '../../lib/refusal.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import type { GraphProblem } from '../workflow/template-graph.ts';
import { readGraph, type TemplateEditorService } from '../workflow/template-editor.service.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** How many references an IN_USE message names. */
const NAMED = 8;

export interface ExceptionTypeRecord {
  code: string;
  name: string;
  nameEn: string;
  description: string | null;
  manual: boolean;
  routeCount: number;
}

export interface ExceptionTypeInput {
  create: boolean;
  code: string;
  name: string;
  nameEn: string;
  description: string | null;
}

export interface ExceptionRouteInput {
  from: string;
  exceptionType: string;
  to: string;
}

export interface ExceptionFlowsRecord {
  templateId: string;
  templateCode: string;
  version: number;
  name: string;
  nameEn: string;
  steps: { code: string; name: string; nameEn: string; kind: string }[];
  routes: { from: string; exceptionTypeCode: string; exceptionType: ExceptionTypeRecord | null; to: string }[];
}

export type SaveFlowsOutcome = { ok: true; flows: ExceptionFlowsRecord } | { ok: false; error: { code: string; message: string; field?: string }; problems: GraphProblem[] };

const typeSelect = { code: true, name: true, nameEn: true, description: true, manual: true } as const;

/**
 * Exception flows (异常流程配置): the reference list of exception types, and per template the
 * EXCEPTION transitions (from step → exception type → to step). Routes are saved as a new template
 * version through the template editor (same validation, audited there; running orders keep their
 * version); exception-type changes are audited in their own transaction.
 */
export class ExceptionFlowsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly audit: AuditLog,
    private readonly templates: TemplateEditorService,
  ) {}

  async exceptionTypes(viewer: ViewerRecord): Promise<ExceptionTypeRecord[]> {
    assertCan(viewer, 'config:write');
    return listTypes(this.prisma);
  }

  /** Exception types by code for a work order's choices (its order's visibility was checked on the way to it). */
  byCodes(codes: readonly string[]): Promise<ExceptionTypeRecord[]> {
    return exceptionTypesByCodes(this.prisma, codes);
  }

  async businesses(viewer: ViewerRecord) {
    assertCan(viewer, 'config:write');
    // Business → IOM workflow → engine template: the screen edits the template a business runs.
    const rows = await this.prisma.businessWorkflow.findMany({ orderBy: { businessCode: 'asc' }, include: { iomWorkflow: { select: { templateCode: true } } } });
    return rows.map(({ iomWorkflow, ...business }) => ({ ...business, templateCode: iomWorkflow.templateCode }));
  }

  async flows(viewer: ViewerRecord, by: { businessCode?: string | null; templateCode?: string | null }): Promise<ExceptionFlowsRecord> {
    assertCan(viewer, 'config:write');
    let templateCode = by.templateCode ?? null;
    if (by.businessCode) {
      const business = await this.prisma.businessWorkflow.findUnique({ where: { businessCode: by.businessCode }, select: { iomWorkflow: { select: { templateCode: true } } } });
      if (!business) throw new AppError('NOT_FOUND', `There is no business ${by.businessCode}.`, { field: 'businessCode' });
      templateCode = business.iomWorkflow.templateCode;
    }
    if (!templateCode) throw new AppError('BAD_USER_INPUT', 'Give a businessCode or a templateCode.', { field: 'businessCode' });
    const templateId = await newestActive(this.prisma, templateCode);
    if (templateId == null) throw new AppError('NOT_FOUND', `Template ${templateCode} has no active version.`, { field: 'templateCode' });
    return readFlows(this.prisma, templateId);
  }

  saveExceptionType(viewer: ViewerRecord, input: ExceptionTypeInput): Promise<Outcome<ExceptionTypeRecord>> {
    assertCan(viewer, 'config:write');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const before = await tx.exceptionType.findUnique({ where: { code: input.code }, select: typeSelect });
        if (input.create && before) throw new Refusal('DUPLICATE_CODE', `Exception type code ${input.code} is taken (${before.name}).`, 'code');
        if (!input.create && !before) throw new Refusal('NOT_FOUND', `There is no exception type ${input.code}.`, 'code');
        const data = { name: input.name, nameEn: input.nameEn, description: input.description };
        const saved = before
          ? await tx.exceptionType.update({ where: { code: input.code }, data, select: typeSelect })
          : await tx.exceptionType.create({ data: { code: input.code, ...data }, select: typeSelect });
        await this.audit.record(tx, viewer, {
          action: before ? 'exception-type.update' : 'exception-type.create',
          entityType: 'ExceptionType',
          entityId: saved.code,
          summary: `${saved.code} ${saved.name}`,
          before: before ?? undefined,
          after: saved,
        });
        return { ...saved, routeCount: await tx.workflowTransition.count({ where: { kind: 'EXCEPTION', exceptionType: saved.code } }) };
      }),
    );
  }

  deleteExceptionType(viewer: ViewerRecord, code: string): Promise<Outcome<null>> {
    assertCan(viewer, 'config:write');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const type = await tx.exceptionType.findUnique({ where: { code }, select: typeSelect });
        if (!type) throw new Refusal('NOT_FOUND', `There is no exception type ${code}.`, 'code');
        if (type.manual) throw new Refusal('MANUAL_TYPE', `Exception type ${code} is the manual exception that parks work orders; it cannot be deleted.`, 'code');
        const uses = await tx.workflowTransition.findMany({
          where: { kind: 'EXCEPTION', exceptionType: code },
          select: { fromStep: { select: { code: true } }, toStep: { select: { code: true } }, template: { select: { code: true, version: true } } },
          orderBy: [{ template: { code: 'asc' } }, { template: { version: 'asc' } }, { id: 'asc' }],
        });
        if (uses.length > 0) {
          const named = uses.map((use) => `${use.template.code} v${use.template.version} · ${use.fromStep.code} → ${use.toStep.code}`);
          throw new Refusal('IN_USE', `Exception type ${code} cannot be deleted: ${uses.length} exception transition${uses.length === 1 ? '' : 's'} use${uses.length === 1 ? 's' : ''} it: ${listSome(named, NAMED)}.`, 'code');
        }
        await tx.exceptionType.delete({ where: { code } });
        await this.audit.record(tx, viewer, { action: 'exception-type.delete', entityType: 'ExceptionType', entityId: code, summary: `${code} ${type.name}`, before: type });
        return null;
      }),
    );
  }

  /** Replaces the exception transitions of the template's newest active version and saves the result as its next version. */
  async saveFlows(viewer: ViewerRecord, input: { templateCode: string; baseTemplateId: number | null; routes: ExceptionRouteInput[] }): Promise<SaveFlowsOutcome> {
    assertCan(viewer, 'config:write');
    const refuse = (code: string, message: string, field?: string): SaveFlowsOutcome => ({ ok: false, error: { code, message, ...(field ? { field } : {}) }, problems: [] });
    const templateId = await newestActive(this.prisma, input.templateCode);
    if (templateId == null) return refuse('NOT_FOUND', `Template ${input.templateCode} has no active version.`, 'templateCode');
    if (input.baseTemplateId != null && input.baseTemplateId !== templateId)
      return refuse('STALE', `Template ${input.templateCode} has a newer version than the one edited: reload and edit again.`, 'baseTemplateId');
    const graph = await readGraph(this.prisma, templateId);
    const types = new Map((await this.prisma.exceptionType.findMany({ select: typeSelect })).map((type) => [type.code, type]));
    const steps = new Set(graph.steps.map((step) => step.code));
    for (const [index, route] of input.routes.entries()) {
      for (const end of ['from', 'to'] as const)
        if (!steps.has(route[end])) return refuse('UNKNOWN_STEP', `routes.${index}.${end}: template ${graph.code} has no step ${route[end]}.`, `routes.${index}.${end}`);
      const type = types.get(route.exceptionType);
      if (!type) return refuse('UNKNOWN_EXCEPTION_TYPE', `routes.${index}.exceptionType: there is no exception type ${route.exceptionType}.`, `routes.${index}.exceptionType`);
      if (type.manual)
        return refuse('MANUAL_TYPE', `routes.${index}.exceptionType: ${route.exceptionType} is the manual exception; it parks the work order and cannot lead to a step.`, `routes.${index}.exceptionType`);
    }
    const { id: _id, version: _version, active: _active, ...base } = graph;
    const result = await this.templates.saveGraph(
      viewer,
      {
        ...base,
        transitions: [
          ...graph.transitions.filter((edge) => edge.kind !== 'EXCEPTION'),
          ...input.routes.map((route) => ({ from: route.from, to: route.to, kind: 'EXCEPTION' as const, exceptionType: route.exceptionType })),
        ],
      },
      'exception-flows.save',
    );
    if (!result.ok) return { ok: false, error: { code: 'INVALID_GRAPH', message: result.problems.map((problem) => problem.message).join('; ') }, problems: result.problems };
    return { ok: true, flows: await readFlows(this.prisma, result.templateId) };
  }
}

/** The exception types with these codes, in the order given (unknown codes left out); for work orders' choices. */
export async function exceptionTypesByCodes(db: Db, codes: readonly string[]): Promise<ExceptionTypeRecord[]> {
  if (codes.length === 0) return [];
  const types = new Map((await listTypes(db)).map((type) => [type.code, type]));
  return codes.flatMap((code) => types.get(code) ?? []);
}

async function listTypes(db: Db): Promise<ExceptionTypeRecord[]> {
  const [types, counts] = await Promise.all([
    db.exceptionType.findMany({ select: typeSelect, orderBy: { code: 'asc' } }),
    db.workflowTransition.groupBy({ by: ['exceptionType'], where: { kind: 'EXCEPTION' }, _count: { _all: true } }),
  ]);
  const count = new Map(counts.map((row) => [row.exceptionType, row._count._all]));
  return types.map((type) => ({ ...type, routeCount: count.get(type.code) ?? 0 }));
}

/** Id of the newest active version of a template code (the one new orders use), or null. */
async function newestActive(db: Db, templateCode: string): Promise<number | null> {
  const template = await db.workflowTemplate.findFirst({ where: { code: templateCode, active: true }, orderBy: { version: 'desc' }, select: { id: true } });
  return template?.id ?? null;
}

async function readFlows(db: Db, templateId: number): Promise<ExceptionFlowsRecord> {
  const graph = await readGraph(db, templateId);
  const types = new Map((await listTypes(db)).map((type) => [type.code, type]));
  const order = new Map(graph.steps.map((step, index) => [step.code, index]));
  const routes = graph.transitions
    .filter((edge) => edge.kind === 'EXCEPTION')
    .map((edge) => ({ from: edge.from, exceptionTypeCode: edge.exceptionType ?? '', exceptionType: types.get(edge.exceptionType ?? '') ?? null, to: edge.to }))
    .sort((a, b) => (order.get(a.from) ?? 0) - (order.get(b.from) ?? 0) || a.exceptionTypeCode.localeCompare(b.exceptionTypeCode));
  return {
    templateId: String(graph.id),
    templateCode: graph.code,
    version: graph.version,
    name: graph.name,
    nameEn: graph.nameEn,
    steps: graph.steps.map((step) => ({ code: step.code, name: step.name, nameEn: step.nameEn, kind: step.kind })),
    routes,
  };
}
