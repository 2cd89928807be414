import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation, createPositionType } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { submitOrders } from '../../../testing/orders.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';
import { lastAllowedDay } from '../install-statistics.service.ts';

/** Monday 2 March 2026, 09:00 in Shanghai. */
const START = new Date('2026-03-02T01:00:00Z');
const DAY = '2026-03-02';

const STATISTICS = /* GraphQL */ `
  query($input: InstallStatisticsInput!) { installStatistics(input: $input) {
    ok error { code message field }
    statistics { from to groupBy timeZone rows { key name nameEn installsCompleted movesCompleted removalsCompleted received inFlight } }
  } }`;
const ORDERS = /* GraphQL */ `
  query($input: InstallStatisticsOrdersInput!) { installStatisticsOrders(input: $input) {
    ok error { code message } total orders { orderId orderNo kind state workOrderNo teamName installerName installerStaffNo }
  } }`;

describe('lastAllowedDay', () => {
  it('is the day before the same day three months later, clamped to shorter months', () => {
    expect(lastAllowedDay('2026-01-01')).toBe('2026-03-31');
    expect(lastAllowedDay('2026-03-15')).toBe('2026-06-14');
    expect(lastAllowedDay('2026-11-30')).toBe('2027-02-27');
    expect(lastAllowedDay('2027-11-30')).toBe('2028-02-28');
  });
});

