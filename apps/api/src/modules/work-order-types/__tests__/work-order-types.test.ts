import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const ERROR = 'ok error { code message field }';
const SAVE_CATEGORY = `mutation($input: SaveWorkOrderCategoryInput!) { saveWorkOrderCategory(input: $input) { ${ERROR} category { code name nameEn } } }`;
const DELETE_CATEGORY = `mutation($input: DeleteByCodeInput!) { deleteWorkOrderCategory(input: $input) { ${ERROR} } }`;
const SAVE_TYPE = `mutation($input: SaveWorkOrderTypeInput!) { saveWorkOrderType(input: $input) { ${ERROR} workOrderType { code name nameEn category { code } } } }`;
const DELETE_TYPE = `mutation($input: DeleteByCodeInput!) { deleteWorkOrderType(input: $input) { ${ERROR} } }`;
const AUDIT = 'query($filter: AuditFilter) { auditLog(filter: $filter, first: 10) { edges { node { action entityId summary before after } } } }';

describe.each(testBackends())('work-order categories and types: configuration (%s)', (backend) => {
  let app: TestApp;
  let admin: string;
  let worker: string;
  let area: { id: number; code: string };
  let areaPosition: string;

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 60_000 } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    area = await createOrganisation(app.prisma, { parentId: province.id, level: 'CITY' });
    const adminLogin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN', 'WORK_ORDER'] }]);
    const workerLogin = await createLogin(app.prisma, [{ organisationId: area.id, kinds: ['WORK_ORDER'] }]);
    areaPosition = String((await app.prisma.staffPosition.findFirstOrThrow({ where: { staffId: workerLogin.staff[0]!.id } })).positionId);
    admin = await loginAs(app.url, adminLogin.loginName, adminLogin.password);
    worker = await loginAs(app.url, workerLogin.loginName, workerLogin.password);
  });
  afterAll(() => app?.close());

  const call = async (query: string, input: object, token = admin) => {
    const result = await gqlRequest(app.url, query, { input }, token);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return Object.values(result.data as Record<string, unknown>)[0] as { ok: boolean; error: { code: string; message: string; field: string | null } | null; [key: string]: unknown };
  };
  const auditOf = async (entityType: string, entityId: string) =>
    (await gqlRequest(app.url, AUDIT, { filter: { entityType, entityId } }, admin)).data.auditLog.edges.map((e: { node: object }) => e.node) as { action: string; summary: string; before: string | null; after: string | null }[];

  it('makes and changes a category and a type, lists them, and audits each change with before and after', async () => {
    const category = unique('CAT_');
    const type = unique('TYPE_');
    expect(await call(SAVE_CATEGORY, { create: true, code: category, name: '测试大类', nameEn: ' Test category ' })).toEqual({ ok: true, error: null, category: { code: category, name: '测试大类', nameEn: 'Test category' } });
    expect(await call(SAVE_TYPE, { create: true, code: type, name: '测试类型', categoryCode: category })).toEqual({ ok: true, error: null, workOrderType: { code: type, name: '测试类型', nameEn: '', category: { code: category } } });

    // Changes by code; the type moves to another category too.
    expect((await call(SAVE_TYPE, { code: type, name: '改名类型', nameEn: 'Renamed', categoryCode: 'FIELD' })).workOrderType).toEqual({ code: type, name: '改名类型', nameEn: 'Renamed', category: { code: 'FIELD' } });
    expect((await call(SAVE_CATEGORY, { code: category, name: '测试大类二', nameEn: 'Test category 2' })).ok).toBe(true);

    const categories = (await gqlRequest(app.url, '{ workOrderCategories { code name nameEn } }', {}, worker)).data.workOrderCategories as { code: string }[];
    expect(categories).toContainEqual({ code: category, name: '测试大类二', nameEn: 'Test category 2' });
    expect(categories.map((c) => c.code)).toEqual([...categories.map((c) => c.code)].sort());
    const types = (await gqlRequest(app.url, '{ workOrderTypes { code name category { code } } }', {}, worker)).data.workOrderTypes;
    expect(types).toContainEqual({ code: type, name: '改名类型', category: { code: 'FIELD' } });

    const typeAudit = await auditOf('WorkOrderType', type);
    expect(typeAudit.map((e) => e.action)).toEqual(['work-order-type.update', 'work-order-type.create']);
    expect(JSON.parse(typeAudit[0]!.before!)).toEqual({ code: type, name: '测试类型', nameEn: '', categoryCode: category });
    expect(JSON.parse(typeAudit[0]!.after!)).toEqual({ code: type, name: '改名类型', nameEn: 'Renamed', categoryCode: 'FIELD' });
    expect(typeAudit[1]).toMatchObject({ before: null, summary: `${type} 测试类型` });
    expect((await auditOf('WorkOrderCategory', category)).map((e) => e.action)).toEqual(['work-order-category.update', 'work-order-category.create']);
  });

  it('refuses a taken code, an unknown category or record, and empty or malformed fields, naming the field', async () => {
    expect(await call(SAVE_CATEGORY, { create: true, code: 'FIELD', name: 'x' })).toMatchObject({ ok: false, error: { code: 'DUPLICATE_CODE', field: 'code' } });
    const duplicate = await call(SAVE_TYPE, { create: true, code: 'INSTALL', name: 'x', categoryCode: 'FIELD' });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'DUPLICATE_CODE', field: 'code' }, workOrderType: null });
    expect(duplicate.error!.message).toContain('INSTALL');
    expect(await call(SAVE_TYPE, { create: true, code: unique('T_'), name: 'x', categoryCode: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'NO_SUCH_CATEGORY', field: 'categoryCode' } });
    expect(await call(SAVE_TYPE, { code: unique('T_'), name: 'x', categoryCode: 'FIELD' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'code' } });
    expect(await call(SAVE_CATEGORY, { code: unique('C_'), name: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'code' } });
    expect(await call(DELETE_TYPE, { code: unique('T_') })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    for (const [query, input, field] of [
      [SAVE_TYPE, { create: true, code: unique('T_'), name: '   ', categoryCode: 'FIELD' }, 'name'],
      [SAVE_CATEGORY, { create: true, code: unique('C_'), name: '' }, 'name'],
      [SAVE_TYPE, { create: true, code: 'has space', name: 'x', categoryCode: 'FIELD' }, 'code'],
      [SAVE_CATEGORY, { create: true, code: '', name: 'x' }, 'code'],
    ] as const) {
      const bad = await gqlRequest(app.url, query, { input }, admin);
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0]?.message).toMatch(new RegExp(`^${field}: `));
    }
    // Nothing refused was recorded.
    expect(await auditOf('WorkOrderType', 'INSTALL')).toEqual([]);
  });

  it('refuses to delete what is in use, naming the users; deletes it once unused', async () => {
    const category = unique('CAT_');
    const type = unique('TYPE_');
    await call(SAVE_CATEGORY, { create: true, code: category, name: '待删大类' });
    await call(SAVE_TYPE, { create: true, code: type, name: '待删类型', categoryCode: category });

    const categoryInUse = await call(DELETE_CATEGORY, { code: category });
    expect(categoryInUse).toMatchObject({ ok: false, error: { code: 'IN_USE', field: 'code' } });
    expect(categoryInUse.error!.message).toContain(`${type} 待删类型`);

    const limit = await gqlRequest(app.url, 'mutation($input: SetWorkOrderTimeLimitInput!) { setWorkOrderTimeLimit(input: $input) { ok } }', { input: { workOrderType: type, acceptHours: 1, warningHours: 2, processHours: 4 } }, admin);
    expect(limit.data.setWorkOrderTimeLimit.ok).toBe(true);
    expect((await call('mutation($input: SaveDispatchRuleInput!) { saveDispatchRule(input: $input) { ok } }', { organisationId: String(area.id), workOrderType: type, positionId: areaPosition })).ok).toBe(true);
    const typeInUse = await call(DELETE_TYPE, { code: type });
    expect(typeInUse).toMatchObject({ ok: false, error: { code: 'IN_USE', field: 'code' } });
    expect(typeInUse.error!.message).toContain('1 time limit: every step');
    expect(typeInUse.error!.message).toMatch(/1 dispatch rule: .+ → /);

    // A seeded type: the workflow steps that create it, and a work order of it still in flight.
    const payload = JSON.stringify({ ...JSON.parse(exampleJsonMessage), crmOrderCode: unique('CRM'), businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', areaCode: area.code });
    const submitted = await gqlRequest(app.url, 'mutation($input: SubmitCrmMessageInput!) { submitCrmMessage(input: $input) { message { id } } }', { input: { format: 'JSON', payload } }, admin);
    await app.services.crmPoller.kick();
    const order = (await gqlRequest(app.url, 'query($id: ID!) { crmInboundMessage(id: $id) { order { workOrders { workOrderNo step { code workOrderType { code } } } } } }', { id: submitted.data.submitCrmMessage.message.id }, admin)).data.crmInboundMessage.order;
    const first = order.workOrders[0] as { workOrderNo: string; step: { code: string; workOrderType: { code: string } } };
    const seededInUse = await call(DELETE_TYPE, { code: first.step.workOrderType.code });
    expect(seededInUse.error?.code).toBe('IN_USE');
    expect(seededInUse.error!.message).toMatch(new RegExp(`workflow steps?: .*v\\d+ · ${first.step.code}`));
    expect(seededInUse.error!.message).toContain(`work order in flight: ${first.workOrderNo}`);

    // Unused once the limit and the rule are gone: the type, then its category, can go.
    const limits = (await gqlRequest(app.url, '{ workOrderTimeLimits { id workOrderType } }', {}, admin)).data.workOrderTimeLimits as { id: string; workOrderType: string }[];
    await gqlRequest(app.url, 'mutation($input: DeleteWorkOrderTimeLimitInput!) { deleteWorkOrderTimeLimit(input: $input) { ok } }', { input: { id: limits.find((l) => l.workOrderType === type)!.id } }, admin);
    const rules = (await gqlRequest(app.url, '{ dispatchRules { id workOrderType { code } } }', {}, admin)).data.dispatchRules as { id: string; workOrderType: { code: string } | null }[];
    await call('mutation($input: DeleteDispatchRuleInput!) { deleteDispatchRule(input: $input) { ok } }', { id: rules.find((r) => r.workOrderType?.code === type)!.id });
    expect(await call(DELETE_TYPE, { code: type })).toEqual({ ok: true, error: null });
    expect(await call(DELETE_CATEGORY, { code: category })).toEqual({ ok: true, error: null });
    expect(await app.prisma.workOrderCategory.findUnique({ where: { code: category } })).toBeNull();

    const typeAudit = await auditOf('WorkOrderType', type);
    expect(typeAudit.map((e) => e.action)).toEqual(['work-order-type.delete', 'work-order-type.create']);
    expect(JSON.parse(typeAudit[0]!.before!)).toEqual({ code: type, name: '待删类型', nameEn: '', categoryCode: category });
    expect(typeAudit[0]!.after).toBeNull();
    expect((await auditOf('WorkOrderCategory', category)).map((e) => e.action)).toEqual(['work-order-category.delete', 'work-order-category.create']);
  });

  it('is for administrators only (anyone with a staff number may read the categories)', async () => {
    for (const [query, input] of [
      [SAVE_CATEGORY, { create: true, code: unique('C_'), name: 'x' }],
      [DELETE_CATEGORY, { code: 'FIELD' }],
      [SAVE_TYPE, { create: true, code: unique('T_'), name: 'x', categoryCode: 'FIELD' }],
      [DELETE_TYPE, { code: 'INSTALL' }],
    ] as const) {
      expect((await gqlRequest(app.url, query, { input }, worker)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await gqlRequest(app.url, '{ workOrderCategories { code } }', {}, worker)).errors).toBeUndefined();
  });
});
