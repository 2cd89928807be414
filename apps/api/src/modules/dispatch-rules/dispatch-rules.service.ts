import type { Prisma, PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { AppError } from '../../errors/app-error.ts';
import { outcomeOf, Refusal } from '../../lib/refusal.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { organisationInScope } from '../auth/data-scope.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { rankRules } from '../work-orders/dispatch-rules.ts';
import { positionsServing } from '../work-orders/work-orders.repository.ts';
import { DispatchRulesRepository } from './dispatch-rules.repository.ts';
import type { DispatchPreviewRecord, DispatchRuleFilter, DispatchRuleOutcome, DispatchRuleRecord } from './dispatch-rules.types.ts';

export interface DispatchRuleInput {
  id: number | null;
  organisationId: number;
  workOrderTypeCode: string | null;
  positionId: number;
}

/**
 * Dispatch-rule configuration (分派规则): the list, a preview of which position a new work order
 * would get, and audited changes. The engine reads the rules at each dispatch, so a change applies to
 * the next work order without a restart or a cache to refresh.
 */
export class DispatchRulesService {
  private readonly repository: DispatchRulesRepository;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditLog,
  ) {
    this.repository = new DispatchRulesRepository(prisma);
  }

  async list(viewer: ViewerRecord, filter: { organisationId: number | null; workOrderTypeCode: string | null; positionId: number | null }): Promise<DispatchRuleRecord[]> {
    assertCan(viewer, 'config:write');
    const organisationPath = filter.organisationId === null ? null : (await this.visibleArea(viewer, filter.organisationId, 'filter.organisationId')).path;
    const criteria: DispatchRuleFilter = { organisationPath, workOrderTypeCode: filter.workOrderTypeCode, positionId: filter.positionId };
    return this.repository.list(viewer.scope, criteria);
  }

  async preview(viewer: ViewerRecord, organisationId: number, workOrderTypeCode: string | null): Promise<DispatchPreviewRecord> {
    assertCan(viewer, 'config:write');
    const area = await this.visibleArea(viewer, organisationId, 'organisationId');
    if (workOrderTypeCode !== null) await this.requireType(workOrderTypeCode).catch((refusal: Refusal) => {
      throw new AppError('BAD_USER_INPUT', refusal.message, { field: 'workOrderType' });
    });
    const candidates = rankRules((await this.repository.onPath(area.path, workOrderTypeCode)).map((rule) => ({ ...rule, path: area.path })));
    const ranked = candidates.map(({ path: _path, ...rule }) => rule);
    return { organisationId: area.id, workOrderTypeCode, rule: ranked[0] ?? null, candidates: ranked };
  }

  async save(viewer: ViewerRecord, input: DispatchRuleInput): Promise<DispatchRuleOutcome> {
    assertCan(viewer, 'config:write');
    return this.change(async () => {
      const area = await this.organisations.findVisible(viewer, input.organisationId);
      if (!area) throw new Refusal('NO_SUCH_ORGANISATION', `Organisation ${input.organisationId} does not exist or is outside your data permissions.`, 'organisationId');
      if (input.workOrderTypeCode !== null) await this.requireType(input.workOrderTypeCode);
      return this.prisma.$transaction(async (tx) => {
        const position = await tx.position.findFirst({
          where: { AND: [{ id: input.positionId, positionType: { kind: 'WORK_ORDER' }, organisation: organisationInScope(viewer.scope) }, positionsServing(area.path)] },
          select: { id: true, name: true },
        });
        if (!position) {
          throw new Refusal('NO_SUCH_POSITION', `Position ${input.positionId} is not a work-order handling position within your data permissions that serves ${area.name} (of the area, above or below it).`, 'positionId');
        }
        const before = input.id === null ? null : await this.repository.byId(tx, input.id);
        if (input.id !== null && !before) throw new Refusal('NOT_FOUND', `There is no dispatch rule ${input.id}.`, 'id');
        if (before && !(await this.inScope(tx, viewer, before.organisationId))) throw new Refusal('NOT_FOUND', `There is no dispatch rule ${input.id} within your data permissions.`, 'id');
        const clash = await this.repository.sameKey(tx, input.organisationId, input.workOrderTypeCode);
        if (clash && clash.id !== input.id) {
          const what = input.workOrderTypeCode === null ? 'any work-order type' : `work-order type ${input.workOrderTypeCode}`;
          throw new Refusal('DUPLICATE_RULE', `${area.name} already has a dispatch rule for ${what} (rule ${clash.id}); change that one instead.`, 'workOrderType');
        }
        const data = { organisationId: input.organisationId, workOrderTypeCode: input.workOrderTypeCode, positionId: input.positionId };
        const rule = before ? await this.repository.update(tx, before.id, data) : await this.repository.create(tx, data);
        const summary = `${area.name} · ${input.workOrderTypeCode ?? '*'} → ${position.name}`;
        await this.audit.record(tx, viewer, { action: before ? 'dispatch-rule.update' : 'dispatch-rule.create', entityType: 'DispatchRule', entityId: rule.id, summary, before: before ?? undefined, after: rule });
        return rule;
      });
    });
  }

  async delete(viewer: ViewerRecord, id: number): Promise<DispatchRuleOutcome> {
    assertCan(viewer, 'config:write');
    return this.change(() =>
      this.prisma.$transaction(async (tx) => {
        const rule = await this.repository.byId(tx, id);
        const area = rule && (await this.inScope(tx, viewer, rule.organisationId));
        if (!rule || !area) throw new Refusal('NOT_FOUND', `There is no dispatch rule ${id} within your data permissions.`, 'id');
        await this.repository.delete(tx, id);
        await this.audit.record(tx, viewer, { action: 'dispatch-rule.delete', entityType: 'DispatchRule', entityId: id, summary: `${area.name} · ${rule.workOrderTypeCode ?? '*'}`, before: rule });
        return null;
      }),
    );
  }

  private async change(run: () => Promise<DispatchRuleRecord | null>): Promise<DispatchRuleOutcome> {
    const outcome = await outcomeOf(run);
    return outcome.ok ? { ok: true, rule: outcome.value } : outcome;
  }

  /** The organisation if it lies within the viewer's data permissions (read in the transaction: PGlite has one connection). */
  private inScope(tx: Prisma.TransactionClient, viewer: ViewerRecord, organisationId: number) {
    return tx.organisation.findFirst({ where: { AND: [{ id: organisationId }, organisationInScope(viewer.scope)] }, select: { id: true, name: true } });
  }

  private async requireType(code: string): Promise<void> {
    const type = await this.prisma.workOrderType.findUnique({ where: { code }, select: { code: true } });
    if (!type) throw new Refusal('NO_SUCH_TYPE', `There is no work-order type "${code}".`, 'workOrderType');
  }

  private async visibleArea(viewer: ViewerRecord, organisationId: number, field: string) {
    const area = await this.organisations.findVisible(viewer, organisationId);
    if (!area) throw new AppError('BAD_USER_INPUT', `${field}: organisation ${organisationId} does not exist or is outside your data permissions.`, { field });
    return area;
  }
}