describe.each(testBackends())('install statistics (%s)', (backend) => {
  let app: TestApp;
  const token: Record<string, string> = {};
  let city: { id: number; code: string };
  let d: { id: number; code: string };
  let e: { id: number; code: string };
  let team: { id: number; name: string };
  let installer: { id: number; name: string; staffNo: string };
  const order: Record<string, string> = {};

  const read = async (input: Record<string, unknown>, who = 'admin') => {
    const result = await gqlRequest(app.url, STATISTICS, { input }, token[who]);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data.installStatistics;
  };
  const rowsBy = async (groupBy: string, who = 'admin') => {
    const result = await read({ from: DAY, to: DAY, groupBy }, who);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    return result.statistics.rows as { key: string | null; name: string | null; installsCompleted: number; movesCompleted: number; removalsCompleted: number; received: number; inFlight: number }[];
  };

  /**
   * Completes the order's open work orders, whatever its steps, until it is completed; its field work
   * (steps of kind FIELD_WORK) is then recorded as done in `teamPositionId` by `staffId`, as if the
   * team's installer had claimed and completed it.
   */
  async function completeOrder(orderId: string, fieldWork?: { positionId: number; staffId: number }) {
    for (let round = 0; round < 15; round++) {
      const result = await gqlRequest(app.url, 'query($id: ID!) { order(id: $id) { state workOrders { id state step { code kind } } } }', { id: orderId }, token.admin);
      const current = result.data.order;
      if (current.state === 'COMPLETED') {
        if (fieldWork) {
          const field = current.workOrders.filter((w: { step: { kind: string } }) => w.step.kind === 'FIELD_WORK').map((w: { id: string }) => Number(w.id));
          expect(field.length, `order ${orderId} has field work`).toBeGreaterThan(0);
          await app.prisma.workOrder.updateMany({ where: { id: { in: field } }, data: fieldWork });
        }
        return;
      }
      const open = current.workOrders.filter((w: { state: string }) => ['PENDING', 'IN_PROGRESS'].includes(w.state));
      expect(open.length, `order ${orderId} is stuck: ${JSON.stringify(current)}`).toBeGreaterThan(0);
      for (const w of open) {
        const done = await gqlRequest(app.url, 'mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ok error { message } } }', { input: { workOrderId: w.id } }, token.admin);
        expect(done.data?.completeWorkOrder, JSON.stringify(done)).toMatchObject({ ok: true });
      }
    }
    throw new Error(`order ${orderId} never completed`);
  }

  beforeAll(async () => {
    app = await startTestApp(backend, { startAt: START, config: { crmPollMs: 60_000 } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    city = await createOrganisation(app.prisma, { parentId: province.id, level: 'CITY' });
    d = await createOrganisation(app.prisma, { parentId: city.id, level: 'DISTRICT' });
    e = await createOrganisation(app.prisma, { parentId: city.id, level: 'DISTRICT' });
    const grid = await createOrganisation(app.prisma, { parentId: d.id, level: 'GRID' });
    const admin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN', 'WORK_ORDER'] }]);
    const viewerE = await createLogin(app.prisma, [{ organisationId: e.id, kinds: ['GENERAL'] }]);
    token.admin = await loginAs(app.url, admin.loginName, admin.password);
    token.viewerE = await loginAs(app.url, viewerE.loginName, viewerE.password);

    const type = await createPositionType(app.prisma, 'WORK_ORDER');
    const position = await app.prisma.position.create({ data: { code: 'STAT-TEAM-Q', name: '统计装维组岗位', organisationId: grid.id, positionTypeId: type.id } });
    team = await app.prisma.team.create({ data: { code: 'STAT-TEAM', name: '统计装维组', organisationId: grid.id, positionId: position.id } });
    installer = await app.prisma.staff.create({ data: { staffNo: 'STATI01', name: '装维员乙', phone: '13822223333', organisationId: grid.id } });
    // An operator's own business code for promotional installs, run by the install workflow.
    await app.prisma.businessWorkflow.create({ data: { businessCode: 'BB_NEW_PROMO', name: '宽带新装促销', nameEn: 'Broadband promo install', iomWorkflowCode: 'BROADBAND_NEW' } });

    const accepted = START.toISOString();
    [{ id: order.install }, { id: order.promo }, { id: order.removal }, { id: order.move }, { id: order.open }, { id: order.fixed }] = await submitOrders(app, token.admin, [
      { businessCode: 'BROADBAND_NEW', orderType: 'NEW', areaCode: grid.code, acceptedAt: accepted },
      { businessCode: 'BB_NEW_PROMO', orderType: 'NEW', areaCode: d.code, acceptedAt: accepted },
      { businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', areaCode: grid.code, acceptedAt: accepted },
      { businessCode: 'BROADBAND_MOVE', orderType: 'MOVE', areaCode: e.code, acceptedAt: accepted },
      { businessCode: 'BROADBAND_NEW', orderType: 'NEW', areaCode: e.code, acceptedAt: accepted },
      { businessCode: 'FIXED_NEW', orderType: 'NEW', areaCode: d.code, acceptedAt: accepted },
    ]);
    const fieldWork = { positionId: position.id, staffId: installer.id };
    await completeOrder(order.install, fieldWork);
    await completeOrder(order.promo);
    await completeOrder(order.removal, fieldWork);
    await completeOrder(order.move);
    await completeOrder(order.fixed);
  });
  afterAll(async () => app?.close());

  it('counts completed installs, moves and removals by city (business codes through their workflow mapping), with received and in flight', async () => {
    const rows = await rowsBy('CITY');
    expect(rows).toEqual([{ key: String(city.id), name: expect.any(String), nameEn: expect.any(String), installsCompleted: 2, movesCompleted: 1, removalsCompleted: 1, received: 5, inFlight: 1 }]);
  });

  it('by district: a grid counts in its district', async () => {
    const rows = await rowsBy('DISTRICT');
    expect(rows.find((r) => r.key === String(d.id))).toMatchObject({ installsCompleted: 2, movesCompleted: 0, removalsCompleted: 1, received: 3, inFlight: 0 });
    expect(rows.find((r) => r.key === String(e.id))).toMatchObject({ installsCompleted: 0, movesCompleted: 1, removalsCompleted: 0, received: 2, inFlight: 1 });
    expect(rows).toHaveLength(2);
  });

  it('by team and installer of the field work; work without either is one row without a key', async () => {
    const teams = await rowsBy('TEAM');
    expect(teams.find((r) => r.key === String(team.id))).toMatchObject({ name: team.name, installsCompleted: 1, removalsCompleted: 1, movesCompleted: 0 });
    expect(teams.find((r) => r.key === null)).toMatchObject({ installsCompleted: 1, movesCompleted: 1, removalsCompleted: 0, inFlight: 1 });
    const installers = await rowsBy('INSTALLER');
    expect(installers.find((r) => r.key === String(installer.id))).toMatchObject({ name: `${installer.name} (${installer.staffNo})`, installsCompleted: 1, removalsCompleted: 1 });
  });

  it('counts only the days of the range', async () => {
    const result = await read({ from: '2026-03-01', to: '2026-03-01', groupBy: 'CITY' });
    expect(result).toMatchObject({ ok: true, statistics: { rows: [] } });
  });

  it('drills down from a cell to its orders and field work orders', async () => {
    const result = await gqlRequest(app.url, ORDERS, { input: { from: DAY, to: DAY, groupBy: 'TEAM', key: String(team.id), kind: 'INSTALL', measure: 'COMPLETED' } }, token.admin);
    expect(result.data.installStatisticsOrders).toMatchObject({ ok: true, total: 1, orders: [{ orderId: order.install, kind: 'INSTALL', state: 'COMPLETED', teamName: team.name, installerName: installer.name }] });
    expect(result.data.installStatisticsOrders.orders[0].workOrderNo).toBeTruthy();
    const inFlight = await gqlRequest(app.url, ORDERS, { input: { from: DAY, to: DAY, groupBy: 'DISTRICT', key: String(e.id), measure: 'IN_FLIGHT' } }, token.admin);
    expect(inFlight.data.installStatisticsOrders.orders.map((o: { orderId: string }) => o.orderId)).toEqual([order.open]);
  });

  it('keeps to the viewer’s data permissions', async () => {
    const rows = await rowsBy('DISTRICT', 'viewerE');
    expect(rows.map((r) => r.key)).toEqual([String(e.id)]);
    const hidden = await gqlRequest(app.url, ORDERS, { input: { from: DAY, to: DAY, groupBy: 'DISTRICT', key: String(d.id), measure: 'COMPLETED' } }, token.viewerE);
    expect(hidden.data.installStatisticsOrders).toMatchObject({ ok: true, total: 0, orders: [] });
  });

  it('refuses a range longer than 3 months, naming the limit', async () => {
    expect(await read({ from: '2026-01-01', to: '2026-03-31', groupBy: 'CITY' })).toMatchObject({ ok: true });
    const refused = await read({ from: '2026-01-01', to: '2026-04-01', groupBy: 'CITY' });
    expect(refused).toEqual({ ok: false, statistics: null, error: { code: 'RANGE_TOO_LONG', field: 'to', message: 'The range may span at most 3 months: starting on 2026-01-01, the last day allowed is 2026-03-31.' } });
    expect(await read({ from: '2026-03-02', to: '2026-03-01', groupBy: 'CITY' })).toMatchObject({ ok: false, error: { code: 'RANGE_REVERSED' } });
    const drill = await gqlRequest(app.url, ORDERS, { input: { from: '2025-01-01', to: '2026-01-01', groupBy: 'CITY', measure: 'COMPLETED' } }, token.admin);
    expect(drill.data.installStatisticsOrders).toMatchObject({ ok: false, error: { code: 'RANGE_TOO_LONG' } });
    const malformed = await gqlRequest(app.url, STATISTICS, { input: { from: '2026-02-30', to: '2026-03-01', groupBy: 'CITY' } }, token.admin);
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
