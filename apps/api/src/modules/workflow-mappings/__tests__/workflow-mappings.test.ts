import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const ERROR = 'ok error { code message field }';
const IOM = 'code name nameEn description templateCode templateName templateVersion businessCount';
const SAVE_IOM = `mutation($input: SaveIomWorkflowInput!) { saveIomWorkflow(input: $input) { ${ERROR} iomWorkflow { ${IOM} } } }`;
const DELETE_IOM = `mutation($input: DeleteByCodeInput!) { deleteIomWorkflow(input: $input) { ${ERROR} } }`;
const SAVE_BUSINESS = `mutation($input: SaveBusinessWorkflowInput!) { saveBusinessWorkflow(input: $input) { ${ERROR} businessWorkflow { businessCode name nameEn description iomWorkflow { code templateCode } } } }`;
const DELETE_BUSINESS = `mutation($input: DeleteBusinessWorkflowInput!) { deleteBusinessWorkflow(input: $input) { ${ERROR} } }`;
const AUDIT = 'query($filter: AuditFilter) { auditLog(filter: $filter, first: 10) { edges { node { action entityId summary before after } } } }';

describe.each(testBackends())('workflow mappings: business → IOM workflow → engine template (%s)', (backend) => {
  let app: TestApp;
  let admin: string;
  let worker: string;
  let area: { id: number; code: string };

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 60_000 } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    area = await createOrganisation(app.prisma, { parentId: province.id, level: 'CITY' });
    const adminLogin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN', 'WORK_ORDER'] }]);
    const workerLogin = await createLogin(app.prisma, [{ organisationId: area.id, kinds: ['WORK_ORDER'] }]);
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
  const submitCrm = async (businessCode: string) => {
    const payload = JSON.stringify({ ...JSON.parse(exampleJsonMessage), crmOrderCode: unique('CRM'), businessCode, orderType: 'REMOVE', areaCode: area.code });
    const submitted = await gqlRequest(app.url, 'mutation($input: SubmitCrmMessageInput!) { submitCrmMessage(input: $input) { message { id } } }', { input: { format: 'JSON', payload } }, admin);
    await app.services.crmPoller.kick();
    return (await gqlRequest(app.url, 'query($id: ID!) { crmInboundMessage(id: $id) { state order { orderNo state workflow { code version } } } }', { id: submitted.data.submitCrmMessage.message.id }, admin)).data.crmInboundMessage as {
      state: string;
      order: { orderNo: string; state: string; workflow: { code: string; version: number } } | null;
    };
  };

  it('lists the seeded mappings: each business through its IOM workflow to a template with its newest active version', async () => {
    const iom = (await gqlRequest(app.url, `{ iomWorkflows { ${IOM} } }`, {}, admin)).data.iomWorkflows as { code: string; templateCode: string; templateVersion: number | null; businessCount: number }[];
    expect(iom.find((w) => w.code === 'FIXED_NEW')).toMatchObject({ templateCode: 'FIXED_NEW', templateName: '固话新装', businessCount: 1 });
    expect(iom.find((w) => w.code === 'FIXED_NEW')!.templateVersion).toBeGreaterThanOrEqual(1);
    const businesses = (await gqlRequest(app.url, '{ businessWorkflows { businessCode iomWorkflow { code templateCode } } }', {}, admin)).data.businessWorkflows;
    expect(businesses).toContainEqual({ businessCode: 'BROADBAND_NEW', iomWorkflow: { code: 'BROADBAND_NEW', templateCode: 'BROADBAND_NEW' } });
  });

  it('a new business code mapped through a new IOM workflow to an existing template turns a CRM message into an order on that template; changes are audited', async () => {
    const workflow = unique('IOM_');
    const business = unique('BIZ_');
    // Unknown before it is mapped: the message is refused.
    expect((await submitCrm(business)).order).toBeNull();

    const saved = await call(SAVE_IOM, { create: true, code: workflow, name: '测试流程', nameEn: ' Test flow ', description: '  ', templateCode: 'BROADBAND_REMOVE' });
    expect(saved).toMatchObject({ ok: true, error: null, iomWorkflow: { code: workflow, name: '测试流程', nameEn: 'Test flow', description: null, templateCode: 'BROADBAND_REMOVE', templateName: '宽带拆机', businessCount: 0 } });
    const mapped = await call(SAVE_BUSINESS, { create: true, businessCode: business, name: '测试业务', description: '新业务', iomWorkflowCode: workflow });
    expect(mapped).toEqual({ ok: true, error: null, businessWorkflow: { businessCode: business, name: '测试业务', nameEn: '', description: '新业务', iomWorkflow: { code: workflow, templateCode: 'BROADBAND_REMOVE' } } });

    const message = await submitCrm(business);
    expect(message.order).toMatchObject({ state: 'EXECUTING', workflow: { code: 'BROADBAND_REMOVE' } });

    // Pointing the IOM workflow at another template changes the next order only.
    expect((await call(SAVE_IOM, { code: workflow, name: '测试流程', templateCode: 'BROADBAND_MOVE' })).ok).toBe(true);
    expect((await submitCrm(business)).order!.workflow.code).toBe('BROADBAND_MOVE');

    const iomAudit = await auditOf('IomWorkflow', workflow);
    expect(iomAudit.map((e) => e.action)).toEqual(['iom-workflow.update', 'iom-workflow.create']);
    expect(JSON.parse(iomAudit[0]!.before!)).toMatchObject({ templateCode: 'BROADBAND_REMOVE' });
    expect(JSON.parse(iomAudit[0]!.after!)).toMatchObject({ templateCode: 'BROADBAND_MOVE' });
    expect((await auditOf('BusinessWorkflow', business)).map((e) => e.action)).toEqual(['business-workflow.create']);
  });

  it('refuses unknown templates and IOM workflows, taken codes and malformed fields, naming the field', async () => {
    expect(await call(SAVE_IOM, { create: true, code: unique('IOM_'), name: 'x', templateCode: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'NO_SUCH_TEMPLATE', field: 'templateCode' } });
    const taken = await call(SAVE_IOM, { create: true, code: 'FIXED_NEW', name: 'x', templateCode: 'FIXED_NEW' });
    expect(taken).toMatchObject({ ok: false, error: { code: 'DUPLICATE_CODE', field: 'code' }, iomWorkflow: null });
    expect(await call(SAVE_IOM, { code: unique('IOM_'), name: 'x', templateCode: 'FIXED_NEW' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'code' } });
    expect(await call(SAVE_BUSINESS, { create: true, businessCode: unique('BIZ_'), name: 'x', iomWorkflowCode: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'NO_SUCH_IOM_WORKFLOW', field: 'iomWorkflowCode' } });
    const duplicate = await call(SAVE_BUSINESS, { create: true, businessCode: 'FIXED_NEW', name: 'x', iomWorkflowCode: 'FIXED_NEW' });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'DUPLICATE_CODE', field: 'businessCode' } });
    expect(duplicate.error!.message).toContain('FIXED_NEW');
    expect(await call(DELETE_BUSINESS, { businessCode: unique('BIZ_') })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(DELETE_IOM, { code: unique('IOM_') })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    for (const [query, input, field] of [
      [SAVE_IOM, { create: true, code: 'has space', name: 'x', templateCode: 'FIXED_NEW' }, 'code'],
      [SAVE_IOM, { create: true, code: unique('IOM_'), name: ' ', templateCode: 'FIXED_NEW' }, 'name'],
      [SAVE_IOM, { create: true, code: unique('IOM_'), name: 'x', templateCode: '' }, 'templateCode'],
      [SAVE_BUSINESS, { create: true, businessCode: '', name: 'x', iomWorkflowCode: 'FIXED_NEW' }, 'businessCode'],
      [SAVE_BUSINESS, { create: true, businessCode: 'A B', name: 'x', iomWorkflowCode: 'FIXED_NEW' }, 'businessCode'],
      [SAVE_BUSINESS, { create: true, businessCode: unique('BIZ_'), name: 'x', description: 'd'.repeat(201), iomWorkflowCode: 'FIXED_NEW' }, 'description'],
    ] as const) {
      const bad = await gqlRequest(app.url, query, { input }, admin);
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0]?.message).toMatch(new RegExp(`^${field}: `));
    }
    expect(await auditOf('IomWorkflow', 'FIXED_NEW')).toEqual([]);
  });

  it('refuses to delete an IOM workflow businesses use and a mapping with executing orders, naming them; deletes both once unused', async () => {
    const workflow = unique('IOM_');
    const business = unique('BIZ_');
    await call(SAVE_IOM, { create: true, code: workflow, name: '待删流程', templateCode: 'BROADBAND_REMOVE' });
    await call(SAVE_BUSINESS, { create: true, businessCode: business, name: '待删业务', iomWorkflowCode: workflow });

    const iomInUse = await call(DELETE_IOM, { code: workflow });
    expect(iomInUse).toMatchObject({ ok: false, error: { code: 'IN_USE', field: 'code' } });
    expect(iomInUse.error!.message).toContain(`${business} 待删业务`);

    const order = (await submitCrm(business)).order!;
    const businessInUse = await call(DELETE_BUSINESS, { businessCode: business });
    expect(businessInUse).toMatchObject({ ok: false, error: { code: 'IN_USE', field: 'businessCode' } });
    expect(businessInUse.error!.message).toContain(order.orderNo);

    // Once its orders are no longer executing the mapping can go, then the IOM workflow.
    await app.prisma.order.update({ where: { orderNo: order.orderNo }, data: { state: 'COMPLETED', completedAt: new Date() } });
    expect(await call(DELETE_BUSINESS, { businessCode: business })).toEqual({ ok: true, error: null });
    expect(await call(DELETE_IOM, { code: workflow })).toEqual({ ok: true, error: null });
    expect(await app.prisma.iomWorkflow.findUnique({ where: { code: workflow } })).toBeNull();
    const audit = await auditOf('BusinessWorkflow', business);
    expect(audit.map((e) => e.action)).toEqual(['business-workflow.delete', 'business-workflow.create']);
    expect(JSON.parse(audit[0]!.before!)).toEqual({ businessCode: business, name: '待删业务', nameEn: '', description: null, iomWorkflowCode: workflow });
    expect((await auditOf('IomWorkflow', workflow)).map((e) => e.action)).toEqual(['iom-workflow.delete', 'iom-workflow.create']);
  });

  it('is for administrators only', async () => {
    for (const query of ['{ iomWorkflows { code } }', '{ businessWorkflows { businessCode } }']) {
      expect((await gqlRequest(app.url, query, {}, worker)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    for (const [query, input] of [
      [SAVE_IOM, { create: true, code: unique('IOM_'), name: 'x', templateCode: 'FIXED_NEW' }],
      [DELETE_IOM, { code: 'FIXED_NEW' }],
      [SAVE_BUSINESS, { create: true, businessCode: unique('BIZ_'), name: 'x', iomWorkflowCode: 'FIXED_NEW' }],
      [DELETE_BUSINESS, { businessCode: 'FIXED_NEW' }],
    ] as const) {
      expect((await gqlRequest(app.url, query, { input }, worker)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});
