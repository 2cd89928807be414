import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { submitOrders } from '../../../testing/orders.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const ERROR = 'ok error { code message field }';
const TYPES = '{ exceptionTypes { code name nameEn description manual routeCount } }';
const SAVE_TYPE = `mutation($input: SaveExceptionTypeInput!) { saveExceptionType(input: $input) { ${ERROR} exceptionType { code name nameEn description manual } } }`;
const DELETE_TYPE = `mutation($input: DeleteExceptionTypeInput!) { deleteExceptionType(input: $input) { ${ERROR} } }`;
const FLOWS_FIELDS = 'templateId templateCode version steps { code kind } routes { from exceptionTypeCode exceptionType { name nameEn } to }';
const FLOWS = `query($business: String, $template: String) { exceptionFlows(businessCode: $business, templateCode: $template) { ${FLOWS_FIELDS} } }`;
const SAVE_FLOWS = `mutation($input: SaveExceptionFlowsInput!) { saveExceptionFlows(input: $input) { ${ERROR} problems { code stepCode } flows { ${FLOWS_FIELDS} } } }`;
const ORDER = 'query($id: ID!) { order(id: $id) { state workOrders { id state exceptionTypes exceptionTypeDetails { code name nameEn manual } step { code } } } }';
const COMPLETE = `mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ${ERROR} } }`;

type Result = { ok: boolean; error: { code: string; message: string; field: string | null } | null; [key: string]: any };

