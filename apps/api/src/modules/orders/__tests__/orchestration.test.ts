import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJsonMessage, exampleXmlMessage } from '../../../integrations/crm/crm-message.ts';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitCrmMessageInput!) {
    submitCrmMessage(input: $input) { ok error { code message } message { id state } }
  }
`;
const MESSAGE = /* GraphQL */ `
  query Message($id: ID!) {
    crmInboundMessage(id: $id) { id state failureReason crmOrderCode attempts order { id orderNo state } }
  }
`;
const ORDER = /* GraphQL */ `
  query Order($id: ID!) {
    order(id: $id) {
      id orderNo state customerName address workflow { code version }
      demand { key value }
      workOrders { id workOrderNo state result exceptionTypes step { code kind } }
      log { action detail }
    }
  }
`;
const COMPLETE = /* GraphQL */ `
  mutation Complete($input: CompleteWorkOrderInput!) {
    completeWorkOrder(input: $input) { ok error { code message field } order { id state } }
  }
`;

/** A JSON CRM message: the documented example with another order code and business code. */
function jsonMessage(overrides: Record<string, unknown>): string {
  return JSON.stringify({ ...JSON.parse(exampleJsonMessage), crmOrderCode: unique('CRM'), ...overrides });
}

describe.each(testBackends())('order orchestration from CRM message to completion (%s)', (backend) => {
  let app: TestApp;
  let integrator: string;
  let handler: string;

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 60_000 } });
    const root = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    const admin = await createLogin(app.prisma, [{ organisationId: root.id, kinds: ['SYSTEM_ADMIN'] }]);
    const worker = await createLogin(app.prisma, [{ organisationId: root.id, kinds: ['WORK_ORDER'] }]);
    integrator = await loginAs(app.url, admin.loginName, admin.password);
    handler = await loginAs(app.url, worker.loginName, worker.password);
  });
  afterAll(() => app?.close());

  async function submit(format: 'XML' | 'JSON', payload: string) {
    const result = await gqlRequest(app.url, SUBMIT, { input: { format, payload } }, integrator);
    expect(result.errors).toBeUndefined();
    expect(result.data.submitCrmMessage.ok).toBe(true);
    return result.data.submitCrmMessage.message.id as string;
  }

  async function processed(id: string) {
    await app.services.crmPoller.kick();
    for (let i = 0; i < 100; i++) {
      const message = (await gqlRequest(app.url, MESSAGE, { id }, integrator)).data.crmInboundMessage;
      if (message.state !== 'PENDING') return message;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`message ${id} still pending`);
  }

  async function order(id: string) {
    const result = await gqlRequest(app.url, ORDER, { id }, handler);
    expect(result.errors).toBeUndefined();
    return result.data.order;
  }

  async function complete(workOrderId: string, exceptionType?: string) {
    const result = await gqlRequest(app.url, COMPLETE, { input: { workOrderId, exceptionType, note: 'done on site' } }, handler);
    expect(result.errors).toBeUndefined();
    return result.data.completeWorkOrder;
  }

  /** Completes the only pending work order of the order, which must be at `stepCode`. */
  async function completeStep(orderId: string, stepCode: string, exceptionType?: string) {
    const pending = (await order(orderId)).workOrders.filter((wo: { state: string }) => wo.state === 'PENDING');
    expect(pending.map((wo: { step: { code: string } }) => wo.step.code)).toEqual([stepCode]);
    expect((await complete(pending[0].id, exceptionType)).ok).toBe(true);
  }

  it('turns a CRM XML message into an executing order with its demand, log and first work order; a re-sent message adds nothing', async () => {
    const first = await processed(await submit('XML', exampleXmlMessage));
    expect(first).toMatchObject({ state: 'PROCESSED', failureReason: null, crmOrderCode: 'GZ202403180000123', order: { state: 'EXECUTING' } });
    const created = await order(first.order.id);
    expect(created).toMatchObject({ customerName: '陈晓明', workflow: { code: 'FIXED_NEW', version: 1 } });
    expect(created.workOrders.map((wo: { step: { code: string }; state: string }) => [wo.step.code, wo.state])).toEqual([['WIRING', 'PENDING']]);
    expect(created.demand).toContainEqual({ key: 'wantedNumber', value: '020-38471256' });
    expect(created.log.map((line: { action: string }) => line.action)).toEqual(['CREATE_ORDER', 'CREATE_WORK_ORDER']);

    const again = await processed(await submit('JSON', exampleJsonMessage));
    expect(again).toMatchObject({ state: 'PROCESSED', order: { id: first.order.id } });
    expect(await app.prisma.order.count({ where: { crmOrderCode: 'GZ202403180000123' } })).toBe(1);
  });

  it('drives a fixed-line order through an exception flow to completion, writing the completion notice for CRM', async () => {
    const message = await processed(await submit('JSON', jsonMessage({ businessCode: 'FIXED_NEW' })));
    const id = message.order.id;
    for (const step of ['WIRING', 'NUMBER', 'PORT', 'NETWORK']) await completeStep(id, step);
    const install = (await order(id)).workOrders.find((wo: { step: { code: string } }) => wo.step.code === 'INSTALL');
    expect(install.exceptionTypes).toEqual(['LINE_FAULT', 'MANUAL']);

    const wrongType = await complete(install.id, 'ALIENS');
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'NO_SUCH_EXCEPTION_FLOW', field: 'exceptionType' } });
    await completeStep(id, 'INSTALL', 'LINE_FAULT'); // line fault: wiring is redone
    for (const step of ['WIRING', 'NUMBER', 'PORT', 'NETWORK', 'INSTALL']) await completeStep(id, step);
    expect(await app.prisma.crmOutboundNotice.count({ where: { orderId: Number(id), kind: 'COMPLETION' } })).toBe(1);
    await completeStep(id, 'NOTICE');

    const done = await order(id);
    expect(done.state).toBe('COMPLETED');
    expect(done.workOrders.map((wo: { workOrderNo: string }) => wo.workOrderNo)).toContain(`${done.orderNo}-WIRING-2`);
    expect(done.log.at(-1).action).toBe('COMPLETE_ORDER');
    const again = await complete(done.workOrders[0].id);
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_DONE' } });
  });

  it('draws the order’s workflow for the flow monitor: done, in progress, not reached', async () => {
    const message = await processed(await submit('JSON', jsonMessage({ businessCode: 'FIXED_NEW' })));
    await completeStep(message.order.id, 'WIRING');
    const result = await gqlRequest(
      app.url,
      'query($id: ID!) { order(id: $id) { flow { steps { state step { id code } workOrders { state } } transitions { fromStepId toStepId exception exceptionType } } } }',
      { id: message.order.id },
      handler,
    );
    const flow = result.data.order.flow;
    expect(flow.steps.map((s: any) => `${s.step.code}:${s.state}`)).toEqual([
      'START:DONE', 'WIRING:DONE', 'NUMBER:IN_PROGRESS', 'PORT:NOT_REACHED', 'NETWORK:NOT_REACHED', 'INSTALL:NOT_REACHED', 'NOTICE:NOT_REACHED', 'END:NOT_REACHED',
    ]);
    const code = new Map(flow.steps.map((s: any) => [s.step.id, s.step.code]));
    expect(flow.transitions.filter((t: any) => t.exception).map((t: any) => `${code.get(t.fromStepId)}->${code.get(t.toStepId)}:${t.exceptionType}`)).toEqual(['INSTALL->WIRING:LINE_FAULT']);
    expect(flow.transitions).toHaveLength(8);
  });

  it('joins parallel steps: the broadband dispatch step waits for both activations', async () => {
    const message = await processed(await submit('JSON', jsonMessage({ businessCode: 'BROADBAND_NEW' })));
    const id = message.order.id;
    await completeStep(id, 'PORT');
    const parallel = (await order(id)).workOrders.filter((wo: { state: string }) => wo.state === 'PENDING');
    expect(parallel.map((wo: { step: { code: string } }) => wo.step.code).sort()).toEqual(['BB_ROOM', 'NETWORK']);
    await complete(parallel.find((wo: { step: { code: string } }) => wo.step.code === 'NETWORK').id);
    expect((await order(id)).workOrders.filter((wo: { state: string }) => wo.state === 'PENDING').map((wo: { step: { code: string } }) => wo.step.code)).toEqual(['BB_ROOM']);
    await completeStep(id, 'BB_ROOM');
    await completeStep(id, 'DISPATCH');
  });

  it('cancels an in-flight order with a cancellation order, and refuses to cancel one that is not executing', async () => {
    const original = await processed(await submit('JSON', jsonMessage({ businessCode: 'BROADBAND_NEW' })));
    const cancel = await processed(
      await submit('JSON', jsonMessage({ businessCode: 'ORDER_CANCEL', orderType: 'CANCEL', cancelsCrmOrderCode: original.crmOrderCode })),
    );
    expect(cancel.state).toBe('PROCESSED');
    const cancelled = await order(original.order.id);
    expect(cancelled.state).toBe('CANCELLED');
    expect(cancelled.workOrders.every((wo: { state: string }) => wo.state === 'CANCELLED')).toBe(true);
    const again = await processed(
      await submit('JSON', jsonMessage({ businessCode: 'ORDER_CANCEL', orderType: 'CANCEL', cancelsCrmOrderCode: original.crmOrderCode })),
    );
    expect(again).toMatchObject({ state: 'FAILED' });
    expect(again.failureReason).toMatch(/already cancelled/);
  });

  it('marks malformed and unknown messages failed with a reason, and still processes the messages behind them', async () => {
    const badXml = await submit('XML', '<order><crmOrderCode>X1</crmOrderCode><customer>');
    const unknown = await submit('JSON', jsonMessage({ businessCode: 'SATELLITE_TV' }));
    const missing = await submit('JSON', JSON.stringify({ crmOrderCode: unique('CRM'), businessCode: 'FIXED_NEW' }));
    const good = await submit('JSON', jsonMessage({ businessCode: 'FIXED_NEW' }));
    const results = [];
    for (const id of [badXml, unknown, missing, good]) results.push(await processed(id));
    expect(results.map((message) => message.state)).toEqual(['FAILED', 'FAILED', 'FAILED', 'PROCESSED']);
    expect(results[0].failureReason).toMatch(/XML/i);
    expect(results[1].failureReason).toBe('Unknown business code "SATELLITE_TV": no workflow is configured for it.');
    expect(results[2].failureReason).toMatch(/orderType/);
    expect(results[2].failureReason).toMatch(/customer/);

    const huge = await gqlRequest(app.url, SUBMIT, { input: { format: 'JSON', payload: 'x'.repeat(300 * 1024) } }, integrator);
    expect(huge.data.submitCrmMessage).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' }, message: null });
    expect(huge.data.submitCrmMessage.error.message).toMatch(/over the 256 KiB limit/);
  });

  it('lets only permitted staff submit messages and complete work orders', async () => {
    const denied = await gqlRequest(app.url, SUBMIT, { input: { format: 'JSON', payload: '{}' } }, handler);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const notHandler = await gqlRequest(app.url, COMPLETE, { input: { workOrderId: '1' } }, integrator);
    expect(notHandler.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
