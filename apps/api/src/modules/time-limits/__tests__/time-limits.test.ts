import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { collect, gqlRequest, wsClient } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

/** A Shanghai wall-clock time as an instant. */
const at = (local: string) => new Date(`${local}+08:00`);
/** Thursday 24 Sep 2026, 22:00 in Shanghai; 25–27 Sep are the Mid-Autumn holiday in the seeded calendar. */
const START = at('2026-09-24T22:00:00');

const ORDER_FIELDS = 'id timeState warnAt dueAt workOrders { id state timeState acceptOverdue acceptDueAt warnAt dueAt step { code } }';

describe.each(testBackends())('time limits on the working-day calendar, alarms and the pre-alarm monitor (%s)', (backend) => {
  let app: TestApp;
  let admin: string;
  let outsider: string;
  let city: { id: number; code: string };
  let district: { id: number; code: string };
  let otherDistrict: { id: number; code: string };

  beforeAll(async () => {
    app = await startTestApp(backend, { startAt: START, config: { crmPollMs: 60_000 } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    city = await createOrganisation(app.prisma, { parentId: province.id, level: 'CITY' });
    district = await createOrganisation(app.prisma, { parentId: city.id });
    otherDistrict = await createOrganisation(app.prisma, { parentId: city.id });
    const adminLogin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN', 'WORK_ORDER'] }]);
    const outsiderLogin = await createLogin(app.prisma, [{ organisationId: otherDistrict.id, kinds: ['WORK_ORDER'] }]);
    admin = await loginAs(app.url, adminLogin.loginName, adminLogin.password);
    outsider = await loginAs(app.url, outsiderLogin.loginName, outsiderLogin.password);
  });
  afterAll(() => app?.close());

  async function removalOrder(areaCode: string) {
    const payload = JSON.stringify({ ...JSON.parse(exampleJsonMessage), crmOrderCode: unique('CRM'), businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', areaCode, acceptedAt: START.toISOString() });
    const submitted = await gqlRequest(app.url, 'mutation($input: SubmitCrmMessageInput!) { submitCrmMessage(input: $input) { message { id } } }', { input: { format: 'JSON', payload } }, admin);
    await app.services.crmPoller.kick();
    const message = await gqlRequest(app.url, `query($id: ID!) { crmInboundMessage(id: $id) { state failureReason order { ${ORDER_FIELDS} } } }`, { id: submitted.data.submitCrmMessage.message.id }, admin);
    expect(message.data.crmInboundMessage).toMatchObject({ state: 'PROCESSED' });
    return message.data.crmInboundMessage.order;
  }
  const order = async (id: string) => (await gqlRequest(app.url, `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id }, admin)).data.order;
  const near = (actual: string, expected: Date) => expect(Math.abs(Date.parse(actual) - expected.getTime()), `${actual} vs ${expected.toISOString()}`).toBeLessThan(60_000);
  const advance = async (minutes: number) => {
    const result = await gqlRequest(app.url, 'mutation($m: Int!) { advanceClock(minutes: $m) { now testMode } }', { m: minutes }, admin);
    expect(result.errors).toBeUndefined();
    return result.data.advanceClock;
  };

  it('stores due times counted in working time, per area with the nearest calendar exception winning', async () => {
    // The city rests on Monday 28th; its district works anyway.
    const set = async (organisationId: number, working: boolean) =>
      (await gqlRequest(app.url, 'mutation($input: SetCalendarDaysInput!) { setCalendarDays(input: $input) { ok } }', { input: { organisationId: String(organisationId), days: [{ date: '2026-09-28', working, name: 'local' }] } }, admin)).data
        .setCalendarDays.ok;
    expect(await set(city.id, false)).toBe(true);
    expect(await set(district.id, true)).toBe(true);

    const here = await removalOrder(district.code);
    const there = await removalOrder(otherDistrict.code);
    // Order limit for REMOVE: warning after 18 h, overdue after 24 h of working time from acceptance.
    // Thursday 22:00–24:00 counts 2 h; Friday to Sunday are the holiday.
    expect(here.timeState).toBe('NORMAL');
    expect(new Date(here.warnAt)).toEqual(at('2026-09-28T16:00:00'));
    expect(new Date(here.dueAt)).toEqual(at('2026-09-28T22:00:00'));
    // The other district inherits the city's rest day: Monday does not count.
    expect(new Date(there.dueAt)).toEqual(at('2026-09-29T22:00:00'));

    // Work-order limit of the network step (NETWORK_MGMT): accept 1 h, warning 1.5 h, overdue 2 h.
    const network = here.workOrders[0];
    expect(network.step.code).toBe('NETWORK');
    near(network.acceptDueAt, at('2026-09-24T23:00:00'));
    near(network.warnAt, at('2026-09-24T23:30:00'));
    near(network.dueAt, at('2026-09-28T00:00:00'));

    const days = (await gqlRequest(app.url, 'query($org: ID) { workingCalendar(from: "2026-09-24", to: "2026-09-28", organisationId: $org) { date working name source } }', { org: String(otherDistrict.id) }, admin)).data.workingCalendar;
    expect(days).toEqual([
      { date: '2026-09-24', working: true, name: null, source: 'WEEK' },
      { date: '2026-09-25', working: false, name: '中秋节', source: 'ALL_AREAS' },
      { date: '2026-09-26', working: false, name: '中秋节', source: 'ALL_AREAS' },
      { date: '2026-09-27', working: false, name: '中秋节', source: 'ALL_AREAS' },
      { date: '2026-09-28', working: false, name: 'local', source: 'AREA' },
    ]);
  });

  it('marks work orders and orders not accepted in time, warning and overdue, publishing alarms to subscribers who may see them', async () => {
    const watched = await removalOrder(district.code);
    const finished = await removalOrder(district.code);
    // A work order completed in time never alarms.
    const done = await gqlRequest(app.url, 'mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ok } }', { input: { workOrderId: finished.workOrders[0].id } }, admin);
    expect(done.data.completeWorkOrder.ok).toBe(true);

    const watcher = wsClient(app.wsUrl, admin);
    const alarms = collect(watcher, 'subscription($f: AlarmEventFilter) { alarmChanged(filter: $f) { subject timeState acceptOverdue order { id } workOrder { id } } }', { f: { orderId: watched.id } });
    const stranger = wsClient(app.wsUrl, outsider);
    const strangerAlarms = collect(stranger, 'subscription { alarmChanged { subject order { id } } }');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const network = watched.workOrders[0].id;
    const clock = await advance(61);
    expect(clock.testMode).toBe(true);
    await alarms.until(() => alarms.events.length >= 1);
    expect(alarms.events[0].alarmChanged).toEqual({ subject: 'WORK_ORDER', timeState: 'NORMAL', acceptOverdue: true, order: { id: watched.id }, workOrder: { id: network } });

    await advance(30);
    await alarms.until(() => alarms.events.some((e) => e.alarmChanged.timeState === 'WARNING'));
    // Past Monday 17:00: the work order is overdue (Monday 00:00) and the order in warning (16:00).
    await advance(Math.ceil((at('2026-09-28T17:00:00').getTime() - app.services.clock.now().getTime()) / 60_000));
    await alarms.until(() => alarms.events.some((e) => e.alarmChanged.subject === 'ORDER'));

    const now = await order(watched.id);
    expect(now.timeState).toBe('WARNING');
    expect(now.workOrders.find((wo: { id: string }) => wo.id === network)).toMatchObject({ timeState: 'OVERDUE', acceptOverdue: true });
    expect((await order(finished.id)).workOrders.find((wo: { id: string }) => wo.id === finished.workOrders[0].id)).toMatchObject({ state: 'COMPLETED', timeState: 'NORMAL', acceptOverdue: false });
    expect(alarms.events.map((e) => `${e.alarmChanged.subject}:${e.alarmChanged.timeState}`)).toEqual(['WORK_ORDER:NORMAL', 'WORK_ORDER:WARNING', 'WORK_ORDER:OVERDUE', 'ORDER:WARNING']);

    // The order log tells the story.
    const log = (await gqlRequest(app.url, 'query($id: ID!) { order(id: $id) { log { action } } }', { id: watched.id }, admin)).data.order.log.map((l: { action: string }) => l.action);
    expect(log).toEqual(expect.arrayContaining(['ACCEPT_OVERDUE', 'WARNING', 'OVERDUE']));

    // Nothing of the district reached the outsider (their scope is the other district).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(strangerAlarms.events.filter((e) => [watched.id, finished.id].includes(e.alarmChanged.order.id))).toEqual([]);
    await watcher.dispose();
    await stranger.dispose();
  });

  it('counts open, warning and overdue orders and work orders per organisation for the pre-alarm monitor', async () => {
    const rows = (await gqlRequest(app.url, 'query($org: ID) { preAlarmMonitor(organisationId: $org) { organisation { id } subject executing warning overdue acceptOverdue } }', { org: String(city.id) }, admin)).data.preAlarmMonitor;
    const count = (org: number, subject: string) => rows.find((r: { organisation: { id: string }; subject: string }) => r.organisation.id === String(org) && r.subject === subject);
    const truth = async (organisationIds: number[]) => {
      const orders = await app.prisma.order.findMany({ where: { organisationId: { in: organisationIds }, state: 'EXECUTING' }, select: { timeState: true, workOrders: { where: { state: { in: ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'] } }, select: { timeState: true, acceptOverdue: true, state: true } } } });
      const workOrders = orders.flatMap((o) => o.workOrders);
      return {
        ORDER: { executing: orders.length, warning: orders.filter((o) => o.timeState === 'WARNING').length, overdue: orders.filter((o) => o.timeState === 'OVERDUE').length, acceptOverdue: 0 },
        WORK_ORDER: { executing: workOrders.length, warning: workOrders.filter((w) => w.timeState === 'WARNING').length, overdue: workOrders.filter((w) => w.timeState === 'OVERDUE').length, acceptOverdue: workOrders.filter((w) => w.acceptOverdue && w.state === 'PENDING').length },
      };
    };
    const inDistrict = await truth([district.id]);
    expect(inDistrict.WORK_ORDER.overdue).toBeGreaterThan(0);
    for (const subject of ['ORDER', 'WORK_ORDER'] as const) {
      expect(count(district.id, subject)).toMatchObject(inDistrict[subject]);
      expect(count(otherDistrict.id, subject)).toMatchObject((await truth([otherDistrict.id]))[subject]);
      expect(count(city.id, subject)).toMatchObject((await truth([city.id, district.id, otherDistrict.id]))[subject]);
    }
    // Drill-down (click a count): the work-order and order queries filter by time state.
    const overdueWorkOrders = (await gqlRequest(app.url, 'query($org: ID) { workOrderQuery(filter: { timeState: OVERDUE, state: PENDING, order: { organisationId: $org, state: EXECUTING } }, first: 200) { edges { node { id timeState } } } }', { org: String(district.id) }, admin)).data.workOrderQuery.edges;
    const expectedPendingOverdue = await app.prisma.workOrder.count({ where: { timeState: 'OVERDUE', state: 'PENDING', order: { organisationId: district.id, state: 'EXECUTING' } } });
    expect(overdueWorkOrders).toHaveLength(expectedPendingOverdue);
    expect(overdueWorkOrders.length).toBeGreaterThan(0);
    // Each work-order count has its list: open ones (completed work orders keep their time state),
    // and those not accepted in time among the waiting ones.
    const drill = async (filter: Record<string, unknown>) =>
      (await gqlRequest(app.url, 'query($filter: WorkOrderQueryFilter) { workOrderQuery(filter: $filter, first: 200) { edges { node { id } } } }', { filter: { ...filter, order: { organisationId: String(district.id), state: 'EXECUTING' } } }, admin)).data.workOrderQuery.edges.length;
    expect(await drill({ open: true })).toBe(inDistrict.WORK_ORDER.executing);
    expect(await drill({ open: true, timeState: 'OVERDUE' })).toBe(inDistrict.WORK_ORDER.overdue);
    expect(await drill({ open: true, timeState: 'WARNING' })).toBe(inDistrict.WORK_ORDER.warning);
    expect(inDistrict.WORK_ORDER.acceptOverdue).toBeGreaterThan(0);
    expect(await drill({ acceptOverdue: true, state: 'PENDING' })).toBe(inDistrict.WORK_ORDER.acceptOverdue);
    const warningOrders = (await gqlRequest(app.url, 'query($org: ID) { orders(filter: { timeState: WARNING, organisationId: $org }, first: 200) { edges { node { id timeState } } } }', { org: String(district.id) }, admin)).data.orders.edges;
    expect(warningOrders.map((e: { node: { timeState: string } }) => e.node.timeState)).toEqual(Array(inDistrict.ORDER.warning).fill('WARNING'));
    // The outsider may not look at the city.
    const refused = await gqlRequest(app.url, 'query($org: ID) { preAlarmMonitor(organisationId: $org) { executing } }', { org: String(city.id) }, outsider);
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('validates time-limit configuration and applies it to work orders created afterwards', async () => {
    const bad = await gqlRequest(app.url, 'mutation { setOrderTimeLimit(input: { orderType: "REMOVE", warningHours: 30, processHours: 24 }) { ok } }', {}, admin);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'warningHours' });
    const unknownType = await gqlRequest(app.url, 'mutation { setWorkOrderTimeLimit(input: { workOrderType: "NOPE", acceptHours: 1, warningHours: 1, processHours: 2 }) { ok } }', {}, admin);
    expect(unknownType.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'workOrderType' });
    const badRange = await gqlRequest(app.url, '{ workingCalendar(from: "2026-01-01", to: "2027-12-31") { date } }', {}, admin);
    expect(badRange.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const badDate = await gqlRequest(app.url, '{ workingCalendar(from: "2026-02-30", to: "2026-03-01") { date } }', {}, admin);
    expect(badDate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    const notAllowed = await gqlRequest(app.url, 'mutation { setOrderTimeLimit(input: { orderType: "REMOVE", warningHours: 1, processHours: 2 }) { ok } }', {}, outsider);
    expect(notAllowed.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // A step-specific limit beats the type's general one, for work orders created from now on.
    const ok = await gqlRequest(app.url, 'mutation { setWorkOrderTimeLimit(input: { workOrderType: "NETWORK_MGMT", stepCode: "NETWORK", acceptHours: 3, warningHours: 4, processHours: 5 }) { ok } }', {}, admin);
    expect(ok.data.setWorkOrderTimeLimit.ok).toBe(true);
    const limits = (await gqlRequest(app.url, '{ workOrderTimeLimits { workOrderType stepCode processHours } }', {}, admin)).data.workOrderTimeLimits;
    expect(limits).toEqual(expect.arrayContaining([{ workOrderType: 'NETWORK_MGMT', stepCode: 'NETWORK', processHours: 5 }, { workOrderType: 'NETWORK_MGMT', stepCode: null, processHours: 2 }]));
    const created = await removalOrder(district.code);
    const network = created.workOrders[0];
    expect((Date.parse(network.dueAt) - Date.parse(network.acceptDueAt)) / 3_600_000).toBeCloseTo(2, 3);
  });

  it('deletes time limits (audited), and says so when there is nothing to delete', async () => {
    const setLimit = await gqlRequest(app.url, 'mutation($input: SetWorkOrderTimeLimitInput!) { setWorkOrderTimeLimit(input: $input) { ok } }', { input: { workOrderType: 'PORT', stepCode: 'PORT_X', acceptHours: 1, warningHours: 2, processHours: 3 } }, admin);
    expect(setLimit.data.setWorkOrderTimeLimit.ok).toBe(true);
    const limits = (await gqlRequest(app.url, '{ workOrderTimeLimits { id workOrderType stepCode } }', {}, admin)).data.workOrderTimeLimits;
    const mine = limits.find((limit: { stepCode: string | null }) => limit.stepCode === 'PORT_X');
    const remove = (id: string) => gqlRequest(app.url, 'mutation($input: DeleteWorkOrderTimeLimitInput!) { deleteWorkOrderTimeLimit(input: $input) { ok error { code field } } }', { input: { id } }, admin);
    expect((await remove(mine.id)).data.deleteWorkOrderTimeLimit).toEqual({ ok: true, error: null });
    expect((await remove(mine.id)).data.deleteWorkOrderTimeLimit).toEqual({ ok: false, error: { code: 'NOT_FOUND', field: 'id' } });
    const after = (await gqlRequest(app.url, '{ workOrderTimeLimits { stepCode } }', {}, admin)).data.workOrderTimeLimits;
    expect(after.some((limit: { stepCode: string | null }) => limit.stepCode === 'PORT_X')).toBe(false);

    await gqlRequest(app.url, 'mutation($input: SetOrderTimeLimitInput!) { setOrderTimeLimit(input: $input) { ok } }', { input: { orderType: 'CHANGE', warningHours: 5, processHours: 6 } }, admin);
    const removeOrderLimit = (orderType: string, token: string) => gqlRequest(app.url, 'mutation($input: DeleteOrderTimeLimitInput!) { deleteOrderTimeLimit(input: $input) { ok error { code } } }', { input: { orderType } }, token);
    expect((await removeOrderLimit('CHANGE', outsider)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await removeOrderLimit('CHANGE', admin)).data.deleteOrderTimeLimit).toEqual({ ok: true, error: null });
    const audit = await gqlRequest(app.url, 'query { auditLog(filter: { entityType: "OrderTimeLimit", entityId: "CHANGE" }, first: 1) { edges { node { action before after } } } }', {}, admin);
    expect(audit.data.auditLog.edges[0].node).toMatchObject({ action: 'order-time-limit.delete', after: null });
    expect(JSON.parse(audit.data.auditLog.edges[0].node.before)).toMatchObject({ orderType: 'CHANGE', warningHours: 5, processHours: 6 });
  });

  it('counts the deadlines of open orders and work orders again when the calendar changes', async () => {
    const open = await removalOrder(otherDistrict.code);
    const dueBefore = new Date(open.dueAt);
    const networkDueBefore = open.workOrders[0].dueAt;
    const dueDay = dueBefore.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const set = async (working: boolean | null) => {
      const result = await gqlRequest(app.url, 'mutation($input: SetCalendarDaysInput!) { setCalendarDays(input: $input) { ok } }', { input: { organisationId: String(otherDistrict.id), days: [{ date: dueDay, working, name: 'retime' }] } }, admin);
      expect(result.errors).toBeUndefined();
    };
    // The day the order falls due becomes a holiday in its area: the deadline moves past it.
    await set(false);
    const moved = await order(open.id);
    expect(new Date(moved.dueAt).getTime()).toBeGreaterThan(dueBefore.getTime());
    expect(new Date(moved.dueAt).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) > dueDay).toBe(true);
    // Its open network work order too: no deadline lies on the holiday any more.
    const localDay = (iso: string) => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    expect(localDay(moved.workOrders[0].dueAt)).not.toBe(dueDay);
    if (localDay(networkDueBefore) < dueDay) expect(moved.workOrders[0].dueAt).toBe(networkDueBefore);
    // Back to an ordinary day: back to the first deadline.
    await set(null);
    const restored = await order(open.id);
    expect(new Date(restored.dueAt)).toEqual(dueBefore);
    expect(restored.workOrders[0].dueAt).toBe(networkDueBefore);
  });

  it('moves the clock only in test mode', async () => {
    const production = await startTestApp(backend, { config: { testMode: false } });
    try {
      const login = await createLogin(production.prisma, [{ organisationId: (await createOrganisation(production.prisma, { level: 'PROVINCE' })).id, kinds: ['SYSTEM_ADMIN'] }]);
      const token = await loginAs(production.url, login.loginName, login.password);
      const refused = await gqlRequest(production.url, 'mutation { advanceClock(minutes: 5) { now } }', {}, token);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await gqlRequest(production.url, '{ clock { offsetMinutes testMode } }', {}, token)).data.clock).toEqual({ offsetMinutes: 0, testMode: false });
    } finally {
      await production.close();
    }
  });
});
