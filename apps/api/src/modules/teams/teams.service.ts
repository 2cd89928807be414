import type { Prisma, PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { AppError } from '../../errors/app-error.ts';
import { likeLiteral } from '../../lib/like.ts';
import { outcomeOf, Refusal } from '../../lib/refusal.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { organisationInScope } from '../auth/data-scope.ts';
import { InFlightRefusal } from './in-flight.ts';
import { createTeam, deactivateStaff, joinTeam, leaveTeam, refuseIfTeamBusy, removeTeam, teamSelect, toTeamRecord } from './team-membership.ts';
import type { InFlightWork, SetStaffActiveResultRecord, TeamRecord, TeamResultRecord } from './teams.types.ts';

export interface SaveTeamInput {
  id: number | null;
  code: string;
  name: string;
  nameEn: string;
  organisationId: number;
}

const staffSelect = { id: true, staffNo: true, name: true, phone: true, active: true, organisationId: true } as const;

/**
 * Installation teams (装维组) and their members. Membership keeps the member's work-order permission
 * on the team's queue in step; a team or person that still holds in-flight work is never deleted,
 * renamed, removed or deactivated (refused with the work, so nothing is stranded).
 */
export class TeamsService {
  /** Called after permissions changed (wired to the sessions refresh on every instance). */
  onPermissionsChanged: () => void = () => undefined;
  /** Called after staff were deactivated (wired to ending their open sessions). */
  onStaffDeactivated: (staffIds: number[]) => void = () => undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly audit: AuditLog,
  ) {}

  async list(viewer: ViewerRecord, filter: { organisationId: number | null; search: string | null; includeInactive: boolean }): Promise<TeamRecord[]> {
    assertCan(viewer, 'orders:read');
    const where: Prisma.TeamWhereInput[] = [{ organisation: organisationInScope(viewer.scope) }];
    if (!filter.includeInactive) where.push({ active: true });
    if (filter.organisationId !== null) {
      const organisation = await this.prisma.organisation.findFirst({ where: { AND: [{ id: filter.organisationId }, organisationInScope(viewer.scope)] }, select: { path: true } });
      if (!organisation) throw new AppError('BAD_USER_INPUT', `filter.organisationId: organisation ${filter.organisationId} does not exist or is outside your data permissions.`, { field: 'filter.organisationId' });
      where.push({ organisation: { path: { startsWith: organisation.path } } });
    }
    if (filter.search !== null) where.push({ OR: (['code', 'name', 'nameEn'] as const).map((field) => ({ [field]: { contains: likeLiteral(filter.search!), mode: 'insensitive' as const } })) });
    const rows = await this.prisma.team.findMany({ where: { AND: where }, select: teamSelect, orderBy: { code: 'asc' }, take: 500 });
    return rows.map(toTeamRecord);
  }

  async mine(viewer: ViewerRecord): Promise<TeamRecord[]> {
    if (viewer.staffId === null) throw new AppError('STAFF_NOT_SELECTED', 'Pick a staff number first (selectStaff).');
    const rows = await this.prisma.team.findMany({ where: { active: true, members: { some: { staffId: viewer.staffId } } }, select: teamSelect, orderBy: { code: 'asc' } });
    return rows.map(toTeamRecord);
  }

  async staffChoices(viewer: ViewerRecord, teamId: number, search: string | null) {
    assertCan(viewer, 'config:write');
    const team = await this.prisma.team.findFirst({ where: { AND: [{ id: teamId }, { organisation: organisationInScope(viewer.scope) }] }, select: { id: true, organisation: { select: { path: true } } } });
    if (!team) throw new AppError('NOT_FOUND', `There is no team ${teamId} within your data permissions.`, { field: 'teamId' });
    const where: Prisma.StaffWhereInput[] = [{ active: true }, { organisation: organisationInScope(viewer.scope) }, { organisation: { path: { startsWith: team.organisation.path } } }, { teams: { none: { teamId } } }];
    if (search !== null) where.push({ OR: [{ staffNo: { contains: likeLiteral(search), mode: 'insensitive' } }, { name: { contains: likeLiteral(search), mode: 'insensitive' } }] });
    return this.prisma.staff.findMany({ where: { AND: where }, select: staffSelect, orderBy: { staffNo: 'asc' }, take: 50 });
  }

  save(viewer: ViewerRecord, input: SaveTeamInput): Promise<TeamResultRecord> {
    assertCan(viewer, 'config:write');
    return teamOutcome(() =>
      this.prisma.$transaction(async (tx) => {
        const organisation = await tx.organisation.findFirst({ where: { AND: [{ id: input.organisationId }, organisationInScope(viewer.scope)] }, select: { id: true } });
        if (!organisation) throw new Refusal('NO_SUCH_ORGANISATION', `Organisation ${input.organisationId} does not exist or is outside your data permissions.`, 'organisationId');
        if (input.id === null) {
          const team = await createTeam(tx, input);
          await this.audit.record(tx, viewer, { action: 'team.create', entityType: 'Team', entityId: team.id, summary: `${team.code} ${team.name}`, after: { code: team.code, name: team.name, nameEn: team.nameEn, organisationId: team.organisationId, positionId: team.positionId } });
          return toTeamRecord(team);
        }
        const before = await this.teamInScope(tx, viewer, input.id);
        if (before.organisationId !== input.organisationId) throw new Refusal('ORGANISATION_FIXED', `Team ${before.code} belongs to its organisation for good: make a new team instead.`, 'organisationId');
        const renamed = before.code !== input.code || before.name !== input.name || before.nameEn !== input.nameEn;
        if (!renamed) return toTeamRecord(before);
        const clash = await tx.team.findUnique({ where: { code: input.code }, select: { id: true } });
        if (clash && clash.id !== before.id) throw new Refusal('DUPLICATE_CODE', `Team code ${input.code} is taken.`, 'code');
        await refuseIfTeamBusy(tx, before, 'renamed');
        const saved = await tx.team.update({ where: { id: before.id }, data: { code: input.code, name: input.name, nameEn: input.nameEn }, select: teamSelect });
        await this.audit.record(tx, viewer, { action: 'team.update', entityType: 'Team', entityId: saved.id, summary: `${saved.code} ${saved.name}`, before: { code: before.code, name: before.name, nameEn: before.nameEn }, after: { code: saved.code, name: saved.name, nameEn: saved.nameEn } });
        return toTeamRecord(saved);
      }),
    );
  }

  async delete(viewer: ViewerRecord, id: number): Promise<TeamResultRecord> {
    assertCan(viewer, 'config:write');
    const result = await teamOutcome(() =>
      this.prisma.$transaction(async (tx) => {
        const team = await this.teamInScope(tx, viewer, id);
        await refuseIfTeamBusy(tx, team, 'deleted');
        const positionDeleted = await removeTeam(tx, team);
        await this.audit.record(tx, viewer, { action: 'team.delete', entityType: 'Team', entityId: id, summary: `${team.code} ${team.name}${positionDeleted ? ' (and its queue position)' : ' (its queue position is kept: work orders, rules or holders use it)'}`, before: { code: team.code, name: team.name, nameEn: team.nameEn, positionId: team.positionId, members: team.members.map((m) => m.staff.staffNo) } });
        return null;
      }),
    );
    if (result.ok) this.onPermissionsChanged();
    return result;
  }

  async addMember(viewer: ViewerRecord, teamId: number, staffId: number, leader: boolean): Promise<TeamResultRecord> {
    assertCan(viewer, 'config:write');
    const result = await teamOutcome(() =>
      this.prisma.$transaction(async (tx) => {
        const team = await this.teamInScope(tx, viewer, teamId);
        const organisation = await tx.organisation.findUniqueOrThrow({ where: { id: team.organisationId }, select: { path: true } });
        const staff = await tx.staff.findFirst({ where: { AND: [{ id: staffId }, { organisation: organisationInScope(viewer.scope) }, { organisation: { path: { startsWith: organisation.path } } }] }, select: { id: true, staffNo: true, name: true, active: true } });
        if (!staff) throw new Refusal('NO_SUCH_STAFF', `There is no staff member ${staffId} within your data permissions in team ${team.code}'s area (its organisation or below it).`, 'staffId');
        if (!staff.active) throw new Refusal('STAFF_INACTIVE', `${staff.staffNo} ${staff.name} is deactivated.`, 'staffId');
        if (team.members.some((m) => m.staffId === staffId)) throw new Refusal('ALREADY_MEMBER', `${staff.staffNo} ${staff.name} is already a member of ${team.code}.`, 'staffId');
        await joinTeam(tx, team, staffId, leader);
        await this.audit.record(tx, viewer, { action: 'team.add-member', entityType: 'Team', entityId: team.id, summary: `${team.code}: ${staff.staffNo} ${staff.name}${leader ? ' (leader)' : ''}`, after: { staffId, leader } });
        return toTeamRecord(await tx.team.findUniqueOrThrow({ where: { id: team.id }, select: teamSelect }));
      }),
    );
    if (result.ok) this.onPermissionsChanged();
    return result;
  }

  async removeMember(viewer: ViewerRecord, teamId: number, staffId: number): Promise<TeamResultRecord> {
    assertCan(viewer, 'config:write');
    const result = await teamOutcome(() =>
      this.prisma.$transaction(async (tx) => {
        const team = await this.teamInScope(tx, viewer, teamId);
        const member = team.members.find((m) => m.staffId === staffId);
        if (!member) throw new Refusal('NOT_A_MEMBER', `Staff member ${staffId} is not a member of ${team.code}.`, 'staffId');
        const staff = await tx.staff.findUniqueOrThrow({ where: { id: staffId }, select: { id: true, staffNo: true, name: true } });
        await leaveTeam(tx, team, staff);
        await this.audit.record(tx, viewer, { action: 'team.remove-member', entityType: 'Team', entityId: team.id, summary: `${team.code}: ${staff.staffNo} ${staff.name}`, before: { staffId, leader: member.leader } });
        return toTeamRecord(await tx.team.findUniqueOrThrow({ where: { id: team.id }, select: teamSelect }));
      }),
    );
    if (result.ok) this.onPermissionsChanged();
    return result;
  }

  async setStaffActive(viewer: ViewerRecord, staffId: number, active: boolean): Promise<SetStaffActiveResultRecord> {
    assertCan(viewer, 'config:write');
    let inFlight: InFlightWork[] = [];
    const outcome = await outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const staff = await tx.staff.findFirst({ where: { AND: [{ id: staffId }, { organisation: organisationInScope(viewer.scope) }] }, select: staffSelect });
        if (!staff) throw new Refusal('NOT_FOUND', `There is no staff member ${staffId} within your data permissions.`, 'staffId');
        if (staff.active === active) return staff;
        let left: string[] = [];
        if (active) await tx.staff.update({ where: { id: staffId }, data: { active: true } });
        else left = await deactivateStaff(tx, staff).catch((error: unknown) => {
          if (error instanceof InFlightRefusal) inFlight = error.work;
          throw error;
        });
        await this.audit.record(tx, viewer, { action: active ? 'staff.reactivate' : 'staff.deactivate', entityType: 'Staff', entityId: staffId, summary: `${staff.staffNo} ${staff.name}${left.length > 0 ? ` (left ${left.join(', ')})` : ''}`, before: { active: staff.active }, after: { active } });
        return { ...staff, active };
      }),
    );
    if (outcome.ok) this.onPermissionsChanged();
    if (outcome.ok && !active) this.onStaffDeactivated([staffId]);
    return outcome.ok ? { ok: true, error: null, staff: outcome.value, inFlight: [] } : { ok: false, error: outcome.error, staff: null, inFlight };
  }

  /** Coordinates of orders (already authorised: loaded for orders the viewer was given). */
  fieldVisits(orderIds: readonly number[]) {
    return this.prisma.order.findMany({ where: { id: { in: [...orderIds] } }, select: { id: true, latitude: true, longitude: true } });
  }

  private async teamInScope(tx: Prisma.TransactionClient, viewer: ViewerRecord, id: number) {
    const team = await tx.team.findFirst({ where: { AND: [{ id }, { organisation: organisationInScope(viewer.scope) }] }, select: teamSelect });
    if (!team) throw new Refusal('NOT_FOUND', `There is no team ${id} within your data permissions.`, 'id');
    return team;
  }
}

/** Like `outcomeOf`, keeping the work an `IN_FLIGHT` refusal names. */
async function teamOutcome(run: () => Promise<TeamRecord | null>): Promise<TeamResultRecord> {
  let inFlight: InFlightWork[] = [];
  const outcome = await outcomeOf(() =>
    run().catch((error: unknown) => {
      if (error instanceof InFlightRefusal) inFlight = error.work;
      throw error;
    }),
  );
  return outcome.ok ? { ok: true, error: null, team: outcome.value, inFlight: [] } : { ok: false, error: outcome.error, team: null, inFlight };
}
