import { demoPositionTypes } from '@openiom/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { collect, gqlRequest, wsClient } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';

const PERMISSIONS = 'staffPermissions(staffId: $staffId) { staff { staffNo } menus { menuCode operate } organisations { id } workOrderPositions { id } }';
const SET = 'mutation($input: SetStaffPermissionsInput!) { setStaffPermissions(input: $input) { ok error { code message field } permissions { menus { menuCode operate } organisations { id } workOrderPositions { id } } } }';
const WORK_ORDER_EVENTS = 'subscription { workOrderChanged { workOrder { id } } }';

const menusOf = (code: string) => demoPositionTypes.find((type) => type.code === code)!.menus;

describe('per-staff permissions: menus (view / operate), data and work orders, enforced in the API', () => {
  let app: TestApp;
  let province: { id: number; code: string };
  let city: { id: number; code: string };
  let d1: { id: number; code: string };
  let d2: { id: number; code: string };
  let adminToken: string;
  let posD1: number;
  let posD2: number;
  let subject: { token: string; staffId: number; ownPosition: number };

  beforeAll(async () => {
    app = await startTestApp('pglite', { config: { crmPollMs: 60_000 } });
    province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    city = await createOrganisation(app.prisma, { parentId: province.id, level: 'CITY' });
    d1 = await createOrganisation(app.prisma, { parentId: city.id });
    d2 = await createOrganisation(app.prisma, { parentId: city.id });
    const admin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN', 'WORK_ORDER'] }]);
    adminToken = await loginAs(app.url, admin.loginName, admin.password);
    const holderD1 = await createLogin(app.prisma, [{ organisationId: d1.id, kinds: ['WORK_ORDER'] }]);
    const holderD2 = await createLogin(app.prisma, [{ organisationId: d2.id, kinds: ['WORK_ORDER'] }]);
    posD1 = (await app.prisma.staffPosition.findFirstOrThrow({ where: { staffId: holderD1.staff[0].id } })).positionId;
    posD2 = (await app.prisma.staffPosition.findFirstOrThrow({ where: { staffId: holderD2.staff[0].id } })).positionId;
    await app.prisma.dispatchRule.create({ data: { organisationId: d1.id, workOrderTypeCode: 'DISPATCH', positionId: posD1 } });
    await app.prisma.dispatchRule.create({ data: { organisationId: d2.id, workOrderTypeCode: 'DISPATCH', positionId: posD2 } });
    // The subject: a city dispatcher-and-administrator whose permissions each test narrows.
    const login = await createLogin(app.prisma, [{ organisationId: city.id, kinds: ['SYSTEM_ADMIN', 'WORK_ORDER'] }]);
    subject = {
      token: await loginAs(app.url, login.loginName, login.password),
      staffId: login.staff[0].id,
      ownPosition: (await app.prisma.staffPosition.findFirstOrThrow({ where: { staffId: login.staff[0].id } })).positionId,
    };
  });
  afterAll(() => app?.close());

  const asAdmin = (query: string, variables?: Record<string, unknown>) => gqlRequest(app.url, query, variables, adminToken);
  const asSubject = (query: string, variables?: Record<string, unknown>) => gqlRequest(app.url, query, variables, subject.token);
  const setSubject = async (input: Record<string, unknown>) => {
    const result = await asAdmin(SET, { input: { staffId: String(subject.staffId), ...input } });
    expect(result.data.setStaffPermissions).toMatchObject({ ok: true, error: null });
    return result.data.setStaffPermissions.permissions;
  };
  const allMenus = async (operate: boolean) => (await app.prisma.menu.findMany({ select: { code: true } })).map((menu) => ({ menuCode: menu.code, operate }));

  /** A broadband removal order in `area`, moved on to its dispatch-center step (queued by the area's rule). */
  async function orderAtDispatchStep(area: { code: string }): Promise<{ orderId: string; workOrderId: string }> {
    const payload = JSON.stringify({ ...JSON.parse(exampleJsonMessage), crmOrderCode: unique('CRM'), businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', areaCode: area.code });
    const submitted = await asAdmin('mutation($input: SubmitCrmMessageInput!) { submitCrmMessage(input: $input) { message { id } } }', { input: { format: 'JSON', payload } });
    await app.services.crmPoller.kick();
    const message = (await asAdmin('query($id: ID!) { crmInboundMessage(id: $id) { order { id workOrders { id } } } }', { id: submitted.data.submitCrmMessage.message.id })).data.crmInboundMessage;
    const done = await asAdmin('mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ok order { workOrders { id step { code } } } } }', { input: { workOrderId: message.order.workOrders[0].id } });
    expect(done.data.completeWorkOrder.ok).toBe(true);
    const dispatchStep = done.data.completeWorkOrder.order.workOrders.find((wo: { step: { code: string } }) => wo.step.code === 'DISPATCH');
    return { orderId: message.order.id, workOrderId: dispatchStep.id };
  }

  it('position assignment writes the default permissions, or keeps the existing ones when asked to', async () => {
    const types = await Promise.all(
      [
        { kind: 'GENERAL', menus: ['queries', 'queries.orders'] },
        { kind: 'WORK_ORDER', menus: [] },
      ].map((type) => app.prisma.positionType.create({ data: { code: unique('PT-'), name: unique('类型'), nameEn: 'Type', kind: type.kind as 'GENERAL' | 'WORK_ORDER', menus: { create: type.menus.map((menuCode) => ({ menuCode })) } } })),
    );
    const positions = await Promise.all(types.map((type) => app.prisma.position.create({ data: { code: unique('POS-'), name: unique('岗位'), organisationId: d1.id, positionTypeId: type.id } })));
    const person = await createLogin(app.prisma, [{ organisationId: d1.id, menus: [] }]);
    const staffId = String(person.staff[0].id);
    const assign = (generateDefaultPermissions: boolean) =>
      asAdmin('mutation($input: AssignStaffPositionsInput!) { assignStaffPositions(input: $input) { ok error { code message } } }', {
        input: { staffId, positionIds: positions.map((p) => String(p.id)), generateDefaultPermissions },
      });

    expect((await assign(false)).data.assignStaffPositions.ok).toBe(true);
    const kept = (await asAdmin(`query($staffId: ID!) { ${PERMISSIONS} }`, { staffId })).data.staffPermissions;
    expect(kept).toMatchObject({ menus: [], organisations: [{ id: String(d1.id) }], workOrderPositions: [] });

    expect((await assign(true)).data.assignStaffPositions.ok).toBe(true);
    const defaults = (await asAdmin(`query($staffId: ID!) { ${PERMISSIONS} }`, { staffId })).data.staffPermissions;
    expect(defaults.menus).toEqual([
      { menuCode: 'queries', operate: true },
      { menuCode: 'queries.orders', operate: true },
    ]);
    expect(defaults.organisations).toEqual([{ id: String(d1.id) }]);
    expect(defaults.workOrderPositions).toEqual([{ id: String(positions[1].id) }]);
    const audit = await app.prisma.auditEntry.findFirst({ where: { action: 'staff.assign-positions', entityId: String(person.staff[0].id) }, orderBy: { id: 'desc' } });
    expect(audit?.summary).toContain('default permissions');
  });

  it('a read-only menu shows its data but refuses its changes; operate allows them; no menu refuses both', async () => {
    const rules = '{ dispatchRules { id } }';
    const save = () => asSubject('mutation($input: SaveDispatchRuleInput!) { saveDispatchRule(input: $input) { ok error { code } } }', { input: { organisationId: String(d1.id), positionId: String(posD1), workOrderType: 'NO_SUCH_TYPE' } });

    await setSubject({ menus: [{ menuCode: 'config.dispatch-rules', operate: false }] });
    expect((await asSubject(rules)).errors).toBeUndefined();
    const refused = await save();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toContain('operate on the menu "config.dispatch-rules"');
    const viewer = (await asSubject('{ viewer { menus operableMenus } }')).data.viewer;
    expect(viewer).toEqual({ menus: ['config', 'config.dispatch-rules'], operableMenus: [] });

    await setSubject({ menus: [{ menuCode: 'config.dispatch-rules', operate: true }] });
    // Past the guard: the service's own validation answers.
    expect((await save()).data?.saveDispatchRule).toMatchObject({ ok: false, error: { code: expect.not.stringMatching(/FORBIDDEN/) } });

    await setSubject({ menus: [{ menuCode: 'config.calendar', operate: true }] });
    expect((await asSubject(rules)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await save()).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('data permissions filter orders and work orders to the granted organisations, in queries and in subscription events', async () => {
    await setSubject({ menus: await allMenus(true), organisationIds: [String(d1.id)], workOrderPositionIds: [String(posD1)] });
    const inD1 = await orderAtDispatchStep(d1);
    const inD2 = await orderAtDispatchStep(d2);
    const orderIds = async () => (await asSubject('{ orders(first: 200) { edges { node { id } } } }')).data.orders.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(await orderIds()).toContain(inD1.orderId);
    expect(await orderIds()).not.toContain(inD2.orderId);
    expect((await asSubject('query($id: ID!) { order(id: $id) { id } }', { id: inD2.orderId })).data.order).toBeNull();
    expect((await asSubject('{ organisations { id } }')).data.organisations).toEqual([{ id: String(d1.id) }]);

    // Live: an event of D2 never reaches the subject; one of D1 does. A D2 staff member subscribed
    // at the same time gets the opposite: both subscriptions share each event's loaders, never
    // each other's visibility.
    const d2Login = await createLogin(app.prisma, [{ organisationId: d2.id, kinds: ['WORK_ORDER'] }]);
    const client = wsClient(app.wsUrl, subject.token);
    const d2Client = wsClient(app.wsUrl, await loginAs(app.url, d2Login.loginName, d2Login.password));
    try {
      const events = collect(client, WORK_ORDER_EVENTS);
      const d2Events = collect(d2Client, WORK_ORDER_EVENTS);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const d2Done = await orderAtDispatchStep(d2);
      const d1Done = await orderAtDispatchStep(d1);
      await events.until(() => events.events.some((event) => event.workOrderChanged.workOrder?.id === d1Done.workOrderId));
      await d2Events.until(() => d2Events.events.some((event) => event.workOrderChanged.workOrder?.id === d2Done.workOrderId));
      const seen = new Set(events.events.map((event) => event.workOrderChanged.workOrder?.id));
      expect(seen.has(d2Done.workOrderId)).toBe(false);
      expect(seen.has(inD2.workOrderId)).toBe(false);
      const seenInD2 = new Set(d2Events.events.map((event) => event.workOrderChanged.workOrder?.id));
      expect(seenInD2.has(d1Done.workOrderId)).toBe(false);
      expect(seenInD2.has(inD1.workOrderId)).toBe(false);
      events.unsubscribe();
      d2Events.unsubscribe();
    } finally {
      await client.dispose();
      await d2Client.dispose();
    }

    // Widened to the city: both areas.
    await setSubject({ organisationIds: [String(city.id)] });
    expect(await orderIds()).toEqual(expect.arrayContaining([inD1.orderId, inD2.orderId]));
  });

  it('work-order permissions decide whose queue a staff member may claim from and who can be dispatched to', async () => {
    await setSubject({ menus: await allMenus(true), organisationIds: [String(city.id)], workOrderPositionIds: [String(posD1)] });
    const atD1 = await orderAtDispatchStep(d1);
    const atD2 = await orderAtDispatchStep(d2);
    const claim = (workOrderId: string) => asSubject('mutation($input: WorkOrderRefInput!) { claimWorkOrder(input: $input) { ok error { code } } }', { input: { workOrderId } });
    expect((await claim(atD2.workOrderId)).data.claimWorkOrder).toMatchObject({ ok: false, error: { code: 'NOT_AT_POSITION' } });
    expect((await claim(atD1.workOrderId)).data.claimWorkOrder).toMatchObject({ ok: true });
    const handlers = async (positionId: number) => (await asAdmin('query($id: ID!) { positionStaff(positionId: $id) { id } }', { id: String(positionId) })).data.positionStaff.map((staff: { id: string }) => staff.id);
    expect(await handlers(posD1)).toContain(String(subject.staffId));
    expect(await handlers(posD2)).not.toContain(String(subject.staffId));
    const viewerPositions = (await asSubject('{ viewer { workOrderPositions { id } } }')).data.viewer.workOrderPositions;
    expect(viewerPositions).toEqual([{ id: String(posD1) }]);

    // Taking D1 away while the subject still handles its claimed work order is refused, naming it.
    const refused = await asAdmin(SET, { input: { staffId: String(subject.staffId), workOrderPositionIds: [String(posD2)] } });
    expect(refused.data.setStaffPermissions).toMatchObject({ ok: false, error: { code: 'IN_USE', field: 'workOrderPositionIds' } });
    expect((await asAdmin(`query($staffId: ID!) { ${PERMISSIONS} }`, { staffId: String(subject.staffId) })).data.staffPermissions.workOrderPositions).toEqual([{ id: String(posD1) }]);

    await setSubject({ workOrderPositionIds: [String(posD1), String(posD2)] });
    expect((await claim(atD2.workOrderId)).data.claimWorkOrder).toMatchObject({ ok: true });
    for (const workOrderId of [atD1.workOrderId, atD2.workOrderId]) {
      expect((await asAdmin('mutation($input: WorkOrderRefInput!) { unlockWorkOrder(input: $input) { ok } }', { input: { workOrderId } })).data.unlockWorkOrder.ok).toBe(true);
    }
  });

  it('a subscription ends when the menu permission behind it is taken away', async () => {
    await setSubject({ menus: await allMenus(true), organisationIds: [String(city.id)] });
    const client = wsClient(app.wsUrl, subject.token);
    try {
      const events = collect(client, WORK_ORDER_EVENTS);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const first = await orderAtDispatchStep(d1);
      await events.until(() => events.events.some((event) => event.workOrderChanged.workOrder?.id === first.workOrderId));
      await setSubject({ menus: [{ menuCode: 'help.about', operate: false }] });
      await orderAtDispatchStep(d1);
      await events.until(() => events.errors.length > 0);
      expect(JSON.stringify(events.errors)).toContain('FORBIDDEN');
    } finally {
      await client.dispose();
    }
  });

  it('refuses grants beyond the administrator’s reach and unknown menus, with the field named', async () => {
    const elsewhere = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ menus: [{ menuCode: 'no.such.menu', operate: true }] }, 'NO_SUCH_MENU', 'menus'],
      [{ organisationIds: [String(elsewhere.id)] }, 'NO_SUCH_ORGANISATION', 'organisationIds'],
      [{ workOrderPositionIds: [String(subject.ownPosition + 1_000_000)] }, 'NO_SUCH_POSITION', 'workOrderPositionIds'],
    ];
    for (const [input, code, field] of cases) {
      const result = await asAdmin(SET, { input: { staffId: String(subject.staffId), ...input } });
      expect(result.data.setStaffPermissions).toMatchObject({ ok: false, error: { code, field } });
    }
    // A city administrator cannot see (nor change) a staff member of another branch.
    const cityAdmin = await createLogin(app.prisma, [{ organisationId: d2.id, kinds: ['SYSTEM_ADMIN'] }]);
    const cityToken = await loginAs(app.url, cityAdmin.loginName, cityAdmin.password);
    expect((await gqlRequest(app.url, SET, { input: { staffId: String(subject.staffId), menus: [] } }, cityToken)).data.setStaffPermissions).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('quick copy gives the receiver exactly the giver’s permissions, audited', async () => {
    const giver = await setSubject({ menus: [{ menuCode: 'queries.orders', operate: false }, { menuCode: 'config.calendar', operate: true }], organisationIds: [String(d1.id), String(d2.id)], workOrderPositionIds: [String(posD2)] });
    const receiver = await createLogin(app.prisma, [{ organisationId: city.id, kinds: ['WORK_ORDER'] }]);
    const copy = (from: number, to: number) =>
      asAdmin('mutation($input: CopyStaffPermissionsInput!) { copyStaffPermissions(input: $input) { ok error { code } permissions { menus { menuCode operate } organisations { id } workOrderPositions { id } } } }', {
        input: { fromStaffId: String(from), toStaffId: String(to) },
      });
    const copied = (await copy(subject.staffId, receiver.staff[0].id)).data.copyStaffPermissions;
    expect(copied.ok).toBe(true);
    expect(copied.permissions).toEqual(giver);
    expect((await copy(subject.staffId, subject.staffId)).data.copyStaffPermissions).toMatchObject({ ok: false, error: { code: 'SAME_STAFF' } });
    const audit = await app.prisma.auditEntry.findFirst({ where: { action: 'staff.copy-permissions', entityId: String(receiver.staff[0].id) } });
    expect(audit?.summary).toContain('from ');
    expect((audit?.after as { menus: string[] }).menus).toContain('config.calendar (operate)');
    // The receiver's next request sees them.
    const token = await loginAs(app.url, receiver.loginName, receiver.password);
    expect((await gqlRequest(app.url, '{ viewer { menus operableMenus } }', undefined, token)).data.viewer).toEqual({
      menus: ['config', 'config.calendar', 'queries', 'queries.orders'],
      operableMenus: ['config.calendar'],
    });
  });
});

/**
 * The role matrix: staff set up as the seed's roles (position types with the seed's menus, default
 * permissions), and what each may reach. `true`: past the permission checks (the answer may still be
 * a business refusal); `false`: FORBIDDEN.
 */
describe('role matrix: what each seeded role may reach, subscriptions included', () => {
  let app: TestApp;
  const tokens: Record<string, string> = {};
  const roles = {
    admin: ['SYS_ADMIN'],
    dispatcher: ['DISPATCH', 'DISPATCH_GENERAL'],
    installer: ['INSTALL', 'INSTALL_GENERAL'],
    manager: ['MANAGER_GENERAL'],
  } as const;

  beforeAll(async () => {
    app = await startTestApp('pglite', { config: { crmPollMs: 60_000 } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    const types = new Map<string, number>();
    for (const spec of demoPositionTypes) {
      const row = await app.prisma.positionType.create({ data: { code: unique(`${spec.code}-`), name: spec.name, nameEn: spec.nameEn, kind: spec.kind, menus: { create: spec.menus.map((menuCode) => ({ menuCode })) } } });
      types.set(spec.code, row.id);
    }
    const admin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN'] }]);
    const adminToken = await loginAs(app.url, admin.loginName, admin.password);
    for (const [role, typeCodes] of Object.entries(roles)) {
      const person = await createLogin(app.prisma, [{ organisationId: province.id, menus: [] }]);
      const positionIds = [];
      for (const code of typeCodes) {
        const position = await app.prisma.position.create({ data: { code: unique('POS-'), name: `${role}-${code}`, organisationId: province.id, positionTypeId: types.get(code)! } });
        positionIds.push(String(position.id));
      }
      const assigned = await gqlRequest(app.url, 'mutation($input: AssignStaffPositionsInput!) { assignStaffPositions(input: $input) { ok error { message } } }', { input: { staffId: String(person.staff[0].id), positionIds } }, adminToken);
      expect(assigned.data.assignStaffPositions).toMatchObject({ ok: true });
      tokens[role] = await loginAs(app.url, person.loginName, person.password);
    }
  });
  afterAll(() => app?.close());

  const operations: { name: string; query: string; variables?: Record<string, unknown>; allowed: Record<keyof typeof roles, boolean> }[] = [
    { name: 'staff list', query: '{ staff(first: 1) { totalCount } }', allowed: { admin: true, dispatcher: false, installer: false, manager: false } },
    { name: 'audit log', query: '{ auditLog(first: 1) { totalCount } }', allowed: { admin: true, dispatcher: false, installer: false, manager: false } },
    { name: 'dispatch rules', query: '{ dispatchRules { id } }', allowed: { admin: true, dispatcher: false, installer: false, manager: false } },
    { name: 'save a calendar day', query: 'mutation { setCalendarDays(input: { days: [] }) { ok } }', allowed: { admin: true, dispatcher: false, installer: false, manager: false } },
    { name: 'staff permissions', query: '{ staffPermissions(staffId: "1") { staff { id } } }', allowed: { admin: true, dispatcher: false, installer: false, manager: false } },
    { name: 'work-order query', query: '{ workOrderQuery(first: 1) { edges { cursor } } }', allowed: { admin: true, dispatcher: true, installer: true, manager: true } },
    { name: 'dispatch', query: 'mutation { dispatchWorkOrders(input: { workOrderIds: ["1"], staffId: "1" }) { ok } }', allowed: { admin: true, dispatcher: true, installer: true, manager: false } },
    { name: 'complete', query: 'mutation { completeWorkOrder(input: { workOrderId: "1" }) { ok } }', allowed: { admin: false, dispatcher: true, installer: true, manager: false } },
    { name: 'manual exception', query: 'mutation { handleManualException(input: { workOrderId: "1", action: CUSTOMER_CONTACT }) { ok } }', allowed: { admin: true, dispatcher: true, installer: false, manager: false } },
    { name: 'interface monitor', query: '{ interfaceMonitor { kind failed } }', allowed: { admin: true, dispatcher: false, installer: false, manager: true } },
    { name: 'manager dashboard', query: '{ managerDashboard { ordersInFlight { timeState count } } }', allowed: { admin: true, dispatcher: false, installer: false, manager: true } },
    { name: 'force logout', query: 'mutation { forceLogout(input: { sessionId: "00000000-0000-0000-0000-000000000000" }) { ok } }', allowed: { admin: true, dispatcher: false, installer: false, manager: false } },
  ];

  for (const operation of operations) {
    it(`${operation.name}: ${Object.entries(operation.allowed).map(([role, ok]) => `${role} ${ok ? 'yes' : 'no'}`).join(', ')}`, async () => {
      const outcome: Record<string, boolean> = {};
      for (const role of Object.keys(roles)) {
        const result = await gqlRequest(app.url, operation.query, operation.variables, tokens[role]);
        // A query the schema rejects would prove nothing: only permission answers count.
        expect(result.errors?.map((error: { extensions?: { code?: string } }) => error.extensions?.code) ?? []).not.toContain('GRAPHQL_VALIDATION_FAILED');
        outcome[role] = !(result.errors ?? []).some((error: { extensions?: { code?: string } }) => error.extensions?.code === 'FORBIDDEN');
      }
      expect(outcome).toEqual(operation.allowed);
    });
  }

  it('subscriptions: work-order events for every order screen role, online staff for administrators only', async () => {
    const expectations: [string, Record<keyof typeof roles, boolean>][] = [
      [WORK_ORDER_EVENTS, { admin: true, dispatcher: true, installer: true, manager: true }],
      ['subscription { onlineStaffChanged { change } }', { admin: true, dispatcher: false, installer: false, manager: false }],
    ];
    for (const [query, allowed] of expectations) {
      const outcome: Record<string, boolean> = {};
      for (const role of Object.keys(roles)) {
        const client = wsClient(app.wsUrl, tokens[role]);
        try {
          const events = collect(client, query);
          // A refused subscription errors at once; an accepted one stays silent until an event.
          await new Promise((resolve) => setTimeout(resolve, 400));
          outcome[role] = !JSON.stringify(events.errors).includes('FORBIDDEN');
          events.unsubscribe();
        } finally {
          await client.dispose();
        }
      }
      expect(outcome, query).toEqual(allowed);
    }
  });
});
