import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation } from '../../testing/factories.ts';
import { collect, gqlRequest, wsClient } from '../../testing/graphql-client.ts';
import { LOGIN, SELECT_STAFF, loginAs } from '../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { createTestDatabase } from '../../testing/test-database.ts';
import { RedisPubSub } from '../redis-pubsub.ts';

const redisUrl = process.env.REDIS_URL;

describe.runIf(redisUrl)('Redis pub/sub', () => {
  it('delivers an event published by one connection to subscribers of another, and only on its topic', async () => {
    const prefix = `test-${randomBytes(4).toString('hex')}:`;
    const a = new RedisPubSub(redisUrl!, prefix);
    const b = new RedisPubSub(redisUrl!, prefix);
    const stranger = new RedisPubSub(redisUrl!, `other-${prefix}`);
    try {
      const received = b.subscribe('staff.online-changed');
      const strangerReceived = stranger.subscribe('staff.online-changed');
      await b.whenSubscribed('staff.online-changed');
      await a.publish('auth.session-changed', { sessionId: 'ignored', ended: true });
      await a.publish('staff.online-changed', { change: 'LOGGED_IN', sessionId: 's1', staffId: 7 });
      expect((await received.next()).value).toEqual({ change: 'LOGGED_IN', sessionId: 's1', staffId: 7 });
      const nothing = await Promise.race([strangerReceived.next(), new Promise((resolve) => setTimeout(() => resolve('timeout'), 300))]);
      expect(nothing).toBe('timeout');
      await received.return?.();
    } finally {
      await Promise.all([a.close(), b.close(), stranger.close()]);
    }
  });
});

describe.runIf(redisUrl && process.env.DATABASE_URL)('two API instances behind Redis', () => {
  let first: TestApp;
  let second: TestApp;
  let drop: () => Promise<void>;
  const prefix = `test-${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    const database = await createTestDatabase('postgres');
    drop = database.drop;
    first = await startTestApp('postgres', { database: database.config, config: { redisUrl: redisUrl!, redisChannelPrefix: prefix } });
    second = await startTestApp('postgres', { database: database.config, config: { redisUrl: redisUrl!, redisChannelPrefix: prefix } });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await drop?.();
  });

  it('delivers a log-in on instance A to a subscriber connected to instance B', async () => {
    const org = await createOrganisation(first.prisma);
    const admin = await createLogin(first.prisma, [{ organisationId: org.id, kinds: ['SYSTEM_ADMIN'] }]);
    const adminToken = await loginAs(second.url, admin.loginName, admin.password);
    const client = wsClient(second.wsUrl, adminToken);
    const events = collect(client, 'subscription { onlineStaffChanged { change staff { staffNo } } }');
    await (second.services.pubsub as RedisPubSub).whenSubscribed('staff.online-changed');

    const installer = await createLogin(first.prisma, [{ organisationId: org.id }]);
    await loginAs(first.url, installer.loginName, installer.password);
    await events.until(() => events.events.length > 0);
    expect(events.events[0].onlineStaffChanged).toEqual({ change: 'LOGGED_IN', staff: { staffNo: installer.staff[0].staffNo } });
    // Both instances run an outbox relay; the event must still arrive once, not once per instance.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(events.events).toHaveLength(1);
    await client.dispose();
  });

  it('applies a session change made on A to B at once, although B had the session cached', async () => {
    const org = await createOrganisation(first.prisma);
    const account = await createLogin(first.prisma, [{ organisationId: org.id }, { organisationId: org.id }]);
    const login = await gqlRequest(first.url, LOGIN, { input: { loginName: account.loginName, password: account.password } });
    const token = login.data!.login.token as string;
    const ping = () => gqlRequest(second.url, 'mutation { ping }', {}, token);
    const eventually = async (check: (result: Awaited<ReturnType<typeof ping>>) => boolean) => {
      for (let i = 0; i < 50; i++) {
        if (check(await ping())) return true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return false;
    };
    expect((await ping()).errors?.[0].extensions?.reason).toBe('STAFF_NOT_SELECTED');

    await gqlRequest(first.url, SELECT_STAFF, { input: { staffId: String(account.staff[1].id) } }, token);
    expect(await eventually((result) => result.data?.ping === true)).toBe(true);

    await gqlRequest(first.url, 'mutation { logout { ok } }', {}, token);
    expect(await eventually((result) => result.errors?.[0].extensions?.reason === 'SESSION_EXPIRED')).toBe(true);
  });
});
