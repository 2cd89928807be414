import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification, NotificationAdapter } from '../../../integrations/notification/notification.adapter.ts';
import { createLogin, createOrganisation } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';
import { DunningService } from '../dunning.service.ts';

const START = new Date('2026-11-02T09:00:00+08:00');
const DUNNING = { enabled: true, pollMs: 600_000, timeoutMs: 500, retryMinutes: 10, maxFailures: 3, batchSize: 50 };

const CREATE = /* GraphQL */ `
  mutation ($input: CreateDunningScheduleInput!) {
    createDunningSchedule(input: $input) { schedule { id state } problems { line text message } error { code message field } }
  }`;
const SCHEDULE = /* GraphQL */ `
  query ($id: ID!, $state: DunningTargetState) {
    dunningSchedule(id: $id) {
      id state count createdBy summary { total active paid done failed remindersSent }
      targets(state: $state, first: 200) { totalCount edges { node { phone amount state remindersSent failures nextDueAt lastReminder { n state message error } } } }
    }
  }`;
const HISTORY = 'query($phone: String!) { dunningHistory(phone: $phone) { id n state message error channel scheduleName phone } }';

describe.each(testBackends())('dunning with the test clock (%s)', (backend) => {
  let app: TestApp;
  let senior: string;
  let viewer: string;
  let admin: string;
  let phoneSeq = 0;
  const phone = () => `1390${String(Date.now() % 1_000_000).padStart(6, '0')}${String(++phoneSeq).padStart(3, '0')}`.slice(0, 14);

  beforeAll(async () => {
    app = await startTestApp(backend, { startAt: START, config: { dunning: DUNNING } });
    const org = await createOrganisation(app.prisma);
    const seniorLogin = await createLogin(app.prisma, [{ organisationId: org.id, billingLevel: 'SENIOR' }]);
    const viewerLogin = await createLogin(app.prisma, [{ organisationId: org.id, billingLevel: 'NORMAL' }]);
    const adminLogin = await createLogin(app.prisma, [{ organisationId: org.id, kinds: ['SYSTEM_ADMIN'] }]);
    senior = await loginAs(app.url, seniorLogin.loginName, seniorLogin.password);
    viewer = await loginAs(app.url, viewerLogin.loginName, viewerLogin.password);
    admin = await loginAs(app.url, adminLogin.loginName, adminLogin.password);
  });
  afterAll(() => app?.close());

  async function create(numbers: string, extra: Record<string, unknown> = {}) {
    const input = { name: 'November arrears', channel: 'VOICE', template: 'Number {phone} owes {amount} yuan; please pay.', startAt: app.services.clock.now().toISOString(), periodMinutes: 60, count: 3, numbers, ...extra };
    const result = await gqlRequest(app.url, CREATE, { input }, senior);
    expect(result.errors).toBeUndefined();
    // The first reminders are due at once: the worker was kicked; wait for it.
    await app.services.dunningWorker.kick();
    return result.data.createDunningSchedule;
  }
  const schedule = async (id: string, state?: string) => {
    const result = await gqlRequest(app.url, SCHEDULE, { id, state }, senior);
    expect(result.errors).toBeUndefined();
    return result.data.dunningSchedule;
  };
  const target = async (id: string, number: string) => (await schedule(id)).targets.edges.map((e: { node: { phone: string } }) => e.node).find((t: { phone: string }) => t.phone === number);
  const history = async (number: string) => (await gqlRequest(app.url, HISTORY, { phone: number }, senior)).data.dunningHistory;
  const advance = async (minutes: number) => {
    const result = await gqlRequest(app.url, 'mutation($m: Int!) { advanceClock(minutes: $m) { now } }', { m: minutes }, admin);
    expect(result.errors).toBeUndefined();
  };

  it('counts reminders with the test clock: one now, one per period, none after the count', async () => {
    const [a, b] = [phone(), phone()];
    const created = await create(`${a} 125.5\n\n${b}`);
    expect(created.error).toBeNull();
    const id = created.schedule.id;
    expect((await target(id, a)).remindersSent).toBe(1);
    expect((await target(id, b)).remindersSent).toBe(1);
    expect((await target(id, a)).lastReminder).toMatchObject({ n: 1, state: 'SENT', message: `Number ${a} owes 125.50 yuan; please pay.` });
    expect((await target(id, b)).lastReminder.message).toBe(`Number ${b} owes  yuan; please pay.`);

    // Half a period: nothing new.
    await advance(30);
    expect((await target(id, a)).remindersSent).toBe(1);
    await advance(30);
    expect((await target(id, a)).remindersSent).toBe(2);
    await advance(60);
    const done = await schedule(id);
    expect(done.state).toBe('FINISHED');
    expect(done.summary).toEqual({ total: 2, active: 0, paid: 0, done: 2, failed: 0, remindersSent: 6 });
    expect(done.targets.edges.map((e: { node: unknown }) => e.node)).toEqual([
      expect.objectContaining({ phone: a, amount: '125.50', state: 'DONE', remindersSent: 3, nextDueAt: null }),
      expect.objectContaining({ phone: b, amount: null, state: 'DONE', remindersSent: 3, nextDueAt: null }),
    ]);
    await advance(60);
    await advance(60);
    const sent = await history(a);
    expect(sent.map((r: { n: number; state: string }) => [r.n, r.state])).toEqual([
      [3, 'SENT'],
      [2, 'SENT'],
      [1, 'SENT'],
    ]);
    expect(sent[0]).toMatchObject({ channel: 'VOICE', scheduleName: 'November arrears', phone: a });
    // The gateway delivered exactly three to the number.
    expect(app.services.notifications.delivered.filter((n) => n.phone === a)).toHaveLength(3);
  });

  it('stops a number that paid, in every schedule, and finishes the schedule when none is left', async () => {
    const [payer, other] = [phone(), phone()];
    const first = (await create(`${payer} 80\n${other} 20`)).schedule.id;
    const second = (await create(payer, { count: 5, channel: 'SMS' })).schedule.id;
    const paid = await gqlRequest(app.url, 'mutation($p: String!) { markDunningPaid(phone: $p) { stopped } }', { p: payer }, senior);
    expect(paid.data.markDunningPaid.stopped).toBe(2);
    await advance(60);
    expect(await target(first, payer)).toMatchObject({ state: 'PAID', remindersSent: 1, nextDueAt: null });
    expect(await target(first, other)).toMatchObject({ state: 'ACTIVE', remindersSent: 2 });
    expect((await schedule(second)).state).toBe('FINISHED');
    expect(await history(payer)).toHaveLength(2);
    // Paying again changes nothing.
    expect((await gqlRequest(app.url, 'mutation($p: String!) { markDunningPaid(phone: $p) { stopped } }', { p: payer }, senior)).data.markDunningPaid.stopped).toBe(0);
    // Filter by state.
    expect((await schedule(first, 'PAID')).targets.totalCount).toBe(1);
  });

  it('records refusals, retries before the next period, and gives a number up after repeated refusals', async () => {
    const unknown = `000${phone().slice(3)}`;
    const id = (await create(unknown)).schedule.id;
    let t = await target(id, unknown);
    expect(t).toMatchObject({ state: 'ACTIVE', remindersSent: 0, failures: 1 });
    expect(t.lastReminder).toMatchObject({ n: 1, state: 'FAILED', error: `number ${unknown} does not exist` });
    // Retried after 10 minutes, not a whole period.
    expect(Date.parse(t.nextDueAt) - app.services.clock.now().getTime()).toBeLessThanOrEqual(10 * 60_000);
    await advance(10);
    await advance(10);
    t = await target(id, unknown);
    expect(t).toMatchObject({ state: 'FAILED', failures: 3, nextDueAt: null });
    expect((await history(unknown)).map((r: { state: string; n: number }) => [r.n, r.state])).toEqual([
      [1, 'FAILED'],
      [1, 'FAILED'],
      [1, 'FAILED'],
    ]);
    expect((await schedule(id)).state).toBe('FINISHED');

    // A gateway refusing everything (configureSimulator NOTIFICATION): refused, then retried and sent once it recovers.
    const configure = (failureRate: number) =>
      gqlRequest(app.url, 'mutation($i: ConfigureSimulatorInput!) { configureSimulator(input: $i) { system failureRate } }', { i: { system: 'NOTIFICATION', minLatencyMs: 0, maxLatencyMs: 0, failureRate, timeoutRate: 0 } }, admin);
    expect((await configure(1)).data.configureSimulator).toEqual({ system: 'NOTIFICATION', failureRate: 1 });
    const number = phone();
    const busy = (await create(number)).schedule.id;
    expect((await target(busy, number)).lastReminder).toMatchObject({ state: 'FAILED', error: expect.stringContaining('gateway busy') });
    await configure(0);
    await advance(10);
    expect(await target(busy, number)).toMatchObject({ remindersSent: 1, failures: 0, lastReminder: { n: 1, state: 'SENT' } });
  });

  it('cancels a schedule: no more reminders', async () => {
    const number = phone();
    const id = (await create(number)).schedule.id;
    const cancel = () => gqlRequest(app.url, 'mutation($id: ID!) { cancelDunningSchedule(id: $id) { ok error { code } schedule { state endedAt } } }', { id }, senior);
    expect((await cancel()).data.cancelDunningSchedule).toMatchObject({ ok: true, schedule: { state: 'CANCELLED' } });
    expect((await cancel()).data.cancelDunningSchedule).toMatchObject({ ok: false, error: { code: 'NOT_ACTIVE' } });
    await advance(60);
    expect(await target(id, number)).toMatchObject({ state: 'CANCELLED', remindersSent: 1 });
  });

  it('reports every bad line by number and creates nothing; refuses normal billing users', async () => {
    const before = await app.prisma.dunningSchedule.count();
    const result = await gqlRequest(app.url, CREATE, { input: { name: 'bad', channel: 'SMS', template: 'pay', startAt: START.toISOString(), periodMinutes: 60, count: 2, numbers: '13800138000 12.5\nabc\n13800138000\n13900139000 1.234\n13900139001 1 2' } }, senior);
    expect(result.data.createDunningSchedule.schedule).toBeNull();
    expect(result.data.createDunningSchedule.error).toMatchObject({ code: 'BAD_NUMBERS', field: 'numbers' });
    expect(result.data.createDunningSchedule.problems.map((p: { line: number }) => p.line)).toEqual([2, 3, 4, 5]);
    expect(result.data.createDunningSchedule.problems[1].message).toBe('13800138000 is already on line 1');
    expect(await app.prisma.dunningSchedule.count()).toBe(before);
    const empty = await gqlRequest(app.url, CREATE, { input: { name: 'empty', channel: 'SMS', template: 'pay', startAt: START.toISOString(), periodMinutes: 60, count: 2, numbers: '\n  \n' } }, senior);
    expect(empty.data.createDunningSchedule.error.code).toBe('NO_NUMBERS');
    const invalid = await gqlRequest(app.url, CREATE, { input: { name: 'x', channel: 'SMS', template: 'pay', startAt: START.toISOString(), periodMinutes: 0, count: 2, numbers: '13800138000' } }, senior);
    expect(invalid.errors?.[0]).toMatchObject({ message: 'periodMinutes: must be at least 1', extensions: { code: 'BAD_USER_INPUT' } });

    const refused = await gqlRequest(app.url, '{ dunningSchedules { totalCount } }', {}, viewer);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const refusedPaid = await gqlRequest(app.url, 'mutation { markDunningPaid(phone: "13800138000") { stopped } }', {}, viewer);
    expect(refusedPaid.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const list = await gqlRequest(app.url, '{ dunningSchedules(first: 2) { totalCount edges { node { name createdBy } } pageInfo { hasNextPage endCursor } } }', {}, senior);
    expect(list.data.dunningSchedules.edges).toHaveLength(2);
    expect(list.data.dunningSchedules.pageInfo.hasNextPage).toBe(true);
  });

  it('never sends a reminder twice with several workers, and resumes after a crash without a duplicate', async () => {
    const calls: Notification[] = [];
    const counting: NotificationAdapter = { send: (n) => (calls.push(n), app.services.notifications.send(n)) };
    const workers = [1, 2, 3].map(() => new DunningService(app.prisma, counting, { ...DUNNING, batchSize: 7 }, app.services.clock.now));
    const numbers = Array.from({ length: 30 }, phone);
    // Due in 5 minutes; the clock is moved without kicking the app's own worker.
    const startAt = new Date(app.services.clock.now().getTime() + 5 * 60_000).toISOString();
    const result = await gqlRequest(app.url, CREATE, { input: { name: 'race', channel: 'SMS', template: '{phone}', startAt, periodMinutes: 60, count: 2, numbers: numbers.join('\n') } }, senior);
    const id = result.data.createDunningSchedule.schedule.id;
    app.clock.advance(5 * 60_000);
    // Moves the clock without kicking the app's worker (sessions carried over, as advanceClock does).
    const jump = async (ms: number) => {
      await app.services.auth.carrySessionsAcrossClockJump(ms);
      app.clock.advance(ms);
    };
    const drain = async (worker: DunningService) => {
      while ((await worker.runOnce()) > 0) {
        /* next batch */
      }
    };
    await Promise.all(workers.map(drain));
    expect(calls.map((c) => c.message).sort()).toEqual([...numbers].sort());
    expect((await schedule(id)).summary.remindersSent).toBe(30);

    // A worker claims (SENDING rows committed) and dies before sending: nothing is lost, nothing doubled.
    const crashed = workers[0];
    await jump(60 * 60_000);
    const inFlight = await crashed.claim();
    expect(inFlight.length).toBeGreaterThan(0);
    // Another of the claimed ones was even delivered before the crash, but never recorded.
    await app.services.notifications.send({ idempotencyKey: `dunning-${inFlight[0].id}`, channel: 'SMS', phone: inFlight[0].phone, message: inFlight[0].message });
    await Promise.all(workers.slice(1).map(drain));
    // The claimed targets wait for the lease (2 × timeout + 1 min) to pass.
    const waiting = await app.prisma.dunningReminder.count({ where: { id: { in: inFlight.map((r) => r.id) }, state: 'SENDING' } });
    expect(waiting).toBe(inFlight.length);
    await jump(2 * 60_000);
    await Promise.all(workers.slice(1).map(drain));
    const final = await schedule(id);
    expect(final.state).toBe('FINISHED');
    expect(final.summary).toMatchObject({ done: 30, remindersSent: 60 });
    for (const number of numbers) expect(app.services.notifications.delivered.filter((n) => n.phone === number)).toHaveLength(2);
    expect(await app.prisma.dunningReminder.count({ where: { target: { scheduleId: Number(id) } } })).toBe(60);
  });
});
