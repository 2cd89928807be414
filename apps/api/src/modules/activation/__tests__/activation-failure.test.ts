import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { submitOrders } from '../../../testing/orders.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const ORDER = /* GraphQL */ `
  query Order($id: ID!) {
    order(id: $id) {
      id state rejectedAt rejectReason
      demand { key value oldValue }
      workOrders { id workOrderNo state result acceptDueAt dueAt step { code } exceptionTypes offlineActivation { device port } }
      interfaceRequests { id system kind state attempts }
      log { action detail }
    }
  }
`;
const COMPLETE = /* GraphQL */ `
  mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ok error { code field message } order { state } } }
`;
const CONFIGURE = 'mutation($input: ConfigureSimulatorInput!) { configureSimulator(input: $input) { system } }';
const RESEND = 'mutation($input: ResendInterfaceRequestInput!) { resendInterfaceRequest(input: $input) { ok error { code } } }';

interface WorkOrder {
  id: string;
  workOrderNo: string;
  state: string;
  result: string | null;
  acceptDueAt: string | null;
  dueAt: string | null;
  step: { code: string };
  exceptionTypes: string[];
  offlineActivation: { device: string | null; port: string | null } | null;
}
interface Order {
  id: string;
  state: string;
  rejectedAt: string | null;
  rejectReason: string | null;
  demand: { key: string; value: string; oldValue: string | null }[];
  workOrders: WorkOrder[];
  interfaceRequests: { id: string; system: string; kind: string; state: string; attempts: number }[];
  log: { action: string; detail: string }[];
}

describe.each(testBackends())('broadband activation failures (%s)', (backend) => {
  let app: TestApp;
  let admin: string;
  let areaCode: string;

  const read = async (id: string): Promise<Order> => (await gqlRequest(app.url, ORDER, { id }, admin)).data.order;
  async function until(id: string, predicate: (order: Order) => boolean, what: string): Promise<Order> {
    let last: Order | undefined;
    for (let i = 0; i < 300; i++) {
      last = await read(id);
      if (predicate(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
  }
  const open = (order: Order) => order.workOrders.filter((wo) => ['PENDING', 'IN_PROGRESS'].includes(wo.state));
  const openAt = (code: string) => (order: Order) => open(order).some((wo) => wo.step.code === code);
  const openOne = (order: Order, code: string) => open(order).find((wo) => wo.step.code === code) as WorkOrder;
  const provisioning = (failureRate: number) =>
    gqlRequest(app.url, CONFIGURE, { input: { system: 'PROVISIONING', minLatencyMs: 0, maxLatencyMs: 0, failureRate, timeoutRate: 0 } }, admin);
  const complete = async (input: Record<string, unknown>) => (await gqlRequest(app.url, COMPLETE, { input }, admin)).data.completeWorkOrder;

  beforeAll(async () => {
    app = await startTestApp(backend, {
      config: { interfaces: { enabled: true, pollMs: 50, timeoutMs: 300, maxAttempts: 3, backoffMs: 20, simulator: { minLatencyMs: 0, maxLatencyMs: 5, failureRate: 0, timeoutRate: 0 } } },
    });
    const root = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    const district = await createOrganisation(app.prisma, { parentId: root.id });
    areaCode = district.code;
    const login = await createLogin(app.prisma, [{ organisationId: root.id, kinds: ['SYSTEM_ADMIN', 'WORK_ORDER'] }]);
    admin = await loginAs(app.url, login.loginName, login.password);
  });
  afterAll(() => app?.close());

  it('sends a thrice-failed activation to its review; offline activation is checked against the port, rejected back, retried, and the flow goes on once it is done', async () => {
    await provisioning(1);
    const [{ id }] = await submitOrders(app, admin, [{ businessCode: 'BROADBAND_NEW', orderType: 'NEW', areaCode }]);

    // Three refusals of network management (综合网管): the step ends ACTIVATION_FAILED, the review opens.
    let order = await until(id, openAt('ACTIVATION_REVIEW'), 'the failure review');
    const network = order.workOrders.find((wo) => wo.step.code === 'NETWORK') as WorkOrder;
    expect(network).toMatchObject({ state: 'COMPLETED', result: 'ACTIVATION_FAILED' });
    const networkRequest = order.interfaceRequests.find((r) => r.kind === 'NETWORK_MGMT')!;
    expect(networkRequest).toMatchObject({ state: 'FAILED', attempts: 3 });
    expect(order.log.some((line) => line.action === 'INTERFACE_FAILED' && line.detail.includes('NETWORK_MGMT failed after 3 attempts'))).toBe(true);
    expect(open(order).map((wo) => wo.step.code)).not.toContain('DISPATCH');
    const review = openOne(order, 'ACTIVATION_REVIEW');
    expect(review.exceptionTypes.sort()).toEqual(['MANUAL', 'REJECT_TO_CRM', 'RETRY_ACTIVATION']);
    expect(review.offlineActivation).toBeNull();
    // Its time limits are the seed's for the step: accept within 1 working hour, process within 2.
    expect(review.acceptDueAt).toBeTruthy();
    expect(review.dueAt).toBeTruthy();
    // The failed command is not re-sent behind the review's back.
    expect((await gqlRequest(app.url, RESEND, { input: { id: networkRequest.id } }, admin)).data.resendInterfaceRequest).toEqual({ ok: false, error: { code: 'MOVED_ON' } });

    // Review → offline activation (是否使用线下激活: yes).
    expect(await complete({ workOrderId: review.id })).toMatchObject({ ok: true });
    order = await read(id);
    let offline = openOne(order, 'OFFLINE_ACTIVATION');
    const port = order.demand.find((row) => row.key === 'port')!.value;
    const device = port.split('/')[0];
    expect(offline.offlineActivation).toEqual({ device, port });
    expect(offline.exceptionTypes.sort()).toEqual(['MANUAL', 'REJECT_TO_CRM', 'REJECT_TO_REVIEW']);

    // Resources that are not the order's are refused, naming what is wrong; nothing moves.
    expect(await complete({ workOrderId: offline.id })).toMatchObject({ ok: false, error: { code: 'ACTIVATION_DATA_REQUIRED', field: 'offlineActivation' } });
    expect(await complete({ workOrderId: offline.id, offlineActivation: { device: 'OLT-99', port, vlan: 100 } })).toMatchObject({ ok: false, error: { code: 'DEVICE_MISMATCH', field: 'offlineActivation.device' } });
    expect(await complete({ workOrderId: offline.id, offlineActivation: { device, port: `${device}/9/9/99`, vlan: 100 } })).toMatchObject({ ok: false, error: { code: 'PORT_MISMATCH', field: 'offlineActivation.port' } });
    expect(await complete({ workOrderId: offline.id, offlineActivation: { device, port, vlan: 4095 } })).toMatchObject({ ok: false, error: { code: 'INVALID_VLAN', field: 'offlineActivation.vlan' } });
    expect(await complete({ workOrderId: review.id, offlineActivation: { device, port, vlan: 100 } })).toMatchObject({ ok: false, error: { code: 'NOT_OFFLINE_ACTIVATION' } });
    expect(openOne(await read(id), 'OFFLINE_ACTIVATION').id).toBe(offline.id);

    // Rejected back to the review (驳回到失败原因判定), which retries the automatic activation: it fails three times again.
    expect(await complete({ workOrderId: offline.id, exceptionType: 'REJECT_TO_REVIEW', note: '端口数据待核实' })).toMatchObject({ ok: true });
    const review2 = openOne(await read(id), 'ACTIVATION_REVIEW');
    expect(review2.workOrderNo).toMatch(/-ACTIVATION_REVIEW-2$/);
    expect(await complete({ workOrderId: review2.id, exceptionType: 'RETRY_ACTIVATION' })).toMatchObject({ ok: true });
    order = await until(id, (o) => open(o).some((wo) => wo.workOrderNo.endsWith('-ACTIVATION_REVIEW-3')), 'the third review');
    expect(order.workOrders.filter((wo) => wo.step.code === 'NETWORK').map((wo) => wo.result)).toEqual(['ACTIVATION_FAILED', 'ACTIVATION_FAILED']);

    // Offline activation done right: the demand records it; the broadband machine room (宽带机房), whose
    // command failed too, still holds the join at the dispatch center until it is re-sent and goes through.
    expect(await complete({ workOrderId: openOne(order, 'ACTIVATION_REVIEW').id })).toMatchObject({ ok: true });
    offline = openOne(await read(id), 'OFFLINE_ACTIVATION');
    expect(await complete({ workOrderId: offline.id, offlineActivation: { device, port, vlan: 1024 }, note: '网管手工制作数据' })).toMatchObject({ ok: true });
    order = await read(id);
    expect(Object.fromEntries(order.demand.filter((row) => row.key.startsWith('activation')).map((row) => [row.key, row.value]))).toEqual({
      activationMode: 'OFFLINE', activationDevice: device, activationPort: port, activationVlan: '1024',
    });
    const bbRoom = order.interfaceRequests.find((r) => r.kind === 'BB_ROOM')!;
    expect(bbRoom.state).toBe('FAILED');
    expect(open(order).map((wo) => wo.step.code)).toEqual(['BB_ROOM']);

    await provisioning(0);
    expect((await gqlRequest(app.url, RESEND, { input: { id: bbRoom.id } }, admin)).data.resendInterfaceRequest).toEqual({ ok: true, error: null });
    order = await until(id, openAt('DISPATCH'), 'the dispatch center');
    expect(order.workOrders.filter((wo) => wo.step.code === 'DISPATCH')).toHaveLength(1);
    expect(order.state).toBe('EXECUTING');
  });

  it('rejects an order to CRM with its reason: it ends REJECTED, what was open is cancelled, and CRM is told why', async () => {
    await provisioning(1);
    const [{ id }] = await submitOrders(app, admin, [{ businessCode: 'BROADBAND_MOVE', orderType: 'MOVE', areaCode }]);
    let order = await until(id, openAt('ACTIVATION_REVIEW'), 'the failure review');
    await provisioning(0);
    const review = openOne(order, 'ACTIVATION_REVIEW');

    expect(await complete({ workOrderId: review.id, exceptionType: 'REJECT_TO_CRM' })).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED', field: 'note' } });
    expect(await complete({ workOrderId: review.id, exceptionType: 'REJECT_TO_CRM', note: '用户端口资源不足，无法开通' })).toMatchObject({ ok: true, order: { state: 'REJECTED' } });

    order = await until(id, (o) => o.interfaceRequests.some((r) => r.kind === 'REJECTION_NOTICE' && r.state === 'SUCCEEDED'), 'the rejection notice');
    expect(order).toMatchObject({ state: 'REJECTED', rejectReason: '用户端口资源不足，无法开通' });
    expect(order.rejectedAt).toBeTruthy();
    expect(order.workOrders.find((wo) => wo.id === review.id)).toMatchObject({ state: 'COMPLETED', result: 'REJECT_TO_CRM' });
    expect(open(order)).toEqual([]);
    expect(order.interfaceRequests.find((r) => r.kind === 'REJECTION_NOTICE')).toMatchObject({ system: 'CRM' });
    expect(order.log.some((line) => line.action === 'REJECT_ORDER' && line.detail.includes('用户端口资源不足'))).toBe(true);
    const notice = await app.prisma.crmOutboundNotice.findUniqueOrThrow({ where: { orderId_kind: { orderId: Number(id), kind: 'REJECTION' } } });
    expect(notice).toMatchObject({ state: 'SENT', payload: expect.objectContaining({ reason: '用户端口资源不足，无法开通' }) });

    // Nothing more happens to a rejected order.
    expect(await complete({ workOrderId: review.id })).toMatchObject({ ok: false, error: { code: 'ALREADY_DONE' } });
  });
});
