import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { collect, gqlRequest, wsClient } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const START = new Date('2026-11-02T09:00:00+08:00');
const REPORT = /* GraphQL */ `
  mutation ($deviceCode: String!, $fixes: [LocationFixInput!]!) {
    reportLocations(deviceCode: $deviceCode, fixes: $fixes) { accepted rejected { index reason message } }
  }`;
const REGISTER_MINE = 'mutation ($code: String!) { registerMyLocationDevice(input: { deviceCode: $code }) { device { id deviceCode staffNo active } error { code message } } }';
const REGISTER = 'mutation ($input: RegisterLocationDeviceInput!) { registerLocationDevice(input: $input) { device { id deviceCode staffNo active } error { code message } } }';

describe.each(testBackends())('location ingestion (%s)', (backend) => {
  let app: TestApp;
  let installer: string;
  let installerId: number;
  let installerNo: string;
  let other: string;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp(backend, { startAt: START });
    const org = await createOrganisation(app.prisma);
    const installerLogin = await createLogin(app.prisma, [{ organisationId: org.id, kinds: ['WORK_ORDER'] }]);
    const otherLogin = await createLogin(app.prisma, [{ organisationId: org.id, kinds: ['WORK_ORDER'] }]);
    const adminLogin = await createLogin(app.prisma, [{ organisationId: org.id, kinds: ['SYSTEM_ADMIN'] }]);
    installer = await loginAs(app.url, installerLogin.loginName, installerLogin.password);
    installerId = installerLogin.staff[0]!.id;
    installerNo = installerLogin.staff[0]!.staffNo;
    other = await loginAs(app.url, otherLogin.loginName, otherLogin.password);
    admin = await loginAs(app.url, adminLogin.loginName, adminLogin.password);
  });
  afterAll(() => app?.close());

  const now = () => app.services.clock.now().getTime();
  const fix = (offsetMs: number, latitude = 23.13, longitude = 113.33, accuracy: number | null = 8) => ({ at: new Date(now() + offsetMs).toISOString(), latitude, longitude, accuracy });
  async function device(token: string) {
    const code = unique('PHONE-');
    const registered = await gqlRequest(app.url, REGISTER_MINE, { code }, token);
    expect(registered.errors).toBeUndefined();
    expect(registered.data.registerMyLocationDevice.device.active).toBe(true);
    return code;
  }

  it('refuses each bad fix with its index and reason and keeps the rest', async () => {
    const code = await device(installer);
    const fixes = [
      fix(-60_000, 23.1301, 113.3301),
      fix(-50_000, 91, 113.33),
      fix(-40_000, 23.13, -181),
      fix(10 * 60_000),
      fix(-31 * 86_400_000),
      fix(-30_000, 23.1302, 113.3302, -1),
      fix(-20_000, 23.1305, 113.3305),
      fix(60_000, 23.1306, 113.3306), // within the 120 s skew: kept
    ];
    const result = await gqlRequest(app.url, REPORT, { deviceCode: code, fixes }, installer);
    expect(result.errors).toBeUndefined();
    const { accepted, rejected } = result.data.reportLocations;
    expect(accepted).toBe(3);
    expect(rejected.map((r: { index: number; reason: string }) => [r.index, r.reason])).toEqual([
      [1, 'OUT_OF_RANGE'],
      [2, 'OUT_OF_RANGE'],
      [3, 'IN_FUTURE'],
      [4, 'TOO_OLD'],
      [5, 'OUT_OF_RANGE'],
    ]);
    expect(rejected[0].message).toContain('latitude 91');
    const stored = await app.prisma.staffLocation.findMany({ where: { staffId: installerId }, orderBy: { at: 'asc' } });
    expect(stored.map((row) => row.latitude)).toEqual([23.1301, 23.1305, 23.1306]);
    // The newest position is the newest fix, not the last one sent.
    const last = await app.prisma.staffLastLocation.findUniqueOrThrow({ where: { staffId: installerId } });
    expect(last.latitude).toBe(23.1306);
    // An older batch arriving late leaves the newest position alone.
    await gqlRequest(app.url, REPORT, { deviceCode: code, fixes: [fix(-300_000, 23.2, 113.4)] }, installer);
    expect((await app.prisma.staffLastLocation.findUniqueOrThrow({ where: { staffId: installerId } })).latitude).toBe(23.1306);
    expect((await app.prisma.locationDevice.findUniqueOrThrow({ where: { deviceCode: code } })).lastSeenAt).not.toBeNull();
  });

  it('refuses every fix of an unknown, someone else’s or switched-off device', async () => {
    const unknown = await gqlRequest(app.url, REPORT, { deviceCode: unique('NOPE-'), fixes: [fix(-1000), fix(-500)] }, installer);
    expect(unknown.data.reportLocations).toMatchObject({ accepted: 0, rejected: [{ index: 0, reason: 'UNKNOWN_DEVICE' }, { index: 1, reason: 'UNKNOWN_DEVICE' }] });
    const othersDevice = await device(other);
    const stolen = await gqlRequest(app.url, REPORT, { deviceCode: othersDevice, fixes: [fix(-1000)] }, installer);
    expect(stolen.data.reportLocations.rejected[0].reason).toBe('UNKNOWN_DEVICE');
    const taken = await gqlRequest(app.url, REGISTER_MINE, { code: othersDevice }, installer);
    expect(taken.data.registerMyLocationDevice).toMatchObject({ device: null, error: { code: 'DEVICE_TAKEN' } });

    const mine = await device(installer);
    const off = await gqlRequest(app.url, REGISTER, { input: { deviceCode: mine, staffNo: installerNo, active: false } }, admin);
    expect(off.data.registerLocationDevice.device).toMatchObject({ deviceCode: mine, active: false });
    const refused = await gqlRequest(app.url, REPORT, { deviceCode: mine, fixes: [fix(-1000)] }, installer);
    expect(refused.data.reportLocations.rejected[0].reason).toBe('INACTIVE_DEVICE');
    // Only administrators register others' devices.
    const forbidden = await gqlRequest(app.url, REGISTER, { input: { deviceCode: mine, staffNo: installerNo, active: true } }, installer);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const audit = await app.prisma.auditEntry.findFirst({ where: { entityType: 'location-device', action: 'location-device.update' } });
    expect(audit?.summary).toContain(mine);
  });

  it('takes reports from devices on POST /locations with the session token', async () => {
    const code = await device(installer);
    const post = (body: unknown, token?: string) =>
      fetch(`${app.url}/locations`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const anonymous = await post({ deviceCode: code, fixes: [fix(-1000)] });
    expect(anonymous.status).toBe(401);
    const badToken = await post({ deviceCode: code, fixes: [fix(-1000)] }, 'not-a-token');
    expect(badToken.status).toBe(401);
    const empty = await post({ deviceCode: code, fixes: [] }, installer);
    expect(empty.status).toBe(400);
    const before = await app.prisma.staffLocation.count({ where: { staffId: installerId } });
    const response = await post({ deviceCode: code, fixes: [fix(-2000, 23.14, 113.34), { at: 'yesterday', latitude: 23.1, longitude: 113.3 }, { ...fix(-1000), latitude: '23.1' }, fix(-500, 23.141, 113.341)] }, installer);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { accepted: number; rejected: { index: number; reason: string }[] };
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r: { index: number; reason: string }) => [r.index, r.reason])).toEqual([
      [1, 'OUT_OF_RANGE'],
      [2, 'OUT_OF_RANGE'],
    ]);
    expect(await app.prisma.staffLocation.count({ where: { staffId: installerId } })).toBe(before + 2);
  });

  it('publishes moved staff to map subscribers in their scope', async () => {
    const mapOrg = await createOrganisation(app.prisma);
    const dispatcherLogin = await createLogin(app.prisma, [{ organisationId: mapOrg.id, kinds: ['WORK_ORDER'] }]);
    const moverLogin = await createLogin(app.prisma, [{ organisationId: mapOrg.id, kinds: ['WORK_ORDER'] }]);
    const dispatcher = await loginAs(app.url, dispatcherLogin.loginName, dispatcherLogin.password);
    const mover = await loginAs(app.url, moverLogin.loginName, moverLogin.password);
    const client = wsClient(app.wsUrl, dispatcher);
    const events = collect(client, 'subscription { staffLocationsChanged { staffNo latitude longitude } }');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Someone outside the dispatcher's scope moves: no event for them.
    await gqlRequest(app.url, REPORT, { deviceCode: await device(installer), fixes: [fix(-100, 23.15, 113.35)] }, installer);
    await gqlRequest(app.url, REPORT, { deviceCode: await device(mover), fixes: [fix(-100, 23.16, 113.36)] }, mover);
    await events.until(() => events.events.length > 0);
    expect(events.events[0].staffLocationsChanged).toEqual([{ staffNo: moverLogin.staff[0]!.staffNo, latitude: 23.16, longitude: 113.36 }]);
    events.unsubscribe();
    await client.dispose();
  });

  it('purges positions older than the retention', async () => {
    const code = await device(other);
    const staffId = (await app.prisma.locationDevice.findUniqueOrThrow({ where: { deviceCode: code } })).staffId;
    await gqlRequest(app.url, REPORT, { deviceCode: code, fixes: [fix(-29 * 86_400_000), fix(-10 * 86_400_000), fix(-1000)] }, other);
    expect(await app.prisma.staffLocation.count({ where: { staffId } })).toBe(3);
    // Two days later the 29-day-old fix is past the 30-day retention; the others stay.
    app.clock.advance(2 * 86_400_000);
    await app.services.locations.purgeLoop.kick();
    const kept = await app.prisma.staffLocation.findMany({ where: { staffId }, select: { at: true } });
    expect(kept).toHaveLength(2);
    expect(Math.min(...kept.map((row) => row.at.getTime()))).toBeGreaterThan(now() - 30 * 86_400_000);
  });
});