describe.each(testBackends())('exception flows configuration (%s)', (backend) => {
  let app: TestApp;
  let admin: string;
  let handler: string;
  let areaCode: string;

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 60_000 } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    areaCode = province.code;
    const adminLogin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN'] }]);
    const workerLogin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['WORK_ORDER'] }]);
    admin = await loginAs(app.url, adminLogin.loginName, adminLogin.password);
    handler = await loginAs(app.url, workerLogin.loginName, workerLogin.password);
  });
  afterAll(() => app?.close());

  const call = async (query: string, input: object, token = admin): Promise<Result> => {
    const result = await gqlRequest(app.url, query, { input }, token);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return Object.values(result.data as Record<string, unknown>)[0] as Result;
  };
  const flowsOf = async (variables: Record<string, unknown>) => {
    const result = await gqlRequest(app.url, FLOWS, variables, admin);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data.exceptionFlows;
  };

  it('lists the seeded exception types: every one the templates route, and the manual one', async () => {
    const types = (await gqlRequest(app.url, TYPES, {}, admin)).data.exceptionTypes as { code: string; manual: boolean; routeCount: number }[];
    expect(types.map((t) => t.code)).toEqual(expect.arrayContaining(['LINE_FAULT', 'WRONG_ADDRESS', 'MANUAL']));
    expect(types.filter((t) => t.manual).map((t) => t.code)).toEqual(['MANUAL']);
    expect(types.find((t) => t.code === 'LINE_FAULT')?.routeCount).toBeGreaterThan(0);
  });

  it('makes, changes and deletes an exception type, audited; refuses duplicates, the manual type, and a type in use naming its transitions', async () => {
    const code = unique('EXC_').toUpperCase().replace(/[^A-Z0-9_]/g, '_');
    expect(await call(SAVE_TYPE, { create: true, code, name: '测试异常', nameEn: 'Test exception', description: '说明' })).toMatchObject({ ok: true, exceptionType: { code, name: '测试异常', manual: false } });
    expect((await call(SAVE_TYPE, { create: true, code, name: '又一个' })).error).toMatchObject({ code: 'DUPLICATE_CODE', field: 'code' });
    expect((await call(SAVE_TYPE, { code, name: '改名', nameEn: 'Renamed' })).exceptionType).toMatchObject({ name: '改名', nameEn: 'Renamed' });
    expect((await call(SAVE_TYPE, { code: 'NO_SUCH_TYPE_X', name: 'x' })).error).toMatchObject({ code: 'NOT_FOUND' });

    expect((await call(DELETE_TYPE, { code: 'MANUAL' })).error).toMatchObject({ code: 'MANUAL_TYPE' });
    const inUse = await call(DELETE_TYPE, { code: 'WRONG_ADDRESS' });
    expect(inUse.error).toMatchObject({ code: 'IN_USE', field: 'code' });
    expect(inUse.error?.message).toContain('BROADBAND_NEW v1 · INSTALL → DISPATCH');

    expect(await call(DELETE_TYPE, { code })).toMatchObject({ ok: true, error: null });
    const audit = await app.prisma.auditEntry.findMany({ where: { entityType: 'ExceptionType', entityId: code }, orderBy: { id: 'asc' }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(['exception-type.create', 'exception-type.update', 'exception-type.delete']);
  });

  it('lists a business template’s exception routes with the type names', async () => {
    const flows = await flowsOf({ business: 'BROADBAND_NEW' });
    expect(flows.templateCode).toBe('BROADBAND_NEW');
    expect(flows.routes).toEqual([
      { from: 'NETWORK', exceptionTypeCode: 'ACTIVATION_FAILED', exceptionType: { name: '自动激活失败', nameEn: 'Automatic activation failed' }, to: 'ACTIVATION_REVIEW' },
      { from: 'ACTIVATION_REVIEW', exceptionTypeCode: 'REJECT_TO_CRM', exceptionType: { name: '驳回CRM', nameEn: 'Reject to CRM' }, to: 'END' },
      { from: 'ACTIVATION_REVIEW', exceptionTypeCode: 'RETRY_ACTIVATION', exceptionType: { name: '重新自动激活', nameEn: 'Retry automatic activation' }, to: 'NETWORK' },
      { from: 'OFFLINE_ACTIVATION', exceptionTypeCode: 'REJECT_TO_CRM', exceptionType: { name: '驳回CRM', nameEn: 'Reject to CRM' }, to: 'END' },
      { from: 'OFFLINE_ACTIVATION', exceptionTypeCode: 'REJECT_TO_REVIEW', exceptionType: { name: '驳回到失败原因判定', nameEn: 'Reject back to the failure review' }, to: 'ACTIVATION_REVIEW' },
      { from: 'APPOINTMENT', exceptionTypeCode: 'WRONG_ADDRESS', exceptionType: { name: '地址错误', nameEn: 'Wrong address' }, to: 'DISPATCH' },
      { from: 'OUTSIDE_PLANT', exceptionTypeCode: 'LINE_FAULT', exceptionType: { name: '线路故障', nameEn: 'Line fault' }, to: 'PORT' },
      { from: 'OUTSIDE_PLANT', exceptionTypeCode: 'WRONG_ADDRESS', exceptionType: { name: '地址错误', nameEn: 'Wrong address' }, to: 'DISPATCH' },
      { from: 'ONSITE_TEST', exceptionTypeCode: 'ONT_SERIAL_MISMATCH', exceptionType: { name: '光猫串码不符', nameEn: 'ONT serial mismatch' }, to: 'BB_ROOM' },
      { from: 'ONSITE_TEST', exceptionTypeCode: 'ONU_FAULT', exceptionType: { name: 'ONU不可用或不匹配', nameEn: 'ONU unusable or mismatched' }, to: 'PORT' },
      { from: 'ONSITE_TEST', exceptionTypeCode: 'ONU_PORT_FAULT', exceptionType: { name: 'ONU端口不可用或不匹配', nameEn: 'ONU port unusable or mismatched' }, to: 'PORT' },
      { from: 'ONSITE_TEST', exceptionTypeCode: 'WRONG_ADDRESS', exceptionType: { name: '地址错误', nameEn: 'Wrong address' }, to: 'DISPATCH' },
    ]);
    expect((await gqlRequest(app.url, FLOWS, { business: 'NO_SUCH_BUSINESS' }, admin)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses unknown exception types, the manual type, unknown steps, stale versions and invalid graphs, saving nothing', async () => {
    const before = await flowsOf({ template: 'BROADBAND_REMOVE' });
    const route = (overrides: object) => ({ from: 'REMOVE', exceptionType: 'LINE_FAULT', to: 'DISPATCH', ...overrides });
    const save = (routes: object[], baseTemplateId?: string) => call(SAVE_FLOWS, { templateCode: 'BROADBAND_REMOVE', baseTemplateId, routes });
    expect((await save([route({}), route({ exceptionType: 'ALIENS' })])).error).toMatchObject({ code: 'UNKNOWN_EXCEPTION_TYPE', field: 'routes.1.exceptionType' });
    expect((await save([route({ exceptionType: 'MANUAL' })])).error).toMatchObject({ code: 'MANUAL_TYPE', field: 'routes.0.exceptionType' });
    expect((await save([route({ to: 'NOWHERE' })])).error).toMatchObject({ code: 'UNKNOWN_STEP', field: 'routes.0.to' });
    expect((await save([route({})], '999999')).error).toMatchObject({ code: 'STALE' });
    const invalid = await save([route({ from: 'END' })]);
    expect(invalid.error?.code).toBe('INVALID_GRAPH');
    expect(invalid.problems).toContainEqual({ code: 'END_HAS_OUTGOING', stepCode: 'END' });
    expect((await flowsOf({ template: 'BROADBAND_REMOVE' })).version).toBe(before.version);
  });

  it('the template editor refuses an exception transition whose type is not a known exception type', async () => {
    const flows = await flowsOf({ template: 'ORDER_CANCEL' });
    const viewer = await app.services.auth.authenticate(admin);
    if (!viewer || !('viewer' in viewer)) throw new Error('no viewer');
    const graph = await app.services.templateEditor.graph(viewer.viewer, Number(flows.templateId));
    const problems = await app.services.templateEditor.validate(viewer.viewer, { ...graph, transitions: [...graph.transitions, { from: 'RELEASE', to: 'NETWORK', kind: 'EXCEPTION', exceptionType: 'ALIENS' }] });
    expect(problems).toEqual([expect.objectContaining({ code: 'UNKNOWN_EXCEPTION_TYPE', stepCode: 'RELEASE', message: expect.stringContaining('unknown exception type ALIENS') })]);
  });

  it('saves changed routes as a new version (normal transitions kept, audited) that a new order’s exception completion follows', async () => {
    const code = unique('REDO_').toUpperCase().replace(/[^A-Z0-9_]/g, '_');
    expect((await call(SAVE_TYPE, { create: true, code, name: '号码冲突', nameEn: 'Number clash' })).ok).toBe(true);
    const before = await flowsOf({ business: 'FIXED_NEW' });
    const saved = await call(SAVE_FLOWS, {
      templateCode: 'FIXED_NEW',
      baseTemplateId: before.templateId,
      routes: [
        { from: 'INSTALL', exceptionType: 'LINE_FAULT', to: 'WIRING' },
        { from: 'INSTALL', exceptionType: code, to: 'NUMBER' },
      ],
    });
    expect(saved.error).toBeNull();
    expect(saved.flows.version).toBe(before.version + 1);
    expect(saved.flows.routes.map((r: { from: string; exceptionTypeCode: string; to: string }) => `${r.from}-${r.exceptionTypeCode}->${r.to}`)).toEqual(['INSTALL-LINE_FAULT->WIRING', `INSTALL-${code}->NUMBER`]);
    const normal = await app.prisma.workflowTransition.count({ where: { templateId: Number(saved.flows.templateId), kind: 'NORMAL' } });
    expect(normal).toBe(await app.prisma.workflowTransition.count({ where: { templateId: Number(before.templateId), kind: 'NORMAL' } }));
    expect((await app.prisma.auditEntry.findFirst({ where: { entityType: 'WorkflowTemplate', entityId: saved.flows.templateId } }))?.action).toBe('exception-flows.save');
    expect((await call(DELETE_TYPE, { code })).error).toMatchObject({ code: 'IN_USE', message: expect.stringContaining(`FIXED_NEW v${before.version + 1} · INSTALL → NUMBER`) });

    const [order] = await submitOrders(app, admin, [{ businessCode: 'FIXED_NEW', areaCode }]);
    const read = async () => (await gqlRequest(app.url, ORDER, { id: order!.id }, handler)).data.order as { state: string; workOrders: { id: string; state: string; exceptionTypes: string[]; exceptionTypeDetails: { code: string; name: string; nameEn: string; manual: boolean }[]; step: { code: string } }[] };
    for (const step of ['WIRING', 'NUMBER', 'PORT', 'NETWORK']) {
      const open = (await read()).workOrders.find((wo) => wo.state === 'PENDING')!;
      expect(open.step.code).toBe(step);
      expect(await call(COMPLETE, { workOrderId: open.id }, handler)).toMatchObject({ ok: true });
    }
    const install = (await read()).workOrders.find((wo) => wo.state === 'PENDING')!;
    expect(install.step.code).toBe('INSTALL');
    expect(install.exceptionTypes).toEqual(['LINE_FAULT', code, 'MANUAL']);
    expect(install.exceptionTypeDetails).toEqual([
      { code: 'LINE_FAULT', name: '线路故障', nameEn: 'Line fault', manual: false },
      { code, name: '号码冲突', nameEn: 'Number clash', manual: false },
      { code: 'MANUAL', name: '人工异常', nameEn: 'Manual exception', manual: true },
    ]);
    expect(await call(COMPLETE, { workOrderId: install.id, exceptionType: code }, handler)).toMatchObject({ ok: true });
    const after = await read();
    expect(after.workOrders.filter((wo) => wo.state === 'PENDING').map((wo) => wo.step.code)).toEqual(['NUMBER']);
  });
});
