import { type Prisma, type PrismaClient, writeDefaultStaffPermissions } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { listSome, outcomeOf, Refusal, type Outcome } from '../../lib/refusal.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { organisationInScope } from '../auth/data-scope.ts';
import { positionSelect } from '../positions/positions.repository.ts';
import type { PositionRecord } from '../positions/positions.types.ts';
import type { StaffPermissionsRecord } from './staff-permissions.types.ts';

const OPEN_STATES = ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'] as const;

export interface SetStaffPermissionsInput {
  staffId: number;
  menus: { menuCode: string; operate: boolean }[] | null;
  organisationIds: number[] | null;
  workOrderPositionIds: number[] | null;
}

interface StaffRef {
  id: number;
  staffNo: string;
  name: string;
}

/**
 * A staff member's menu permissions (view / operate), data permissions (organisations) and
 * work-order permissions (positions): read, replaced, generated as defaults at position assignment
 * and copied from one staff member to another. Every change is audited with before and after, and
 * applies to the staff member's next request (`onPermissionsChanged` drops cached sessions on every
 * instance). An administrator never grants beyond their own data permissions.
 */
export class StaffPermissionsService {
  /** Called after a change (wired to the static-data refresh of sessions). */
  onPermissionsChanged: () => void = () => undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly audit: AuditLog,
  ) {}

  async get(viewer: ViewerRecord, staffId: number): Promise<StaffPermissionsRecord | null> {
    assertCan(viewer, 'staff:read');
    const staff = await this.prisma.staff.findFirst({ where: { AND: [{ id: staffId }, { organisation: organisationInScope(viewer.scope) }] }, select: { id: true } });
    return staff ? read(this.prisma, staffId) : null;
  }

  /** The positions whose work orders a staff member may handle (the viewer's own, for the queue). */
  workOrderPositions(staffId: number): Promise<PositionRecord[]> {
    return this.prisma.position.findMany({ where: { handlers: { some: { staffId } } }, select: positionSelect, orderBy: { id: 'asc' } });
  }

  set(viewer: ViewerRecord, input: SetStaffPermissionsInput): Promise<Outcome<StaffPermissionsRecord>> {
    assertCan(viewer, 'config:write');
    return this.change(viewer, input.staffId, 'staff.set-permissions', async (tx, staff) => {
      if (input.menus !== null) await replaceMenus(tx, staff.id, await checkedMenus(tx, input.menus));
      if (input.organisationIds !== null) await replaceOrganisations(tx, staff.id, await checkedOrganisations(tx, viewer, input.organisationIds));
      if (input.workOrderPositionIds !== null) await replacePositions(tx, staff, await checkedPositions(tx, viewer, input.workOrderPositionIds));
    });
  }

  /** Quick permission copy: `to` gets exactly `from`'s permissions. */
  copy(viewer: ViewerRecord, fromStaffId: number, toStaffId: number): Promise<Outcome<StaffPermissionsRecord>> {
    assertCan(viewer, 'config:write');
    return this.change(viewer, toStaffId, 'staff.copy-permissions', async (tx, staff) => {
      if (fromStaffId === toStaffId) throw new Refusal('SAME_STAFF', 'Pick a different staff member to copy the permissions to.', 'toStaffId');
      const from = await staffInScope(tx, viewer, fromStaffId, 'fromStaffId');
      const source = await read(tx, from.id);
      // The giver's grants are checked like typed-in ones: a giver outside the copier's reach cannot
      // smuggle organisations or positions in.
      await replaceMenus(tx, staff.id, source.menus);
      await replaceOrganisations(tx, staff.id, await checkedOrganisations(tx, viewer, source.organisationIds));
      await replacePositions(tx, staff, await checkedPositions(tx, viewer, source.workOrderPositionIds));
      return `from ${from.staffNo} ${from.name}`;
    });
  }

  /**
   * Position assignment's defaults, inside its transaction: refused when a work-order permission
   * taken away is one the staff member still handles in-flight work orders under.
   */
  async writeDefaults(tx: Prisma.TransactionClient, staff: StaffRef): Promise<void> {
    const held = await tx.staffPosition.findMany({ where: { staffId: staff.id, position: { positionType: { kind: 'WORK_ORDER' } } }, select: { positionId: true } });
    await refuseIfHandling(tx, staff, held.map((row) => row.positionId));
    await writeDefaultStaffPermissions(tx, [staff.id]);
  }

  private async change(viewer: ViewerRecord, staffId: number, action: string, apply: (tx: Prisma.TransactionClient, staff: StaffRef) => Promise<string | void>): Promise<Outcome<StaffPermissionsRecord>> {
    const outcome = await outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const staff = await staffInScope(tx, viewer, staffId, 'staffId');
        const before = await read(tx, staff.id);
        const note = await apply(tx, staff);
        const after = await read(tx, staff.id);
        const summary = `${staff.staffNo} ${staff.name}${note ? ` (${note})` : ''}`;
        await this.audit.record(tx, viewer, { action, entityType: 'Staff', entityId: staff.id, summary, before: auditShape(before), after: auditShape(after) });
        return after;
      }),
    );
    if (outcome.ok) this.onPermissionsChanged();
    return outcome;
  }
}

async function staffInScope(tx: Prisma.TransactionClient, viewer: ViewerRecord, staffId: number, field: string): Promise<StaffRef> {
  const staff = await tx.staff.findFirst({ where: { AND: [{ id: staffId }, { organisation: organisationInScope(viewer.scope) }] }, select: { id: true, staffNo: true, name: true } });
  if (!staff) throw new Refusal('NOT_FOUND', `There is no staff member ${staffId} within your data permissions.`, field);
  return staff;
}

