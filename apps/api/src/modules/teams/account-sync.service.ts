import type { Prisma, PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import type { AccountsAdapter, AccountsSnapshot } from '../../integrations/accounts/accounts.adapter.ts';
import { logger } from '../../lib/logger.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { InFlightRefusal } from './in-flight.ts';
import { createTeam, deactivateStaff, dropMembership, joinTeam, leaveTeam, refuseIfTeamBusy, teamSelect } from './team-membership.ts';
import type { AccountSyncChange, AccountSyncChangeKind, AccountSyncRefusal, AccountSyncResultRecord } from './teams.types.ts';

type Tx = Prisma.TransactionClient;

/** Any number, the same in every instance: one sync applies at a time across all of them. */
const SYNC_LOCK = 5_105_001;

/** The viewer the hourly run is recorded as in the audit log. */
export const accountSyncViewer: ViewerRecord = {
  sessionId: 'account-sync',
  userId: 0,
  loginName: 'account-sync',
  staffId: null,
  menus: [],
  operableMenus: new Set(),
  permissions: new Set(['config:write']),
  scope: { orgPaths: ['/'] },
  idleTimeoutMinutes: 0,
};

class SyncReport {
  readonly applied: AccountSyncChange[] = [];
  /** Staff deactivated by this run (their sessions are ended after the commit). */
  readonly deactivated: number[] = [];
  readonly refused: AccountSyncRefusal[] = [];
  apply(kind: AccountSyncChangeKind, subject: string, detail: string) {
    this.applied.push({ kind, subject, detail });
  }
  refuse(kind: AccountSyncChangeKind, subject: string, error: unknown) {
    if (error instanceof InFlightRefusal) this.refused.push({ kind, subject, reason: error.message, inFlight: error.work });
    else if (error instanceof SyncSkip) this.refused.push({ kind, subject, reason: error.message, inFlight: [] });
    else throw error;
  }
}

/** A record of the external data that cannot be applied (e.g. an unknown organisation). */
class SyncSkip extends Error {}

/**
 * Account sync (装维账号同步): the external maintenance system's teams and people applied to teams,
 * staff and memberships. The external data is read first (outside any transaction: it may be slow
 * or fail, and then nothing changes); then everything is applied in one transaction. Removing a
 * person or team that still holds in-flight work is refused and reported, never forced.
 */
export class AccountSyncService {
  /** Called after memberships changed (wired to the sessions refresh on every instance). */
  onPermissionsChanged: () => void = () => undefined;
  /** Called after staff were deactivated (wired to ending their open sessions). */
  onStaffDeactivated: (staffIds: number[]) => void = () => undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly adapter: AccountsAdapter,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    private readonly timeoutMs: number,
  ) {}

  async sync(viewer: ViewerRecord): Promise<AccountSyncResultRecord> {
    assertCan(viewer, 'config:write');
    let snapshot: AccountsSnapshot;
    try {
      snapshot = await withTimeout(this.adapter.snapshot(), this.timeoutMs);
    } catch (error) {
      const message = `The maintenance system did not deliver the accounts: ${(error as Error).message}. Nothing was changed.`;
      logger.warn('account sync: external system failed', { message: (error as Error).message });
      return { ok: false, error: { code: 'EXTERNAL_FAILURE', message }, at: null, applied: [], refused: [] };
    }
    const at = this.now();
    const report = await this.prisma.$transaction(
      async (tx) => {
        const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SYNC_LOCK}::bigint) AS locked`;
        if (!locked) return null;
        const report = new SyncReport();
        await applyPeople(tx, snapshot, report);
        await applyTeams(tx, snapshot, report, at);
        await this.audit.recordMany(tx, viewer, [
          ...report.applied.map((change) => ({ action: `account-sync.${change.kind.toLowerCase().replace(/_/g, '-')}`, entityType: 'AccountSync', entityId: change.subject.split(' ')[0]!, summary: `${change.subject}: ${change.detail}` })),
          { action: 'account-sync.run', entityType: 'AccountSync', entityId: at.toISOString(), summary: `${report.applied.length} changes applied, ${report.refused.length} refused`, after: { refused: report.refused.map((r) => ({ kind: r.kind, subject: r.subject, reason: r.reason })) } },
        ]);
        return report;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    if (!report) return { ok: false, error: { code: 'SYNC_RUNNING', message: 'Another account sync is applying its changes; try again in a moment. Nothing was changed.' }, at: null, applied: [], refused: [] };
    if (report.applied.length > 0) this.onPermissionsChanged();
    if (report.deactivated.length > 0) this.onStaffDeactivated(report.deactivated);
    return { ok: true, error: null, at, applied: report.applied, refused: report.refused };
  }
}

async function organisationIds(tx: Tx, codes: string[]): Promise<Map<string, number>> {
  const rows = await tx.organisation.findMany({ where: { code: { in: [...new Set(codes)] } }, select: { id: true, code: true } });
  return new Map(rows.map((row) => [row.code, row.id]));
}

async function applyPeople(tx: Tx, snapshot: AccountsSnapshot, report: SyncReport): Promise<void> {
  const orgs = await organisationIds(tx, snapshot.people.map((p) => p.organisationCode));
  const rows = await tx.staff.findMany({
    where: { OR: [{ externalId: { not: null } }, { staffNo: { in: snapshot.people.map((p) => p.staffNo) } }] },
    select: { id: true, staffNo: true, name: true, phone: true, active: true, organisationId: true, externalId: true },
  });
  const byExternal = new Map(rows.filter((r) => r.externalId !== null).map((r) => [r.externalId!, r]));
  const byNo = new Map(rows.map((r) => [r.staffNo, r]));
  const seen = new Set<number>();
  for (const person of snapshot.people) {
    const subject = `${person.staffNo} ${person.name}`;
    const adoptable = byNo.get(person.staffNo);
    const row = byExternal.get(person.externalId) ?? (adoptable && adoptable.externalId === null ? adoptable : undefined);
    const organisationId = orgs.get(person.organisationCode);
    try {
      if (organisationId === undefined) throw new SyncSkip(`The maintenance system puts them in organisation ${person.organisationCode}, which does not exist here.`);
      if (!row) {
        if (!person.active) continue;
        if (adoptable) throw new SyncSkip(`Staff number ${person.staffNo} is already linked to another external person (${adoptable.externalId}).`);
        await tx.staff.create({ data: { staffNo: person.staffNo, name: person.name, phone: person.phone, organisationId, externalId: person.externalId } });
        report.apply('STAFF_CREATED', subject, `created in ${person.organisationCode} (no login account yet)`);
        continue;
      }
      seen.add(row.id);
      const changed: string[] = [];
      if (row.externalId === null) changed.push(`linked to ${person.externalId}`);
      if (row.name !== person.name) changed.push(`name ${row.name} → ${person.name}`);
      if (row.phone !== person.phone) changed.push(`phone ${row.phone ?? '—'} → ${person.phone ?? '—'}`);
      if (row.organisationId !== organisationId) changed.push(`organisation → ${person.organisationCode}`);
      if (changed.length > 0) {
        await tx.staff.update({ where: { id: row.id }, data: { externalId: person.externalId, name: person.name, phone: person.phone, organisationId } });
        report.apply('STAFF_UPDATED', subject, changed.join('; '));
      }
    } catch (error) {
      report.refuse(row ? 'STAFF_UPDATED' : 'STAFF_CREATED', subject, error);
      continue;
    }
    if (person.active !== row.active) {
      try {
        if (person.active) {
          await tx.staff.update({ where: { id: row.id }, data: { active: true } });
          report.apply('STAFF_REACTIVATED', subject, 'active again');
        } else {
          const left = await deactivateStaff(tx, row);
          report.deactivated.push(row.id);
          report.apply('STAFF_DEACTIVATED', subject, left.length > 0 ? `deactivated; left ${left.join(', ')}` : 'deactivated');
        }
      } catch (error) {
        report.refuse(person.active ? 'STAFF_REACTIVATED' : 'STAFF_DEACTIVATED', subject, error);
      }
    }
  }
  // Linked people the maintenance system no longer lists have left.
  for (const row of rows) {
    if (row.externalId === null || seen.has(row.id) || !row.active || snapshot.people.some((p) => p.externalId === row.externalId)) continue;
    try {
      const left = await deactivateStaff(tx, row);
      report.deactivated.push(row.id);
      report.apply('STAFF_DEACTIVATED', `${row.staffNo} ${row.name}`, `no longer listed: deactivated${left.length > 0 ? `; left ${left.join(', ')}` : ''}`);
    } catch (error) {
      report.refuse('STAFF_DEACTIVATED', `${row.staffNo} ${row.name}`, error);
    }
  }
}

async function applyTeams(tx: Tx, snapshot: AccountsSnapshot, report: SyncReport, at: Date): Promise<void> {
  const orgs = await organisationIds(tx, snapshot.teams.map((t) => t.organisationCode));
  const rows = await tx.team.findMany({ where: { OR: [{ externalId: { not: null } }, { code: { in: snapshot.teams.map((t) => t.code) } }] }, select: teamSelect });
  const byExternal = new Map(rows.filter((r) => r.externalId !== null).map((r) => [r.externalId!, r]));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const people = await tx.staff.findMany({ where: { externalId: { in: snapshot.people.map((p) => p.externalId) } }, select: { id: true, staffNo: true, name: true, active: true, externalId: true } });
  const personByExternal = new Map(people.map((p) => [p.externalId!, p]));
  const seen = new Set<number>();
  for (const external of snapshot.teams) {
    const subject = `${external.code} ${external.name}`;
    const adoptable = byCode.get(external.code);
    let team = byExternal.get(external.externalId) ?? (adoptable && adoptable.externalId === null ? adoptable : undefined);
    const organisationId = orgs.get(external.organisationCode);
    try {
      if (organisationId === undefined) throw new SyncSkip(`The maintenance system puts the team in organisation ${external.organisationCode}, which does not exist here.`);
      if (!team) {
        if (adoptable) throw new SyncSkip(`Team code ${external.code} is already linked to another external team (${adoptable.externalId}).`);
        team = await createTeam(tx, { code: external.code, name: external.name, nameEn: external.nameEn, organisationId, externalId: external.externalId, syncedAt: at });
        report.apply('TEAM_CREATED', subject, `created in ${external.organisationCode} with its queue position ${external.code}`);
      } else {
        const changed: string[] = [];
        if (team.externalId === null) changed.push(`linked to ${external.externalId}`);
        if (!team.active) changed.push('active again');
        const renamed = team.code !== external.code || team.name !== external.name || team.nameEn !== external.nameEn;
        if (team.organisationId !== organisationId) report.refuse('TEAM_UPDATED', subject, new SyncSkip(`The maintenance system moves the team to ${external.organisationCode}; a team's organisation is fixed here: make a new team instead.`));
        if (renamed) {
          try {
            await refuseIfTeamBusy(tx, team, 'renamed');
            await tx.team.update({ where: { id: team.id }, data: { code: external.code, name: external.name, nameEn: external.nameEn } });
            changed.push(`renamed ${team.code} ${team.name} → ${external.code} ${external.name}`);
          } catch (error) {
            report.refuse('TEAM_UPDATED', subject, error);
          }
        }
        await tx.team.update({ where: { id: team.id }, data: { externalId: external.externalId, active: true, syncedAt: at } });
        if (changed.length > 0) report.apply('TEAM_UPDATED', subject, changed.join('; '));
      }
    } catch (error) {
      report.refuse(team ? 'TEAM_UPDATED' : 'TEAM_CREATED', subject, error);
      continue;
    }
    seen.add(team.id);
    await applyMembers(tx, team, external, personByExternal, report);
  }
  // Linked teams the maintenance system no longer lists: deactivated and emptied, unless they hold work.
  for (const team of rows) {
    if (team.externalId === null || seen.has(team.id) || !team.active) continue;
    const subject = `${team.code} ${team.name}`;
    try {
      await refuseIfTeamBusy(tx, team, 'deactivated');
      for (const member of team.members) await dropMembership(tx, team, member.staffId);
      await tx.team.update({ where: { id: team.id }, data: { active: false, syncedAt: at } });
      report.apply('TEAM_DEACTIVATED', subject, `no longer listed: deactivated, ${team.members.length} members removed`);
    } catch (error) {
      report.refuse('TEAM_DEACTIVATED', subject, error);
    }
  }
}

