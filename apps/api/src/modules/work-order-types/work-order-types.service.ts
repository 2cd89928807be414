import type { Prisma, PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { listSome, outcomeOf, Refusal, type Outcome } from '../../lib/refusal.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import type { WorkOrderTypeRecord } from '../work-orders/work-orders.types.ts';
import type { WorkOrderCategoryInput, WorkOrderCategoryRecord, WorkOrderTypeInput } from './work-order-types.types.ts';

type Tx = Prisma.TransactionClient;

const OPEN_STATES = ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'] as const;
/** How many of each kind of reference an IN_USE message names. */
const NAMED = 5;
/** "1 workflow step", "3 workflow steps". */
const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const categorySelect = { code: true, name: true, nameEn: true } as const;
const typeSelect = { code: true, name: true, nameEn: true, categoryCode: true } as const;

/**
 * Work-order categories and types (工单大类/工单类型): audited changes, and deletions refused while
 * anything refers to the record. No process keeps types in memory (workflow graphs and time limits
 * hold type codes only, and codes never change), so a change needs no cache refresh.
 */
export class WorkOrderTypesService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly audit: AuditLog,
  ) {}

  categories(): Promise<WorkOrderCategoryRecord[]> {
    return this.prisma.workOrderCategory.findMany({ select: categorySelect, orderBy: { code: 'asc' } });
  }

  saveCategory(viewer: ViewerRecord, input: WorkOrderCategoryInput): Promise<Outcome<WorkOrderCategoryRecord>> {
    assertCan(viewer, 'config:write');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const before = await tx.workOrderCategory.findUnique({ where: { code: input.code }, select: categorySelect });
        if (input.create && before) throw new Refusal('DUPLICATE_CODE', `Work-order category code ${input.code} is taken (${before.name}).`, 'code');
        if (!input.create && !before) throw new Refusal('NOT_FOUND', `There is no work-order category ${input.code}.`, 'code');
        const data = { name: input.name, nameEn: input.nameEn };
        const saved = before
          ? await tx.workOrderCategory.update({ where: { code: input.code }, data, select: categorySelect })
          : await tx.workOrderCategory.create({ data: { code: input.code, ...data }, select: categorySelect });
        await this.audit.record(tx, viewer, { action: before ? 'work-order-category.update' : 'work-order-category.create', entityType: 'WorkOrderCategory', entityId: saved.code, summary: `${saved.code} ${saved.name}`, before: before ?? undefined, after: saved });
        return saved;
      }),
    );
  }

  deleteCategory(viewer: ViewerRecord, code: string): Promise<Outcome<null>> {
    assertCan(viewer, 'config:write');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const category = await tx.workOrderCategory.findUnique({ where: { code }, select: categorySelect });
        if (!category) throw new Refusal('NOT_FOUND', `There is no work-order category ${code}.`, 'code');
        const types = await tx.workOrderType.findMany({ where: { categoryCode: code }, select: { code: true, name: true }, orderBy: { code: 'asc' } });
        if (types.length > 0) {
          throw new Refusal('IN_USE', `Work-order category ${code} cannot be deleted: it has ${counted(types.length, 'work-order type')}: ${listSome(types.map((t) => `${t.code} ${t.name}`), NAMED)}.`, 'code');
        }
        await tx.workOrderCategory.delete({ where: { code } });
        await this.audit.record(tx, viewer, { action: 'work-order-category.delete', entityType: 'WorkOrderCategory', entityId: code, summary: `${code} ${category.name}`, before: category });
        return null;
      }),
    );
  }

  saveType(viewer: ViewerRecord, input: WorkOrderTypeInput): Promise<Outcome<WorkOrderTypeRecord>> {
    assertCan(viewer, 'config:write');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const before = await tx.workOrderType.findUnique({ where: { code: input.code }, select: typeSelect });
        if (input.create && before) throw new Refusal('DUPLICATE_CODE', `Work-order type code ${input.code} is taken (${before.name}).`, 'code');
        if (!input.create && !before) throw new Refusal('NOT_FOUND', `There is no work-order type ${input.code}.`, 'code');
        const category = await tx.workOrderCategory.findUnique({ where: { code: input.categoryCode }, select: categorySelect });
        if (!category) throw new Refusal('NO_SUCH_CATEGORY', `There is no work-order category ${input.categoryCode}.`, 'categoryCode');
        const data = { name: input.name, nameEn: input.nameEn, categoryCode: input.categoryCode };
        const saved = before
          ? await tx.workOrderType.update({ where: { code: input.code }, data, select: typeSelect })
          : await tx.workOrderType.create({ data: { code: input.code, ...data }, select: typeSelect });
        await this.audit.record(tx, viewer, { action: before ? 'work-order-type.update' : 'work-order-type.create', entityType: 'WorkOrderType', entityId: saved.code, summary: `${saved.code} ${saved.name}`, before: before ?? undefined, after: saved });
        return { code: saved.code, name: saved.name, nameEn: saved.nameEn, category };
      }),
    );
  }

  deleteType(viewer: ViewerRecord, code: string): Promise<Outcome<null>> {
    assertCan(viewer, 'config:write');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const type = await tx.workOrderType.findUnique({ where: { code }, select: typeSelect });
        if (!type) throw new Refusal('NOT_FOUND', `There is no work-order type ${code}.`, 'code');
        const reasons = await this.typeUses(tx, code);
        if (reasons.length > 0) throw new Refusal('IN_USE', `Work-order type ${code} cannot be deleted: it is ${reasons.join('; ')}.`, 'code');
        await tx.workOrderType.delete({ where: { code } });
        await this.audit.record(tx, viewer, { action: 'work-order-type.delete', entityType: 'WorkOrderType', entityId: code, summary: `${code} ${type.name}`, before: type });
        return null;
      }),
    );
  }

  /** What still refers to a type, one phrase per kind of reference, naming a few of each. */
  private async typeUses(tx: Tx, code: string): Promise<string[]> {
    const steps = await tx.workflowStep.findMany({
      where: { workOrderTypeCode: code },
      select: { code: true, template: { select: { code: true, version: true } } },
      orderBy: [{ template: { code: 'asc' } }, { template: { version: 'asc' } }, { code: 'asc' }],
    });
    const limits = await tx.workOrderTimeLimit.findMany({ where: { workOrderTypeCode: code }, select: { stepCode: true }, orderBy: { id: 'asc' } });
    const rules = await tx.dispatchRule.findMany({ where: { workOrderTypeCode: code }, select: { organisation: { select: { name: true } }, position: { select: { name: true } } }, orderBy: { id: 'asc' } });
    const inFlight = { step: { workOrderTypeCode: code }, state: { in: [...OPEN_STATES] } } satisfies Prisma.WorkOrderWhereInput;
    const workOrders = await tx.workOrder.findMany({ where: inFlight, select: { workOrderNo: true }, orderBy: { id: 'asc' }, take: NAMED });
    const reasons: string[] = [];
    if (steps.length > 0) reasons.push(`created by ${counted(steps.length, 'workflow step')}: ${listSome(steps.map((s) => `${s.template.code} v${s.template.version} · ${s.code}`), NAMED)}`);
    if (limits.length > 0) reasons.push(`given ${counted(limits.length, 'time limit')}: ${listSome(limits.map((l) => l.stepCode ?? 'every step'), NAMED)}`);
    if (rules.length > 0) reasons.push(`named by ${counted(rules.length, 'dispatch rule')}: ${listSome(rules.map((r) => `${r.organisation.name} → ${r.position.name}`), NAMED)}`);
    if (workOrders.length > 0) {
      const open = workOrders.length < NAMED ? workOrders.length : await tx.workOrder.count({ where: inFlight });
      reasons.push(`held by ${counted(open, 'work order')} in flight: ${workOrders.map((w) => w.workOrderNo).join(', ')}${open > workOrders.length ? ` and ${open - workOrders.length} more` : ''}`);
    }
    return reasons;
  }
}
