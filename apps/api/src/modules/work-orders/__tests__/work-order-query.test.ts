import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation } from '../../../testing/factories.ts';
import { gqlRequest, type GraphQLResponse } from '../../../testing/graphql-client.ts';
import { submitOrders } from '../../../testing/orders.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const QUERY = /* GraphQL */ `
  query WorkOrderQuery($filter: WorkOrderQueryFilter, $sortBy: WorkOrderSortField, $sortDirection: SortDirection, $first: Int, $after: String) {
    workOrderQuery(filter: $filter, sortBy: $sortBy, sortDirection: $sortDirection, first: $first, after: $after) {
      edges { cursor node { id workOrderNo state createdAt step { code } } }
      pageInfo { hasNextPage hasPreviousPage endCursor }
    }
  }
`;

interface Node {
  id: string;
  workOrderNo: string;
  state: string;
  createdAt: string;
  step: { code: string };
}

describe.each(testBackends())('work-order query (工单查询): filters, data permissions, keyset pages (%s)', (backend) => {
  let app: TestApp;
  const token: Record<string, string> = {};
  let position: number;
  let city: { id: number; code: string };
  let d: { id: number; code: string };
  let e: { id: number; code: string };
  /** The work orders the filter tests read, by order and step. */
  const wo: Record<string, Node> = {};

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 60_000 } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    city = await createOrganisation(app.prisma, { parentId: province.id, level: 'CITY' });
    d = await createOrganisation(app.prisma, { parentId: city.id });
    e = await createOrganisation(app.prisma, { parentId: city.id });
    const admin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN', 'WORK_ORDER'] }]);
    const installer = await createLogin(app.prisma, [{ organisationId: city.id, kinds: ['WORK_ORDER'] }]);
    const viewer = await createLogin(app.prisma, [{ organisationId: e.id, kinds: ['GENERAL'] }]);
    position = (await app.prisma.staffPosition.findFirstOrThrow({ where: { staffId: installer.staff[0].id } })).positionId;
    await app.prisma.dispatchRule.create({ data: { organisationId: d.id, workOrderTypeCode: null, positionId: position } });
    for (const [name, account] of Object.entries({ admin, installer, viewer })) token[name] = await loginAs(app.url, account.loginName, account.password);

    // d: a fixed-line install waiting for wiring, and a removal moved on past its appointment (预约) to its field work (拆机);
    // e: a broadband install waiting for its port.
    const [fixed, removal] = await submitOrders(app, token.admin, [
      { areaCode: d.code, customer: { name: '陈晓明' } },
      { businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', areaCode: d.code, customer: { name: 'Removal Customer' }, acceptedAt: '2024-06-01T08:00:00Z' },
    ]);
    const [other] = await submitOrders(app, token.admin, [{ businessCode: 'BROADBAND_NEW', areaCode: e.code, customer: { name: 'Other Area' } }]);
    const open = async (orderId: string, stepCode: string) => {
      const order = (await gqlRequest(app.url, 'query($id: ID!) { order(id: $id) { workOrders { id state step { code } } } }', { id: orderId }, token.admin)).data.order;
      return order.workOrders.find((w: Node) => w.step.code === stepCode && w.state === 'PENDING').id as string;
    };
    const complete = async (who: string, workOrderId: string) => {
      const done = await gqlRequest(app.url, 'mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ok error { code } } }', { input: { workOrderId } }, token[who]);
      expect(done.data.completeWorkOrder, JSON.stringify(done)).toMatchObject({ ok: true });
    };
    await complete('admin', await open(removal.id, 'NETWORK'));
    await complete('installer', await open(removal.id, 'DISPATCH'));
    await complete('installer', await open(removal.id, 'APPOINTMENT'));

    const all = await gqlRequest(app.url, QUERY, { filter: { order: { organisationId: String(city.id) } }, first: 200 }, token.admin);
    const byKey = new Map(all.data.workOrderQuery.edges.map((edge: { node: Node }) => [`${edge.node.workOrderNo.split('-')[0]}-${edge.node.step.code}`, edge.node]));
    const orderNo = async (id: string) => (await gqlRequest(app.url, 'query($id: ID!) { order(id: $id) { orderNo } }', { id }, token.admin)).data.order.orderNo;
    const numbers = { fixed: await orderNo(fixed.id), removal: await orderNo(removal.id), other: await orderNo(other.id) };
    Object.assign(wo, {
      wiring: byKey.get(`${numbers.fixed}-WIRING`),
      network: byKey.get(`${numbers.removal}-NETWORK`),
      dispatch: byKey.get(`${numbers.removal}-DISPATCH`),
      appointment: byKey.get(`${numbers.removal}-APPOINTMENT`),
      remove: byKey.get(`${numbers.removal}-REMOVE`),
      port: byKey.get(`${numbers.other}-PORT`),
    });
    expect(Object.values(wo).every(Boolean), JSON.stringify([...byKey.keys()])).toBe(true);
    expect(byKey.size).toBe(6);
  });
  afterAll(() => app?.close());

  /** Ids of the city's work orders matching `filter`, as a sorted set. */
  async function ids(filter: Record<string, any>, who = 'admin'): Promise<string[]> {
    const result = await gqlRequest(app.url, QUERY, { filter: { ...filter, order: { organisationId: String(city.id), ...filter.order } }, first: 200 }, token[who]);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data.workOrderQuery.edges.map((edge: { node: Node }) => edge.node.id).sort();
  }
  const set = (...nodes: Node[]) => nodes.map((node) => node.id).sort();

  it('narrows by each work-order filter, alone and combined', async () => {
    expect(await ids({})).toEqual(set(wo.wiring, wo.network, wo.dispatch, wo.appointment, wo.remove, wo.port));
    expect(await ids({ workOrderNo: wo.remove.workOrderNo })).toEqual(set(wo.remove));
    expect(await ids({ workOrderNo: wo.remove.workOrderNo.toLowerCase() })).toEqual([]);
    expect(await ids({ positionId: String(position) })).toEqual(set(wo.dispatch, wo.appointment, wo.remove));
    expect(await ids({ categoryCode: 'RESOURCE' })).toEqual(set(wo.wiring, wo.port));
    expect(await ids({ categoryCode: 'NETWORK' })).toEqual(set(wo.network));
    expect(await ids({ categoryCode: 'FIELD' })).toEqual(set(wo.appointment, wo.remove));
    expect(await ids({ typeCode: 'DISPATCH' })).toEqual(set(wo.dispatch));
    expect(await ids({ typeCode: 'REMOVE', categoryCode: 'FIELD' })).toEqual(set(wo.remove));
    expect(await ids({ typeCode: 'REMOVE', categoryCode: 'RESOURCE' })).toEqual([]);
    expect(await ids({ pendingInstall: true })).toEqual(set(wo.remove));
    expect(await ids({ pendingInstall: false })).toEqual(set(wo.wiring, wo.network, wo.dispatch, wo.appointment, wo.port));
    expect(await ids({ state: 'COMPLETED' })).toEqual(set(wo.network, wo.dispatch, wo.appointment));
    expect(await ids({ state: 'PENDING' })).toEqual(set(wo.wiring, wo.remove, wo.port));
    expect(await ids({ open: true })).toEqual(set(wo.wiring, wo.remove, wo.port));
    expect(await ids({ open: false })).toEqual(set(wo.network, wo.dispatch, wo.appointment));
    expect(await ids({ open: true, categoryCode: 'FIELD' })).toEqual(set(wo.remove));
    // Nothing waited past its accept deadline yet (the time-limit tests move the clock).
    expect(await ids({ acceptOverdue: true })).toEqual([]);
    expect(await ids({ acceptOverdue: false })).toEqual(set(wo.wiring, wo.network, wo.dispatch, wo.appointment, wo.remove, wo.port));
    // Created time: from inclusive, to exclusive.
    expect(await ids({ createdAt: { from: wo.remove.createdAt } })).toEqual(set(wo.remove));
    expect(await ids({ createdAt: { to: wo.dispatch.createdAt } })).toEqual(set(wo.wiring, wo.network, wo.port));
    // Conditions on the order: business area (below the city), customer, acceptance time.
    expect(await ids({ order: { organisationId: String(e.id) } })).toEqual(set(wo.port));
    expect(await ids({ order: { customerName: 'removal' } })).toEqual(set(wo.network, wo.dispatch, wo.appointment, wo.remove));
    expect(await ids({ order: { acceptedAt: { from: '2024-06-01T08:00:00Z', to: '2024-06-01T08:00:01Z' } } })).toEqual(set(wo.network, wo.dispatch, wo.appointment, wo.remove));
    expect(await ids({ order: { organisationId: String(d.id) }, categoryCode: 'FIELD', state: 'PENDING' })).toEqual(set(wo.remove));
  });

  it('returns each work order with its order, type and category', async () => {
    const result = await gqlRequest(
      app.url,
      'query($filter: WorkOrderQueryFilter) { workOrderQuery(filter: $filter) { totalCount totalCountCapped edges { node { order { customerName organisation { id } } position { id } step { workOrderType { code name category { code nameEn } } } } } } }',
      { filter: { workOrderNo: wo.remove.workOrderNo } },
      token.admin,
    );
    expect(result.data.workOrderQuery).toEqual({
      totalCount: 1,
      totalCountCapped: false,
      edges: [{ node: { order: { customerName: 'Removal Customer', organisation: { id: String(d.id) } }, position: { id: String(position) }, step: { workOrderType: { code: 'REMOVE', name: '拆机', category: { code: 'FIELD', nameEn: 'Field work' } } } } }],
    });
    // The queues keep working, and count too: by default the to-do (the completed dispatch and appointment steps only when asked for).
    const queue = async (filter: object) => (await gqlRequest(app.url, 'query($filter: WorkOrderQueueFilter!) { workOrders(filter: $filter) { totalCount edges { node { id } } } }', { filter }, token.admin)).data.workOrders;
    expect(await queue({ positionId: String(position) })).toEqual({ totalCount: 1, edges: [{ node: { id: wo.remove.id } }] });
    expect(await queue({ positionId: String(position), state: 'COMPLETED' })).toEqual({ totalCount: 2, edges: [{ node: { id: wo.dispatch.id } }, { node: { id: wo.appointment.id } }] });
  });

  it('shows only work orders of orders within the data permissions', async () => {
    const seen = await gqlRequest(app.url, QUERY, { first: 200 }, token.viewer);
    expect(seen.data.workOrderQuery.edges.map((edge: { node: Node }) => edge.node.id)).toEqual([wo.port.id]);
    expect((await gqlRequest(app.url, QUERY, { filter: { workOrderNo: wo.remove.workOrderNo } }, token.viewer)).data.workOrderQuery.edges).toEqual([]);
    const outside = await gqlRequest(app.url, QUERY, { filter: { order: { organisationId: String(d.id) } } }, token.viewer);
    expect(outside.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'filter.order.organisationId' });
  });

  it('pages through ties in the creation time returning every work order exactly once, in order', async () => {
    const district = await createOrganisation(app.prisma, { parentId: city.id });
    const orders = await submitOrders(app, token.admin, Array.from({ length: 6 }, () => ({ areaCode: district.code })));
    const workOrders = await app.prisma.workOrder.findMany({ where: { orderId: { in: orders.map((order) => Number(order.id)) } }, select: { id: true }, orderBy: { id: 'asc' } });
    expect(workOrders).toHaveLength(6);
    // Two creation instants shared by three work orders each, interleaved with the ids.
    const instants = [new Date('2024-07-01T10:00:00Z'), new Date('2024-07-01T09:00:00Z')];
    for (const [index, row] of workOrders.entries()) await app.prisma.workOrder.update({ where: { id: row.id }, data: { createdAt: instants[index % 2] } });
    const rows = workOrders.map((row, index) => ({ id: String(row.id), at: instants[index % 2].getTime() }));

    async function readAll(sortBy: string, sortDirection: string, first: number): Promise<Node[]> {
      const seen: Node[] = [];
      let after: string | null = null;
      for (let page = 0; page < 20; page++) {
        const result: GraphQLResponse = await gqlRequest(app.url, QUERY, { filter: { order: { organisationId: String(district.id) } }, sortBy, sortDirection, first, after }, token.admin);
        expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
        seen.push(...result.data.workOrderQuery.edges.map((edge: { node: Node }) => edge.node));
        if (!result.data.workOrderQuery.pageInfo.hasNextPage) return seen;
        after = result.data.workOrderQuery.pageInfo.endCursor;
      }
      throw new Error('did not reach the last page');
    }
    const expected = (direction: number) => [...rows].sort((a, b) => direction * (a.at - b.at) || direction * (Number(a.id) - Number(b.id))).map((row) => row.id);
    for (const first of [1, 2, 4]) {
      expect((await readAll('CREATED_AT', 'DESC', first)).map((node) => node.id)).toEqual(expected(-1));
      expect((await readAll('CREATED_AT', 'ASC', first)).map((node) => node.id)).toEqual(expected(1));
    }
    const byNumber = (await readAll('WORK_ORDER_NO', 'ASC', 4)).map((node) => node.workOrderNo);
    expect(byNumber).toEqual([...byNumber].sort());
    expect(byNumber).toHaveLength(6);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field', async () => {
    const fieldOf = async (variables: Record<string, unknown>) => {
      const result = await gqlRequest(app.url, QUERY, variables, token.admin);
      expect(result.errors?.[0].extensions?.code, JSON.stringify(result)).toBe('BAD_USER_INPUT');
      return result.errors?.[0].extensions?.field;
    };
    expect(await fieldOf({ filter: { createdAt: { from: '2024-03-02T00:00:00Z', to: '2024-03-01T00:00:00Z' } } })).toBe('filter.createdAt.to');
    expect(await fieldOf({ filter: { order: { acceptedAt: { from: '2024-03-02T00:00:00Z', to: '2024-03-01T00:00:00Z' } } } })).toBe('filter.order.acceptedAt.to');
    expect(await fieldOf({ filter: { positionId: 'queue-1' } })).toBe('filter.positionId');
    expect(await fieldOf({ first: 500 })).toBe('first');
    const orderCursor = (await gqlRequest(app.url, '{ orders(first: 1) { pageInfo { endCursor } } }', {}, token.admin)).data.orders.pageInfo.endCursor;
    expect(await fieldOf({ after: orderCursor })).toBe('after');
  });
});
