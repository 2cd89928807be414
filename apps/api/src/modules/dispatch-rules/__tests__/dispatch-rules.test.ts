import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const RULE = 'id organisation { id } workOrderType { code } position { id }';
const SAVE = `mutation($input: SaveDispatchRuleInput!) { saveDispatchRule(input: $input) { ok error { code message field } rule { ${RULE} } } }`;
const DELETE = 'mutation($input: DeleteDispatchRuleInput!) { deleteDispatchRule(input: $input) { ok error { code message field } } }';
const PREVIEW = `query($organisationId: ID!, $workOrderType: String) { dispatchPreview(organisationId: $organisationId, workOrderType: $workOrderType) { position { id } rule { id } candidates { id } } }`;

describe.each(testBackends())('dispatch rules: configuration, preview and effect on new orders (%s)', (backend) => {
  let app: TestApp;
  let admin: string;
  let worker: string;
  let city: { id: number; code: string; path: string };
  let district: { id: number; code: string; path: string };
  let elsewhere: { id: number; code: string; path: string };
  let cityPosition: string;
  let districtPosition: string;
  let elsewherePosition: string;

  const positionOf = async (staffId: number) => String((await app.prisma.staffPosition.findFirstOrThrow({ where: { staffId } })).positionId);

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 60_000 } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    city = await createOrganisation(app.prisma, { parentId: province.id, level: 'CITY' });
    district = await createOrganisation(app.prisma, { parentId: city.id });
    elsewhere = await createOrganisation(app.prisma, { parentId: province.id, level: 'CITY' });
    const adminLogin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN', 'WORK_ORDER'] }]);
    const cityStaff = await createLogin(app.prisma, [{ organisationId: city.id, kinds: ['WORK_ORDER'] }]);
    const districtStaff = await createLogin(app.prisma, [{ organisationId: district.id, kinds: ['WORK_ORDER'] }]);
    const elsewhereStaff = await createLogin(app.prisma, [{ organisationId: elsewhere.id, kinds: ['WORK_ORDER'] }]);
    cityPosition = await positionOf(cityStaff.staff[0]!.id);
    districtPosition = await positionOf(districtStaff.staff[0]!.id);
    elsewherePosition = await positionOf(elsewhereStaff.staff[0]!.id);
    admin = await loginAs(app.url, adminLogin.loginName, adminLogin.password);
    worker = await loginAs(app.url, cityStaff.loginName, cityStaff.password);
  });
  afterAll(() => app?.close());

  const save = async (input: object) => {
    const result = await gqlRequest(app.url, SAVE, { input }, admin);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data.saveDispatchRule;
  };
  const preview = async (organisationId: number, workOrderType?: string) => (await gqlRequest(app.url, PREVIEW, { organisationId: String(organisationId), workOrderType }, admin)).data.dispatchPreview;

  /** Where the dispatch-center step's work order of a new removal order in the area is queued. */
  async function dispatchedPosition(areaCode: string): Promise<string | null> {
    const payload = JSON.stringify({ ...JSON.parse(exampleJsonMessage), crmOrderCode: unique('CRM'), businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', areaCode });
    const submitted = await gqlRequest(app.url, 'mutation($input: SubmitCrmMessageInput!) { submitCrmMessage(input: $input) { message { id } } }', { input: { format: 'JSON', payload } }, admin);
    await app.services.crmPoller.kick();
    const message = (await gqlRequest(app.url, 'query($id: ID!) { crmInboundMessage(id: $id) { order { workOrders { id } } } }', { id: submitted.data.submitCrmMessage.message.id }, admin)).data.crmInboundMessage;
    const done = await gqlRequest(app.url, 'mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ok order { workOrders { step { code } position { id } } } } }', { input: { workOrderId: message.order.workOrders[0].id } }, admin);
    expect(done.data.completeWorkOrder.ok).toBe(true);
    return done.data.completeWorkOrder.order.workOrders.find((wo: { step: { code: string } }) => wo.step.code === 'DISPATCH').position?.id ?? null;
  }

  it('previews the deciding rule, and a new order is dispatched by it; a changed rule applies to the next order', async () => {
    expect(await preview(district.id, 'DISPATCH')).toEqual({ position: null, rule: null, candidates: [] });
    expect(await dispatchedPosition(district.code)).toBeNull();

    const cityRule = await save({ organisationId: String(city.id), positionId: cityPosition });
    expect(cityRule).toMatchObject({ ok: true, error: null, rule: { organisation: { id: String(city.id) }, workOrderType: null, position: { id: cityPosition } } });
    const districtRule = await save({ organisationId: String(district.id), workOrderType: 'DISPATCH', positionId: districtPosition });
    expect(districtRule.ok).toBe(true);

    // The nearer, specific rule decides; the city's rule for any type comes next.
    expect(await preview(district.id, 'DISPATCH')).toEqual({ position: { id: districtPosition }, rule: { id: districtRule.rule.id }, candidates: [{ id: districtRule.rule.id }, { id: cityRule.rule.id }] });
    expect((await preview(district.id, 'INSTALL')).position).toEqual({ id: cityPosition });
    expect(await dispatchedPosition(district.code)).toBe(districtPosition);

    // Retargeted to the city's position: the next order follows at once.
    expect((await save({ id: districtRule.rule.id, organisationId: String(district.id), workOrderType: 'DISPATCH', positionId: cityPosition })).ok).toBe(true);
    expect(await dispatchedPosition(district.code)).toBe(cityPosition);

    const deleted = await gqlRequest(app.url, DELETE, { input: { id: districtRule.rule.id } }, admin);
    expect(deleted.data.deleteDispatchRule).toEqual({ ok: true, error: null });
    expect((await preview(district.id, 'DISPATCH')).rule).toEqual({ id: cityRule.rule.id });

    const listed = await gqlRequest(app.url, `query($filter: DispatchRuleFilter) { dispatchRules(filter: $filter) { ${RULE} } }`, { filter: { organisationId: String(city.id) } }, admin);
    expect(listed.data.dispatchRules).toEqual([cityRule.rule]);

    const audit = await gqlRequest(app.url, 'query($filter: AuditFilter) { auditLog(filter: $filter, first: 10) { edges { node { action entityId } } } }', { filter: { entityType: 'DispatchRule', entityId: districtRule.rule.id } }, admin);
    expect(audit.data.auditLog.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual(['dispatch-rule.delete', 'dispatch-rule.update', 'dispatch-rule.create']);
  });

  it('refuses a second rule for the same area and type, a position that does not serve the area, and unknown types, naming the field', async () => {
    const first = await save({ organisationId: String(elsewhere.id), workOrderType: 'INSTALL', positionId: elsewherePosition });
    expect(first.ok).toBe(true);
    expect(await save({ organisationId: String(elsewhere.id), workOrderType: 'INSTALL', positionId: elsewherePosition })).toMatchObject({ ok: false, error: { code: 'DUPLICATE_RULE', field: 'workOrderType' } });
    expect(await save({ organisationId: String(elsewhere.id), workOrderType: 'INSTALL', positionId: districtPosition })).toMatchObject({ ok: false, error: { code: 'NO_SUCH_POSITION', field: 'positionId' } });
    expect(await save({ organisationId: String(elsewhere.id), workOrderType: 'NOPE', positionId: elsewherePosition })).toMatchObject({ ok: false, error: { code: 'NO_SUCH_TYPE', field: 'workOrderType' } });
    expect((await gqlRequest(app.url, DELETE, { input: { id: '999999' } }, admin)).data.deleteDispatchRule).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bad = await gqlRequest(app.url, SAVE, { input: { organisationId: 'x', positionId: elsewherePosition } }, admin);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('organisationId');
  });

  it('is for administrators only', async () => {
    const refused = await gqlRequest(app.url, SAVE, { input: { organisationId: String(city.id), positionId: cityPosition } }, worker);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gqlRequest(app.url, '{ dispatchRules { id } }', {}, worker)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
