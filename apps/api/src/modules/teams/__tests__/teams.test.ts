import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const TEAM = 'id code name nameEn active externalId organisation { id } position { id code positionType { kind } } members { leader staff { id staffNo } } leader { id }';
const RESULT = `ok error { code message field } team { ${TEAM} } inFlight { orderNo workOrderNo stepCode stepName state handler }`;

describe.each(testBackends())('teams: CRUD, membership keeps the queue permission, refusals with in-flight work (%s)', (backend) => {
  let app: TestApp;
  let admin: string;
  let viewerOnly: string;
  let grid: { id: number; code: string };
  let adminStaffId: number;
  const people: Record<'ann' | 'bob' | 'cat', { id: number; token: string; staffNo: string }> = {} as never;

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 60_000, accountSync: { enabled: false, intervalMinutes: 60, timeoutMs: 2000 } } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    const city = await createOrganisation(app.prisma, { parentId: province.id, level: 'CITY' });
    grid = await createOrganisation(app.prisma, { parentId: city.id, level: 'GRID' });
    const adminLogin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN', 'WORK_ORDER'] }]);
    admin = await loginAs(app.url, adminLogin.loginName, adminLogin.password);
    adminStaffId = adminLogin.staff[0]!.id;
    const reader = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['GENERAL'] }]);
    viewerOnly = await loginAs(app.url, reader.loginName, reader.password);
    for (const name of ['ann', 'bob', 'cat'] as const) {
      // Installers of the grid holding only a general position: the team gives them their queue.
      const login = await createLogin(app.prisma, [{ organisationId: grid.id, kinds: ['GENERAL'] }]);
      people[name] = { id: login.staff[0]!.id, staffNo: login.staff[0]!.staffNo, token: await loginAs(app.url, login.loginName, login.password) };
    }
  });
  afterAll(() => app?.close());

  const gql = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const result = await gqlRequest(app.url, query, variables, token);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data;
  };
  const saveTeam = async (input: object) => (await gql(admin, `mutation($input: SaveTeamInput!) { saveTeam(input: $input) { ${RESULT} } }`, { input })).saveTeam;
  const deleteTeam = async (id: string) => (await gql(admin, `mutation($input: DeleteTeamInput!) { deleteTeam(input: $input) { ${RESULT} } }`, { input: { id } })).deleteTeam;
  const addMember = async (teamId: string, staffId: number, leader = false) => (await gql(admin, `mutation($input: TeamMemberInput!) { addTeamMember(input: $input) { ${RESULT} } }`, { input: { teamId, staffId: String(staffId), leader } })).addTeamMember;
  const removeMember = async (teamId: string, staffId: number) => (await gql(admin, `mutation($input: TeamMemberInput!) { removeTeamMember(input: $input) { ${RESULT} } }`, { input: { teamId, staffId: String(staffId) } })).removeTeamMember;
  const setActive = async (staffId: number, active: boolean) =>
    (await gql(admin, 'mutation($input: SetStaffActiveInput!) { setStaffActive(input: $input) { ok error { code message } staff { id active } inFlight { workOrderNo stepCode state } } }', { input: { staffId: String(staffId), active } })).setStaffActive;
  const claim = async (token: string, workOrderId: string) => {
    const result = await gqlRequest(app.url, 'mutation($input: WorkOrderRefInput!) { claimWorkOrder(input: $input) { ok error { code message } workOrders { id state } } }', { input: { workOrderId } }, token);
    return result.errors ? { ok: false, error: { code: result.errors[0]!.extensions?.code } } : result.data.claimWorkOrder;
  };
  const audit = async (action: string) => app.prisma.auditEntry.findMany({ where: { action }, orderBy: { id: 'asc' } });

  /** A removal order of the grid whose dispatch-center work order queues at `positionId` (a rule for the grid sends it there). */
  async function workOrderAt(positionId: number): Promise<{ orderId: number; orderNo: string; workOrderId: string; workOrderNo: string }> {
    await app.prisma.dispatchRule.deleteMany({ where: { organisationId: grid.id } });
    await app.prisma.dispatchRule.create({ data: { organisationId: grid.id, workOrderTypeCode: 'DISPATCH', positionId } });
    const payload = JSON.stringify({ ...JSON.parse(exampleJsonMessage), crmOrderCode: unique('CRM'), businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', areaCode: grid.code });
    const submitted = await gql(admin, 'mutation($input: SubmitCrmMessageInput!) { submitCrmMessage(input: $input) { message { id } } }', { input: { format: 'JSON', payload } });
    await app.services.crmPoller.kick();
    const message = (await gql(admin, 'query($id: ID!) { crmInboundMessage(id: $id) { order { id orderNo workOrders { id } } } }', { id: submitted.submitCrmMessage.message.id })).crmInboundMessage;
    const done = await gql(admin, 'mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ok order { workOrders { id workOrderNo step { code } position { id } } } } }', { input: { workOrderId: message.order.workOrders[0].id } });
    const dispatch = done.completeWorkOrder.order.workOrders.find((wo: { step: { code: string } }) => wo.step.code === 'DISPATCH');
    expect(dispatch.position.id).toBe(String(positionId));
    await app.prisma.dispatchRule.deleteMany({ where: { organisationId: grid.id } });
    return { orderId: Number(message.order.id), orderNo: message.order.orderNo, workOrderId: dispatch.id, workOrderNo: dispatch.workOrderNo };
  }

  it('creates a team with its own work-order queue, renames it, refuses duplicates, and deletes it with its unused queue (audited)', async () => {
    const code = unique('T-').toUpperCase();
    const created = await saveTeam({ code, name: '石牌一组', nameEn: 'Shipai 1', organisationId: String(grid.id) });
    expect(created).toMatchObject({ ok: true, error: null, team: { code, name: '石牌一组', active: true, externalId: null, organisation: { id: String(grid.id) }, position: { code, positionType: { kind: 'WORK_ORDER' } }, members: [], leader: null } });
    const position = await app.prisma.position.findUniqueOrThrow({ where: { code } });
    expect(position.organisationId).toBe(grid.id);

    expect(await saveTeam({ code, name: 'twin', organisationId: String(grid.id) })).toMatchObject({ ok: false, error: { code: 'DUPLICATE_CODE', field: 'code' } });
    const renamed = await saveTeam({ id: created.team.id, code, name: '石牌二组', nameEn: 'Shipai 2', organisationId: String(grid.id) });
    expect(renamed).toMatchObject({ ok: true, team: { name: '石牌二组', nameEn: 'Shipai 2' } });

    const listed = (await gql(admin, 'query($filter: TeamFilter) { teams(filter: $filter) { code } }', { filter: { search: code.toLowerCase() } })).teams;
    expect(listed).toEqual([{ code }]);
    // Dispatchers (orders:read with the menu) see the teams but cannot change them.
    expect((await gql(viewerOnly, 'query($filter: TeamFilter) { teams(filter: $filter) { code } }', { filter: { search: code } })).teams).toEqual([{ code }]);
    const forbidden = await gqlRequest(app.url, 'mutation($input: DeleteTeamInput!) { deleteTeam(input: $input) { ok } }', { input: { id: created.team.id } }, viewerOnly);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    expect(await deleteTeam(created.team.id)).toMatchObject({ ok: true, error: null, inFlight: [] });
    expect(await app.prisma.team.findUnique({ where: { code } })).toBeNull();
    expect(await app.prisma.position.findUnique({ where: { code } })).toBeNull();
    expect((await audit('team.create')).map((e) => e.entityId)).toContain(created.team.id);
    expect((await audit('team.update')).some((e) => e.summary.includes('石牌二组'))).toBe(true);
    expect((await audit('team.delete')).some((e) => e.summary.includes('and its queue position'))).toBe(true);
  });

  it('a member can claim the team\'s work orders at once; one who left no longer can', async () => {
    const team = (await saveTeam({ code: unique('T-').toUpperCase(), name: '五山组', organisationId: String(grid.id) })).team;
    const positionId = Number(team.position.id);
    const first = await workOrderAt(positionId);
    expect(await claim(people.ann.token, first.workOrderId)).toMatchObject({ ok: false });

    const added = await addMember(team.id, people.ann.id, true);
    expect(added).toMatchObject({ ok: true, team: { members: [{ leader: true, staff: { id: String(people.ann.id) } }], leader: { id: String(people.ann.id) } } });
    expect(await app.prisma.staffWorkOrderPosition.findUnique({ where: { staffId_positionId: { staffId: people.ann.id, positionId } } })).not.toBeNull();
    expect((await gql(people.ann.token, '{ myTeams { id position { id } } }')).myTeams).toEqual([{ id: team.id, position: { id: String(positionId) } }]);
    expect(await claim(people.ann.token, first.workOrderId)).toMatchObject({ ok: true, workOrders: [{ state: 'IN_PROGRESS' }] });
    // The phone view reads the appointment and the coordinates with the order.
    await app.prisma.order.update({ where: { id: first.orderId }, data: { appointmentAt: new Date('2026-12-07T02:00:00Z'), latitude: 23.1291, longitude: 113.3612 } });
    const visit = await gql(people.ann.token, 'query($id: ID!) { order(id: $id) { appointmentAt latitude longitude } }', { id: String(first.orderId) });
    expect(visit.order).toEqual({ appointmentAt: '2026-12-07T02:00:00.000Z', latitude: 23.1291, longitude: 113.3612 });
    expect(await addMember(team.id, people.ann.id)).toMatchObject({ ok: false, error: { code: 'ALREADY_MEMBER' } });
    // Only staff of the team's area (its organisation or below) can join: not the province's administrator.
    expect(await addMember(team.id, adminStaffId)).toMatchObject({ ok: false, error: { code: 'NO_SUCH_STAFF', field: 'staffId' } });
    const choices = (await gql(admin, 'query($teamId: ID!) { teamStaffChoices(teamId: $teamId) { id } }', { teamId: team.id })).teamStaffChoices.map((s: { id: string }) => Number(s.id));
    expect(choices.sort()).toEqual([people.bob.id, people.cat.id].sort());

    // Bob joins as the new leader; Ann stays a member.
    const both = await addMember(team.id, people.bob.id, true);
    expect(both.team.members).toEqual([{ leader: true, staff: { id: String(people.bob.id), staffNo: people.bob.staffNo } }, { leader: false, staff: { id: String(people.ann.id), staffNo: people.ann.staffNo } }]);
    expect(await removeMember(team.id, people.bob.id)).toMatchObject({ ok: true, team: { members: [{ staff: { id: String(people.ann.id) } }] } });
    expect(await app.prisma.staffWorkOrderPosition.findUnique({ where: { staffId_positionId: { staffId: people.bob.id, positionId } } })).toBeNull();
    const second = await workOrderAt(positionId);
    expect(await claim(people.bob.token, second.workOrderId)).toMatchObject({ ok: false });
    expect((await audit('team.add-member')).length).toBeGreaterThanOrEqual(2);
    expect((await audit('team.remove-member')).some((e) => e.summary.includes(people.bob.staffNo))).toBe(true);
  });

  it('refuses to delete or rename a team, remove a member or deactivate a person holding in-flight work, listing the work', async () => {
    const code = unique('T-').toUpperCase();
    const team = (await saveTeam({ code, name: '珠江组', organisationId: String(grid.id) })).team;
    const positionId = Number(team.position.id);
    await addMember(team.id, people.cat.id);
    await addMember(team.id, people.bob.id);
    const pending = await workOrderAt(positionId);

    // A pending work order at the team's queue: the team may not go or change its name.
    const refusedDelete = await deleteTeam(team.id);
    expect(refusedDelete).toMatchObject({ ok: false, error: { code: 'IN_FLIGHT', field: 'id' }, team: null });
    expect(refusedDelete.inFlight).toEqual([{ orderNo: pending.orderNo, workOrderNo: pending.workOrderNo, stepCode: 'DISPATCH', stepName: expect.any(String), state: 'PENDING', handler: null }]);
    expect(refusedDelete.error.message).toContain(pending.workOrderNo);
    const refusedRename = await saveTeam({ id: team.id, code, name: '改名', organisationId: String(grid.id) });
    expect(refusedRename).toMatchObject({ ok: false, error: { code: 'IN_FLIGHT' }, inFlight: [{ workOrderNo: pending.workOrderNo, state: 'PENDING' }] });
    expect((await app.prisma.team.findUniqueOrThrow({ where: { code } })).name).toBe('珠江组');

    // Cat claims it: she may neither leave the team nor be deactivated; Bob (nothing held) may leave.
    expect(await claim(people.cat.token, pending.workOrderId)).toMatchObject({ ok: true });
    const refusedRemoval = await removeMember(team.id, people.cat.id);
    expect(refusedRemoval).toMatchObject({ ok: false, error: { code: 'IN_FLIGHT', field: 'staffId' }, inFlight: [{ workOrderNo: pending.workOrderNo, state: 'IN_PROGRESS', handler: `${people.cat.staffNo} ${(await app.prisma.staff.findUniqueOrThrow({ where: { id: people.cat.id } })).name}` }] });
    const refusedDeactivation = await setActive(people.cat.id, false);
    expect(refusedDeactivation).toMatchObject({ ok: false, error: { code: 'IN_FLIGHT' }, staff: null, inFlight: [{ workOrderNo: pending.workOrderNo, state: 'IN_PROGRESS' }] });
    expect((await app.prisma.staff.findUniqueOrThrow({ where: { id: people.cat.id } })).active).toBe(true);

    // A handler chosen in advance for a later step of an executing order names Bob at the team: planned work.
    await app.prisma.orderStepHandler.create({ data: { orderId: pending.orderId, stepCode: 'REMOVE_LINE', positionId, staffId: people.bob.id } });
    const plannedRemoval = await removeMember(team.id, people.bob.id);
    expect(plannedRemoval).toMatchObject({ ok: false, error: { code: 'IN_FLIGHT' }, inFlight: [{ orderNo: pending.orderNo, workOrderNo: null, stepCode: 'REMOVE_LINE', state: 'PLANNED' }] });
    expect(await setActive(people.bob.id, false)).toMatchObject({ ok: false, error: { code: 'IN_FLIGHT' }, inFlight: [{ workOrderNo: null, state: 'PLANNED' }] });

    // The work done (order still executing) and the plan dropped: now everything is allowed.
    await app.prisma.workOrder.update({ where: { id: Number(pending.workOrderId) }, data: { state: 'COMPLETED', completedAt: new Date() } });
    const stillPlanned = await deleteTeam(team.id);
    expect(stillPlanned).toMatchObject({ ok: false, error: { code: 'IN_FLIGHT' }, inFlight: [{ stepCode: 'REMOVE_LINE', state: 'PLANNED' }] });
    await app.prisma.orderStepHandler.deleteMany({ where: { orderId: pending.orderId } });
    expect(await setActive(people.bob.id, false)).toMatchObject({ ok: true, staff: { active: false } });
    expect(await app.prisma.teamMember.findMany({ where: { staffId: people.bob.id } })).toEqual([]);
    // Whoever was working as Bob is logged out.
    await expect.poll(async () => (await gqlRequest(app.url, '{ viewer { sessionId } }', {}, people.bob.token)).data?.viewer ?? null).toBeNull();
    expect(await setActive(people.bob.id, true)).toMatchObject({ ok: true, staff: { active: true } });
    expect(await removeMember(team.id, people.cat.id)).toMatchObject({ ok: true });
    expect(await deleteTeam(team.id)).toMatchObject({ ok: true });
    // Its queue held work orders once: the position stays for history.
    expect(await app.prisma.position.findUnique({ where: { id: positionId } })).not.toBeNull();
    expect((await audit('staff.deactivate')).some((e) => e.entityId === String(people.bob.id))).toBe(true);
  });
});
