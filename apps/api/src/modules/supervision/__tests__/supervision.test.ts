import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiConfig } from '../../../config.ts';
import { createLogin, createOrganisation, createPositionType } from '../../../testing/factories.ts';
import { collect, gqlRequest, wsClient } from '../../../testing/graphql-client.ts';
import { submitOrders } from '../../../testing/orders.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const START = new Date('2026-03-02T01:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const LISTS = /* GraphQL */ `
  query($filter: SupervisionFilter) { supervision(first: 50, filter: $filter) {
    asOf nextChangeAt thresholds { overdueHours warningHours claimTimeoutHours claimStepCodes }
    overdue { total rows { list orderId orderNo workOrderNo stepCode ageMinutes since teamName installerName installerPhone } }
    warning { total rows { list orderId orderNo workOrderNo stepCode ageMinutes since teamName installerName installerPhone } }
    claimTimeout { total rows { list orderId workOrderId workOrderNo stepCode ageMinutes since teamId teamName installerName installerPhone } }
  } }`;

interface Row {
  orderId: string;
  stepCode: string | null;
  ageMinutes: number;
  teamName: string | null;
  installerName: string | null;
  installerPhone: string | null;
  workOrderId?: string;
}
interface Lists {
  asOf: string;
  nextChangeAt: string | null;
  thresholds: { overdueHours: number; warningHours: number; claimTimeoutHours: number; claimStepCodes: string[] };
  overdue: { total: number; rows: Row[] };
  warning: { total: number; rows: Row[] };
  claimTimeout: { total: number; rows: Row[] };
}

/** Everything a supervision test needs: an app on its own database, a province with two districts, logins. */
async function setUp(backend: Parameters<typeof startTestApp>[0], supervision?: ApiConfig['supervision']) {
  // Sessions outlive the hours the clock jumps.
  const app = await startTestApp(backend, { startAt: START, config: { crmPollMs: 60_000, auth: { idleTimeoutMinutes: 7 * 24 * 60, maxFailedLogins: 5, lockoutMinutes: 15 }, ...(supervision ? { supervision } : {}) } });
  const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
  const city = await createOrganisation(app.prisma, { parentId: province.id, level: 'CITY' });
  const d = await createOrganisation(app.prisma, { parentId: city.id });
  const e = await createOrganisation(app.prisma, { parentId: city.id });
  const admin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN', 'WORK_ORDER'] }]);
  const viewerE = await createLogin(app.prisma, [{ organisationId: e.id, kinds: ['GENERAL'] }]);
  const token = { admin: await loginAs(app.url, admin.loginName, admin.password), viewerE: await loginAs(app.url, viewerE.loginName, viewerE.password) };
  const lists = async (who: keyof typeof token = 'admin', filter?: { areaId?: string; search?: string }): Promise<Lists> => {
    const read = await gqlRequest(app.url, LISTS, { filter }, token[who]);
    expect(read.errors, JSON.stringify(read.errors)).toBeUndefined();
    return read.data.supervision;
  };
  /**
   * Completes the order's open work orders, whatever its steps, until one of step `code` is open
   * (so the test does not depend on the template's chain); returns it.
   */
  const openStep = async (orderId: string, code: string) => {
    for (let round = 0; round < 12; round++) {
      const read = await gqlRequest(app.url, 'query($id: ID!) { order(id: $id) { workOrders { id state step { code } } } }', { id: orderId }, token.admin);
      const open = (read.data.order.workOrders as { id: string; state: string; step: { code: string } }[]).filter((w) => ['PENDING', 'IN_PROGRESS'].includes(w.state));
      const wanted = open.find((w) => w.step.code === code);
      if (wanted) return wanted;
      expect(open.length, `order ${orderId} has no open work order before ${code}`).toBeGreaterThan(0);
      for (const w of open) {
        const done = await gqlRequest(app.url, 'mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ok error { message } } }', { input: { workOrderId: w.id } }, token.admin);
        expect(done.data?.completeWorkOrder, JSON.stringify(done)).toMatchObject({ ok: true });
      }
    }
    throw new Error(`step ${code} never opened on order ${orderId}`);
  };
  return { app, d, e, city, token, lists, openStep };
}

