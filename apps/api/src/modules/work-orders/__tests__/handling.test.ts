import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const ACTION_FIELDS = 'ok error { code message field } workOrders { id state position { id } handler { id } }';

describe.each(testBackends())('work-order handling: auto-dispatch, queues, dispatch, claim, unlock (%s)', (backend) => {
  let app: TestApp;
  const token: Record<string, string> = {};
  const staffId: Record<string, number> = {};
  let positionA: number;
  let positionB: number;
  let district: { id: number; code: string };
  let otherDistrict: { id: number; code: string };

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 60_000 } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    const city = await createOrganisation(app.prisma, { parentId: province.id, level: 'CITY' });
    district = await createOrganisation(app.prisma, { parentId: city.id });
    otherDistrict = await createOrganisation(app.prisma, { parentId: city.id });
    const admin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN', 'WORK_ORDER'] }]);
    const installerA = await createLogin(app.prisma, [{ organisationId: city.id, kinds: ['WORK_ORDER'] }]);
    const installerB = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['WORK_ORDER'] }]);
    // Each installer's factory position is in their own organisation; they are the construction positions.
    positionA = (await app.prisma.staffPosition.findFirstOrThrow({ where: { staffId: installerA.staff[0].id } })).positionId;
    positionB = (await app.prisma.staffPosition.findFirstOrThrow({ where: { staffId: installerB.staff[0].id } })).positionId;
    // The city's orders go to A's position; the district's dispatch-center steps go to B's (nearer and specific).
    await app.prisma.dispatchRule.create({ data: { organisationId: city.id, workOrderTypeCode: null, positionId: positionA } });
    await app.prisma.dispatchRule.create({ data: { organisationId: district.id, workOrderTypeCode: 'DISPATCH', positionId: positionB } });
    for (const [name, account] of Object.entries({ admin, installerA, installerB })) {
      token[name] = await loginAs(app.url, account.loginName, account.password);
      staffId[name] = account.staff[0].id;
    }
  });
  afterAll(() => app?.close());

  /** A broadband removal order in `areaCode`, moved past its automatic first step to the dispatch-center step. */
  async function orderAtDispatchStep(areaCode: string | null): Promise<{ orderId: string; workOrderId: string }> {
    const payload = JSON.stringify({ ...JSON.parse(exampleJsonMessage), crmOrderCode: unique('CRM'), businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', areaCode });
    const submitted = await gqlRequest(app.url, 'mutation($input: SubmitCrmMessageInput!) { submitCrmMessage(input: $input) { message { id } } }', { input: { format: 'JSON', payload } }, token.admin);
    await app.services.crmPoller.kick();
    const message = (await gqlRequest(app.url, 'query($id: ID!) { crmInboundMessage(id: $id) { order { id workOrders { id } } } }', { id: submitted.data.submitCrmMessage.message.id }, token.admin)).data.crmInboundMessage;
    const network = message.order.workOrders[0].id;
    const done = await gqlRequest(app.url, 'mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ok order { workOrders { id step { code } } } } }', { input: { workOrderId: network } }, token.admin);
    expect(done.data.completeWorkOrder.ok).toBe(true);
    const dispatchStep = done.data.completeWorkOrder.order.workOrders.find((wo: { step: { code: string } }) => wo.step.code === 'DISPATCH');
    return { orderId: message.order.id, workOrderId: dispatchStep.id };
  }

  const queue = async (who: string, filter: object) =>
    (await gqlRequest(app.url, 'query($filter: WorkOrderQueueFilter!) { workOrders(filter: $filter, first: 200) { edges { node { id state } } } }', { filter }, token[who])).data.workOrders.edges.map((e: { node: { id: string } }) => e.node.id);

  const inputTypes: Record<string, string> = {
    assignWorkOrderPosition: 'AssignWorkOrderPositionInput',
    dispatchWorkOrders: 'DispatchWorkOrdersInput',
    claimWorkOrder: 'WorkOrderRefInput',
    unlockWorkOrder: 'WorkOrderRefInput',
    handleManualException: 'HandleManualExceptionInput',
  };
  const act = async (who: string, mutation: string, input: object) => {
    const result = await gqlRequest(app.url, `mutation($input: ${inputTypes[mutation]}!) { ${mutation}(input: $input) { ${ACTION_FIELDS} } }`, { input }, token[who]);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data[mutation];
  };
  const complete = async (who: string, workOrderId: string) =>
    (await gqlRequest(app.url, 'mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ok error { code } } }', { input: { workOrderId } }, token[who])).data.completeWorkOrder;

  it('auto-dispatches by the nearest, most specific rule, and leaves unplaceable work orders for manual assignment', async () => {
    const inDistrict = await orderAtDispatchStep(district.code);
    const inOtherDistrict = await orderAtDispatchStep(otherDistrict.code);
    const nowhere = await orderAtDispatchStep(null);
    expect(await queue('admin', { positionId: String(positionB) })).toContain(inDistrict.workOrderId);
    expect(await queue('admin', { positionId: String(positionA) })).toContain(inOtherDistrict.workOrderId);
    expect(await queue('admin', { awaitingAssignment: true })).toEqual([nowhere.workOrderId]);
    // Every position's queue together: both placed work orders, not the one waiting for a position.
    const overview = await queue('admin', { anyPosition: true });
    expect(overview).toEqual(expect.arrayContaining([inDistrict.workOrderId, inOtherDistrict.workOrderId]));
    expect(overview).not.toContain(nowhere.workOrderId);
  });

  it('offers, and accepts, only positions serving the order\'s area for manual assignment; none for an order without area', async () => {
    // A second city without dispatch rules: its orders wait for a position. The province's positions
    // serve it (above it); the first city's position A does not (a sibling).
    const city = await app.prisma.organisation.findUniqueOrThrow({ where: { id: district.id }, select: { parent: { select: { parentId: true } } } });
    const province = city.parent!.parentId!;
    const lonelyCity = await createOrganisation(app.prisma, { parentId: province, level: 'CITY' });
    const lonely = await orderAtDispatchStep(lonelyCity.code);
    const nowhere = (await queue('admin', { awaitingAssignment: true })).find((id: string) => id !== lonely.workOrderId);
    expect(await queue('admin', { awaitingAssignment: true })).toEqual(expect.arrayContaining([lonely.workOrderId]));

    const offered = async (workOrderIds: string[] | null, search?: string) => {
      const result = await gqlRequest(app.url, 'query($ids: [ID!], $search: String) { workOrderPositions(workOrderIds: $ids, search: $search) { id organisation { id } positionType { kind } } }', { ids: workOrderIds, search }, token.admin);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return result.data.workOrderPositions as { id: string; organisation: { id: string }; positionType: { kind: string } }[];
    };
    const forLonely = await offered([lonely.workOrderId]);
    expect(forLonely.map((p) => p.id)).toContain(String(positionB));
    expect(forLonely.map((p) => p.id)).not.toContain(String(positionA));
    expect(forLonely.every((p) => p.organisation.id === String(province) && p.positionType.kind === 'WORK_ORDER')).toBe(true);
    expect(await offered([nowhere!])).toEqual([]);
    expect(await offered([lonely.workOrderId, nowhere!])).toEqual([]);
    expect((await offered(null)).map((p) => p.id)).toEqual(expect.arrayContaining([String(positionA), String(positionB)]));
    expect(await offered(null, 'no position has this text')).toEqual([]);
    const unknown = await gqlRequest(app.url, '{ workOrderPositions(workOrderIds: ["999999"]) { id } }', {}, token.admin);
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const sibling = await act('admin', 'assignWorkOrderPosition', { workOrderId: lonely.workOrderId, positionId: String(positionA) });
    expect(sibling).toMatchObject({ ok: false, error: { code: 'NO_SUCH_POSITION', field: 'positionId' } });
    const noArea = await act('admin', 'assignWorkOrderPosition', { workOrderId: nowhere, positionId: String(positionB) });
    expect(noArea).toMatchObject({ ok: false, error: { code: 'NO_POSITION_FOR_AREA', field: 'workOrderId' } });
    const assigned = await act('admin', 'assignWorkOrderPosition', { workOrderId: lonely.workOrderId, positionId: String(positionB) });
    expect(assigned).toMatchObject({ ok: true, workOrders: [{ id: lonely.workOrderId, position: { id: String(positionB) } }] });
    expect(await queue('admin', { awaitingAssignment: true })).toEqual([nowhere]);
  });

  it('lists the active staff holding a position of the viewer\'s scope, to dispatch to', async () => {
    const holders = async (who: string, positionId: number, search?: string) =>
      gqlRequest(app.url, 'query($id: ID!, $search: String) { positionStaff(positionId: $id, search: $search) { id staffNo name } }', { id: String(positionId), search }, token[who]);
    const ofA = (await holders('admin', positionA)).data.positionStaff;
    expect(ofA.map((s: { id: string }) => s.id)).toEqual([String(staffId.installerA)]);
    expect((await holders('admin', positionA, ofA[0].staffNo.slice(-4).toLowerCase())).data.positionStaff).toHaveLength(1);
    expect((await holders('admin', positionA, 'nobody has this name')).data.positionStaff).toEqual([]);
    // Installer A's scope is the city: the province's position is outside it.
    expect((await holders('installerA', positionB)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a batch dispatch across positions and changes nothing; dispatches a batch of one position to its holder only', async () => {
    const a1 = await orderAtDispatchStep(otherDistrict.code);
    const a2 = await orderAtDispatchStep(otherDistrict.code);
    const b1 = await orderAtDispatchStep(district.code);
    const mixed = await act('admin', 'dispatchWorkOrders', { workOrderIds: [a1.workOrderId, b1.workOrderId], staffId: String(staffId.installerA) });
    expect(mixed).toMatchObject({ ok: false, error: { code: 'MIXED_POSITIONS', field: 'workOrderIds' }, workOrders: [] });
    expect(await app.prisma.workOrder.count({ where: { id: { in: [Number(a1.workOrderId), Number(b1.workOrderId)] }, staffId: null, state: 'PENDING' } })).toBe(2);

    const wrongStaff = await act('admin', 'dispatchWorkOrders', { workOrderIds: [a1.workOrderId, a2.workOrderId], staffId: String(staffId.installerB) });
    expect(wrongStaff.error.code).toBe('NOT_AT_POSITION');

    const dispatched = await act('admin', 'dispatchWorkOrders', { workOrderIds: [a1.workOrderId, a2.workOrderId], staffId: String(staffId.installerA) });
    expect(dispatched.ok).toBe(true);
    expect(dispatched.workOrders.map((wo: { state: string; handler: { id: string } }) => [wo.state, wo.handler.id])).toEqual([
      ['IN_PROGRESS', String(staffId.installerA)],
      ['IN_PROGRESS', String(staffId.installerA)],
    ]);
    expect(await queue('installerA', { mine: true })).toEqual(expect.arrayContaining([a1.workOrderId, a2.workOrderId]));
    expect(await complete('admin', a1.workOrderId)).toMatchObject({ ok: false, error: { code: 'NOT_YOUR_WORK_ORDER' } });
    expect(await complete('installerA', a1.workOrderId)).toMatchObject({ ok: true });
  });

  it('lets a position holder claim a work order, locks it to them, and lets a supervisor unlock it', async () => {
    const b = await orderAtDispatchStep(district.code);
    expect((await act('installerA', 'claimWorkOrder', { workOrderId: b.workOrderId })).error.code).toBe('NOT_AT_POSITION');
    expect(await complete('installerA', b.workOrderId)).toMatchObject({ ok: false, error: { code: 'NOT_AT_POSITION' } });
    const claimed = await act('installerB', 'claimWorkOrder', { workOrderId: b.workOrderId });
    expect(claimed).toMatchObject({ ok: true, workOrders: [{ state: 'IN_PROGRESS', handler: { id: String(staffId.installerB) } }] });
    expect((await act('installerB', 'claimWorkOrder', { workOrderId: b.workOrderId })).error.code).toBe('ALREADY_HANDLED');

    const unlocked = await act('admin', 'unlockWorkOrder', { workOrderId: b.workOrderId });
    expect(unlocked).toMatchObject({ ok: true, workOrders: [{ state: 'PENDING', handler: null }] });
    const denied = await gqlRequest(app.url, 'mutation { unlockWorkOrder(input: { workOrderId: "1" }) { ok } }', {}, token.installerB);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const log = await app.prisma.orderLog.findMany({ where: { workOrderId: Number(b.workOrderId) }, select: { action: true }, orderBy: { id: 'asc' } });
    expect(log.map((line) => line.action)).toEqual(['CREATE_WORK_ORDER', 'AUTO_DISPATCH', 'CLAIM', 'UNLOCK']);
  });

  it('parks a manual exception for the dispatchers, who pick an exception flow or transfer it to customer contact', async () => {
    const first = await orderAtDispatchStep(district.code);
    const types = await gqlRequest(app.url, 'query($id: ID!) { order(id: $id) { workOrders { id exceptionTypes } } }', { id: first.orderId }, token.installerB);
    expect(types.data.order.workOrders.find((wo: { id: string }) => wo.id === first.workOrderId).exceptionTypes).toEqual(['MANUAL']);
    const parked = await gqlRequest(app.url, 'mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ok } }', { input: { workOrderId: first.workOrderId, exceptionType: 'MANUAL', note: 'customer not home for a week' } }, token.installerB);
    expect(parked.data.completeWorkOrder.ok).toBe(true);
    expect(await queue('admin', { state: 'MANUAL_EXCEPTION' })).toContain(first.workOrderId);
    expect(await queue('installerB', { mine: true, state: 'MANUAL_EXCEPTION' })).toEqual([]);

    const noType = await act('admin', 'handleManualException', { workOrderId: first.workOrderId, action: 'PICK_EXCEPTION' });
    expect(noType.error.code).toBe('EXCEPTION_TYPE_REQUIRED');
    const transferred = await act('admin', 'handleManualException', { workOrderId: first.workOrderId, action: 'CUSTOMER_CONTACT', note: 'call back Monday' });
    expect(transferred).toMatchObject({ ok: true, workOrders: [{ state: 'PENDING', handler: null }] });
    expect((await app.prisma.workOrder.findUniqueOrThrow({ where: { id: Number(first.workOrderId) } })).deferredTo).toBe('CUSTOMER_CONTACT');
    const again = await act('admin', 'handleManualException', { workOrderId: first.workOrderId, action: 'BUSINESS_OFFICE' });
    expect(again.error.code).toBe('NOT_IN_MANUAL_EXCEPTION');
  });

  it('completes a batch row by row and reports each row', async () => {
    const one = await orderAtDispatchStep(district.code);
    const two = await orderAtDispatchStep(district.code);
    const result = await gqlRequest(
      app.url,
      'mutation($input: CompleteWorkOrdersInput!) { completeWorkOrders(input: $input) { completed failed rows { workOrderId ok error { code } } } }',
      { input: { workOrderIds: [one.workOrderId, '999999', two.workOrderId] } },
      token.installerB,
    );
    expect(result.data.completeWorkOrders).toEqual({
      completed: 2,
      failed: 1,
      rows: [
        { workOrderId: one.workOrderId, ok: true, error: null },
        { workOrderId: '999999', ok: false, error: { code: 'WORK_ORDER_NOT_FOUND' } },
        { workOrderId: two.workOrderId, ok: true, error: null },
      ],
    });
  });

  it('prints work-order sheets with the order\'s customer and demand, recording each print and numbering reprints', async () => {
    const one = await orderAtDispatchStep(district.code);
    const print = (who: string, ids: string[]) =>
      gqlRequest(
        app.url,
        'mutation($input: PrintWorkOrdersInput!) { printWorkOrders(input: $input) { ok error { code field } sheets { copy printedAt printedBy { id } workOrder { id workOrderNo step { code } position { id } dueAt } order { id customerName address demand { key value } } } } }',
        { input: { workOrderIds: ids } },
        token[who],
      );
    const first = (await print('admin', [one.workOrderId])).data.printWorkOrders;
    expect(first.ok).toBe(true);
    expect(first.sheets).toHaveLength(1);
    const sheet = first.sheets[0];
    const example = JSON.parse(exampleJsonMessage);
    expect(sheet).toMatchObject({ copy: 1, printedBy: { id: String(staffId.admin) }, workOrder: { id: one.workOrderId, step: { code: 'DISPATCH' }, position: { id: String(positionB) } }, order: { id: one.orderId, customerName: example.customer.name, address: example.customer.address } });
    expect(sheet.workOrder.dueAt).not.toBeNull();
    expect(sheet.order.demand.length).toBeGreaterThan(0);
    // A reprint is marked as the second copy; both prints are in the order log.
    expect((await print('admin', [one.workOrderId])).data.printWorkOrders.sheets[0].copy).toBe(2);
    const log = (await gqlRequest(app.url, 'query($id: ID!) { order(id: $id) { log { action workOrderId } } }', { id: one.orderId }, token.admin)).data.order.log;
    expect(log.filter((line: { action: string; workOrderId: string }) => line.action === 'PRINT' && line.workOrderId === one.workOrderId)).toHaveLength(2);
    // A work order that does not exist (or is outside the printer's data permissions) fails the batch, and nothing is recorded.
    const refused = (await print('admin', [one.workOrderId, '999999'])).data.printWorkOrders;
    expect(refused).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_NOT_FOUND', field: 'workOrderIds' }, sheets: [] });
    const after = (await gqlRequest(app.url, 'query($id: ID!) { order(id: $id) { log { action } } }', { id: one.orderId }, token.admin)).data.order.log;
    expect(after.filter((line: { action: string }) => line.action === 'PRINT')).toHaveLength(2);
  });
});
