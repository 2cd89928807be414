import type { PositionKind, Prisma, PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { AppError } from '../../errors/app-error.ts';
import { likeLiteral } from '../../lib/like.ts';
import { listSome, outcomeOf, Refusal, type Outcome } from '../../lib/refusal.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { organisationInScope } from '../auth/data-scope.ts';
import type { StaffPermissionsService } from '../staff-permissions/staff-permissions.service.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { positionSelect } from './positions.repository.ts';
import type { PositionRecord, PositionTypeRecord } from './positions.types.ts';

/** Kinds whose holders get menus (work-order handling types give a queue instead, as in the seed). */
const MENU_KINDS = new Set<PositionKind>(['SYSTEM_ADMIN', 'GENERAL']);
const OPEN_STATES = ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'] as const;
const typeSelect = { id: true, code: true, name: true, nameEn: true, kind: true } as const;

export interface PositionTypeInput {
  id: number | null;
  code: string;
  name: string;
  nameEn: string;
  kind: PositionKind;
  menus: string[];
  /** When editing: change the holders' menu permissions by the menus added and removed. */
  applyMenusToHolders?: boolean;
}

export interface PositionInput {
  id: number | null;
  code: string;
  name: string;
  nameEn: string;
  organisationId: number;
  positionTypeId: number;
}

/**
 * Position types (岗位类型) and positions (岗位管理): audited changes with the seed's rules, and
 * deletions refused with what still uses the record. Menus of a type change what its holders see at
 * once: the sessions cache is dropped on every instance (`onMenusChanged`).
 */
export class PositionsAdminService {
  /** Called after a type's menus changed (wired to the static-data refresh of sessions). */
  onMenusChanged: () => void = () => undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditLog,
    private readonly permissions: StaffPermissionsService,
  ) {}

  types(viewer: ViewerRecord): Promise<PositionTypeRecord[]> {
    assertCan(viewer, 'config:write');
    return this.prisma.positionType.findMany({ select: typeSelect, orderBy: [{ kind: 'asc' }, { code: 'asc' }] });
  }

  async positions(viewer: ViewerRecord, filter: { organisationId: number | null; search: string | null; positionTypeId: number | null; kind: PositionKind | null }): Promise<PositionRecord[]> {
    assertCan(viewer, 'config:write');
    const where: Prisma.PositionWhereInput[] = [{ organisation: organisationInScope(viewer.scope) }];
    if (filter.organisationId !== null) {
      const organisation = await this.organisations.findVisible(viewer, filter.organisationId);
      if (!organisation) throw new AppError('BAD_USER_INPUT', `filter.organisationId: organisation ${filter.organisationId} does not exist or is outside your data permissions.`, { field: 'filter.organisationId' });
      where.push({ organisation: { path: { startsWith: organisation.path } } });
    }
    if (filter.search !== null) where.push({ OR: (['code', 'name', 'nameEn'] as const).map((field) => ({ [field]: { contains: likeLiteral(filter.search!), mode: 'insensitive' as const } })) });
    if (filter.positionTypeId !== null) where.push({ positionTypeId: filter.positionTypeId });
    if (filter.kind !== null) where.push({ positionType: { kind: filter.kind } });
    return this.prisma.position.findMany({ where: { AND: where }, select: positionSelect, orderBy: [{ organisation: { path: 'asc' } }, { code: 'asc' }], take: 500 });
  }

  async saveType(viewer: ViewerRecord, input: PositionTypeInput): Promise<Outcome<PositionTypeRecord>> {
    assertCan(viewer, 'config:write');
    const outcome = await outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const menus = [...new Set(input.menus)].sort();
        if (menus.length > 0 && !MENU_KINDS.has(input.kind)) {
          throw new Refusal('MENUS_NOT_ALLOWED', `A ${input.kind} position type carries no menus (its holders get a work-order queue); only system-administration and general types do.`, 'menus');
        }
        const known = new Set((await tx.menu.findMany({ where: { code: { in: menus } }, select: { code: true } })).map((menu) => menu.code));
        const unknown = menus.filter((code) => !known.has(code));
        if (unknown.length > 0) throw new Refusal('UNKNOWN_MENU', `There is no menu ${listSome(unknown)}.`, 'menus');
        const clash = await tx.positionType.findUnique({ where: { code: input.code }, select: { id: true } });
        if (clash && clash.id !== input.id) throw new Refusal('DUPLICATE_CODE', `Position type code ${input.code} is taken.`, 'code');
        const before = input.id === null ? null : await tx.positionType.findUnique({ where: { id: input.id }, select: { ...typeSelect, menus: { select: { menuCode: true } } } });
        if (input.id !== null && !before) throw new Refusal('NOT_FOUND', `There is no position type ${input.id}.`, 'id');
        if (before && before.kind !== input.kind && !MENU_KINDS.has(input.kind) !== !MENU_KINDS.has(before.kind)) {
          const used = await tx.position.count({ where: { positionTypeId: before.id } });
          if (used > 0) throw new Refusal('IN_USE', `Position type ${before.code} is used by ${used} positions: its kind can change only between system administration and general.`, 'kind');
        }
        const data = { code: input.code, name: input.name, nameEn: input.nameEn, kind: input.kind };
        const saved = before ? await tx.positionType.update({ where: { id: before.id }, data, select: typeSelect }) : await tx.positionType.create({ data, select: typeSelect });
        await tx.positionTypeMenu.deleteMany({ where: { positionTypeId: saved.id } });
        if (menus.length > 0) await tx.positionTypeMenu.createMany({ data: menus.map((menuCode) => ({ positionTypeId: saved.id, menuCode })) });
        if (before && input.applyMenusToHolders) await applyMenusToHolders(tx, saved.id, before.menus.map((menu) => menu.menuCode), menus);
        const beforeRecord = before ? { code: before.code, name: before.name, nameEn: before.nameEn, kind: before.kind, menus: before.menus.map((menu) => menu.menuCode).sort() } : undefined;
        await this.audit.record(tx, viewer, { action: before ? 'position-type.update' : 'position-type.create', entityType: 'PositionType', entityId: saved.id, summary: `${saved.code} ${saved.name}${before && input.applyMenusToHolders ? ' (menus applied to holders)' : ''}`, before: beforeRecord, after: { ...data, menus } });
        return saved;
      }),
    );
    if (outcome.ok) this.onMenusChanged();
    return outcome;
  }

  deleteType(viewer: ViewerRecord, id: number): Promise<Outcome<null>> {
    assertCan(viewer, 'config:write');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const type = await tx.positionType.findUnique({ where: { id }, select: { ...typeSelect, menus: { select: { menuCode: true } } } });
        if (!type) throw new Refusal('NOT_FOUND', `There is no position type ${id}.`, 'id');
        const users = await tx.position.findMany({ where: { positionTypeId: id }, select: { code: true }, orderBy: { code: 'asc' } });
        if (users.length > 0) throw new Refusal('IN_USE', `Position type ${type.code} is used by ${users.length} positions: ${listSome(users.map((p) => p.code))}.`, 'id');
        await tx.positionType.delete({ where: { id } });
        await this.audit.record(tx, viewer, { action: 'position-type.delete', entityType: 'PositionType', entityId: id, summary: `${type.code} ${type.name}`, before: { code: type.code, name: type.name, nameEn: type.nameEn, kind: type.kind, menus: type.menus.map((m) => m.menuCode) } });
        return null;
      }),
    );
  }

  savePosition(viewer: ViewerRecord, input: PositionInput): Promise<Outcome<PositionRecord>> {
    assertCan(viewer, 'config:write');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const organisation = await tx.organisation.findFirst({ where: { AND: [{ id: input.organisationId }, organisationInScope(viewer.scope)] }, select: { id: true, name: true } });
        if (!organisation) throw new Refusal('NO_SUCH_ORGANISATION', `Organisation ${input.organisationId} does not exist or is outside your data permissions.`, 'organisationId');
        const type = await tx.positionType.findUnique({ where: { id: input.positionTypeId }, select: { id: true, kind: true } });
        if (!type) throw new Refusal('NO_SUCH_TYPE', `There is no position type ${input.positionTypeId}.`, 'positionTypeId');
        const clash = await tx.position.findUnique({ where: { code: input.code }, select: { id: true } });
        if (clash && clash.id !== input.id) throw new Refusal('DUPLICATE_CODE', `Position code ${input.code} is taken.`, 'code');
        const before = input.id === null ? null : await tx.position.findFirst({ where: { AND: [{ id: input.id }, { organisation: organisationInScope(viewer.scope) }] }, select: positionSelect });
        if (input.id !== null && !before) throw new Refusal('NOT_FOUND', `There is no position ${input.id} within your data permissions.`, 'id');
        if (before && before.positionTypeId !== type.id) {
          const beforeType = await tx.positionType.findUniqueOrThrow({ where: { id: before.positionTypeId }, select: { kind: true } });
          if (beforeType.kind !== type.kind && (await this.openWorkOrders(tx, before.id)) > 0) {
            throw new Refusal('IN_USE', `Position ${before.code} holds in-flight work orders: its type can change only to one of the same kind.`, 'positionTypeId');
          }
        }
        const data = { code: input.code, name: input.name, nameEn: input.nameEn, organisationId: input.organisationId, positionTypeId: input.positionTypeId };
        const saved = before ? await tx.position.update({ where: { id: before.id }, data, select: positionSelect }) : await tx.position.create({ data, select: positionSelect });
        await this.audit.record(tx, viewer, { action: before ? 'position.update' : 'position.create', entityType: 'Position', entityId: saved.id, summary: `${saved.code} ${saved.name}`, before: before ?? undefined, after: saved });
        return saved;
      }),
    );
  }

  deletePosition(viewer: ViewerRecord, id: number): Promise<Outcome<null>> {
    assertCan(viewer, 'config:write');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const position = await tx.position.findFirst({ where: { AND: [{ id }, { organisation: organisationInScope(viewer.scope) }] }, select: positionSelect });
        if (!position) throw new Refusal('NOT_FOUND', `There is no position ${id} within your data permissions.`, 'id');
        const holders = await tx.staffPosition.findMany({ where: { positionId: id }, select: { staff: { select: { staffNo: true, name: true } } }, orderBy: { staffId: 'asc' } });
        const rules = await tx.dispatchRule.findMany({ where: { positionId: id }, select: { id: true, workOrderTypeCode: true, organisation: { select: { name: true } } } });
        const workOrders = await tx.workOrder.findMany({ where: { positionId: id, state: { in: [...OPEN_STATES] } }, select: { workOrderNo: true }, orderBy: { id: 'asc' }, take: 10 });
        const reasons: string[] = [];
        if (holders.length > 0) reasons.push(`held by ${holders.length} staff: ${listSome(holders.map((h) => `${h.staff.staffNo} ${h.staff.name}`))}`);
        if (rules.length > 0) reasons.push(`named by ${rules.length} dispatch rules: ${listSome(rules.map((r) => `${r.organisation.name} · ${r.workOrderTypeCode ?? '*'}`))}`);
        if (workOrders.length > 0) {
          const open = await this.openWorkOrders(tx, id);
          reasons.push(`holding ${open} in-flight work orders: ${workOrders.map((w) => w.workOrderNo).join(', ')}${open > workOrders.length ? ` and ${open - workOrders.length} more` : ''}`);
        }
        if (reasons.length > 0) throw new Refusal('IN_USE', `Position ${position.code} cannot be deleted: it is ${reasons.join('; ')}.`, 'id');
        await tx.position.delete({ where: { id } });
        await this.audit.record(tx, viewer, { action: 'position.delete', entityType: 'Position', entityId: id, summary: `${position.code} ${position.name}`, before: position });
        return null;
      }),
    );
  }

  /**
   * Position assignment (定岗): replaces the positions a staff member holds and, with
   * `generateDefaults`, their permissions with the positions' defaults (in the same transaction).
   */
  assignStaff(viewer: ViewerRecord, staffId: number, positionIds: number[], generateDefaults = true): Promise<Outcome<number>> {
    assertCan(viewer, 'config:write');
    const wanted = [...new Set(positionIds)].sort((a, b) => a - b);
    return outcomeOf(async () => {
      const outcome = await this.prisma.$transaction(async (tx) => {
        const staff = await tx.staff.findFirst({
          where: { AND: [{ id: staffId }, { organisation: organisationInScope(viewer.scope) }] },
          select: { id: true, staffNo: true, name: true, organisation: { select: { path: true } }, positions: { select: { positionId: true }, orderBy: { positionId: 'asc' } } },
        });
        if (!staff) throw new Refusal('NOT_FOUND', `There is no staff member ${staffId} within your data permissions.`, 'staffId');
        const line = staff.organisation.path.split('/').filter(Boolean).map(Number);
        const allowed = await tx.position.findMany({
          where: { AND: [{ id: { in: wanted } }, { organisation: organisationInScope(viewer.scope) }, { organisation: { OR: [{ id: { in: line } }, { path: { startsWith: staff.organisation.path } }] } }] },
          select: { id: true },
        });
        const missing = wanted.filter((id) => !allowed.some((p) => p.id === id));
        if (missing.length > 0) throw new Refusal('NO_SUCH_POSITION', `Positions ${listSome(missing.map(String))} are outside your data permissions or not on ${staff.staffNo}'s organisation line (their organisation, above or below it).`, 'positionIds');
        const held = staff.positions.map((p) => p.positionId);
        const removed = held.filter((id) => !wanted.includes(id));
        if (removed.length > 0) {
          const handling = await tx.workOrder.findMany({ where: { staffId, positionId: { in: removed }, state: { in: [...OPEN_STATES] } }, select: { workOrderNo: true }, orderBy: { id: 'asc' } });
          if (handling.length > 0) throw new Refusal('IN_USE', `${staff.staffNo} ${staff.name} still handles in-flight work orders of a position taken away: ${listSome(handling.map((w) => w.workOrderNo))}. Dispatch them to someone else first.`, 'positionIds');
        }
        await tx.staffPosition.deleteMany({ where: { staffId, positionId: { in: removed } } });
        const added = wanted.filter((id) => !held.includes(id));
        if (added.length > 0) await tx.staffPosition.createMany({ data: added.map((positionId) => ({ staffId, positionId })) });
        if (generateDefaults) await this.permissions.writeDefaults(tx, staff);
        const summary = `${staff.staffNo} ${staff.name}${generateDefaults ? ' (default permissions)' : ''}`;
        await this.audit.record(tx, viewer, { action: 'staff.assign-positions', entityType: 'Staff', entityId: staffId, summary, before: { positionIds: held }, after: { positionIds: wanted } });
        return staffId;
      });
      this.onMenusChanged();
      return outcome;
    });
  }

  private openWorkOrders(tx: Prisma.TransactionClient, positionId: number): Promise<number> {
    return tx.workOrder.count({ where: { positionId, state: { in: [...OPEN_STATES] } } });
  }
}

