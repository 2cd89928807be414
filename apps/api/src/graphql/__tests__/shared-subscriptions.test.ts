import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogin, createOrganisation } from '../../testing/factories.ts';
import { collect, wsClient } from '../../testing/graphql-client.ts';
import { loginAs } from '../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { testBackends } from '../../testing/test-database.ts';

const ONLINE_CHANGED = 'subscription { onlineStaffChanged { change staff { staffNo } } }';
const HEARTBEAT = 'subscription { heartbeat(intervalSeconds: 60) }';

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe.each(testBackends())('identical subscriptions of one session share one stream (%s)', (backend) => {
  let app: TestApp;
  let district: number;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    app = await startTestApp(backend);
    district = (await createOrganisation(app.prisma, {})).id;
    const admin = await createLogin(app.prisma, [{ organisationId: district, kinds: ['SYSTEM_ADMIN'] }]);
    tokenA = await loginAs(app.url, admin.loginName, admin.password);
    tokenB = await loginAs(app.url, admin.loginName, admin.password);
  });
  afterAll(() => app?.close());

  /** Logs someone in (an onlineStaffChanged event) and returns their staff number. */
  async function someoneLogsIn(): Promise<string> {
    const login = await createLogin(app.prisma, [{ organisationId: district }]);
    await loginAs(app.url, login.loginName, login.password);
    return login.staff[0].staffNo;
  }

  it('delivers every event to each subscriber under its own id, and keeps the stream while anyone listens', async () => {
    const before = app.server.sharedStreams();
    const tab1 = wsClient(app.wsUrl, tokenA);
    const tab2 = wsClient(app.wsUrl, tokenA);
    const other = wsClient(app.wsUrl, tokenB);
    const first = collect(tab1, ONLINE_CHANGED);
    const again = collect(tab1, ONLINE_CHANGED); // the same subscription twice on one socket: two ids
    const second = collect(tab2, ONLINE_CHANGED);
    const otherSession = collect(other, ONLINE_CHANGED);
    await settle();
    // One stream for the three subscriptions of session A, one for session B.
    expect(app.server.sharedStreams() - before).toBe(2);

    const staffNo = await someoneLogsIn();
    for (const events of [first, again, second, otherSession]) {
      await events.until(() => events.events.length >= 1);
      expect(events.events).toEqual([{ onlineStaffChanged: { change: 'LOGGED_IN', staff: { staffNo } } }]);
      expect(events.errors).toEqual([]);
    }

    // One subscriber leaves: the others go on receiving.
    first.unsubscribe();
    await tab2.dispose();
    await settle();
    const next = await someoneLogsIn();
    for (const events of [again, otherSession]) {
      await events.until(() => events.events.length >= 2);
      expect(events.events[1]).toEqual({ onlineStaffChanged: { change: 'LOGGED_IN', staff: { staffNo: next } } });
    }
    await settle();
    expect(first.events).toHaveLength(1);
    expect(second.events).toHaveLength(1);

    // The last one leaves: the stream stops.
    await tab1.dispose();
    await other.dispose();
    await settle();
    expect(app.server.sharedStreams()).toBe(before);
  });

  it('runs its own stream for a subscription that first answers with the current state', async () => {
    const before = app.server.sharedStreams();
    const client = wsClient(app.wsUrl, tokenA);
    const one = collect(client, HEARTBEAT);
    await one.until(() => one.events.length >= 1);
    const two = collect(client, HEARTBEAT);
    // A second, identical subscription still gets its own first answer.
    await two.until(() => two.events.length >= 1);
    expect(app.server.sharedStreams()).toBe(before);
    await client.dispose();
  });

  it('refuses every identical subscriber the same way when the first is refused', async () => {
    const client = wsClient(app.wsUrl, tokenA);
    const query = 'subscription($filter: WorkOrderEventFilter) { workOrderChanged(filter: $filter) { state } }';
    const refused = [collect(client, query, { filter: { organisationId: 'x' } }), collect(client, query, { filter: { organisationId: 'x' } })];
    for (const events of refused) {
      await events.until(() => events.errors.length >= 1);
      expect(JSON.stringify(events.errors)).toMatch(/organisation id/);
    }
    await client.dispose();
  });

  it('takes a burst of events together: each subscriber gets all of them in order, its session checked once for them', async () => {
    const watcher = await createLogin(app.prisma, [{ organisationId: district, kinds: ['SYSTEM_ADMIN'] }]);
    const client = wsClient(app.wsUrl, await loginAs(app.url, watcher.loginName, watcher.password));
    const received = collect(client, ONLINE_CHANGED);
    await settle();
    const logins = await Promise.all(Array.from({ length: 5 }, () => createLogin(app.prisma, [{ organisationId: district }])));
    const sessionChecks = vi.spyOn(app.services.auth, 'reauthorize');
    try {
      // Back to back, as the outbox relay publishes what it drained.
      for (const login of logins) void app.services.pubsub.publish('staff.online-changed', { change: 'LOGGED_IN', sessionId: 'burst', staffId: login.staff[0].id });
      await received.until(() => received.events.length >= logins.length);
      expect(received.events.map((event) => event.onlineStaffChanged.staff.staffNo)).toEqual(logins.map((login) => login.staff[0].staffNo));
      expect(sessionChecks.mock.calls.filter(([viewer]) => viewer.loginName === watcher.loginName)).toHaveLength(1);
    } finally {
      sessionChecks.mockRestore();
      await client.dispose();
    }
  });
});
