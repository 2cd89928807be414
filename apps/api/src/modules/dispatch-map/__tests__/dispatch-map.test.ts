import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoGridBoxes } from '../../../integrations/geocoder/demo-area.ts';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { collect, gqlRequest, wsClient } from '../../../testing/graphql-client.ts';
import { submitOrders } from '../../../testing/orders.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const START = new Date('2026-11-02T09:00:00+08:00');
const REPORT = 'mutation ($code: String!, $fixes: [LocationFixInput!]!) { reportLocations(deviceCode: $code, fixes: $fixes) { accepted rejected { index reason } } }';
const ITEMS = /* GraphQL */ `
  query ($box: GeoBoxInput!, $limit: Int) {
    mapItems(box: $box, limit: $limit) { truncated staff { staffId staffNo latitude longitude } workOrders { id workOrderNo orderNo state latitude longitude } }
  }`;
const TRACKS = /* GraphQL */ `
  query ($ids: [ID!]!, $from: DateTime!, $to: DateTime!) {
    staffTracks(staffIds: $ids, from: $from, to: $to) { staffNo truncated points { at latitude longitude } events { action workOrderNo orderNo } }
  }`;
const SEND = 'mutation ($input: SendStaffMessageInput!) { sendStaffMessage(input: $input) { sent error { code message field } } }';
const MESSAGES = 'query ($unread: Boolean) { myStaffMessages(first: 10, unreadOnly: $unread) { id fromStaffNo toStaffNo text workOrderNo readAt } }';

