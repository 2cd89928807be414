import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryPubSub } from '../../../pubsub/memory-pubsub.ts';
import { createLogin, createOrganisation } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, testBackends } from '../../../testing/test-database.ts';

const CACHES = '{ staticDataCaches { name entries refreshedAt } }';
const REFRESH = 'mutation($input: RefreshStaticDataInput!) { refreshStaticData(input: $input) { ok refreshed error { code message field } } }';

describe.each(testBackends())('static-data cache refresh (%s)', (backend) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let first: TestApp;
  let second: TestApp | undefined;
  let admin: string;
  let worker: string;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    const pubsub = new MemoryPubSub();
    first = await startTestApp(backend, { database: database.config, pubsub });
    // Two instances need a database both can reach: a PostgreSQL server, not an in-memory PGlite.
    if (backend === 'postgres') second = await startTestApp(backend, { database: database.config, pubsub });
    const province = await createOrganisation(first.prisma, { level: 'PROVINCE' });
    const adminLogin = await createLogin(first.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN'] }]);
    const workerLogin = await createLogin(first.prisma, [{ organisationId: province.id, kinds: ['WORK_ORDER'] }]);
    admin = await loginAs(first.url, adminLogin.loginName, adminLogin.password);
    worker = await loginAs(first.url, workerLogin.loginName, workerLogin.password);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await database?.drop();
  });

  const caches = async (url: string) => (await gqlRequest(url, CACHES, {}, admin)).data.staticDataCaches as { name: string; entries: number; refreshedAt: string | null }[];

  it('lists the caches with what they hold, and a refresh of one drops it (audited)', async () => {
    // Reading the calendar loads the time-limit cache.
    await gqlRequest(first.url, '{ workingCalendar(from: "2026-10-01", to: "2026-10-02") { date } }', {}, admin);
    const before = await caches(first.url);
    expect(before.map((cache) => cache.name).sort()).toEqual(['attribute-items', 'organisation-scopes', 'sessions', 'time-limits', 'workflow-graphs']);
    expect(before.find((cache) => cache.name === 'time-limits')!.entries).toBeGreaterThan(0);

    const refreshed = await gqlRequest(first.url, REFRESH, { input: { names: ['time-limits'] } }, admin);
    expect(refreshed.data.refreshStaticData).toEqual({ ok: true, refreshed: ['time-limits'], error: null });
    const after = await caches(first.url);
    expect(after.find((cache) => cache.name === 'time-limits')).toMatchObject({ entries: 0, refreshedAt: expect.any(String) });
    expect(after.find((cache) => cache.name === 'workflow-graphs')!.refreshedAt).toBeNull();

    const audit = await gqlRequest(first.url, '{ auditLog(filter: { action: "static-data.refresh" }, first: 1) { edges { node { entityId } } } }', {}, admin);
    expect(audit.data.auditLog.edges[0].node.entityId).toBe('time-limits');
  });

  it('refreshes every cache when none is named, refuses unknown names and non-administrators', async () => {
    expect((await gqlRequest(first.url, REFRESH, { input: {} }, admin)).data.refreshStaticData.refreshed.sort()).toEqual(['attribute-items', 'organisation-scopes', 'sessions', 'time-limits', 'workflow-graphs']);
    expect((await gqlRequest(first.url, REFRESH, { input: { names: ['nope'] } }, admin)).data.refreshStaticData).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CACHE', field: 'names' } });
    expect((await gqlRequest(first.url, REFRESH, { input: {} }, worker)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.skipIf(backend !== 'postgres')('drops the caches on the other instances too', async () => {
    await gqlRequest(second!.url, '{ workingCalendar(from: "2026-10-01", to: "2026-10-02") { date } }', {}, admin);
    expect((await caches(second!.url)).find((cache) => cache.name === 'time-limits')!.entries).toBeGreaterThan(0);
    await gqlRequest(first.url, REFRESH, { input: { names: ['time-limits'] } }, admin);
    await expect.poll(async () => (await caches(second!.url)).find((cache) => cache.name === 'time-limits')!.entries).toBe(0);
  });
});
