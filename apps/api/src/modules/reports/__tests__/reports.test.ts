import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { submitOrders } from '../../../testing/orders.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

/** A Shanghai wall-clock time (the default OPENIOM_TIME_ZONE) as an instant. */
const at = (local: string) => new Date(`${local}+08:00`);
/** Tuesday 10 March 2026, 23:00 in Shanghai (15:00 UTC): an hour before the local day ends. */
const START = at('2026-03-10T23:00:00');
const MINUTE = 60_000;

const REPORT = /* GraphQL */ `
  query($date: String!) {
    dailyWorkOrderReport(date: $date) {
      date today timeZone from to asOf
      rows { organisation { id } workOrderType { code } created completed completedOnTime exceptions open overdue }
    }
  }
`;

const DASHBOARD = /* GraphQL */ `
  query($days: Int!) {
    managerDashboard(days: $days) {
      timeZone dates
      ordersInFlight { timeState count }
      workOrdersInFlight { state count overdue }
      overdueTrend { date orders workOrders }
      throughput { date orders workOrders }
      topOverduePositions(first: 5) { position { id } overdue open }
    }
  }
`;

interface Row {
  organisation: { id: string } | null;
  workOrderType: { code: string } | null;
  [count: string]: unknown;
}

describe.each(testBackends())('daily work-order report and manager dashboard (%s)', (backend) => {
  let app: TestApp;
  const token: Record<string, string> = {};
  let d: { id: number; code: string };
  let e: { id: number; code: string };

  /** Completes the open work order of `stepCode` of an order, normally or with an exception type. */
  async function complete(orderId: string, stepCode: string, exceptionType?: string) {
    const read = await gqlRequest(app.url, 'query($id: ID!) { order(id: $id) { workOrders { id state step { code } } } }', { id: orderId }, token.admin);
    const order = read.data?.order;
    expect(order, JSON.stringify(read)).toBeTruthy();
    const open = order.workOrders.find((w: { state: string; step: { code: string } }) => w.step.code === stepCode && w.state === 'PENDING');
    expect(open, `${stepCode} of ${JSON.stringify(order)}`).toBeTruthy();
    const done = await gqlRequest(app.url, 'mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ok error { code message } } }', { input: { workOrderId: open.id, exceptionType } }, token.admin);
    expect(done.data?.completeWorkOrder, JSON.stringify(done)).toMatchObject({ ok: true });
  }
  const removal = (areaCode: string | null) => ({ businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', areaCode, acceptedAt: START.toISOString() });

  beforeAll(async () => {
    // Sessions outlive the hours the clock jumps.
    app = await startTestApp(backend, { startAt: START, config: { crmPollMs: 60_000, auth: { idleTimeoutMinutes: 24 * 60, maxFailedLogins: 5, lockoutMinutes: 15 } } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    const city = await createOrganisation(app.prisma, { parentId: province.id, level: 'CITY' });
    d = await createOrganisation(app.prisma, { parentId: city.id });
    e = await createOrganisation(app.prisma, { parentId: city.id });
    const admin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN', 'WORK_ORDER'] }]);
    const viewer = await createLogin(app.prisma, [{ organisationId: d.id, kinds: ['GENERAL'] }]);
    const nobody = await createLogin(app.prisma, [{ organisationId: d.id, kinds: [] }]);
    for (const [name, account] of Object.entries({ admin, viewer, nobody })) token[name] = await loginAs(app.url, account.loginName, account.password);

    // 23:00 on the 10th: removals in d, e and without an area; d's network step is done at once
    // (its dispatch step follows, due 01:00 on the 11th).
    const [a, b] = await submitOrders(app, token.admin, [removal(d.code), removal(e.code), removal(null)]);
    await complete(a.id, 'NETWORK');
    // 00:30 on the 11th (still the 10th in UTC): d's dispatch is done on time, a new removal arrives in d.
    app.clock.advance(90 * MINUTE);
    await complete(a.id, 'DISPATCH');
    await submitOrders(app, token.admin, [removal(d.code)]);
    // 03:30: e's network step (due 01:00) is done late; a fixed-line install in d goes through its
    // automatic steps and its installation fails with a line fault (back to wiring).
    app.clock.advance(3 * 60 * MINUTE);
    await complete(b.id, 'NETWORK');
    const [fixed] = await submitOrders(app, token.admin, [{ areaCode: d.code, acceptedAt: START.toISOString() }]);
    for (const step of ['WIRING', 'NUMBER', 'PORT', 'NETWORK']) await complete(fixed.id, step);
    await complete(fixed.id, 'INSTALL', 'LINE_FAULT');
    await app.services.alarmScanner.scanOnce();
    // Six orders and a dozen completions: half a minute alone, much more on a shared, busy machine.
  }, 180_000);
  afterAll(() => app?.close());

  async function report(date: string, who = 'admin') {
    const result = await gqlRequest(app.url, REPORT, { date }, token[who]);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data.dailyWorkOrderReport;
  }
  /** Rows keyed "organisation/type" ("-" for none), with the counts only. */
  const byKey = (rows: Row[]) =>
    Object.fromEntries(
      rows.map(({ organisation, workOrderType, ...counts }) => [`${organisation ? (Number(organisation.id) === d.id ? 'd' : Number(organisation.id) === e.id ? 'e' : organisation.id) : '-'}/${workOrderType?.code ?? '-'}`, counts]),
    );
  const counts = (created: number, completed: number, completedOnTime: number, exceptions: number, open: number, overdue: number) => ({ created, completed, completedOnTime, exceptions, open, overdue });

  it('counts the local day before midnight in Shanghai, open and overdue as the day ended', async () => {
    const day = await report('2026-03-10');
    expect(day).toMatchObject({ date: '2026-03-10', today: '2026-03-11', timeZone: 'Asia/Shanghai', from: '2026-03-09T16:00:00.000Z', to: '2026-03-10T16:00:00.000Z', asOf: '2026-03-10T16:00:00.000Z' });
    expect(byKey(day.rows)).toEqual({
      'd/NETWORK_MGMT': counts(1, 1, 1, 0, 0, 0),
      'd/DISPATCH': counts(1, 0, 0, 0, 1, 0),
      'e/NETWORK_MGMT': counts(1, 0, 0, 0, 1, 0),
      '-/NETWORK_MGMT': counts(1, 0, 0, 0, 1, 0),
    });
  });

  it('counts today until now: late and exception completions, open and overdue work orders', async () => {
    const day = await report('2026-03-11');
    expect(day.from).toBe('2026-03-10T16:00:00.000Z');
    // Without a date: today, the same counts.
    const today = (await gqlRequest(app.url, '{ dailyWorkOrderReport { date today rows { created } } }', {}, token.admin)).data.dailyWorkOrderReport;
    expect(today).toMatchObject({ date: '2026-03-11', today: '2026-03-11', rows: day.rows.map((row: Row) => ({ created: row.created })) });
    expect(Date.parse(day.asOf)).toBeLessThan(Date.parse(day.to));
    expect(byKey(day.rows)).toEqual({
      // The removal that arrived at 00:30 (overdue from 02:30) and the install's network step.
      'd/NETWORK_MGMT': counts(2, 1, 1, 0, 1, 1),
      'd/DISPATCH': counts(0, 1, 1, 0, 0, 0),
      // The appointment (预约) the dispatch step led to.
      'd/APPOINTMENT': counts(1, 0, 0, 0, 1, 0),
      // Wiring twice: once done, once again after the line fault.
      'd/WIRING': counts(2, 1, 1, 0, 1, 0),
      'd/NUMBER': counts(1, 1, 1, 0, 0, 0),
      'd/PORT': counts(1, 1, 1, 0, 0, 0),
      'd/INSTALL': counts(1, 1, 1, 1, 0, 0),
      'e/NETWORK_MGMT': counts(0, 1, 0, 0, 0, 0),
      'e/DISPATCH': counts(1, 0, 0, 0, 1, 0),
      '-/NETWORK_MGMT': counts(0, 0, 0, 0, 1, 1),
    });
  });

  it('shows only organisations within the data permissions', async () => {
    const keys = (rows: Row[]) => Object.keys(byKey(rows)).sort();
    expect(keys((await report('2026-03-10', 'viewer')).rows)).toEqual(['d/DISPATCH', 'd/NETWORK_MGMT']);
    expect(keys((await report('2026-03-11', 'viewer')).rows)).toEqual(['d/APPOINTMENT', 'd/DISPATCH', 'd/INSTALL', 'd/NETWORK_MGMT', 'd/NUMBER', 'd/PORT', 'd/WIRING']);
    expect((await report('2026-03-09')).rows).toEqual([]);
  });

  it('refuses future, malformed and impossible dates, naming the argument', async () => {
    for (const date of ['2026-03-12', '11.03.2026', '2026-02-30']) {
      const result = await gqlRequest(app.url, REPORT, { date }, token.admin);
      expect(result.errors?.[0], date).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'date' } });
      expect(result.errors?.[0].message).toMatch(/^date: /);
    }
    const forbidden = await gqlRequest(app.url, REPORT, { date: '2026-03-11' }, token.nobody);
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('dashboard: in flight now, overdue at each day end, completions per local day, positions by overdue', async () => {
    const result = await gqlRequest(app.url, DASHBOARD, { days: 3 }, token.admin);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(result.data.managerDashboard).toEqual({
      timeZone: 'Asia/Shanghai',
      dates: ['2026-03-09', '2026-03-10', '2026-03-11'],
      ordersInFlight: [
        { timeState: 'NORMAL', count: 5 },
        { timeState: 'WARNING', count: 0 },
        { timeState: 'OVERDUE', count: 0 },
      ],
      workOrdersInFlight: [
        { state: 'PENDING', count: 5, overdue: 2 },
        { state: 'IN_PROGRESS', count: 0, overdue: 0 },
        { state: 'MANUAL_EXCEPTION', count: 0, overdue: 0 },
      ],
      // At midnight on the 10th nothing was past its limit yet (e's network step was due at 01:00).
      overdueTrend: [
        { date: '2026-03-09', orders: 0, workOrders: 0 },
        { date: '2026-03-10', orders: 0, workOrders: 0 },
        { date: '2026-03-11', orders: 0, workOrders: 2 },
      ],
      throughput: [
        { date: '2026-03-09', orders: 0, workOrders: 0 },
        { date: '2026-03-10', orders: 0, workOrders: 1 },
        { date: '2026-03-11', orders: 0, workOrders: 7 },
      ],
      // Nothing has a position (no dispatch rules): all wait for manual assignment or are automatic.
      topOverduePositions: [{ position: null, overdue: 2, open: 5 }],
    });

    const mine = (await gqlRequest(app.url, DASHBOARD, { days: 3 }, token.viewer)).data.managerDashboard;
    expect(mine.ordersInFlight[0]).toEqual({ timeState: 'NORMAL', count: 3 });
    expect(mine.workOrdersInFlight[0]).toEqual({ state: 'PENDING', count: 3, overdue: 1 });
    expect(mine.overdueTrend.at(-1)).toEqual({ date: '2026-03-11', orders: 0, workOrders: 1 });
    expect(mine.throughput.map((day: { workOrders: number }) => day.workOrders)).toEqual([0, 1, 6]);
    expect(mine.topOverduePositions).toEqual([{ position: null, overdue: 1, open: 3 }]);

    const tooMany = await gqlRequest(app.url, '{ managerDashboard(days: 40) { dates } }', {}, token.admin);
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'days: must be at most 31', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