const removal = (areaCode: string) => ({ businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', areaCode, acceptedAt: START.toISOString() });
const ids = (rows: Row[]) => rows.map((row) => row.orderId);

describe.each(testBackends())('supervision lists (%s)', (backend) => {
  describe('default thresholds: 36 h warning, 48 h overdue, 2 h unclaimed appointment', () => {
    let ctx: Awaited<ReturnType<typeof setUp>>;
    let inD: string;
    let inE: string;
    let fixedLine: string;
    let appointment: string;
    let team: { id: number; name: string };
    let installer: { name: string; phone: string | null };

    beforeAll(async () => {
      ctx = await setUp(backend);
      const { app } = ctx;
      // A flow of its own with an appointment step (the shipped templates may or may not have one):
      // START → DISPATCH (dispatch center) → APPOINTMENT (field work) → END.
      const template = await app.prisma.workflowTemplate.create({
        data: {
          code: 'SUP_TEST', version: 1, name: '督办测试', nameEn: 'Supervision test',
          steps: { create: [
            { code: 'START', name: '开始', nameEn: 'Start', kind: 'START' },
            { code: 'DISPATCH', name: '调度中心', nameEn: 'Dispatch center', kind: 'DISPATCH_CENTER', workOrderTypeCode: 'DISPATCH' },
            { code: 'APPOINTMENT', name: '预约', nameEn: 'Appointment', kind: 'FIELD_WORK', workOrderTypeCode: 'INSTALL' },
            { code: 'END', name: '结束', nameEn: 'End', kind: 'END' },
          ] },
        },
        include: { steps: true },
      });
      const step = (code: string) => template.steps.find((s) => s.code === code)!.id;
      await app.prisma.workflowTransition.createMany({ data: [['START', 'DISPATCH'], ['DISPATCH', 'APPOINTMENT'], ['APPOINTMENT', 'END']].map(([from, to]) => ({ templateId: template.id, fromStepId: step(from), toStepId: step(to) })) });
      await app.prisma.iomWorkflow.create({ data: { code: 'SUP_TEST', name: '督办测试', nameEn: 'Supervision test', templateCode: 'SUP_TEST' } });
      await app.prisma.businessWorkflow.create({ data: { businessCode: 'SUP_TEST', name: '督办测试', nameEn: 'Supervision test', iomWorkflowCode: 'SUP_TEST' } });

      // An installation team in d with an installer.
      const type = await createPositionType(app.prisma, 'WORK_ORDER');
      const position = await app.prisma.position.create({ data: { code: 'SUP-TEAM-Q', name: '测试装维组岗位', organisationId: ctx.d.id, positionTypeId: type.id } });
      team = await app.prisma.team.create({ data: { code: 'SUP-TEAM', name: '测试装维组', organisationId: ctx.d.id, positionId: position.id } });
      const staff = await app.prisma.staff.create({ data: { staffNo: 'SUPI01', name: '装维员甲', phone: '13811112222', organisationId: ctx.d.id } });
      installer = { name: staff.name, phone: staff.phone };

      [{ id: inD }, { id: inE }, { id: fixedLine }, { id: appointment }] = await submitOrders(app, ctx.token.admin, [
        removal(ctx.d.code),
        removal(ctx.e.code),
        // A fixed-line install has no dispatch-center step: never supervised.
        { businessCode: 'FIXED_NEW', orderType: 'NEW', areaCode: ctx.d.code, acceptedAt: START.toISOString() },
        { businessCode: 'SUP_TEST', orderType: 'NEW', areaCode: ctx.d.code, acceptedAt: START.toISOString() },
      ]);
      // The dispatch center chose the team for the appointment and the installer for the order.
      await app.prisma.orderStepHandler.create({ data: { orderId: Number(appointment), stepCode: 'APPOINTMENT', positionId: position.id } });
      await app.prisma.orderStepHandler.create({ data: { orderId: Number(inD), stepCode: 'LATER_FIELD_STEP', staffId: staff.id } });
      await ctx.openStep(appointment, 'APPOINTMENT');
    });
    afterAll(async () => ctx?.app.close());

    it('uses the configured defaults', async () => {
      expect((await ctx.lists()).thresholds).toEqual({ overdueHours: 48, warningHours: 36, claimTimeoutHours: 2, claimStepCodes: ['APPOINTMENT'] });
    });

    it('lists an unclaimed appointment after 2 hours, with its team, and says when the next change comes', async () => {
      let lists = await ctx.lists();
      expect(lists.claimTimeout.total).toBe(0);
      expect(lists.warning.total + lists.overdue.total).toBe(0);
      // The appointment work order was created at about START: it times out 2 h later.
      expect(new Date(lists.nextChangeAt!).getTime()).toBeGreaterThanOrEqual(START.getTime() + 2 * HOUR);
      expect(new Date(lists.nextChangeAt!).getTime()).toBeLessThan(START.getTime() + 2 * HOUR + 10 * MINUTE);

      ctx.app.clock.advance(119 * MINUTE);
      expect((await ctx.lists()).claimTimeout.total).toBe(0);
      ctx.app.clock.advance(2 * MINUTE);
      lists = await ctx.lists();
      expect(lists.claimTimeout.rows).toEqual([expect.objectContaining({ orderId: appointment, stepCode: 'APPOINTMENT', teamName: team.name, installerName: null })]);
      expect(lists.claimTimeout.rows[0].ageMinutes).toBeGreaterThanOrEqual(120);
      // Next: the orders' warning at START + 36 h.
      expect(lists.nextChangeAt).toBe(new Date(START.getTime() + 36 * HOUR).toISOString());
    });

    it('moves orders through warning to overdue by their age, with the installer chosen in advance, and never lists other flows', async () => {
      ctx.app.clock.advance(START.getTime() + 36 * HOUR - MINUTE - Date.parse((await ctx.lists()).asOf));
      let lists = await ctx.lists();
      expect(lists.warning.total).toBe(0);

      ctx.app.clock.advance(2 * MINUTE);
      lists = await ctx.lists();
      expect(ids(lists.warning.rows).sort()).toEqual([inD, inE, appointment].sort());
      expect(ids(lists.warning.rows)).not.toContain(fixedLine);
      expect(lists.overdue.total).toBe(0);
      const row = lists.warning.rows.find((r) => r.orderId === inD)!;
      expect(row).toMatchObject({ installerName: installer.name, installerPhone: installer.phone });
      expect(row.stepCode).toBeTruthy();
      expect(lists.nextChangeAt).toBe(new Date(START.getTime() + 48 * HOUR).toISOString());

      ctx.app.clock.advance(12 * HOUR);
      lists = await ctx.lists();
      expect(ids(lists.overdue.rows).sort()).toEqual([inD, inE, appointment].sort());
      expect(lists.overdue.rows.every((r) => r.ageMinutes >= 48 * 60)).toBe(true);
      expect(lists.warning.total).toBe(0);
    });

    it('shows only what the viewer’s data permissions cover', async () => {
      const lists = await ctx.lists('viewerE');
      expect(ids(lists.overdue.rows)).toEqual([inE]);
      expect(lists.claimTimeout.total).toBe(0);
    });

    it('narrows to an area or a search, totals and next change included, and refuses an area outside the permissions', async () => {
      let lists = await ctx.lists('admin', { areaId: String(ctx.d.id) });
      expect(ids(lists.overdue.rows).sort()).toEqual([inD, appointment].sort());
      expect(lists.overdue.total).toBe(2);
      lists = await ctx.lists('admin', { areaId: String(ctx.city.id) });
      expect(lists.overdue.total).toBe(3);
      const { orderNo } = (await ctx.lists()).overdue.rows.find((r) => r.orderId === inE) as Row & { orderNo: string };
      lists = await ctx.lists('admin', { search: orderNo.slice(-6).toLowerCase() });
      expect(ids(lists.overdue.rows)).toEqual([inE]);
      lists = await ctx.lists('admin', { search: '100%_' });
      expect(lists.overdue.total).toBe(0);

      const outside = await gqlRequest(ctx.app.url, LISTS, { filter: { areaId: String(ctx.d.id) } }, ctx.token.viewerE);
      expect(outside.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', field: 'filter.areaId' } });
    });
  });

  it('tells subscribers when the clock moves, so screens re-read ages that changed without an event', async () => {
    const ctx = await setUp(backend);
    try {
      const client = wsClient(ctx.app.wsUrl, ctx.token.viewerE);
      const events = collect(client, 'subscription { clockChanged { now offsetMinutes testMode } }');
      // The subscription is in place once the server has answered something on it: give it a moment.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const moved = await gqlRequest(ctx.app.url, 'mutation { advanceClock(minutes: 90) { now } }', {}, ctx.token.admin);
      expect(moved.errors).toBeUndefined();
      await events.until(() => events.events.length > 0);
      expect(events.errors).toEqual([]);
      expect(events.events[0].clockChanged).toMatchObject({ offsetMinutes: 90, testMode: true });
      events.unsubscribe();
      await client.dispose();
    } finally {
      await ctx.app.close();
    }
  });

  describe('configured thresholds and claim steps', () => {
    let ctx: Awaited<ReturnType<typeof setUp>>;
    beforeAll(async () => {
      ctx = await setUp(backend, { overdueHours: 10, warningHours: 5, claimTimeoutHours: 1, claimStepCodes: ['DISPATCH'] });
    });
    afterAll(async () => ctx?.app.close());

    it('counts with the configured hours and steps', async () => {
      const [{ id }] = await submitOrders(ctx.app, ctx.token.admin, [removal(ctx.d.code)]);
      const dispatch = await ctx.openStep(id, 'DISPATCH');
      let lists = await ctx.lists();
      expect(lists.thresholds).toEqual({ overdueHours: 10, warningHours: 5, claimTimeoutHours: 1, claimStepCodes: ['DISPATCH'] });
      expect(lists.claimTimeout.total).toBe(0);

      ctx.app.clock.advance(61 * MINUTE);
      lists = await ctx.lists();
      expect(lists.claimTimeout.rows.map((r) => r.workOrderId)).toEqual([dispatch.id]);
      expect(lists.warning.total).toBe(0);

      ctx.app.clock.advance(4 * HOUR);
      lists = await ctx.lists();
      expect(ids(lists.warning.rows)).toEqual([id]);
      // The current step is the dispatch center's.
      expect(lists.warning.rows[0].stepCode).toBe('DISPATCH');

      ctx.app.clock.advance(5 * HOUR);
      lists = await ctx.lists();
      expect(ids(lists.overdue.rows)).toEqual([id]);
      expect(lists.warning.total).toBe(0);

      // A handled dispatch work order is no claim timeout any more.
      const done = await gqlRequest(ctx.app.url, 'mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ok error { message } } }', { input: { workOrderId: dispatch.id } }, ctx.token.admin);
      expect(done.data?.completeWorkOrder, JSON.stringify(done)).toMatchObject({ ok: true });
      expect((await ctx.lists()).claimTimeout.total).toBe(0);
      // Still overdue as an order.
      expect(ids((await ctx.lists()).overdue.rows)).toEqual([id]);
    });
  });
});
