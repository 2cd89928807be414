import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';
import { changedFields } from '../resolvers/audit.ts';

const AUDIT = `query($filter: AuditFilter, $first: Int!, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { staffNo staffName action entityType entityId summary before after changedFields } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe.each(testBackends())('audit log of configuration changes (%s)', (backend) => {
  let app: TestApp;
  let admin: string;
  let adminStaffNo: string;
  let worker: string;

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 60_000 } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    const adminLogin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN'] }]);
    const workerLogin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['WORK_ORDER'] }]);
    adminStaffNo = adminLogin.staff[0]!.staffNo;
    admin = await loginAs(app.url, adminLogin.loginName, adminLogin.password);
    worker = await loginAs(app.url, workerLogin.loginName, workerLogin.password);
  });
  afterAll(() => app?.close());

  const setLimit = (warningHours: number, processHours: number) =>
    gqlRequest(app.url, 'mutation($input: SetOrderTimeLimitInput!) { setOrderTimeLimit(input: $input) { ok } }', { input: { orderType: 'MOVE', warningHours, processHours } }, admin);

  it('records who changed what, with the record before and after, newest first', async () => {
    expect((await setLimit(20, 30)).errors).toBeUndefined();
    expect((await setLimit(22, 30)).errors).toBeUndefined();
    const result = await gqlRequest(app.url, AUDIT, { filter: { entityType: 'OrderTimeLimit', entityId: 'MOVE' }, first: 10 }, admin);
    expect(result.errors).toBeUndefined();
    const [latest, earlier] = result.data.auditLog.edges.map((edge: { node: unknown }) => edge.node);
    expect(latest).toMatchObject({ staffNo: adminStaffNo, action: 'order-time-limit.set', changedFields: ['warningHours'] });
    expect(JSON.parse(latest.before)).toMatchObject({ orderType: 'MOVE', warningHours: 20, processHours: 30 });
    expect(JSON.parse(latest.after)).toMatchObject({ orderType: 'MOVE', warningHours: 22, processHours: 30 });
    expect(earlier).toMatchObject({ action: 'order-time-limit.set' });
  });

  it('writes one entry per calendar day changed, in the same transaction as the change', async () => {
    const days = [
      { date: '2031-10-01', working: false, name: '国庆节' },
      { date: '2031-10-02', working: false, name: '国庆节' },
    ];
    const set = await gqlRequest(app.url, 'mutation($input: SetCalendarDaysInput!) { setCalendarDays(input: $input) { ok } }', { input: { days } }, admin);
    expect(set.errors).toBeUndefined();
    const result = await gqlRequest(app.url, AUDIT, { filter: { action: 'calendar.set', text: '国庆' }, first: 1 }, admin);
    expect(result.data.auditLog.totalCount).toBe(2);
    expect(result.data.auditLog.pageInfo.hasNextPage).toBe(true);
    const next = await gqlRequest(app.url, AUDIT, { filter: { action: 'calendar.set', text: '国庆' }, first: 1, after: result.data.auditLog.pageInfo.endCursor }, admin);
    const ids = [...result.data.auditLog.edges, ...next.data.auditLog.edges].map((edge: { node: { entityId: string } }) => edge.node.entityId).sort();
    expect(ids).toEqual(['*:2031-10-01', '*:2031-10-02']);
  });

  it('is refused to staff without system administration, and checks its filter', async () => {
    const refused = await gqlRequest(app.url, AUDIT, { first: 10 }, worker);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await gqlRequest(app.url, AUDIT, { filter: { from: '2030-01-02T00:00:00Z', to: '2030-01-01T00:00:00Z' }, first: 10 }, admin);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('to');
  });
});

describe('changedFields', () => {
  it('lists the top-level fields that differ, or every field of a creation or deletion', () => {
    expect(changedFields({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3], c: null })).toEqual(['b', 'c']);
    expect(changedFields(null, { name: 'x', code: 'y' })).toEqual(['code', 'name']);
    expect(changedFields({ name: 'x' }, null)).toEqual(['name']);
  });
});
