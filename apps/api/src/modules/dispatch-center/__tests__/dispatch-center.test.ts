import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const ASSIGN = `mutation($input: AssignDispatchCenterWorkOrderInput!) {
  assignDispatchCenterWorkOrder(input: $input) { ok error { code message field } workOrder { id state order { appointmentAt } } }
}`;
const TODO = `query($filter: DispatchTodoFilter, $after: String, $first: Int!) {
  dispatchCenterTodo(filter: $filter, first: $first, after: $after) { totalCount edges { cursor node { id order { customerName } } } pageInfo { hasNextPage } }
}`;

describe.each(testBackends())('dispatch center: to-do, suggestion, assignment, handlers of later steps (%s)', (backend) => {
  let app: TestApp;
  const token: Record<string, string> = {};
  const staffId: Record<string, number> = {};
  let grid: { id: number; code: string };
  let otherGrid: { id: number };
  let otherDistrict: { id: number; code: string };
  let district: { id: number };
  let gridTeam: number;
  let districtTeam: number;
  let farTeam: number;
  let gridPosition: number;
  let districtTeamPosition: number;
  let cityPosition: number;
  const future = () => new Date(Date.now() + 86_400_000).toISOString();

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 60_000 } });
    const { prisma } = app;
    const province = await createOrganisation(prisma, { level: 'PROVINCE' });
    const city = await createOrganisation(prisma, { parentId: province.id, level: 'CITY' });
    district = await createOrganisation(prisma, { parentId: city.id });
    otherDistrict = await createOrganisation(prisma, { parentId: city.id });
    grid = await createOrganisation(prisma, { parentId: district.id, level: 'GRID' });
    otherGrid = await createOrganisation(prisma, { parentId: district.id, level: 'GRID' });
    const admin = await createLogin(prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN', 'WORK_ORDER'] }]);
    const dispatcher = await createLogin(prisma, [{ organisationId: district.id, kinds: ['WORK_ORDER'] }]);
    const dispatcher2 = await createLogin(prisma, [{ organisationId: district.id, kinds: ['WORK_ORDER'] }]);
    const gridInstaller = await createLogin(prisma, [{ organisationId: grid.id, kinds: ['WORK_ORDER'] }]);
    const teamLead = await createLogin(prisma, [{ organisationId: district.id, kinds: ['WORK_ORDER'] }]);
    const teamMate = await createLogin(prisma, [{ organisationId: district.id, kinds: ['WORK_ORDER'] }]);
    const cityInstaller = await createLogin(prisma, [{ organisationId: city.id, kinds: ['WORK_ORDER'] }]);
    const farInstaller = await createLogin(prisma, [{ organisationId: otherDistrict.id, kinds: ['WORK_ORDER'] }]);
    const positionOf = async (account: { staff: { id: number }[] }) => (await prisma.staffPosition.findFirstOrThrow({ where: { staffId: account.staff[0].id } })).positionId;
    const dispatchPosition = await positionOf(dispatcher);
    // Both dispatchers work the district's dispatch-center queue.
    await prisma.staffWorkOrderPosition.create({ data: { staffId: dispatcher2.staff[0].id, positionId: dispatchPosition } });
    gridPosition = await positionOf(gridInstaller);
    districtTeamPosition = await positionOf(teamLead);
    cityPosition = await positionOf(cityInstaller);
    // The team mate handles the district team's queue too (a team's members hold its position).
    await prisma.staffWorkOrderPosition.create({ data: { staffId: teamMate.staff[0].id, positionId: districtTeamPosition } });
    gridTeam = (await prisma.team.create({ data: { code: unique('T-GRID-'), name: '网格装维组', organisationId: grid.id, positionId: gridPosition, members: { create: [{ staffId: gridInstaller.staff[0].id, leader: true }] } } })).id;
    districtTeam = (
      await prisma.team.create({
        data: { code: unique('T-DIST-'), name: '区县装维组', organisationId: district.id, positionId: districtTeamPosition, members: { create: [{ staffId: teamLead.staff[0].id, leader: true }, { staffId: teamMate.staff[0].id }] } },
      })
    ).id;
    farTeam = (await prisma.team.create({ data: { code: unique('T-FAR-'), name: '别处装维组', organisationId: otherDistrict.id, positionId: await positionOf(farInstaller) } })).id;
    // Rules: the city's work orders go to the city installer; the district's dispatch-center steps to
    // the dispatchers; the grid's appointments to the grid team.
    await prisma.dispatchRule.create({ data: { organisationId: city.id, workOrderTypeCode: null, positionId: cityPosition } });
    await prisma.dispatchRule.create({ data: { organisationId: district.id, workOrderTypeCode: 'DISPATCH', positionId: dispatchPosition } });
    await prisma.dispatchRule.create({ data: { organisationId: grid.id, workOrderTypeCode: 'APPOINTMENT', positionId: gridPosition } });
    for (const [name, account] of Object.entries({ admin, dispatcher, dispatcher2, gridInstaller, teamLead, teamMate })) {
      token[name] = await loginAs(app.url, account.loginName, account.password);
      staffId[name] = account.staff[0].id;
    }
  });
  afterAll(() => app?.close());

  const complete = async (who: string, workOrderId: string, exceptionType?: string) =>
    (await gqlRequest(app.url, 'mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ok error { code } } }', { input: { workOrderId, exceptionType } }, token[who])).data.completeWorkOrder;
  const workOrders = async (orderId: string) =>
    (await gqlRequest(app.url, 'query($id: ID!) { order(id: $id) { appointmentAt workOrders { id state step { code } position { id } handler { id } } } }', { id: orderId }, token.admin)).data.order as {
      appointmentAt: string | null;
      workOrders: { id: string; state: string; step: { code: string }; position: { id: string } | null; handler: { id: string } | null }[];
    };
  const open = async (orderId: string, step: string) => (await workOrders(orderId)).workOrders.find((wo) => wo.step.code === step && ['PENDING', 'IN_PROGRESS'].includes(wo.state));

  /** A broadband install in the grid, its automatic steps completed: its dispatch-center work order is pending. */
  async function orderAtDispatch(customerName = unique('客户')): Promise<{ orderId: string; workOrderId: string }> {
    const payload = JSON.stringify({ ...JSON.parse(exampleJsonMessage), crmOrderCode: unique('CRM'), businessCode: 'BROADBAND_NEW', areaCode: grid.code, customer: { name: customerName, phone: '13800001111', address: '天河区测试路1号' } });
    const submitted = await gqlRequest(app.url, 'mutation($input: SubmitCrmMessageInput!) { submitCrmMessage(input: $input) { message { id } } }', { input: { format: 'JSON', payload } }, token.admin);
    await app.services.crmPoller.kick();
    const orderId = (await gqlRequest(app.url, 'query($id: ID!) { crmInboundMessage(id: $id) { order { id } } }', { id: submitted.data.submitCrmMessage.message.id }, token.admin)).data.crmInboundMessage.order.id;
    for (const step of ['PORT', 'NETWORK', 'BB_ROOM']) expect(await complete('admin', (await open(orderId, step))!.id)).toEqual({ ok: true, error: null });
    const dispatch = (await open(orderId, 'DISPATCH'))!;
    return { orderId, workOrderId: dispatch.id };
  }
  const assign = async (who: string, input: object) => {
    const result = await gqlRequest(app.url, ASSIGN, { input }, token[who]);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data.assignDispatchCenterWorkOrder;
  };

  it('lists the to-do of the dispatcher by area and search, and suggests the teams covering the order with the rules’ pick', async () => {
    const name = unique('搜索客户');
    const order = await orderAtDispatch(name);
    const todo = async (who: string, filter: object | null) => {
      const result = await gqlRequest(app.url, TODO, { filter, first: 50 }, token[who]);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return result.data.dispatchCenterTodo.edges.map((edge: { node: { id: string } }) => edge.node.id) as string[];
    };
    expect(await todo('dispatcher', null)).toContain(order.workOrderId);
    expect(await todo('dispatcher', { search: name.slice(2) })).toEqual([order.workOrderId]);
    expect(await todo('dispatcher', { areaId: String(district.id), search: name })).toEqual([order.workOrderId]);
    expect(await todo('dispatcher', { areaId: String(otherGrid.id) })).toEqual([]);
    const outside = await gqlRequest(app.url, TODO, { filter: { areaId: String(otherDistrict.id) }, first: 50 }, token.dispatcher);
    expect(outside.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'filter.areaId' });
    // Not at the installer's positions: not their to-do.
    expect(await todo('teamLead', null)).not.toContain(order.workOrderId);

    const suggestion = (await gqlRequest(app.url, 'query($id: ID!) { dispatchSuggestion(workOrderId: $id) { suggestedTeamId teams { id members { leader } } laterSteps { code handlerFromStep } } }', { id: order.workOrderId }, token.dispatcher)).data.dispatchSuggestion;
    expect(suggestion.teams.map((team: { id: string }) => team.id)).toEqual([String(gridTeam), String(districtTeam)]);
    expect(suggestion.suggestedTeamId).toBe(String(gridTeam));
    expect(suggestion.laterSteps).toEqual([
      { code: 'APPOINTMENT', handlerFromStep: null },
      { code: 'OUTSIDE_PLANT', handlerFromStep: 'APPOINTMENT' },
      { code: 'ONSITE_TEST', handlerFromStep: 'APPOINTMENT' },
    ]);
  });

  it('assigns to a team in one go: appointment, handlers that beat the dispatch rules, audit, and the claimer handles the later steps', async () => {
    const order = await orderAtDispatch();
    const appointmentAt = future();
    // The district team, not the grid team the rules pick for appointments nor the city's catch-all rule.
    const assigned = await assign('dispatcher', { workOrderId: order.workOrderId, appointmentAt, teamId: String(districtTeam), handlers: [] });
    expect(assigned).toMatchObject({ ok: true, error: null, workOrder: { id: order.workOrderId, state: 'COMPLETED', order: { appointmentAt } } });
    const appointment = (await open(order.orderId, 'APPOINTMENT'))!;
    expect(appointment).toMatchObject({ state: 'PENDING', position: { id: String(districtTeamPosition) }, handler: null });
    const audit = await app.prisma.auditEntry.findFirst({ where: { action: 'dispatch-center.assign', entityId: order.orderId } });
    expect(audit?.summary).toContain('T-DIST-');
    expect(await app.prisma.orderLog.count({ where: { orderId: Number(order.orderId), action: 'DISPATCH_ASSIGN' } })).toBe(1);

    // The team mate claims the appointment: the outside-plant and on-site-test steps are theirs.
    const claimed = (await gqlRequest(app.url, 'mutation($input: WorkOrderRefInput!) { claimWorkOrder(input: $input) { ok } }', { input: { workOrderId: appointment.id } }, token.teamMate)).data.claimWorkOrder;
    expect(claimed.ok).toBe(true);
    const handlers = await app.prisma.orderStepHandler.findMany({ where: { orderId: Number(order.orderId) }, orderBy: { stepCode: 'asc' }, select: { stepCode: true, staffId: true, positionId: true } });
    expect(handlers).toEqual([
      { stepCode: 'APPOINTMENT', staffId: null, positionId: districtTeamPosition },
      { stepCode: 'ONSITE_TEST', staffId: staffId.teamMate, positionId: districtTeamPosition },
      { stepCode: 'OUTSIDE_PLANT', staffId: staffId.teamMate, positionId: districtTeamPosition },
    ]);
    // After the claim only the claimer acts, even for a holder of the same queue.
    expect(await complete('teamLead', appointment.id)).toEqual({ ok: false, error: { code: 'NOT_YOUR_WORK_ORDER' } });
    expect(await complete('teamMate', appointment.id)).toEqual({ ok: true, error: null });
    const outside = (await open(order.orderId, 'OUTSIDE_PLANT'))!;
    expect(outside).toMatchObject({ state: 'IN_PROGRESS', position: { id: String(districtTeamPosition) }, handler: { id: String(staffId.teamMate) } });
    expect(await complete('teamLead', outside.id)).toEqual({ ok: false, error: { code: 'NOT_YOUR_WORK_ORDER' } });
    expect(await complete('teamMate', outside.id)).toEqual({ ok: true, error: null });
    expect(await open(order.orderId, 'ONSITE_TEST')).toMatchObject({ state: 'IN_PROGRESS', handler: { id: String(staffId.teamMate) } });
  });

  it('sends a step straight to a chosen staff member, whose handling carries on to the steps taking their handler from it', async () => {
    const order = await orderAtDispatch();
    const assigned = await assign('dispatcher', {
      workOrderId: order.workOrderId,
      appointmentAt: future(),
      teamId: String(gridTeam),
      handlers: [{ stepCode: 'APPOINTMENT', teamId: String(gridTeam), staffId: String(staffId.gridInstaller) }],
    });
    expect(assigned.ok).toBe(true);
    const appointment = (await open(order.orderId, 'APPOINTMENT'))!;
    expect(appointment).toMatchObject({ state: 'IN_PROGRESS', position: { id: String(gridPosition) }, handler: { id: String(staffId.gridInstaller) } });
    expect(await complete('gridInstaller', appointment.id)).toEqual({ ok: true, error: null });
    expect(await open(order.orderId, 'OUTSIDE_PLANT')).toMatchObject({ state: 'IN_PROGRESS', handler: { id: String(staffId.gridInstaller) } });
    // A wrong address found on site goes back to the dispatch center, which can assign again.
    const outside = (await open(order.orderId, 'OUTSIDE_PLANT'))!;
    expect(await complete('gridInstaller', outside.id, 'WRONG_ADDRESS')).toEqual({ ok: true, error: null });
    const again = (await open(order.orderId, 'DISPATCH'))!;
    expect((await assign('dispatcher', { workOrderId: again.id, appointmentAt: future(), teamId: String(districtTeam), handlers: [] })).ok).toBe(true);
    expect(await open(order.orderId, 'APPOINTMENT')).toMatchObject({ state: 'PENDING', position: { id: String(districtTeamPosition) }, handler: null });
  });

  it('refuses, changing nothing: an appointment in the past, a team not covering the area, a work order not at the dispatch step or not yours, an unknown later step, staff outside the queue', async () => {
    const order = await orderAtDispatch();
    const base = { workOrderId: order.workOrderId, appointmentAt: future(), teamId: String(gridTeam), handlers: [] };
    const refused = async (who: string, input: object) => (await assign(who, { ...base, ...input })).error;

    expect(await refused('dispatcher', { appointmentAt: new Date(Date.now() - 60_000).toISOString() })).toMatchObject({ code: 'APPOINTMENT_IN_PAST', field: 'appointmentAt' });
    expect(await refused('dispatcher', { teamId: String(farTeam) })).toMatchObject({ code: 'TEAM_NOT_COVERING_AREA', field: 'teamId' });
    expect(await refused('dispatcher', { teamId: '999999' })).toMatchObject({ code: 'TEAM_NOT_FOUND' });
    expect(await refused('dispatcher', { handlers: [{ stepCode: 'INSTALL', teamId: String(gridTeam) }] })).toMatchObject({ code: 'UNKNOWN_STEP', field: 'handlers.0.stepCode' });
    expect(await refused('dispatcher', { handlers: [{ stepCode: 'ONSITE_TEST', teamId: String(farTeam) }] })).toMatchObject({ code: 'TEAM_NOT_COVERING_AREA', field: 'handlers.0.teamId' });
    expect(await refused('dispatcher', { handlers: [{ stepCode: 'APPOINTMENT', teamId: String(gridTeam), staffId: String(staffId.teamLead) }] })).toMatchObject({ code: 'STAFF_NOT_AT_POSITION', field: 'handlers.0.staffId' });
    expect(await refused('teamLead', {})).toMatchObject({ code: 'NOT_AT_POSITION' });
    // Claimed by the other dispatcher: not yours.
    expect((await gqlRequest(app.url, 'mutation($input: WorkOrderRefInput!) { claimWorkOrder(input: $input) { ok } }', { input: { workOrderId: order.workOrderId } }, token.dispatcher2)).data.claimWorkOrder.ok).toBe(true);
    expect(await refused('dispatcher', {})).toMatchObject({ code: 'NOT_YOUR_WORK_ORDER', field: 'workOrderId' });
    const untouched = await workOrders(order.orderId);
    expect(untouched.appointmentAt).toBeNull();
    expect(untouched.workOrders.filter((wo) => wo.step.code === 'APPOINTMENT')).toEqual([]);
    expect(await app.prisma.orderStepHandler.count({ where: { orderId: Number(order.orderId) } })).toBe(0);

    // The claimer assigns; afterwards the work order is no longer at the dispatch step.
    expect((await assign('dispatcher2', base)).ok).toBe(true);
    expect(await refused('dispatcher2', {})).toMatchObject({ code: 'NOT_AT_DISPATCH_STEP' });
    const appointment = (await open(order.orderId, 'APPOINTMENT'))!;
    expect(await refused('dispatcher2', { workOrderId: appointment.id })).toMatchObject({ code: 'NOT_AT_DISPATCH_STEP' });
  });
});
