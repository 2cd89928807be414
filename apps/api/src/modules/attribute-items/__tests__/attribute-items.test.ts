import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';

const SAVE = 'mutation($input: SaveAttributeItemInput!) { saveAttributeItem(input: $input) { ok error { code message field } attributeItem { id code businessCode required valueType } } }';
const DELETE = 'mutation($input: DeleteAttributeItemInput!) { deleteAttributeItem(input: $input) { ok error { code message field } } }';

describe('attribute items: order parameters CRM sends, checked at intake', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp('pglite', { config: { crmPollMs: 60_000 } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    const login = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN'] }]);
    admin = await loginAs(app.url, login.loginName, login.password);
  });
  afterAll(() => app?.close());

  const save = async (input: Record<string, unknown>) => (await gqlRequest(app.url, SAVE, { input }, admin)).data.saveAttributeItem;

  /** Sends a fixed-line order with these parameters and returns how the intake answered. */
  async function send(parameters: Record<string, string>) {
    const payload = JSON.stringify({ ...JSON.parse(exampleJsonMessage), crmOrderCode: unique('CRM'), areaCode: null, parameters });
    const submitted = await gqlRequest(app.url, 'mutation($input: SubmitCrmMessageInput!) { submitCrmMessage(input: $input) { message { id } } }', { input: { format: 'JSON', payload } }, admin);
    await app.services.crmPoller.kick();
    return (await gqlRequest(app.url, 'query($id: ID!) { crmInboundMessage(id: $id) { state failureReason order { id orderNo } } }', { id: submitted.data.submitCrmMessage.message.id }, admin)).data.crmInboundMessage;
  }

  it('lists the seeded items of a business with those of every business', async () => {
    const items = (await gqlRequest(app.url, '{ attributeItems(filter: { businessCode: "FIXED_NEW" }) { code businessCode } }', {}, admin)).data.attributeItems;
    const codes = items.map((item: { code: string }) => item.code);
    expect(codes).toEqual(expect.arrayContaining(['wantedNumber', 'remark', 'appointment']));
    expect(codes).not.toContain('bandwidth');
  });

  it('fails a CRM message missing a required parameter or carrying a badly typed one, naming it; a good one goes through', async () => {
    const code = unique('lines');
    const created = await save({ code, name: '线路数', nameEn: 'Lines', valueType: 'NUMBER', businessCode: 'FIXED_NEW', required: true });
    expect(created).toMatchObject({ ok: true, attributeItem: { code, businessCode: 'FIXED_NEW', required: true, valueType: 'NUMBER' } });

    const missing = await send({ remark: 'x' });
    expect(missing.state).toBe('FAILED');
    expect(missing.failureReason).toBe(`Parameter "${code}" (线路数) is required for business FIXED_NEW.`);
    const badNumber = await send({ [code]: 'two' });
    expect(badNumber).toMatchObject({ state: 'FAILED', failureReason: `Parameter "${code}" (线路数) must be a number, not "two".` });
    const good = await send({ [code]: '2' });
    expect(good.state).toBe('PROCESSED');

    // An order in flight carries it: the item cannot go, and the message names the order.
    const refused = (await gqlRequest(app.url, DELETE, { input: { id: created.attributeItem.id } }, admin)).data.deleteAttributeItem;
    expect(refused).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
    expect(refused.error.message).toContain(good.order.orderNo);

    // Optional again: a message without it goes through at once (every instance forgets its copy).
    expect(await save({ id: created.attributeItem.id, code, name: '线路数', valueType: 'NUMBER', businessCode: 'FIXED_NEW', required: false })).toMatchObject({ ok: true });
    expect((await send({ remark: 'x' })).state).toBe('PROCESSED');
    const audit = await app.prisma.auditEntry.findMany({ where: { entityType: 'AttributeItem', entityId: created.attributeItem.id }, orderBy: { id: 'asc' } });
    expect(audit.map((entry) => entry.action)).toEqual(['attribute-item.create', 'attribute-item.update']);
  });

  it('refuses a duplicate, an unknown business and a bad code, naming the field', async () => {
    const code = unique('dup');
    expect(await save({ code, name: '甲', valueType: 'TEXT', required: false })).toMatchObject({ ok: true, attributeItem: { businessCode: '' } });
    expect(await save({ code, name: '乙', valueType: 'TEXT', required: false })).toMatchObject({ ok: false, error: { code: 'DUPLICATE_CODE', field: 'code' } });
    // The same parameter may be defined for one business on top of the every-business one.
    expect(await save({ code, name: '丙', valueType: 'DATE', businessCode: 'BROADBAND_NEW', required: false })).toMatchObject({ ok: true });
    expect(await save({ code: unique('x'), name: '丁', valueType: 'TEXT', businessCode: 'NO_SUCH', required: false })).toMatchObject({ ok: false, error: { code: 'NO_SUCH_BUSINESS', field: 'businessCode' } });
    const badCode = await gqlRequest(app.url, SAVE, { input: { code: 'has space', name: '戊', valueType: 'TEXT', required: false } }, admin);
    expect(badCode.errors?.[0]?.message).toContain('code');
  });
});
