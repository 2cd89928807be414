import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsSnapshot } from '../../../integrations/accounts/accounts.adapter.ts';
import { demoAccounts } from '../../../integrations/accounts/demo-accounts.ts';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const SYNC = 'mutation { syncTeamAccounts { ok error { code message } at applied { kind subject detail } refused { kind subject reason inFlight { orderNo workOrderNo stepCode state handler } } } }';

describe.each(testBackends())('account sync from the maintenance system (%s)', (backend) => {
  let app: TestApp;
  let admin: string;
  let grid: { id: number; code: string };
  let otherGrid: { id: number; code: string };
  /** Staff made here before any sync (linked by staff number on the first one). */
  const local: Record<'lead' | 'busy' | 'idle', { id: number; staffNo: string; name: string }> = {} as never;
  let teamCode: string;

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 60_000, accountSync: { enabled: false, intervalMinutes: 60, timeoutMs: 300 } } });
    app.services.simulators.ACCOUNTS.settings = { minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 };
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    grid = await createOrganisation(app.prisma, { parentId: province.id, level: 'GRID' });
    otherGrid = await createOrganisation(app.prisma, { parentId: province.id, level: 'GRID' });
    const adminLogin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN', 'WORK_ORDER'] }]);
    admin = await loginAs(app.url, adminLogin.loginName, adminLogin.password);
    for (const name of ['lead', 'busy', 'idle'] as const) {
      const login = await createLogin(app.prisma, [{ organisationId: grid.id, kinds: ['GENERAL'], name: `本地${name}` }]);
      local[name] = { id: login.staff[0]!.id, staffNo: login.staff[0]!.staffNo, name: login.staff[0]!.name };
    }
    // A team made here with all three as members, Lead the leader.
    teamCode = unique('TEAM-').toUpperCase();
    const team = await gqlRequest(app.url, 'mutation($input: SaveTeamInput!) { saveTeam(input: $input) { ok team { id } } }', { input: { code: teamCode, name: '本地组', organisationId: String(grid.id) } }, admin);
    for (const name of ['lead', 'busy', 'idle'] as const) {
      await gqlRequest(app.url, 'mutation($input: TeamMemberInput!) { addTeamMember(input: $input) { ok } }', { input: { teamId: team.data.saveTeam.team.id, staffId: String(local[name].id), leader: name === 'lead' } }, admin);
    }
  });
  afterAll(() => app?.close());

  const sync = async () => {
    const result = await gqlRequest(app.url, SYNC, {}, admin);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data.syncTeamAccounts;
  };
  const person = (name: keyof typeof local, changes: Partial<AccountsSnapshot['people'][number]> = {}) => ({ externalId: `EXT-${local[name].staffNo}`, staffNo: local[name].staffNo, name: local[name].name, phone: '13900000000', organisationCode: grid.code, active: true, ...changes });
  const rows = async () => ({
    teams: await app.prisma.team.findMany({ orderBy: { id: 'asc' }, select: { code: true, name: true, active: true, externalId: true, members: { select: { staffId: true, leader: true }, orderBy: { staffId: 'asc' } } } }),
    staff: await app.prisma.staff.findMany({ orderBy: { id: 'asc' }, select: { staffNo: true, name: true, phone: true, active: true, externalId: true } }),
    permissions: await app.prisma.staffWorkOrderPosition.count(),
  });

  /** A pending work order at the team's queue claimed by `staffId`: in-flight work held by them. */
  async function claimedWorkOrder(staffId: number): Promise<string> {
    const team = await app.prisma.team.findFirstOrThrow({ where: { members: { some: { staffId } } }, select: { positionId: true } });
    await app.prisma.dispatchRule.create({ data: { organisationId: grid.id, workOrderTypeCode: 'DISPATCH', positionId: team.positionId } });
    const payload = JSON.stringify({ ...JSON.parse(exampleJsonMessage), crmOrderCode: unique('CRM'), businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', areaCode: grid.code });
    const submitted = await gqlRequest(app.url, 'mutation($input: SubmitCrmMessageInput!) { submitCrmMessage(input: $input) { message { id } } }', { input: { format: 'JSON', payload } }, admin);
    await app.services.crmPoller.kick();
    const message = (await gqlRequest(app.url, 'query($id: ID!) { crmInboundMessage(id: $id) { order { workOrders { id } } } }', { id: submitted.data.submitCrmMessage.message.id }, admin)).data.crmInboundMessage;
    const done = await gqlRequest(app.url, 'mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { order { workOrders { id workOrderNo step { code } } } } }', { input: { workOrderId: message.order.workOrders[0].id } }, admin);
    const dispatch = done.data.completeWorkOrder.order.workOrders.find((wo: { step: { code: string } }) => wo.step.code === 'DISPATCH');
    await app.prisma.workOrder.update({ where: { id: Number(dispatch.id) }, data: { state: 'IN_PROGRESS', staffId } });
    return dispatch.workOrderNo;
  }

  it('leaves everything unchanged when the maintenance system fails or does not answer', async () => {
    app.services.accountsSimulator.data = { teams: [], people: [] };
    const before = await rows();
    app.services.simulators.ACCOUNTS.settings = { minLatencyMs: 0, maxLatencyMs: 0, failureRate: 1, timeoutRate: 0 };
    expect(await sync()).toMatchObject({ ok: false, error: { code: 'EXTERNAL_FAILURE' }, applied: [], refused: [] });
    app.services.simulators.ACCOUNTS.settings = { minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 1 };
    const silent = await sync();
    expect(silent).toMatchObject({ ok: false, error: { code: 'EXTERNAL_FAILURE' } });
    expect(silent.error.message).toContain('no answer within 300 ms');
    app.services.simulators.ACCOUNTS.settings = { minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 };
    expect(await rows()).toEqual(before);
    expect(await app.prisma.auditEntry.count({ where: { action: { startsWith: 'account-sync' } } })).toBe(0);
  });

  it('links, creates, updates and deactivates teams, staff and memberships; refuses to remove a person holding in-flight work', async () => {
    const workOrderNo = await claimedWorkOrder(local.busy.id);
    const newTeamCode = unique('NEW-').toUpperCase();
    const newcomerNo = unique('N').toUpperCase();
    app.services.accountsSimulator.data = {
      people: [
        person('lead', { phone: '13711112222' }),
        // Busy has left the company but still holds a claimed work order; Idle has moved to the new team.
        person('busy', { active: false }),
        person('idle'),
        { externalId: `EXT-${newcomerNo}`, staffNo: newcomerNo, name: '新人', phone: null, organisationCode: grid.code, active: true },
        { externalId: 'EXT-NOWHERE', staffNo: unique('X').toUpperCase(), name: '无组织', phone: null, organisationCode: 'NO-SUCH-ORG', active: true },
      ],
      teams: [
        { externalId: 'EXT-T1', code: teamCode, name: '本地组（改名）', nameEn: 'Renamed', organisationCode: grid.code, members: [{ personId: `EXT-${local.lead.staffNo}`, leader: false }, { personId: `EXT-${newcomerNo}`, leader: true }] },
        { externalId: 'EXT-T2', code: newTeamCode, name: '新组', nameEn: 'New team', organisationCode: otherGrid.code, members: [{ personId: `EXT-${local.idle.staffNo}`, leader: true }] },
      ],
    };
    const result = await sync();
    expect(result.ok).toBe(true);
    const kinds = (kind: string) => result.applied.filter((c: { kind: string }) => c.kind === kind).map((c: { subject: string }) => c.subject);
    expect(kinds('STAFF_UPDATED')).toEqual(expect.arrayContaining([expect.stringContaining(local.lead.staffNo), expect.stringContaining(local.idle.staffNo)]));
    expect(kinds('STAFF_CREATED')).toEqual([`${newcomerNo} 新人`]);
    expect(kinds('TEAM_CREATED')).toEqual([`${newTeamCode} 新组`]);
    expect(kinds('MEMBER_ADDED')).toEqual(expect.arrayContaining([expect.stringContaining(newcomerNo), expect.stringContaining(local.idle.staffNo)]));
    expect(kinds('MEMBER_REMOVED')).toEqual([expect.stringContaining(local.idle.staffNo)]);
    expect(kinds('STAFF_DEACTIVATED')).toEqual([]);
    // The team holds Busy's claimed work: its rename is refused, and Busy stays, listed with the work order.
    const refused = (kind: string) => result.refused.filter((r: { kind: string }) => r.kind === kind);
    expect(refused('STAFF_DEACTIVATED')).toEqual([{ kind: 'STAFF_DEACTIVATED', subject: `${local.busy.staffNo} ${local.busy.name}`, reason: expect.stringContaining(workOrderNo), inFlight: [{ orderNo: expect.any(String), workOrderNo, stepCode: 'DISPATCH', state: 'IN_PROGRESS', handler: `${local.busy.staffNo} ${local.busy.name}` }] }]);
    expect(refused('MEMBER_REMOVED')).toEqual([expect.objectContaining({ subject: expect.stringContaining(local.busy.staffNo), inFlight: [expect.objectContaining({ workOrderNo })] })]);
    expect(refused('TEAM_UPDATED')).toEqual([expect.objectContaining({ subject: expect.stringContaining(teamCode), inFlight: [expect.objectContaining({ workOrderNo })] })]);
    expect(refused('STAFF_CREATED')).toEqual([expect.objectContaining({ reason: expect.stringContaining('NO-SUCH-ORG'), inFlight: [] })]);

    const team = await app.prisma.team.findUniqueOrThrow({ where: { code: teamCode }, select: { name: true, externalId: true, syncedAt: true, positionId: true, members: { select: { staffId: true, leader: true } } } });
    expect(team).toMatchObject({ name: '本地组', externalId: 'EXT-T1' });
    expect(team.syncedAt).not.toBeNull();
    const newcomer = await app.prisma.staff.findUniqueOrThrow({ where: { staffNo: newcomerNo } });
    expect(new Map(team.members.map((m) => [m.staffId, m.leader]))).toEqual(new Map([[local.lead.id, false], [local.busy.id, false], [newcomer.id, true]]));
    expect(await app.prisma.staffWorkOrderPosition.findUnique({ where: { staffId_positionId: { staffId: newcomer.id, positionId: team.positionId } } })).not.toBeNull();
    expect(await app.prisma.staffWorkOrderPosition.findUnique({ where: { staffId_positionId: { staffId: local.idle.id, positionId: team.positionId } } })).toBeNull();
    expect((await app.prisma.staff.findUniqueOrThrow({ where: { id: local.busy.id } })).active).toBe(true);
    expect((await app.prisma.staff.findUniqueOrThrow({ where: { id: local.lead.id } })).phone).toBe('13711112222');
    const created = await app.prisma.team.findUniqueOrThrow({ where: { code: newTeamCode }, select: { organisationId: true, position: { select: { code: true } }, members: { select: { staffId: true, leader: true } } } });
    expect(created).toEqual({ organisationId: otherGrid.id, position: { code: newTeamCode }, members: [{ staffId: local.idle.id, leader: true }] });
    const runs = await app.prisma.auditEntry.findMany({ where: { action: 'account-sync.run' } });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.summary).toBe(`${result.applied.length} changes applied, ${result.refused.length} refused`);

    // A second run with the same data changes nothing new; once the work order is done, Busy goes and the team is renamed.
    const again = await sync();
    expect(again.applied).toEqual([]);
    await app.prisma.workOrder.updateMany({ where: { workOrderNo }, data: { state: 'COMPLETED' } });
    const later = await sync();
    expect(later.refused.filter((r: { kind: string }) => r.kind !== 'STAFF_CREATED')).toEqual([]);
    expect(later.applied.map((c: { kind: string }) => c.kind).sort()).toEqual(['STAFF_DEACTIVATED', 'TEAM_UPDATED']);
    expect((await app.prisma.staff.findUniqueOrThrow({ where: { id: local.busy.id } })).active).toBe(false);
    expect((await app.prisma.team.findUniqueOrThrow({ where: { code: teamCode } })).name).toBe('本地组（改名）');
    expect(await app.prisma.teamMember.count({ where: { staffId: local.busy.id } })).toBe(0);

    // A linked team no longer listed is deactivated and emptied.
    app.services.accountsSimulator.data = { ...app.services.accountsSimulator.data, teams: app.services.accountsSimulator.data.teams.filter((t) => t.externalId !== 'EXT-T2') };
    const dropped = await sync();
    expect(dropped.applied).toEqual([expect.objectContaining({ kind: 'TEAM_DEACTIVATED', subject: `${newTeamCode} 新组` })]);
    expect(await app.prisma.team.findUniqueOrThrow({ where: { code: newTeamCode }, select: { active: true, members: true } })).toEqual({ active: false, members: [] });
  });

  it('the demo data set mirrors the seeded teams with a few changes', () => {
    const demo = demoAccounts();
    expect(demo.teams).toHaveLength(25);
    const shipai = demo.teams.find((t) => t.code === 'GZ-TH-01.TEAM')!;
    expect(shipai.members).toHaveLength(8);
    expect(shipai.members[0]).toEqual({ personId: 'MT-P-GZ0201', leader: true });
    expect(demo.people.find((p) => p.staffNo === 'GZ20207')?.active).toBe(false);
    expect(demo.teams.find((t) => t.code === 'GZ-PY-01.TEAM2')?.members).toHaveLength(2);
    // Deterministic: the same every time.
    expect(demoAccounts()).toEqual(demo);
  });
});
