import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const OPERATORS = '{ billingOperators { staffNo level } }';
const SET = 'mutation($input: SetBillingLevelInput!) { setBillingLevel(input: $input) { ok error { code message field } operator { staffNo level } } }';
const PERMISSIONS = '{ viewer { permissions } }';

describe.each(testBackends())('billing operator levels (%s)', (backend) => {
  let app: TestApp;
  const tokens: Record<'super' | 'senior' | 'normal' | 'none', string> = { super: '', senior: '', normal: '', none: '' };
  const staffNos: Record<keyof typeof tokens, string> = { super: '', senior: '', normal: '', none: '' };

  beforeAll(async () => {
    app = await startTestApp(backend);
    const org = await createOrganisation(app.prisma, { level: 'CITY' });
    for (const [who, billingLevel] of [['super', 'SUPER'], ['senior', 'SENIOR'], ['normal', 'NORMAL'], ['none', undefined]] as const) {
      const login = await createLogin(app.prisma, [{ organisationId: org.id, kinds: ['GENERAL'], billingLevel }]);
      tokens[who] = await loginAs(app.url, login.loginName, login.password);
      staffNos[who] = login.staff[0]!.staffNo;
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('grants billing permissions by level: read to all three, operate from senior, operators to super only', async () => {
    const permissions = async (token: string) => ((await gqlRequest(app.url, PERMISSIONS, {}, token)).data!.viewer.permissions as string[]).filter((p) => p.startsWith('billing:')).sort();
    expect(await permissions(tokens.super)).toEqual(['billing:operate', 'billing:operators', 'billing:read']);
    expect(await permissions(tokens.senior)).toEqual(['billing:operate', 'billing:read']);
    expect(await permissions(tokens.normal)).toEqual(['billing:read']);
    expect(await permissions(tokens.none)).toEqual([]);
  });

  it('shows the super user every operator and the others only themselves; refuses staff without a level', async () => {
    const all = (await gqlRequest(app.url, OPERATORS, {}, tokens.super)).data!.billingOperators.map((o: { staffNo: string }) => o.staffNo);
    expect(all).toEqual(expect.arrayContaining([staffNos.super, staffNos.senior, staffNos.normal]));
    expect(all).not.toContain(staffNos.none);
    expect((await gqlRequest(app.url, OPERATORS, {}, tokens.senior)).data!.billingOperators).toEqual([{ staffNo: staffNos.senior, level: 'SENIOR' }]);
    expect((await gqlRequest(app.url, OPERATORS, {}, tokens.normal)).data!.billingOperators).toEqual([{ staffNo: staffNos.normal, level: 'NORMAL' }]);
    expect((await gqlRequest(app.url, OPERATORS, {}, tokens.none)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets only the super user appoint, and the appointed session gets its permissions at the next request', async () => {
    const refused = await gqlRequest(app.url, SET, { input: { staffNo: staffNos.none, level: 'SENIOR' } }, tokens.senior);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toContain('billing:operators');

    const appointed = await gqlRequest(app.url, SET, { input: { staffNo: staffNos.none, level: 'NORMAL' } }, tokens.super);
    expect(appointed.data!.setBillingLevel).toEqual({ ok: true, error: null, operator: { staffNo: staffNos.none, level: 'NORMAL' } });
    await expect.poll(async () => (await gqlRequest(app.url, PERMISSIONS, {}, tokens.none)).data!.viewer.permissions).toContain('billing:read');

    const removed = await gqlRequest(app.url, SET, { input: { staffNo: staffNos.none, level: null } }, tokens.super);
    expect(removed.data!.setBillingLevel).toEqual({ ok: true, error: null, operator: null });
    await expect.poll(async () => (await gqlRequest(app.url, PERMISSIONS, {}, tokens.none)).data!.viewer.permissions).not.toContain('billing:read');
    const audit = await app.prisma.auditEntry.findMany({ where: { action: { startsWith: 'billing-operator.' } }, orderBy: { id: 'asc' }, select: { action: true, summary: true } });
    expect(audit.map((entry) => entry.action)).toEqual(['billing-operator.appoint', 'billing-operator.remove']);
    expect(audit[0]!.summary).toContain('none → NORMAL');
  });

  it('refuses a super user changing their own level, and unknown staff numbers, naming the problem', async () => {
    const self = await gqlRequest(app.url, SET, { input: { staffNo: staffNos.super, level: 'NORMAL' } }, tokens.super);
    expect(self.data!.setBillingLevel.error).toMatchObject({ code: 'SELF', field: 'staffNo' });
    const unknown = await gqlRequest(app.url, SET, { input: { staffNo: 'NOPE404', level: 'NORMAL' } }, tokens.super);
    expect(unknown.data!.setBillingLevel.error).toMatchObject({ code: 'NOT_FOUND', message: 'There is no staff number NOPE404.' });
  });
});
