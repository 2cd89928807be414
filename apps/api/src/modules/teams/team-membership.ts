import type { Prisma } from '@openiom/db';
import { Refusal } from '../../lib/refusal.ts';
import { describeWork, inFlightWork, InFlightRefusal } from './in-flight.ts';

type Tx = Prisma.TransactionClient;

export const teamSelect = {
  id: true,
  code: true,
  name: true,
  nameEn: true,
  organisationId: true,
  positionId: true,
  externalId: true,
  active: true,
  syncedAt: true,
  members: { select: { staffId: true, leader: true, staff: { select: { staffNo: true } } } },
} as const;

type TeamRow = Prisma.TeamGetPayload<{ select: typeof teamSelect }>;

/** The leader first, then by staff number. */
export function toTeamRecord(row: TeamRow) {
  const members = [...row.members].sort((a, b) => Number(b.leader) - Number(a.leader) || a.staff.staffNo.localeCompare(b.staff.staffNo));
  return { ...row, members: members.map((m) => ({ staffId: m.staffId, leader: m.leader })) };
}

/**
 * The work-order position type a new team's queue gets: the one the existing teams' queues use,
 * else the installer type, else any work-order handling type.
 */
async function queuePositionType(tx: Tx): Promise<number> {
  const used = await tx.positionType.findFirst({ where: { kind: 'WORK_ORDER', positions: { some: { team: { isNot: null } } } }, select: { id: true }, orderBy: { id: 'asc' } });
  const type = used ?? (await tx.positionType.findFirst({ where: { kind: 'WORK_ORDER' }, select: { id: true }, orderBy: [{ code: 'asc' }] }));
  if (!type) throw new Refusal('NO_POSITION_TYPE', 'There is no work-order handling position type for the team\'s queue: create one first.', 'code');
  return type.id;
}

/** A new team with its own work-order position (its queue) in the team's organisation. */
export async function createTeam(tx: Tx, input: { code: string; name: string; nameEn: string; organisationId: number; externalId?: string | null; syncedAt?: Date | null }) {
  if (await tx.team.findUnique({ where: { code: input.code }, select: { id: true } })) throw new Refusal('DUPLICATE_CODE', `Team code ${input.code} is taken.`, 'code');
  if (await tx.position.findUnique({ where: { code: input.code }, select: { id: true } })) throw new Refusal('DUPLICATE_CODE', `Position code ${input.code} (the new team's queue) is taken.`, 'code');
  const position = await tx.position.create({ data: { code: input.code, name: input.name, nameEn: input.nameEn, organisationId: input.organisationId, positionTypeId: await queuePositionType(tx) }, select: { id: true } });
  return tx.team.create({
    data: { code: input.code, name: input.name, nameEn: input.nameEn, organisationId: input.organisationId, positionId: position.id, externalId: input.externalId ?? null, syncedAt: input.syncedAt ?? null },
    select: teamSelect,
  });
}

/**
 * Joins a team: the member holds the team's position and has work-order permission on it, so the
 * team's work orders can be claimed by them at once (after the sessions cache is refreshed).
 */
export async function joinTeam(tx: Tx, team: { id: number; positionId: number }, staffId: number, leader: boolean): Promise<void> {
  if (leader) await tx.teamMember.updateMany({ where: { teamId: team.id, leader: true }, data: { leader: false } });
  await tx.teamMember.create({ data: { teamId: team.id, staffId, leader } });
  await tx.staffPosition.createMany({ data: [{ staffId, positionId: team.positionId }], skipDuplicates: true });
  await tx.staffWorkOrderPosition.createMany({ data: [{ staffId, positionId: team.positionId }], skipDuplicates: true });
}

/**
 * Leaves a team, refused with the work while the person holds in-flight work of the team: work
 * orders at its position held by them, or planned handlers naming them for it.
 */
export async function leaveTeam(tx: Tx, team: { id: number; code: string; positionId: number }, staff: { id: number; staffNo: string; name: string }): Promise<void> {
  const work = await inFlightWork(tx, { positionId: team.positionId, staffId: staff.id });
  if (work.length > 0) throw new InFlightRefusal(`${staff.staffNo} ${staff.name} still holds in-flight work of team ${team.code}: ${describeWork(work)}. Dispatch it to someone else first.`, work, 'staffId');
  await dropMembership(tx, team, staff.id);
}

/** Takes the membership and the permissions that came with it away (no checks). */
export async function dropMembership(tx: Tx, team: { id: number; positionId: number }, staffId: number): Promise<void> {
  await tx.teamMember.deleteMany({ where: { teamId: team.id, staffId } });
  await tx.staffWorkOrderPosition.deleteMany({ where: { staffId, positionId: team.positionId } });
  await tx.staffPosition.deleteMany({ where: { staffId, positionId: team.positionId } });
}

/** Refuses with the work while the team holds any in-flight work (its queue, or planned handlers naming it). */
export async function refuseIfTeamBusy(tx: Tx, team: { code: string; positionId: number }, doing: string): Promise<void> {
  const work = await inFlightWork(tx, { positionId: team.positionId });
  if (work.length > 0) throw new InFlightRefusal(`Team ${team.code} cannot be ${doing}: it still holds in-flight work: ${describeWork(work)}.`, work, 'id');
}

/**
 * Deactivates a staff member, refused while they hold any in-flight work; they leave every team.
 * Returns the codes of the teams left.
 */
export async function deactivateStaff(tx: Tx, staff: { id: number; staffNo: string; name: string }): Promise<string[]> {
  const work = await inFlightWork(tx, { staffId: staff.id });
  if (work.length > 0) throw new InFlightRefusal(`${staff.staffNo} ${staff.name} cannot be deactivated: they still hold in-flight work: ${describeWork(work)}. Dispatch it to someone else first.`, work, 'staffId');
  const memberships = await tx.teamMember.findMany({ where: { staffId: staff.id }, select: { team: { select: { id: true, code: true, positionId: true } } } });
  for (const { team } of memberships) await dropMembership(tx, team, staff.id);
  await tx.staff.update({ where: { id: staff.id }, data: { active: false } });
  return memberships.map((m) => m.team.code);
}

/**
 * Deletes a team after its members left; its position goes too when nothing else uses it (work
 * orders of the past, dispatch rules, planned handlers, other holders keep it).
 */
export async function removeTeam(tx: Tx, team: { id: number; positionId: number }): Promise<boolean> {
  const members = await tx.teamMember.findMany({ where: { teamId: team.id }, select: { staffId: true } });
  for (const member of members) await dropMembership(tx, team, member.staffId);
  await tx.team.delete({ where: { id: team.id } });
  const [workOrders, rules, handlers, holders] = await Promise.all([
    tx.workOrder.count({ where: { positionId: team.positionId } }),
    tx.dispatchRule.count({ where: { positionId: team.positionId } }),
    tx.orderStepHandler.count({ where: { positionId: team.positionId } }),
    tx.staffPosition.count({ where: { positionId: team.positionId } }),
  ]);
  if (workOrders + rules + handlers + holders > 0) return false;
  await tx.staffWorkOrderPosition.deleteMany({ where: { positionId: team.positionId } });
  await tx.position.delete({ where: { id: team.positionId } });
  return true;
}