describe.each(testBackends())('dispatch map (%s)', (backend) => {
  let app: TestApp;
  let grid: { id: number; code: string };
  let dispatcher: string;
  let admin: string;
  let installers: { token: string; id: number; staffNo: string; device: string }[];
  let outsider: { token: string; id: number };

  beforeAll(async () => {
    app = await startTestApp(backend, { startAt: START });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    const district = await createOrganisation(app.prisma, { parentId: province.id });
    // The geocoder simulator knows the demo grids by code: this test's grid is Tianhe's first.
    const created = await createOrganisation(app.prisma, { parentId: district.id, level: 'GRID' });
    grid = await app.prisma.organisation.update({ where: { id: created.id }, data: { code: 'GZ-TH-01' }, select: { id: true, code: true } });
    const elsewhere = await createOrganisation(app.prisma, { parentId: province.id });
    const dispatcherLogin = await createLogin(app.prisma, [{ organisationId: district.id, kinds: ['WORK_ORDER'] }]);
    dispatcher = await loginAs(app.url, dispatcherLogin.loginName, dispatcherLogin.password);
    const adminLogin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN'] }]);
    admin = await loginAs(app.url, adminLogin.loginName, adminLogin.password);
    installers = [];
    for (let i = 0; i < 3; i++) {
      const login = await createLogin(app.prisma, [{ organisationId: grid.id, kinds: ['WORK_ORDER'] }]);
      const token = await loginAs(app.url, login.loginName, login.password);
      const device = unique('PHONE-');
      await gqlRequest(app.url, 'mutation ($c: String!) { registerMyLocationDevice(input: { deviceCode: $c }) { device { id } } }', { c: device }, token);
      installers.push({ token, id: login.staff[0]!.id, staffNo: login.staff[0]!.staffNo, device });
    }
    const outsiderLogin = await createLogin(app.prisma, [{ organisationId: elsewhere.id, kinds: ['WORK_ORDER'] }]);
    outsider = { token: await loginAs(app.url, outsiderLogin.loginName, outsiderLogin.password), id: outsiderLogin.staff[0]!.id };
  });
  afterAll(() => app?.close());

  const at = (offsetMs: number) => new Date(app.services.clock.now().getTime() + offsetMs).toISOString();
  async function report(installer: { token: string; device: string }, points: [number, number, number][]) {
    const result = await gqlRequest(app.url, REPORT, { code: installer.device, fixes: points.map(([offset, latitude, longitude]) => ({ at: at(offset), latitude, longitude })) }, installer.token);
    expect(result.data.reportLocations.rejected).toEqual([]);
  }

  it('places CRM orders at their coordinates or, without them, inside their grid', async () => {
    const [geocoded, given] = await submitOrders(app, admin, [
      { areaCode: grid.code, customer: { address: '天河区石牌东路1号' } },
      { areaCode: grid.code, customer: { address: '天河区石牌东路2号', latitude: '23.135', longitude: '113.335' } as never },
    ]);
    const rows = await app.prisma.order.findMany({ where: { id: { in: [Number(geocoded!.id), Number(given!.id)] } }, orderBy: { id: 'asc' }, select: { latitude: true, longitude: true } });
    const box = demoGridBoxes['GZ-TH-01']!;
    expect(rows[0]!.latitude).toBeGreaterThan(box.south);
    expect(rows[0]!.latitude).toBeLessThan(box.north);
    expect(rows[0]!.longitude).toBeGreaterThan(box.west);
    expect(rows[0]!.longitude).toBeLessThan(box.east);
    expect(rows[1]).toEqual({ latitude: 23.135, longitude: 113.335 });
    // The same address always lands on the same spot (the backfill places older orders the same way).
    await app.prisma.order.update({ where: { id: Number(geocoded!.id) }, data: { latitude: null, longitude: null } });
    expect(await app.services.orderCoordinates.backfill()).toBeGreaterThanOrEqual(1);
    expect(await app.prisma.order.findUniqueOrThrow({ where: { id: Number(geocoded!.id) }, select: { latitude: true, longitude: true } })).toEqual(rows[0]);
  });

  it('returns the staff and in-flight work orders inside a box, within the viewer’s scope', async () => {
    const [inside, outside] = await submitOrders(app, admin, [
      { areaCode: grid.code, customer: { address: 'A', latitude: '23.181', longitude: '113.311' } as never },
      { areaCode: grid.code, customer: { address: 'B', latitude: '23.195', longitude: '113.345' } as never },
    ]);
    const insideIds = (await app.prisma.workOrder.findMany({ where: { orderId: Number(inside!.id), state: { in: ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'] } }, select: { id: true } })).map((w) => String(w.id));
    const outsideIds = (await app.prisma.workOrder.findMany({ where: { orderId: Number(outside!.id) }, select: { id: true } })).map((w) => String(w.id));
    expect(insideIds.length).toBeGreaterThan(0);
    await report(installers[0]!, [[-60_000, 23.18, 113.31]]);
    await report(installers[1]!, [[-60_000, 23.17, 113.33]]);
    await report(installers[2]!, [[-60_000, 23.19, 113.34]]);
    // The outsider stands inside the box but belongs to an organisation outside the dispatcher's scope.
    const outsiderDevice = unique('PHONE-');
    await gqlRequest(app.url, 'mutation ($c: String!) { registerMyLocationDevice(input: { deviceCode: $c }) { device { id } } }', { c: outsiderDevice }, outsider.token);
    await report({ token: outsider.token, device: outsiderDevice }, [[-60_000, 23.175, 113.32]]);

    const box = { west: 113.3, south: 23.165, east: 113.335, north: 23.185 };
    const result = await gqlRequest(app.url, ITEMS, { box }, dispatcher);
    expect(result.errors).toBeUndefined();
    expect(result.data.mapItems.staff.map((s: { staffNo: string }) => s.staffNo).sort()).toEqual([installers[0]!.staffNo, installers[1]!.staffNo].sort());
    const workOrderIds = result.data.mapItems.workOrders.map((w: { id: string }) => w.id);
    for (const id of insideIds) expect(workOrderIds).toContain(id);
    for (const id of outsideIds) expect(workOrderIds).not.toContain(id);
    for (const w of result.data.mapItems.workOrders) {
      expect(w.latitude).toBeGreaterThanOrEqual(box.south);
      expect(w.longitude).toBeLessThanOrEqual(box.east);
    }
    const bad = await gqlRequest(app.url, ITEMS, { box: { ...box, west: 114 } }, dispatcher);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Installers without the map menu's `orders:read` on it… have it here (default menus), but a session without staff does not.
    const anonymous = await gqlRequest(app.url, ITEMS, { box });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    {
      const found = await gqlRequest(app.url, 'query ($t: String!) { mapWorkOrderSearch(text: $t) { id orderNo } }', { t: result.data.mapItems.workOrders[0].workOrderNo }, dispatcher);
      expect(found.data.mapWorkOrderSearch[0].id).toBe(result.data.mapItems.workOrders[0].id);
    }
  });

  it('plays back a staff track over a time range with its claim and completion events', async () => {
    const walker = installers[2]!;
    await report(walker, [
      [-50 * 60_000, 23.15, 113.35],
      [-40 * 60_000, 23.151, 113.351],
      [-30 * 60_000, 23.152, 113.352],
      [-20 * 60_000, 23.153, 113.353],
    ]);
    const [order] = await submitOrders(app, admin, [{ areaCode: grid.code }]);
    const workOrder = await app.prisma.workOrder.findFirstOrThrow({ where: { orderId: Number(order!.id) }, select: { id: true, workOrderNo: true } });
    // The work order as a claim and a completion by the walker left it (times inside and outside the range).
    await app.prisma.workOrder.update({ where: { id: workOrder.id }, data: { staffId: walker.id } });
    const log = (action: string, minutesAgo: number) =>
      app.prisma.orderLog.create({ data: { orderId: Number(order!.id), workOrderId: workOrder.id, staffId: walker.id, action, detail: action, createdAt: new Date(app.services.clock.now().getTime() - minutesAgo * 60_000) } });
    await log('CLAIM', 45);
    await log('PRINT', 35);
    await log('COMPLETE', 25);
    await log('CLAIM', 90);

    const result = await gqlRequest(app.url, TRACKS, { ids: [String(walker.id), String(outsider.id)], from: at(-45.5 * 60_000), to: at(-25 * 60_000) }, dispatcher);
    expect(result.errors).toBeUndefined();
    // The outsider is outside the dispatcher's scope: left out.
    expect(result.data.staffTracks).toHaveLength(1);
    const [track] = result.data.staffTracks;
    expect(track.points.map((p: { latitude: number }) => p.latitude)).toEqual([23.151, 23.152]);
    expect(track.events.map((e: { action: string; workOrderNo: string }) => [e.action, e.workOrderNo])).toEqual([
      ['CLAIM', workOrder.workOrderNo],
      ['COMPLETE', workOrder.workOrderNo],
    ]);
    const tooLong = await gqlRequest(app.url, TRACKS, { ids: [String(walker.id)], from: at(-8 * 86_400_000), to: at(0) }, dispatcher);
    expect(tooLong.errors?.[0]?.message).toContain('at most 7 days');
  });

  it('records an installer’s arrival on site once, from its handler only, on the work order and on their track', async () => {
    const [arriver, other] = [installers[2]!, installers[1]!];
    const [order] = await submitOrders(app, admin, [{ areaCode: grid.code }]);
    const workOrder = await app.prisma.workOrder.findFirstOrThrow({ where: { orderId: Number(order!.id) }, select: { id: true, workOrderNo: true } });
    const arrive = async (token: string) =>
      (await gqlRequest(app.url, 'mutation($input: WorkOrderRefInput!) { arriveAtWorkOrder(input: $input) { ok error { code } workOrders { arrivedAt } } }', { input: { workOrderId: String(workOrder.id) } }, token)).data.arriveAtWorkOrder;
    await app.prisma.workOrder.update({ where: { id: workOrder.id }, data: { staffId: arriver.id, state: 'PENDING' } });
    expect(await arrive(arriver.token)).toMatchObject({ ok: false, error: { code: 'NOT_IN_PROGRESS' } });
    await app.prisma.workOrder.update({ where: { id: workOrder.id }, data: { state: 'IN_PROGRESS' } });
    expect(await arrive(other.token)).toMatchObject({ ok: false, error: { code: 'NOT_YOUR_WORK_ORDER' } });
    const arrived = await arrive(arriver.token);
    expect(arrived.ok).toBe(true);
    const arrivedAt = arrived.workOrders[0].arrivedAt as string;
    expect(Math.abs(Date.parse(arrivedAt) - app.services.clock.now().getTime())).toBeLessThan(60_000);
    expect(await arrive(arriver.token)).toMatchObject({ ok: false, error: { code: 'ALREADY_ARRIVED' } });

    const result = await gqlRequest(app.url, TRACKS, { ids: [String(arriver.id)], from: at(-60_000), to: at(60_000) }, dispatcher);
    expect(result.data.staffTracks[0].events.map((e: { action: string; workOrderNo: string }) => [e.action, e.workOrderNo])).toEqual([['ARRIVE', workOrder.workOrderNo]]);
  });

  it('sends messages to box-selected staff, who receive them live and can read them', async () => {
    const receiver = installers[0]!;
    const client = wsClient(app.wsUrl, receiver.token);
    const live = collect(client, 'subscription { staffMessageReceived { id text toStaffNo } }');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sent = await gqlRequest(app.url, SEND, { input: { staffIds: [String(receiver.id), String(installers[1]!.id)], text: '请尽快前往石牌东路' } }, dispatcher);
    expect(sent.data.sendStaffMessage).toEqual({ sent: 2, error: null });
    await live.until(() => live.events.length > 0);
    expect(live.events[0].staffMessageReceived).toMatchObject({ text: '请尽快前往石牌东路', toStaffNo: receiver.staffNo });
    expect(live.events).toHaveLength(1); // only their own message
    live.unsubscribe();
    await client.dispose();

    const inbox = await gqlRequest(app.url, MESSAGES, { unread: true }, receiver.token);
    expect(inbox.data.myStaffMessages).toHaveLength(1);
    const read = await gqlRequest(app.url, 'mutation ($id: ID!) { markStaffMessagesRead(upToId: $id) }', { id: inbox.data.myStaffMessages[0].id }, receiver.token);
    expect(read.data.markStaffMessagesRead).toBe(1);
    expect((await gqlRequest(app.url, MESSAGES, { unread: true }, receiver.token)).data.myStaffMessages).toHaveLength(0);

    const outOfScope = await gqlRequest(app.url, SEND, { input: { staffIds: [String(outsider.id)], text: 'hi' } }, dispatcher);
    expect(outOfScope.data.sendStaffMessage).toMatchObject({ sent: 0, error: { code: 'NOT_IN_SCOPE', field: 'staffIds' } });
    // Receiving is not sending: an installer without the dispatch action cannot message.
    expect((await app.prisma.auditEntry.count({ where: { action: 'staff-message.send' } })) >= 1).toBe(true);
  });
});