async function read(db: PrismaClient | Prisma.TransactionClient, staffId: number): Promise<StaffPermissionsRecord> {
  const [menus, organisations, positions] = await Promise.all([
    db.staffMenu.findMany({ where: { staffId }, select: { menuCode: true, operate: true }, orderBy: { menuCode: 'asc' } }),
    db.staffDataScope.findMany({ where: { staffId }, select: { organisationId: true }, orderBy: { organisationId: 'asc' } }),
    db.staffWorkOrderPosition.findMany({ where: { staffId }, select: { positionId: true }, orderBy: { positionId: 'asc' } }),
  ]);
  return { staffId, menus, organisationIds: organisations.map((row) => row.organisationId), workOrderPositionIds: positions.map((row) => row.positionId) };
}

function auditShape(record: StaffPermissionsRecord) {
  return {
    menus: record.menus.map((menu) => (menu.operate ? `${menu.menuCode} (operate)` : menu.menuCode)),
    organisationIds: record.organisationIds,
    workOrderPositionIds: record.workOrderPositionIds,
  };
}

/** Known menus, each with its menu group (a granted entry shows under its group). */
async function checkedMenus(tx: Prisma.TransactionClient, wanted: { menuCode: string; operate: boolean }[]): Promise<{ menuCode: string; operate: boolean }[]> {
  const codes = [...new Set(wanted.map((menu) => menu.menuCode))];
  const known = await tx.menu.findMany({ where: { code: { in: codes } }, select: { code: true, parentCode: true } });
  const unknown = codes.filter((code) => !known.some((menu) => menu.code === code));
  if (unknown.length > 0) throw new Refusal('NO_SUCH_MENU', `There is no menu ${listSome(unknown)}.`, 'menus');
  const grants = new Map<string, boolean>();
  for (const menu of wanted) grants.set(menu.menuCode, (grants.get(menu.menuCode) ?? false) || menu.operate);
  for (const menu of known) if (menu.parentCode !== null && !grants.has(menu.parentCode)) grants.set(menu.parentCode, false);
  return [...grants].map(([menuCode, operate]) => ({ menuCode, operate })).sort((a, b) => a.menuCode.localeCompare(b.menuCode));
}

async function checkedOrganisations(tx: Prisma.TransactionClient, viewer: ViewerRecord, ids: number[]): Promise<number[]> {
  const wanted = [...new Set(ids)];
  const found = await tx.organisation.findMany({ where: { AND: [{ id: { in: wanted } }, organisationInScope(viewer.scope)] }, select: { id: true } });
  const missing = wanted.filter((id) => !found.some((row) => row.id === id));
  if (missing.length > 0) throw new Refusal('NO_SUCH_ORGANISATION', `Organisations ${listSome(missing.map(String))} are outside your data permissions.`, 'organisationIds');
  return wanted.sort((a, b) => a - b);
}

async function checkedPositions(tx: Prisma.TransactionClient, viewer: ViewerRecord, ids: number[]): Promise<number[]> {
  const wanted = [...new Set(ids)];
  const found = await tx.position.findMany({ where: { AND: [{ id: { in: wanted } }, { positionType: { kind: 'WORK_ORDER' } }, { organisation: organisationInScope(viewer.scope) }] }, select: { id: true } });
  const missing = wanted.filter((id) => !found.some((row) => row.id === id));
  if (missing.length > 0) throw new Refusal('NO_SUCH_POSITION', `Positions ${listSome(missing.map(String))} are not work-order handling positions within your data permissions.`, 'workOrderPositionIds');
  return wanted.sort((a, b) => a - b);
}

async function replaceMenus(tx: Prisma.TransactionClient, staffId: number, menus: { menuCode: string; operate: boolean }[]): Promise<void> {
  await tx.staffMenu.deleteMany({ where: { staffId } });
  if (menus.length > 0) await tx.staffMenu.createMany({ data: menus.map((menu) => ({ staffId, ...menu })) });
}

async function replaceOrganisations(tx: Prisma.TransactionClient, staffId: number, organisationIds: number[]): Promise<void> {
  await tx.staffDataScope.deleteMany({ where: { staffId } });
  if (organisationIds.length > 0) await tx.staffDataScope.createMany({ data: organisationIds.map((organisationId) => ({ staffId, organisationId })) });
}

async function replacePositions(tx: Prisma.TransactionClient, staff: StaffRef, positionIds: number[]): Promise<void> {
  await refuseIfHandling(tx, staff, positionIds);
  await tx.staffWorkOrderPosition.deleteMany({ where: { staffId: staff.id } });
  if (positionIds.length > 0) await tx.staffWorkOrderPosition.createMany({ data: positionIds.map((positionId) => ({ staffId: staff.id, positionId })) });
}

/** Refuses to take away a position whose in-flight work orders the staff member still handles. */
async function refuseIfHandling(tx: Prisma.TransactionClient, staff: StaffRef, keptPositionIds: number[]): Promise<void> {
  const handling = await tx.workOrder.findMany({
    where: { staffId: staff.id, state: { in: [...OPEN_STATES] }, positionId: { not: null, notIn: keptPositionIds } },
    select: { workOrderNo: true },
    orderBy: { id: 'asc' },
  });
  if (handling.length > 0) {
    throw new Refusal('IN_USE', `${staff.staffNo} ${staff.name} still handles in-flight work orders of a position taken away: ${listSome(handling.map((w) => w.workOrderNo))}. Dispatch them to someone else first.`, 'workOrderPositionIds');
  }
}
