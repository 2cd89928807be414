import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation } from '../../../testing/factories.ts';
import { collect, gqlRequest, wsClient } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const ONLINE_CHANGED = 'subscription { onlineStaffChanged { change sessionId staff { staffNo } } }';
const ONLINE = '{ onlineStaff { sessionId hostAddress loginAt staff { staffNo } } }';

describe.each(testBackends())('online staff, live (%s)', (backend) => {
  let app: TestApp;
  let districtA: number;
  let districtB: number;
  let adminToken: string;

  beforeAll(async () => {
    app = await startTestApp(backend);
    const city = await createOrganisation(app.prisma, { level: 'CITY' });
    districtA = (await createOrganisation(app.prisma, { parentId: city.id })).id;
    districtB = (await createOrganisation(app.prisma, { parentId: city.id })).id;
    const admin = await createLogin(app.prisma, [{ organisationId: districtA, kinds: ['SYSTEM_ADMIN'] }]);
    adminToken = await loginAs(app.url, admin.loginName, admin.password);
  });
  afterAll(() => app?.close());

  it('lists who is online and pushes log-ins and log-outs within the subscriber’s data permissions', async () => {
    const client = wsClient(app.wsUrl, adminToken);
    const events = collect(client, ONLINE_CHANGED);
    // Let the subscription register before acting.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const inside = await createLogin(app.prisma, [{ organisationId: districtA }]);
    const outside = await createLogin(app.prisma, [{ organisationId: districtB }]);
    const outsideToken = await loginAs(app.url, outside.loginName, outside.password);
    const insideToken = await loginAs(app.url, inside.loginName, inside.password);

    await events.until(() => events.events.length >= 1);
    expect(events.events[0].onlineStaffChanged).toMatchObject({ change: 'LOGGED_IN', staff: { staffNo: inside.staff[0].staffNo } });

    const online = await gqlRequest(app.url, ONLINE, {}, adminToken);
    const staffNos = online.data!.onlineStaff.map((row: { staff: { staffNo: string } }) => row.staff.staffNo);
    expect(staffNos).toContain(inside.staff[0].staffNo);
    expect(staffNos).not.toContain(outside.staff[0].staffNo);

    await gqlRequest(app.url, 'mutation { logout { ok } }', {}, insideToken);
    await gqlRequest(app.url, 'mutation { logout { ok } }', {}, outsideToken);
    await events.until(() => events.events.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.events.map((event) => event.onlineStaffChanged.change)).toEqual(['LOGGED_IN', 'LOGGED_OUT']);
    expect(events.errors).toEqual([]);
    await client.dispose();
  });

  it('closes a WebSocket that presents an invalid token, with a reason', async () => {
    const socket = new WebSocket(app.wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authToken: 'forged' } }));
    const [code, reason] = await new Promise<[number, string]>((resolve) => socket.once('close', (c, r) => resolve([c, r.toString()])));
    expect(code).toBe(4401);
    expect(reason).toMatch(/Invalid session token/);
  });

  it('ends the subscriptions of a session that is forced out, and the token stops working', async () => {
    const victim = await createLogin(app.prisma, [{ organisationId: districtA, kinds: ['SYSTEM_ADMIN'] }]);
    const victimToken = await loginAs(app.url, victim.loginName, victim.password);
    let closeCode = 0;
    const client = wsClient(app.wsUrl, victimToken, { on: { closed: (event) => (closeCode = (event as { code: number }).code) } });
    const events = collect(client, ONLINE_CHANGED);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const online = await gqlRequest(app.url, ONLINE, {}, adminToken);
    const session = online.data!.onlineStaff.find((row: { staff: { staffNo: string } }) => row.staff.staffNo === victim.staff[0].staffNo);
    const forced = await gqlRequest(app.url, 'mutation($input: ForceLogoutInput!) { forceLogout(input: $input) { ok error { code } } }', { input: { sessionId: session.sessionId } }, adminToken);
    expect(forced.data).toEqual({ forceLogout: { ok: true, error: null } });

    await events.until(() => closeCode !== 0 || events.errors.length > 0);
    expect(closeCode === 4401 || JSON.stringify(events.errors).includes('UNAUTHENTICATED')).toBe(true);
    const after = await gqlRequest(app.url, 'mutation { ping }', {}, victimToken);
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const again = await gqlRequest(app.url, 'mutation($input: ForceLogoutInput!) { forceLogout(input: $input) { ok error { code } } }', { input: { sessionId: session.sessionId } }, adminToken);
    expect(again.data).toEqual({ forceLogout: { ok: false, error: { code: 'SESSION_NOT_FOUND' } } });
    await client.dispose();
  });
});
