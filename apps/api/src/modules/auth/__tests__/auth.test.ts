import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLogSink } from '../../../lib/logger.ts';
import { createLogin, createOrganisation } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { LOGIN, SELECT_STAFF, loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const PING = 'mutation { ping }';
const VIEWER = '{ viewer { loginName staff { staffNo } staffChoices { staffNo } menus permissions idleTimeoutMinutes } }';

describe.each(testBackends())('login and sessions (%s)', (backend) => {
  let app: TestApp;
  let orgId: number;

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { auth: { idleTimeoutMinutes: 30, maxFailedLogins: 5, lockoutMinutes: 15 } } });
    orgId = (await createOrganisation(app.prisma)).id;
  });
  afterAll(() => app?.close());

  it('opens a session with the staff number selected when the account owns exactly one', async () => {
    const account = await createLogin(app.prisma, [{ organisationId: orgId, kinds: ['GENERAL'], menus: ['help', 'help.about'] }]);
    const result = await gqlRequest(app.url, LOGIN, { input: { loginName: account.loginName, password: account.password } });
    expect(result.data?.login).toMatchObject({ ok: true, error: null, viewer: { staff: { staffNo: account.staff[0].staffNo }, menus: ['help', 'help.about'] } });
    const token = result.data!.login.token;
    expect(typeof token).toBe('string');
    expect((await gqlRequest(app.url, PING, {}, token)).data).toEqual({ ping: true });
  });

  it('asks an account with several staff numbers to pick one, and only one of its own', async () => {
    const account = await createLogin(app.prisma, [
      { organisationId: orgId, kinds: ['SYSTEM_ADMIN'], menus: ['system', 'system.staff'] },
      { organisationId: orgId, kinds: ['GENERAL'], menus: ['help'] },
    ]);
    const other = await createLogin(app.prisma, [{ organisationId: orgId }]);
    const login = await gqlRequest(app.url, LOGIN, { input: { loginName: account.loginName, password: account.password } });
    expect(login.data?.login.ok).toBe(true);
    expect(login.data?.login.viewer.staff).toBeNull();
    expect(login.data?.login.viewer.staffChoices.map((s: { staffNo: string }) => s.staffNo).sort()).toEqual(account.staff.map((s) => s.staffNo).sort());
    const token = login.data!.login.token;

    const beforeChoice = await gqlRequest(app.url, PING, {}, token);
    expect(beforeChoice.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'STAFF_NOT_SELECTED' });

    const stolen = await gqlRequest(app.url, SELECT_STAFF, { input: { staffId: String(other.staff[0].id) } }, token);
    expect(stolen.data?.selectStaff).toMatchObject({ ok: false, error: { code: 'NOT_YOUR_STAFF_NUMBER', field: 'staffId' } });

    const chosen = await gqlRequest(app.url, SELECT_STAFF, { input: { staffId: String(account.staff[0].id) } }, token);
    expect(chosen.data?.selectStaff).toMatchObject({ ok: true, viewer: { staff: { staffNo: account.staff[0].staffNo }, menus: ['system', 'system.staff'] } });
    expect(chosen.data?.selectStaff.viewer.permissions).toContain('staff:read');
    expect((await gqlRequest(app.url, PING, {}, token)).data).toEqual({ ping: true });
  });

  it('refuses a wrong password or unknown login with the same answer', async () => {
    const account = await createLogin(app.prisma, [{ organisationId: orgId }]);
    const wrong = await gqlRequest(app.url, LOGIN, { input: { loginName: account.loginName, password: 'nope' } });
    const unknown = await gqlRequest(app.url, LOGIN, { input: { loginName: 'nobody-here', password: 'nope' } });
    for (const result of [wrong, unknown]) {
      expect(result.data?.login).toMatchObject({ ok: false, token: null, viewer: null, error: { code: 'INVALID_CREDENTIALS' } });
    }
  });

  it('locks the account after repeated failures, even for the right password, until the lockout passes', async () => {
    const account = await createLogin(app.prisma, [{ organisationId: orgId }]);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await gqlRequest(app.url, LOGIN, { input: { loginName: account.loginName, password: `bad-${i}` } });
      codes.push(result.data?.login.error.code);
    }
    expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED']);
    const right = await gqlRequest(app.url, LOGIN, { input: { loginName: account.loginName, password: account.password } });
    expect(right.data?.login).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    expect(right.data?.login.error.message).toMatch(/locked for 15 more minute/);

    app.clock.advance(16 * 60_000);
    const later = await gqlRequest(app.url, LOGIN, { input: { loginName: account.loginName, password: account.password } });
    expect(later.data?.login.ok).toBe(true);
  });

  it('refuses an account with no active staff number', async () => {
    const account = await createLogin(app.prisma, [{ organisationId: orgId, active: false }]);
    const result = await gqlRequest(app.url, LOGIN, { input: { loginName: account.loginName, password: account.password } });
    expect(result.data?.login).toMatchObject({ ok: false, error: { code: 'NO_STAFF_NUMBER' } });
  });

  it('ends the session on logout: the token is refused afterwards as expired', async () => {
    const account = await createLogin(app.prisma, [{ organisationId: orgId }]);
    const token = await loginAs(app.url, account.loginName, account.password);
    expect((await gqlRequest(app.url, 'mutation { logout { ok } }', {}, token)).data).toEqual({ logout: { ok: true } });
    const after = await gqlRequest(app.url, PING, {}, token);
    expect(after.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_EXPIRED' });
    expect((await gqlRequest(app.url, VIEWER, {}, token)).data).toEqual({ viewer: null });
  });

  it('ends a session idle for longer than the configured limit', async () => {
    const account = await createLogin(app.prisma, [{ organisationId: orgId }]);
    const token = await loginAs(app.url, account.loginName, account.password);
    app.clock.advance(29 * 60_000);
    expect((await gqlRequest(app.url, PING, {}, token)).data).toEqual({ ping: true });
    app.clock.advance(31 * 60_000);
    const idle = await gqlRequest(app.url, PING, {}, token);
    expect(idle.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_EXPIRED' });
    const session = await app.prisma.session.findFirstOrThrow({ where: { user: { loginName: account.loginName } } });
    expect(session.endReason).toBe('IDLE');
  });

  it('tells a garbage token and a missing token apart, without crashing', async () => {
    const garbage = await gqlRequest(app.url, PING, {}, 'not-a-token');
    expect(garbage.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED', reason: 'UNAUTHENTICATED' } });
    expect(garbage.errors?.[0].message).toMatch(/not valid/);
    const none = await gqlRequest(app.url, PING, {});
    expect(none.errors?.[0].message).toMatch(/Log in first/);
  });

  it('validates login input and never writes a password to the log', async () => {
    const lines: string[] = [];
    const restore = setLogSink((line) => lines.push(line));
    try {
      const secret = 'S3cret-Pass-Phrase-xyz';
      await gqlRequest(app.url, LOGIN, { input: { loginName: 'someone', password: secret } });
      const empty = await gqlRequest(app.url, LOGIN, { input: { loginName: '  ', password: secret } });
      expect(empty.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'loginName' } });
      const malformed = await gqlRequest(app.url, LOGIN, { input: { loginName: 'x', password: 42 } });
      expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(lines.join('\n')).not.toContain(secret);
    } finally {
      restore();
    }
  });
});