/**
 * A type's menu change carried to the staff holding it: added menus granted with operate (kept as
 * they are where already granted), removed ones taken away unless another type they hold carries them.
 */
async function applyMenusToHolders(tx: Prisma.TransactionClient, typeId: number, before: string[], after: string[]): Promise<void> {
  const added = after.filter((code) => !before.includes(code));
  const removed = before.filter((code) => !after.includes(code));
  if (added.length > 0) {
    await tx.$executeRaw`
      INSERT INTO staff_menu (staff_id, menu_code, operate)
      SELECT DISTINCT sp.staff_id, m.code, true
      FROM staff_position sp JOIN position p ON p.id = sp.position_id, unnest(${added}::text[]) AS m(code)
      WHERE p.position_type_id = ${typeId}
      ON CONFLICT (staff_id, menu_code) DO NOTHING`;
  }
  if (removed.length > 0) {
    await tx.$executeRaw`
      DELETE FROM staff_menu sm
      USING staff_position sp JOIN position p ON p.id = sp.position_id
      WHERE p.position_type_id = ${typeId} AND sm.staff_id = sp.staff_id AND sm.menu_code = ANY(${removed}::text[])
        AND NOT EXISTS (
          SELECT 1 FROM staff_position sp2 JOIN position p2 ON p2.id = sp2.position_id
          JOIN position_type_menu ptm ON ptm.position_type_id = p2.position_type_id
          WHERE sp2.staff_id = sm.staff_id AND p2.position_type_id <> ${typeId} AND ptm.menu_code = sm.menu_code)`;
  }
}
