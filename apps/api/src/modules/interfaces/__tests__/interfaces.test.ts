import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { collect, gqlRequest, wsClient } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const ORDER = /* GraphQL */ `
  query Order($id: ID!) {
    order(id: $id) {
      id state
      demand { key value oldValue }
      workOrders { id state step { code } }
      interfaceRequests { id system kind state attempts lastError }
      log { action detail }
    }
  }
`;

describe.each(testBackends())('automatic steps through the external-system simulators (%s)', (backend) => {
  let app: TestApp;
  let admin: string;
  let handler: string;
  let outsider: string;

  beforeAll(async () => {
    app = await startTestApp(backend, {
      config: { interfaces: { enabled: true, pollMs: 50, timeoutMs: 300, maxAttempts: 3, backoffMs: 20, simulator: { minLatencyMs: 0, maxLatencyMs: 5, failureRate: 0, timeoutRate: 0 } } },
    });
    const root = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    const adminLogin = await createLogin(app.prisma, [{ organisationId: root.id, kinds: ['SYSTEM_ADMIN'] }]);
    const worker = await createLogin(app.prisma, [{ organisationId: root.id, kinds: ['WORK_ORDER'] }]);
    admin = await loginAs(app.url, adminLogin.loginName, adminLogin.password);
    // Reads orders, but only of a district: orders without an area are outside that scope.
    const district = await createOrganisation(app.prisma, { parentId: root.id });
    const outsiderLogin = await createLogin(app.prisma, [{ organisationId: district.id, kinds: ['GENERAL'] }]);
    outsider = await loginAs(app.url, outsiderLogin.loginName, outsiderLogin.password);
    handler = await loginAs(app.url, worker.loginName, worker.password);
  });
  afterAll(() => app?.close());

  async function newOrder(businessCode: string): Promise<string> {
    const payload = JSON.stringify({ ...JSON.parse(exampleJsonMessage), crmOrderCode: unique('CRM'), businessCode });
    const submitted = await gqlRequest(app.url, 'mutation($input: SubmitCrmMessageInput!) { submitCrmMessage(input: $input) { message { id } } }', { input: { format: 'JSON', payload } }, admin);
    const id = submitted.data.submitCrmMessage.message.id;
    for (let i = 0; i < 100; i++) {
      const message = (await gqlRequest(app.url, 'query($id: ID!) { crmInboundMessage(id: $id) { state order { id } } }', { id }, admin)).data.crmInboundMessage;
      if (message.order) return message.order.id;
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    throw new Error('message not processed');
  }

  async function until(id: string, predicate: (order: any) => boolean, what: string) {
    let last: any;
    for (let i = 0; i < 200; i++) {
      last = (await gqlRequest(app.url, ORDER, { id }, admin)).data.order;
      if (predicate(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
  }

  const pendingSteps = (order: any) => order.workOrders.filter((wo: any) => wo.state === 'PENDING').map((wo: any) => wo.step.code);

  it('runs a fixed-line order to completion with the resource, provisioning and CRM simulators in the loop, observed live', async () => {
    const watcher = wsClient(app.wsUrl, handler);
    const workOrderEvents = collect(watcher, 'subscription { workOrderChanged { state workOrder { step { code } } order { id } } }');
    const orderEvents = collect(watcher, 'subscription { orderChanged { state order { id orderNo } } }');
    const stranger = wsClient(app.wsUrl, outsider);
    const strangerEvents = collect(stranger, 'subscription { workOrderChanged { state } }');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const id = await newOrder('FIXED_NEW');
    const atInstall = await until(id, (order) => pendingSteps(order).join() === 'INSTALL', 'the installation step');
    expect(atInstall.interfaceRequests.map((r: any) => [r.system, r.kind, r.state])).toEqual([
      ['RESOURCE', 'WIRING', 'SUCCEEDED'],
      ['RESOURCE', 'NUMBER', 'SUCCEEDED'],
      ['RESOURCE', 'PORT', 'SUCCEEDED'],
      ['PROVISIONING', 'NETWORK_MGMT', 'SUCCEEDED'],
    ]);
    const demand = Object.fromEntries(atInstall.demand.map((d: any) => [d.key, d.value]));
    expect(demand.assignedNumber).toBe('020-38471256');
    expect(demand.cableBox).toMatch(/^GJ-\d+$/);
    expect(demand.port).toMatch(/^OLT-/);

    const install = atInstall.workOrders.find((wo: any) => wo.step.code === 'INSTALL');
    const done = await gqlRequest(app.url, 'mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ok } }', { input: { workOrderId: install.id } }, handler);
    expect(done.data.completeWorkOrder.ok).toBe(true);
    const completed = await until(id, (order) => order.state === 'COMPLETED', 'the order to complete');
    expect(completed.interfaceRequests.at(-1)).toMatchObject({ system: 'CRM', kind: 'COMPLETION_NOTICE', state: 'SUCCEEDED' });
    const notice = await app.prisma.crmOutboundNotice.findFirstOrThrow({ where: { orderId: Number(id) } });
    expect(notice).toMatchObject({ kind: 'COMPLETION', state: 'SENT' });
    expect(completed.log.filter((line: any) => line.action === 'INTERFACE_ANSWERED')).toHaveLength(5);

    await orderEvents.until(() => orderEvents.events.some((e) => e.orderChanged.order.id === id && e.orderChanged.state === 'COMPLETED'));
    expect(orderEvents.events.filter((e) => e.orderChanged.order.id === id).map((e) => e.orderChanged.state)).toEqual(['EXECUTING', 'COMPLETED']);
    const mine = () => workOrderEvents.events.filter((e) => e.workOrderChanged.order.id === id).map((e) => `${e.workOrderChanged.workOrder.step.code}:${e.workOrderChanged.state}`);
    await workOrderEvents.until(() => mine().includes('NOTICE:COMPLETED'));
    expect(mine()).toEqual(['WIRING', 'NUMBER', 'PORT', 'NETWORK', 'INSTALL', 'NOTICE'].flatMap((step) => [`${step}:PENDING`, `${step}:COMPLETED`]));
    expect(strangerEvents.events).toEqual([]);
    expect(workOrderEvents.errors).toEqual([]);
    await watcher.dispose();
    await stranger.dispose();
  });

  it('retries a refused request, marks it failed after the last attempt, and completes the step once re-sent', async () => {
    const configure = 'mutation($input: ConfigureSimulatorInput!) { configureSimulator(input: $input) { system failureRate } }';
    const refuse = await gqlRequest(app.url, configure, { input: { system: 'RESOURCE', minLatencyMs: 0, maxLatencyMs: 0, failureRate: 1, timeoutRate: 0 } }, admin);
    expect(refuse.data.configureSimulator).toEqual({ system: 'RESOURCE', failureRate: 1 });
    const id = await newOrder('FIXED_NEW');
    const failed = await until(id, (order) => order.interfaceRequests[0]?.state === 'FAILED', 'the wiring request to fail');
    expect(failed.interfaceRequests[0]).toMatchObject({ kind: 'WIRING', attempts: 3 });
    expect(failed.interfaceRequests[0].lastError).toMatch(/resource system refused WIRING/);
    expect(pendingSteps(failed)).toEqual(['WIRING']);
    expect(failed.log.map((line: any) => line.action)).toContain('INTERFACE_FAILED');

    await gqlRequest(app.url, configure, { input: { system: 'RESOURCE', minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 } }, admin);
    const resent = await gqlRequest(app.url, 'mutation($input: ResendInterfaceRequestInput!) { resendInterfaceRequest(input: $input) { ok error { code } } }', { input: { id: failed.interfaceRequests[0].id } }, admin);
    expect(resent.data.resendInterfaceRequest).toEqual({ ok: true, error: null });
    await until(id, (order) => pendingSteps(order).join() === 'INSTALL', 'the flow to move on');
    const twice = await gqlRequest(app.url, 'mutation($input: ResendInterfaceRequestInput!) { resendInterfaceRequest(input: $input) { ok error { code } } }', { input: { id: failed.interfaceRequests[0].id } }, admin);
    expect(twice.data.resendInterfaceRequest).toEqual({ ok: false, error: { code: 'NOT_FAILED' } });
  });

  it('treats an unanswered request as failed after the timeout', async () => {
    await gqlRequest(app.url, 'mutation($input: ConfigureSimulatorInput!) { configureSimulator(input: $input) { system } }', { input: { system: 'RESOURCE', minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 1 } }, admin);
    const id = await newOrder('BROADBAND_NEW');
    const failed = await until(id, (order) => order.interfaceRequests[0]?.state === 'FAILED', 'the port request to time out');
    expect(failed.interfaceRequests[0].lastError).toBe('no answer within 300 ms');
    await gqlRequest(app.url, 'mutation($input: ConfigureSimulatorInput!) { configureSimulator(input: $input) { system } }', { input: { system: 'RESOURCE', minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 } }, admin);
  });

  it('refuses impossible simulator settings with the field at fault', async () => {
    const bad = await gqlRequest(app.url, 'mutation($input: ConfigureSimulatorInput!) { configureSimulator(input: $input) { system } }', { input: { system: 'CRM', minLatencyMs: 10, maxLatencyMs: 5, failureRate: 0.8, timeoutRate: 0.5 } }, admin);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxLatencyMs' });
  });

  it('counts successes and failures per interface for the interface monitor, with the failing records to drill into', async () => {
    // A malformed CRM message is a failed inbound record.
    const bad = await gqlRequest(app.url, 'mutation($input: SubmitCrmMessageInput!) { submitCrmMessage(input: $input) { message { id } } }', { input: { format: 'XML', payload: '<order><broken>' } }, admin);
    await app.services.crmPoller.kick();
    // Switch commands of every outcome: refused and unconfirmed ones count as failed.
    await app.prisma.switchBatch.create({
      data: {
        kind: 'ARREARS',
        action: 'SUSPEND',
        commands: { create: (['SUCCEEDED', 'SUCCEEDED', 'FAILED', 'NOT_COMPLETED', 'SENT', 'PENDING'] as const).map((state, i) => ({ phone: `8620990000${i}`, action: 'SUSPEND', state })) },
      },
    });
    const monitor = (await gqlRequest(app.url, '{ interfaceMonitor { interface kind succeeded failed pending } }', {}, admin)).data.interfaceMonitor;
    const switchCommands = await app.prisma.switchCommand.findMany({ select: { action: true, state: true } });
    for (const row of monitor.filter((r: { interface: string }) => r.interface === 'SWITCH')) {
      const mine = switchCommands.filter((c) => c.action === row.kind);
      expect(row, `SWITCH ${row.kind}`).toEqual({ ...row, succeeded: mine.filter((c) => c.state === 'SUCCEEDED').length, failed: mine.filter((c) => ['FAILED', 'NOT_COMPLETED'].includes(c.state)).length, pending: mine.filter((c) => ['PENDING', 'SENT'].includes(c.state)).length });
    }
    const suspend = monitor.find((r: { interface: string; kind: string }) => r.interface === 'SWITCH' && r.kind === 'SUSPEND');
    expect(suspend.succeeded).toBeGreaterThanOrEqual(2);
    expect(suspend.failed).toBeGreaterThanOrEqual(2);
    expect(suspend.pending).toBeGreaterThanOrEqual(2);
    expect(monitor.at(-1).interface).toBe('SWITCH');
    // The counts are those of the records themselves.
    const requests = await app.prisma.interfaceRequest.findMany({ select: { system: true, kind: true, state: true } });
    const interfaceOf = { RESOURCE: 'RESOURCE', PROVISIONING: 'PROVISIONING', CRM: 'CRM_OUTBOUND' } as const;
    for (const row of monitor.filter((r: { interface: string }) => !['CRM_INBOUND', 'SWITCH'].includes(r.interface))) {
      const mine = requests.filter((r) => interfaceOf[r.system] === row.interface && r.kind === row.kind);
      expect(row, `${row.interface} ${row.kind}`).toEqual({ ...row, succeeded: mine.filter((r) => r.state === 'SUCCEEDED').length, failed: mine.filter((r) => r.state === 'FAILED').length, pending: mine.filter((r) => ['PENDING', 'SENT'].includes(r.state)).length });
    }
    expect(monitor.reduce((sum: number, r: { succeeded: number; failed: number; pending: number }) => sum + r.succeeded + r.failed + r.pending, 0)).toBe(requests.length + (await app.prisma.crmInboundMessage.count()) + switchCommands.length);
    const inbound = monitor.find((r: { interface: string }) => r.interface === 'CRM_INBOUND');
    expect(inbound.failed).toBeGreaterThanOrEqual(1);
    const resourceFailures = monitor.filter((r: { interface: string; failed: number }) => r.interface === 'RESOURCE' && r.failed > 0);
    expect(resourceFailures.length).toBeGreaterThan(0);

    // Drill-down: the failing records, newest first, paged.
    const failedKind = resourceFailures[0].kind;
    const page = async (after: string | null) =>
      (await gqlRequest(app.url, 'query($after: String, $kind: String) { interfaceRequests(filter: { system: RESOURCE, kind: $kind, state: FAILED }, first: 1, after: $after) { edges { cursor node { id state kind lastError orderId order { id orderNo } } } pageInfo { hasNextPage endCursor } } }', { after, kind: failedKind }, admin)).data.interfaceRequests;
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const result: any = await page(after);
      for (const edge of result.edges) {
        expect(edge.node).toMatchObject({ state: 'FAILED', kind: failedKind });
        expect(edge.node.lastError).toBeTruthy();
        expect(edge.node.order).toMatchObject({ id: edge.node.orderId, orderNo: expect.stringMatching(/^O\d+$/) });
        seen.push(edge.node.id);
      }
      after = result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(resourceFailures[0].failed);
    expect([...seen].sort((a, b) => Number(b) - Number(a))).toEqual(seen);

    const failedMessages = (await gqlRequest(app.url, '{ crmInboundMessages(state: FAILED, first: 5) { edges { node { id failureReason } } } }', {}, admin)).data.crmInboundMessages.edges;
    expect(failedMessages[0].node.id).toBe(bad.data.submitCrmMessage.message.id);
    expect(failedMessages[0].node.failureReason).toMatch(/XML/i);

    // Dispatch-center staff without the monitor permission are refused.
    const refused = await gqlRequest(app.url, '{ interfaceMonitor { kind } }', {}, handler);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // General positions (managers) watch the monitor; re-sending stays with administrators.
    const watched = await gqlRequest(app.url, '{ interfaceMonitor { kind } }', {}, outsider);
    expect(watched.errors).toBeUndefined();
    const resend = await gqlRequest(app.url, 'mutation($id: ID!) { resendInterfaceRequest(input: { id: $id }) { ok } }', { id: '1' }, outsider);
    expect(resend.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
