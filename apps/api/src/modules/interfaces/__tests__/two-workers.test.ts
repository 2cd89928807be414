import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { createLogin, createOrganisation } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { createTestDatabase } from '../../../testing/test-database.ts';

const interfaces = { enabled: true, pollMs: 50, timeoutMs: 2000, maxAttempts: 3, backoffMs: 20, simulator: { minLatencyMs: 1, maxLatencyMs: 10, failureRate: 0, timeoutRate: 0 } };

// Two API processes' workers on one PostgreSQL server (the embedded database has a single connection
// and no second process).
describe.skipIf(!process.env.DATABASE_URL)('two API instances on one PostgreSQL', () => {
  const apps: TestApp[] = [];
  let drop: () => Promise<void>;
  let token: string;

  beforeAll(async () => {
    const database = await createTestDatabase('postgres');
    drop = database.drop;
    for (let i = 0; i < 2; i++) apps.push(await startTestApp('postgres', { database: database.config, config: { crmPollMs: 50, interfaces } }));
    const root = await createOrganisation(apps[0].prisma, { level: 'PROVINCE' });
    const admin = await createLogin(apps[0].prisma, [{ organisationId: root.id, kinds: ['SYSTEM_ADMIN'] }]);
    token = await loginAs(apps[0].url, admin.loginName, admin.password);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await drop?.();
  });

  it('never processes one message or one automatic step twice', async () => {
    const count = 40;
    const base = JSON.parse(exampleJsonMessage);
    // Messages arrive through both instances; either instance's poller and worker may pick up any of them.
    for (let i = 0; i < count; i++) {
      const payload = JSON.stringify({ ...base, crmOrderCode: `TWO-INSTANCES-${i}`, businessCode: 'FIXED_NEW', orderType: 'NEW' });
      const result = await gqlRequest(apps[i % 2].url, 'mutation($input: SubmitCrmMessageInput!) { submitCrmMessage(input: $input) { ok } }', { input: { format: 'JSON', payload } }, token);
      expect(result.data.submitCrmMessage.ok).toBe(true);
    }
    // FIXED_NEW runs wiring → number → port → network management automatically, then waits at installation.
    const prisma = apps[0].prisma;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && (await prisma.workOrder.count({ where: { step: { code: 'INSTALL' } } })) < count) await new Promise((resolve) => setTimeout(resolve, 100));

    expect(await prisma.crmInboundMessage.count({ where: { state: 'PROCESSED', attempts: 1 } })).toBe(count);
    expect(await prisma.order.count()).toBe(count);
    const workOrders = await prisma.workOrder.groupBy({ by: ['orderId', 'stepId'], _count: { _all: true } });
    expect(workOrders).toHaveLength(count * 5);
    expect(workOrders.every((row) => row._count._all === 1)).toBe(true);
    const requests = await prisma.interfaceRequest.findMany({ select: { state: true, attempts: true } });
    expect(requests).toHaveLength(count * 4);
    expect(requests.every((request) => request.state === 'SUCCEEDED' && request.attempts === 1)).toBe(true);
    const completions = await prisma.orderLog.groupBy({ by: ['workOrderId'], where: { action: 'COMPLETE' }, _count: { _all: true } });
    expect(completions).toHaveLength(count * 4);
    expect(completions.every((row) => row._count._all === 1)).toBe(true);
  });
});
