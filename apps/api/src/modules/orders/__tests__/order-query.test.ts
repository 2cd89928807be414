import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { submitOrders } from '../../../testing/orders.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const ORDERS = /* GraphQL */ `
  query Orders($filter: OrderQueryFilter, $sortBy: OrderSortField, $sortDirection: SortDirection, $first: Int, $after: String) {
    orders(filter: $filter, sortBy: $sortBy, sortDirection: $sortDirection, first: $first, after: $after) {
      edges { cursor node { id orderNo acceptedAt } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

describe.each(testBackends())('order query (定单查询): filters, data permissions, keyset pages, order details (%s)', (backend) => {
  let app: TestApp;
  let admin: string;
  let districtViewer: string;
  let city: { id: number; code: string };
  let d1: { id: number; code: string };
  let d2: { id: number; code: string };
  /** The orders every filter test reads, by name. */
  const o: Record<string, { id: string; crmOrderCode: string }> = {};
  const acceptanceNo = unique('SL');

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 60_000 } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    city = await createOrganisation(app.prisma, { parentId: province.id, level: 'CITY' });
    d1 = await createOrganisation(app.prisma, { parentId: city.id });
    d2 = await createOrganisation(app.prisma, { parentId: city.id });
    const adminLogin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN'] }]);
    const viewerLogin = await createLogin(app.prisma, [{ organisationId: d1.id, kinds: ['GENERAL'] }]);
    admin = await loginAs(app.url, adminLogin.loginName, adminLogin.password);
    districtViewer = await loginAs(app.url, viewerLogin.loginName, viewerLogin.password);

    const [fixed, broadband, move, change, noArea] = await submitOrders(app, admin, [
      {
        areaCode: d1.code, acceptanceNo, acceptedAt: '2024-03-01T08:00:00Z', productCode: 'PSTN_HOME', broadbandAccount: null,
        customer: { name: '陈晓明', phone: '13900000001', address: '广州市天河区五山路1号' },
      },
      {
        businessCode: 'BROADBAND_NEW', areaCode: d1.code, acceptanceNo: null, acceptedAt: '2024-03-02T08:00:00Z', productCode: 'BB_100M', broadbandAccount: 'gz0002@163.gd',
        customer: { name: 'Chen Ming', phone: '13900000002', address: 'Wushan Road 2, Tianhe' },
      },
      {
        businessCode: 'BROADBAND_MOVE', orderType: 'MOVE', areaCode: d2.code, acceptanceNo: null, acceptedAt: '2024-03-03T08:00:00Z', productCode: 'BB_100M', broadbandAccount: 'gz0003@163.gd',
        customer: { name: '李%娜', phone: '13900000003', address: '广州市越秀区中山路3号' },
      },
      {
        businessCode: 'BROADBAND_NEW', orderType: 'CHANGE', areaCode: d1.code, acceptanceNo: null, acceptedAt: '2024-03-06T08:00:00Z', productCode: 'BB_200M', broadbandAccount: 'gz0006@163.gd',
        customer: { name: '王_芳', phone: '13900000006', address: '广州市天河区体育西路6号' },
      },
      { areaCode: null, acceptanceNo: null, acceptedAt: '2024-03-05T08:00:00Z', customer: { name: '无区域', phone: '13900000005' } },
    ]);
    // A cancellation order in d2 withdraws the broadband order.
    const [cancel] = await submitOrders(app, admin, [
      {
        businessCode: 'ORDER_CANCEL', orderType: 'CANCEL', cancelsCrmOrderCode: broadband.crmOrderCode, areaCode: d2.code, acceptanceNo: null, acceptedAt: '2024-03-04T08:00:00Z',
        productCode: null, customer: { name: 'Chen Ming', phone: '13900000002', address: 'Wushan Road 2, Tianhe' },
      },
    ]);
    Object.assign(o, { fixed, broadband, move, change, noArea, cancel });
  });
  afterAll(() => app?.close());

  const query = (token: string, variables: Record<string, unknown>) => gqlRequest(app.url, ORDERS, variables, token);
  /** Ids of the orders of the city matching `filter`, oldest accepted first (one page). */
  async function ids(filter: Record<string, unknown>, token = admin): Promise<string[]> {
    const result = await query(token, { filter: { organisationId: String(city.id), ...filter }, sortBy: 'ACCEPTED_AT', sortDirection: 'ASC', first: 200 });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data.orders.edges.map((edge: { node: { id: string } }) => edge.node.id);
  }

  it('narrows by each filter of the seed, alone and combined', async () => {
    const orderNo = async (id: string) => (await gqlRequest(app.url, 'query($id: ID!) { order(id: $id) { orderNo } }', { id }, admin)).data.order.orderNo;
    // Business area, including the areas below it.
    expect(await ids({})).toEqual([o.fixed.id, o.broadband.id, o.move.id, o.cancel.id, o.change.id]);
    expect(await ids({ organisationId: String(d1.id) })).toEqual([o.fixed.id, o.broadband.id, o.change.id]);
    // Numbers and codes match exactly.
    expect(await ids({ acceptanceNo })).toEqual([o.fixed.id]);
    expect(await ids({ acceptanceNo: acceptanceNo.slice(0, -1) })).toEqual([]);
    expect(await ids({ orderNo: await orderNo(o.move.id) })).toEqual([o.move.id]);
    expect(await ids({ customerPhone: '13900000002' })).toEqual([o.broadband.id, o.cancel.id]);
    expect(await ids({ customerPhone: '1390000000' })).toEqual([]);
    expect(await ids({ broadbandAccount: 'gz0003@163.gd' })).toEqual([o.move.id]);
    expect(await ids({ productCode: 'BB_100M' })).toEqual([o.broadband.id, o.move.id]);
    // Name and address: any part, ignoring letter case; % and _ are plain characters.
    expect(await ids({ customerName: 'chen' })).toEqual([o.broadband.id, o.cancel.id]);
    expect(await ids({ customerName: '晓明' })).toEqual([o.fixed.id]);
    expect(await ids({ customerName: '%' })).toEqual([o.move.id]);
    expect(await ids({ customerName: '_' })).toEqual([o.change.id]);
    expect(await ids({ customerName: '  ' })).toHaveLength(5);
    expect(await ids({ address: 'WUSHAN' })).toEqual([o.broadband.id, o.cancel.id]);
    expect(await ids({ address: '天河区' })).toEqual([o.fixed.id, o.change.id]);
    // State, order type, changed/cancelled flag.
    expect(await ids({ state: 'CANCELLED' })).toEqual([o.broadband.id]);
    expect(await ids({ state: 'EXECUTING', organisationId: String(d1.id) })).toEqual([o.fixed.id, o.change.id]);
    expect(await ids({ orderType: 'MOVE' })).toEqual([o.move.id]);
    expect(await ids({ changedOrCancelled: true })).toEqual([o.broadband.id, o.cancel.id, o.change.id]);
    expect(await ids({ changedOrCancelled: false })).toEqual([o.fixed.id, o.move.id]);
    // Acceptance time: from inclusive, to exclusive.
    expect(await ids({ acceptedAt: { from: '2024-03-02T08:00:00Z', to: '2024-03-04T08:00:00Z' } })).toEqual([o.broadband.id, o.move.id]);
    expect(await ids({ acceptedAt: { from: '2024-03-04T08:00:00Z' } })).toEqual([o.cancel.id, o.change.id]);
    expect(await ids({ acceptedAt: { to: '2024-03-02T08:00:00.001Z' } })).toEqual([o.fixed.id, o.broadband.id]);
    // Combined: every condition must hold.
    expect(await ids({ organisationId: String(d1.id), productCode: 'BB_100M', customerName: 'ming' })).toEqual([o.broadband.id]);
    expect(await ids({ organisationId: String(d2.id), productCode: 'PSTN_HOME' })).toEqual([]);
  });

  it('shows only orders within the data permissions, and refuses a business area outside them', async () => {
    const all = async (token: string, filter: Record<string, unknown> = {}) =>
      (await query(token, { filter, first: 200 })).data.orders.edges.map((edge: { node: { id: string } }) => edge.node.id);
    // The district viewer sees d1's orders only (newest accepted first by default).
    expect(await all(districtViewer)).toEqual([o.change.id, o.broadband.id, o.fixed.id]);
    expect(await all(districtViewer, { broadbandAccount: 'gz0003@163.gd' })).toEqual([]);
    // Orders without an area only for a whole-tree scope.
    expect(await all(admin, { customerName: '无区域' })).toEqual([o.noArea.id]);
    expect(await all(districtViewer, { customerName: '无区域' })).toEqual([]);

    const outside = await query(districtViewer, { filter: { organisationId: String(d2.id) } });
    expect(outside.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'filter.organisationId' });
  });

  it('pages through ties in the sort key returning every order exactly once, in order, in both directions', async () => {
    const district = await createOrganisation(app.prisma, { parentId: city.id });
    const times = ['2024-05-01T10:00:00Z', '2024-05-01T09:00:00Z', '2024-05-01T10:00:00Z', '2024-05-01T11:00:00Z', '2024-05-01T10:00:00Z', '2024-05-01T09:00:00Z', '2024-05-01T10:00:00Z'];
    const created = await submitOrders(app, admin, times.map((acceptedAt) => ({ areaCode: district.code, acceptanceNo: null, acceptedAt })));
    const rows = created.map((order, index) => ({ id: order.id, acceptedAt: Date.parse(times[index]) }));

    async function readAll(sortBy: string, sortDirection: string, first: number) {
      const seen: { id: string; orderNo: string }[] = [];
      let after: string | null = null;
      for (let page = 0; page < 20; page++) {
        const result = await query(admin, { filter: { organisationId: String(district.id) }, sortBy, sortDirection, first, after });
        expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
        const { edges, pageInfo } = result.data.orders;
        expect(edges.length).toBeLessThanOrEqual(first);
        expect(pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...edges.map((edge: { node: { id: string; orderNo: string } }) => edge.node));
        if (!pageInfo.hasNextPage) return seen;
        expect(pageInfo.endCursor).toBe(edges.at(-1).cursor);
        after = pageInfo.endCursor;
      }
      throw new Error('did not reach the last page');
    }

    const byTime = (direction: number) => [...rows].sort((a, b) => direction * (a.acceptedAt - b.acceptedAt) || direction * (Number(a.id) - Number(b.id))).map((row) => row.id);
    for (const first of [1, 2, 3]) {
      expect((await readAll('ACCEPTED_AT', 'DESC', first)).map((row) => row.id)).toEqual(byTime(-1));
      expect((await readAll('ACCEPTED_AT', 'ASC', first)).map((row) => row.id)).toEqual(byTime(1));
    }
    const byNumber = await readAll('ORDER_NO', 'ASC', 2);
    expect(byNumber.map((row) => row.orderNo)).toEqual(byNumber.map((row) => row.orderNo).sort());
    expect(new Set(byNumber.map((row) => row.id))).toEqual(new Set(created.map((order) => order.id)));
    expect((await readAll('ORDER_NO', 'DESC', 3)).map((row) => row.id)).toEqual(byNumber.map((row) => row.id).reverse());

    // The count covers every page; a cursor is only good for the sort it came from.
    const firstPage = await gqlRequest(app.url, 'query($filter: OrderQueryFilter) { orders(filter: $filter, first: 2) { totalCount totalCountCapped pageInfo { endCursor } } }', { filter: { organisationId: String(district.id) } }, admin);
    expect(firstPage.data.orders).toMatchObject({ totalCount: 7, totalCountCapped: false });
    const wrongSort = await query(admin, { filter: { organisationId: String(district.id) }, sortBy: 'ORDER_NO', after: firstPage.data.orders.pageInfo.endCursor });
    expect(wrongSort.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses bad input with BAD_USER_INPUT naming the field', async () => {
    const fieldOf = async (variables: Record<string, unknown>) => {
      const result = await query(admin, variables);
      expect(result.errors?.[0].extensions?.code, JSON.stringify(result)).toBe('BAD_USER_INPUT');
      return result.errors?.[0].extensions?.field;
    };
    expect(await fieldOf({ filter: { acceptedAt: { from: '2024-03-02T00:00:00Z', to: '2024-03-01T00:00:00Z' } } })).toBe('filter.acceptedAt.to');
    expect(await fieldOf({ filter: { acceptedAt: { from: '2024-03-02T00:00:00Z', to: '2024-03-02T00:00:00Z' } } })).toBe('filter.acceptedAt.to');
    expect(await fieldOf({ first: 0 })).toBe('first');
    expect(await fieldOf({ first: 201 })).toBe('first');
    expect(await fieldOf({ filter: { orderType: 'REPAIR' } })).toBe('filter.orderType');
    expect(await fieldOf({ filter: { customerName: 'x'.repeat(101) } })).toBe('filter.customerName');
    expect(await fieldOf({ filter: { organisationId: 'tianhe' } })).toBe('filter.organisationId');
    expect(await fieldOf({ after: 'not-a-cursor' })).toBe('after');
  });

  it('shows the order details: product, resources old/new, resource-processing records and the log', async () => {
    // A fixed-line order whose CRM message carried the current port (as with a move): the port
    // assignment replaces it and keeps it as the old resource.
    const [order] = await submitOrders(app, admin, [{ areaCode: d1.code, acceptanceNo: null, broadbandAccount: 'gz0009@163.gd', parameters: { wantedNumber: '020-38471256', port: 'OLT-OLD/1/1/1', remark: '上午' } }]);
    for (let i = 0; i < 4; i++) await app.services.interfaces.runOnce();
    const details = await gqlRequest(
      app.url,
      `query($id: ID!) { order(id: $id) {
        productCode broadbandAccount cancelledAt
        resources { key kind oldValue newValue updatedAt }
        interfaceRequests(system: RESOURCE) { system kind state }
        all: interfaceRequests { kind }
        log { action }
        workOrders { state step { code workOrderType { code category { code } } } }
      } }`,
      { id: order.id },
      admin,
    );
    expect(details.errors, JSON.stringify(details.errors)).toBeUndefined();
    const detail = details.data.order;
    expect(detail).toMatchObject({ productCode: 'PSTN_HOME', broadbandAccount: 'gz0009@163.gd', cancelledAt: null });
    expect(detail.resources.map((r: Record<string, unknown>) => [r.key, r.kind, r.oldValue])).toEqual([
      ['cableBox', 'WIRING', null],
      ['distributionPoint', 'WIRING', null],
      ['assignedNumber', 'NUMBER', null],
      ['port', 'PORT', 'OLT-OLD/1/1/1'],
    ]);
    expect(detail.resources[2].newValue).toBe('020-38471256');
    expect(detail.resources[3].newValue).toMatch(/^OLT-\d/);
    expect(detail.interfaceRequests).toEqual([
      { system: 'RESOURCE', kind: 'WIRING', state: 'SUCCEEDED' },
      { system: 'RESOURCE', kind: 'NUMBER', state: 'SUCCEEDED' },
      { system: 'RESOURCE', kind: 'PORT', state: 'SUCCEEDED' },
    ]);
    expect(detail.all.map((r: { kind: string }) => r.kind)).toContain('NETWORK_MGMT');
    expect(detail.log.map((line: { action: string }) => line.action)).toContain('INTERFACE_ANSWERED');
    expect(detail.workOrders[0].step).toEqual({ code: 'WIRING', workOrderType: { code: 'WIRING', category: { code: 'RESOURCE' } } });

    // A cancelled order says when; it appears under the changed/cancelled flag.
    const cancelled = (await gqlRequest(app.url, 'query($id: ID!) { order(id: $id) { state cancelledAt } }', { id: o.broadband.id }, admin)).data.order;
    expect(cancelled.state).toBe('CANCELLED');
    expect(Date.parse(cancelled.cancelledAt)).toBeGreaterThan(0);
  });
});