async function applyMembers(
  tx: Tx,
  team: { id: number; code: string; positionId: number },
  external: AccountsSnapshot['teams'][number],
  personByExternal: Map<string, { id: number; staffNo: string; name: string; active: boolean }>,
  report: SyncReport,
): Promise<void> {
  const current = await tx.teamMember.findMany({ where: { teamId: team.id }, select: { staffId: true, leader: true, staff: { select: { id: true, staffNo: true, name: true } } } });
  const wanted = new Map<number, boolean>();
  for (const member of external.members) {
    const person = personByExternal.get(member.personId);
    // Unknown or inactive people (their own refusal is reported with them) do not join.
    if (person?.active) wanted.set(person.id, member.leader);
  }
  const staffById = new Map([...personByExternal.values()].map((p) => [p.id, p]));
  for (const [staffId] of wanted) {
    if (current.some((m) => m.staffId === staffId)) continue;
    const person = staffById.get(staffId)!;
    await joinTeam(tx, team, staffId, false);
    report.apply('MEMBER_ADDED', `${team.code} ${person.staffNo} ${person.name}`, `joined ${team.code}`);
  }
  for (const member of current) {
    if (wanted.has(member.staffId)) continue;
    try {
      await leaveTeam(tx, team, member.staff);
      report.apply('MEMBER_REMOVED', `${team.code} ${member.staff.staffNo} ${member.staff.name}`, `left ${team.code}`);
    } catch (error) {
      report.refuse('MEMBER_REMOVED', `${team.code} ${member.staff.staffNo} ${member.staff.name}`, error);
    }
  }
  // Leader flags as listed (members kept because of their work keep their flag).
  for (const member of current) {
    const leader = wanted.get(member.staffId);
    if (leader === undefined || leader === member.leader) continue;
    await tx.teamMember.update({ where: { teamId_staffId: { teamId: team.id, staffId: member.staffId } }, data: { leader } });
    report.apply('MEMBER_UPDATED', `${team.code} ${member.staff.staffNo} ${member.staff.name}`, leader ? 'now the team leader' : 'no longer the team leader');
  }
  for (const [staffId, leader] of wanted) {
    if (!leader || current.some((m) => m.staffId === staffId)) continue;
    const person = staffById.get(staffId)!;
    await tx.teamMember.update({ where: { teamId_staffId: { teamId: team.id, staffId } }, data: { leader: true } });
    report.apply('MEMBER_UPDATED', `${team.code} ${person.staffNo} ${person.name}`, 'now the team leader');
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref?.();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
