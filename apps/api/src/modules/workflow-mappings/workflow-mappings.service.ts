import type { Prisma, PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { listSome, outcomeOf, Refusal, type Outcome } from '../../lib/refusal.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import type { BusinessWorkflowInput, BusinessWorkflowRecord, IomWorkflowInput, IomWorkflowRecord } from './workflow-mappings.types.ts';

type Tx = Prisma.TransactionClient | PrismaClient;

/** How many references an IN_USE message names. */
const NAMED = 5;
const iomSelect = { code: true, name: true, nameEn: true, description: true, templateCode: true } as const;
const businessSelect = { businessCode: true, name: true, nameEn: true, description: true, iomWorkflowCode: true } as const;

/**
 * The workflow mappings (业务与工作流程关系, 工作流程与引擎流程关系): CRM business code → IOM workflow →
 * engine template code. Order intake reads them from the database for each CRM message, and the
 * cached workflow graphs are keyed by template version, so a change applies to the next order
 * without a cache refresh.
 */
export class WorkflowMappingsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly audit: AuditLog,
  ) {}

  async iomWorkflows(viewer: ViewerRecord): Promise<IomWorkflowRecord[]> {
    assertCan(viewer, 'config:write');
    return this.readIomWorkflows(this.prisma);
  }

  async businessWorkflows(viewer: ViewerRecord): Promise<BusinessWorkflowRecord[]> {
    assertCan(viewer, 'config:write');
    const [businesses, workflows] = await Promise.all([
      this.prisma.businessWorkflow.findMany({ select: businessSelect, orderBy: { businessCode: 'asc' } }),
      this.readIomWorkflows(this.prisma),
    ]);
    const byCode = new Map(workflows.map((w) => [w.code, w]));
    return businesses.map(({ iomWorkflowCode, ...business }) => ({ ...business, iomWorkflow: byCode.get(iomWorkflowCode)! }));
  }

  saveIomWorkflow(viewer: ViewerRecord, input: IomWorkflowInput): Promise<Outcome<IomWorkflowRecord>> {
    assertCan(viewer, 'config:write');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const before = await tx.iomWorkflow.findUnique({ where: { code: input.code }, select: iomSelect });
        if (input.create && before) throw new Refusal('DUPLICATE_CODE', `IOM workflow code ${input.code} is taken (${before.name}).`, 'code');
        if (!input.create && !before) throw new Refusal('NOT_FOUND', `There is no IOM workflow ${input.code}.`, 'code');
        const template = await tx.workflowTemplate.findFirst({ where: { code: input.templateCode }, select: { code: true } });
        if (!template) throw new Refusal('NO_SUCH_TEMPLATE', `There is no engine workflow template ${input.templateCode}.`, 'templateCode');
        const data = { name: input.name, nameEn: input.nameEn, description: input.description, templateCode: input.templateCode };
        const saved = before
          ? await tx.iomWorkflow.update({ where: { code: input.code }, data, select: iomSelect })
          : await tx.iomWorkflow.create({ data: { code: input.code, ...data }, select: iomSelect });
        await this.audit.record(tx, viewer, { action: before ? 'iom-workflow.update' : 'iom-workflow.create', entityType: 'IomWorkflow', entityId: saved.code, summary: `${saved.code} ${saved.name} → ${saved.templateCode}`, before: before ?? undefined, after: saved });
        return (await this.readIomWorkflows(tx, saved.code))[0]!;
      }),
    );
  }

  deleteIomWorkflow(viewer: ViewerRecord, code: string): Promise<Outcome<null>> {
    assertCan(viewer, 'config:write');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const workflow = await tx.iomWorkflow.findUnique({ where: { code }, select: iomSelect });
        if (!workflow) throw new Refusal('NOT_FOUND', `There is no IOM workflow ${code}.`, 'code');
        const businesses = await tx.businessWorkflow.findMany({ where: { iomWorkflowCode: code }, select: { businessCode: true, name: true }, orderBy: { businessCode: 'asc' } });
        if (businesses.length > 0) {
          const n = businesses.length;
          throw new Refusal('IN_USE', `IOM workflow ${code} cannot be deleted: ${n} business${n === 1 ? ' is' : 'es are'} mapped to it: ${listSome(businesses.map((b) => `${b.businessCode} ${b.name}`), NAMED)}.`, 'code');
        }
        await tx.iomWorkflow.delete({ where: { code } });
        await this.audit.record(tx, viewer, { action: 'iom-workflow.delete', entityType: 'IomWorkflow', entityId: code, summary: `${code} ${workflow.name} → ${workflow.templateCode}`, before: workflow });
        return null;
      }),
    );
  }

  saveBusinessWorkflow(viewer: ViewerRecord, input: BusinessWorkflowInput): Promise<Outcome<BusinessWorkflowRecord>> {
    assertCan(viewer, 'config:write');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const before = await tx.businessWorkflow.findUnique({ where: { businessCode: input.businessCode }, select: businessSelect });
        if (input.create && before) throw new Refusal('DUPLICATE_CODE', `Business code ${input.businessCode} is already mapped (${before.name} → ${before.iomWorkflowCode}).`, 'businessCode');
        if (!input.create && !before) throw new Refusal('NOT_FOUND', `There is no mapping of business code ${input.businessCode}.`, 'businessCode');
        const [workflow] = await this.readIomWorkflows(tx, input.iomWorkflowCode);
        if (!workflow) throw new Refusal('NO_SUCH_IOM_WORKFLOW', `There is no IOM workflow ${input.iomWorkflowCode}.`, 'iomWorkflowCode');
        const data = { name: input.name, nameEn: input.nameEn, description: input.description, iomWorkflowCode: input.iomWorkflowCode };
        const saved = before
          ? await tx.businessWorkflow.update({ where: { businessCode: input.businessCode }, data, select: businessSelect })
          : await tx.businessWorkflow.create({ data: { businessCode: input.businessCode, ...data }, select: businessSelect });
        await this.audit.record(tx, viewer, { action: before ? 'business-workflow.update' : 'business-workflow.create', entityType: 'BusinessWorkflow', entityId: saved.businessCode, summary: `${saved.businessCode} ${saved.name} → ${saved.iomWorkflowCode}`, before: before ?? undefined, after: saved });
        const { iomWorkflowCode: _code, ...business } = saved;
        return { ...business, iomWorkflow: { ...workflow, businessCount: workflow.businessCount + (before?.iomWorkflowCode === workflow.code ? 0 : 1) } };
      }),
    );
  }

  deleteBusinessWorkflow(viewer: ViewerRecord, businessCode: string): Promise<Outcome<null>> {
    assertCan(viewer, 'config:write');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const business = await tx.businessWorkflow.findUnique({ where: { businessCode }, select: businessSelect });
        if (!business) throw new Refusal('NOT_FOUND', `There is no mapping of business code ${businessCode}.`, 'businessCode');
        const executing = { businessCode, state: 'EXECUTING' } satisfies Prisma.OrderWhereInput;
        const orders = await tx.order.findMany({ where: executing, select: { orderNo: true }, orderBy: { id: 'asc' }, take: NAMED });
        if (orders.length > 0) {
          const open = orders.length < NAMED ? orders.length : await tx.order.count({ where: executing });
          const more = open > orders.length ? ` and ${open - orders.length} more` : '';
          throw new Refusal('IN_USE', `The mapping of business code ${businessCode} cannot be deleted: ${open} order${open === 1 ? ' is' : 's are'} of it still executing: ${orders.map((o) => o.orderNo).join(', ')}${more}.`, 'businessCode');
        }
        await tx.businessWorkflow.delete({ where: { businessCode } });
        await this.audit.record(tx, viewer, { action: 'business-workflow.delete', entityType: 'BusinessWorkflow', entityId: businessCode, summary: `${businessCode} ${business.name} → ${business.iomWorkflowCode}`, before: business });
        return null;
      }),
    );
  }

  /** IOM workflows (all, or one code) with the newest active version of their template and their business count. */
  private async readIomWorkflows(db: Tx, code?: string): Promise<IomWorkflowRecord[]> {
    const workflows = await db.iomWorkflow.findMany({
      where: code === undefined ? {} : { code },
      select: { ...iomSelect, _count: { select: { businesses: true } } },
      orderBy: { code: 'asc' },
    });
    const codes = [...new Set(workflows.map((w) => w.templateCode))];
    const versions = await db.workflowTemplate.findMany({
      where: { code: { in: codes }, active: true },
      select: { code: true, version: true, name: true, nameEn: true },
      orderBy: [{ code: 'asc' }, { version: 'desc' }],
    });
    const newest = new Map<string, (typeof versions)[number]>();
    for (const version of versions) if (!newest.has(version.code)) newest.set(version.code, version);
    return workflows.map(({ _count, ...w }) => {
      const template = newest.get(w.templateCode);
      return { ...w, templateName: template?.name ?? null, templateNameEn: template?.nameEn ?? null, templateVersion: template?.version ?? null, businessCount: _count.businesses };
    });
  }
}
