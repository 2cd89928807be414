import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../errors/app-error.ts';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { unique } from '../../../testing/factories.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

describe.each(testBackends())('workflow engine under concurrent completions (%s)', (backend) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 3_600_000 } });
    await app.services.crmPoller.stop();
  });
  afterAll(() => app?.close());

  it('completes a work order once when several transactions complete it at the same time; the others are refused', async () => {
    const crmOrderCode = unique('LOCK');
    await app.prisma.crmInboundMessage.create({ data: { format: 'JSON', payload: JSON.stringify({ ...JSON.parse(exampleJsonMessage), crmOrderCode }) } });
    await app.services.orders.processNextCrmMessage();
    const order = await app.prisma.order.findUniqueOrThrow({ where: { crmOrderCode }, select: { id: true, orderNo: true, templateId: true, organisationId: true } });
    const [wiring] = await app.prisma.workOrder.findMany({ where: { orderId: order.id }, select: { id: true } });

    // On PostgreSQL they wait for each other's lock on the work order; PGlite runs them one by one.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () => app.prisma.$transaction((tx) => app.services.workflows.engine.complete(tx, order, wiring.id, { kind: 'NORMAL' }, null, null))),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((outcome) => outcome.status === 'rejected')) {
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
      expect((outcome as PromiseRejectedResult).reason.code).toBe('CONFLICT');
    }
    const workOrders = await app.prisma.workOrder.findMany({ where: { orderId: order.id }, select: { step: { select: { code: true } }, state: true }, orderBy: { id: 'asc' } });
    expect(workOrders.map((wo) => `${wo.step.code}:${wo.state}`)).toEqual(['WIRING:COMPLETED', 'NUMBER:PENDING']);
    const log = await app.prisma.orderLog.findMany({ where: { orderId: order.id }, select: { action: true }, orderBy: { id: 'asc' } });
    expect(log.map((line) => line.action)).toEqual(['CREATE_ORDER', 'CREATE_WORK_ORDER', 'COMPLETE', 'CREATE_WORK_ORDER']);
  });
});

describe.each(testBackends())('workflow engine joining parallel branches completed at the same time (%s)', (backend) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 3_600_000 } });
    await app.services.crmPoller.stop();
  });
  afterAll(() => app?.close());

  /** A broadband new install with its two parallel branches (network management, broadband machine room) both open. */
  async function orderAtParallelBranches() {
    const crmOrderCode = unique('JOIN');
    const message = { ...JSON.parse(exampleJsonMessage), crmOrderCode, businessCode: 'BROADBAND_NEW', broadbandAccount: unique('bb') };
    await app.prisma.crmInboundMessage.create({ data: { format: 'JSON', payload: JSON.stringify(message) } });
    await app.services.orders.processNextCrmMessage();
    const order = await app.prisma.order.findUniqueOrThrow({ where: { crmOrderCode }, select: { id: true, orderNo: true, templateId: true, organisationId: true } });
    const [port] = await app.prisma.workOrder.findMany({ where: { orderId: order.id }, select: { id: true } });
    await app.prisma.$transaction((tx) => app.services.workflows.engine.complete(tx, order, port.id, { kind: 'NORMAL' }, null, null));
    const branches = await app.prisma.workOrder.findMany({ where: { orderId: order.id, state: 'PENDING' }, select: { id: true, step: { select: { code: true } } }, orderBy: { id: 'asc' } });
    expect(branches.map((wo) => wo.step.code)).toEqual(['NETWORK', 'BB_ROOM']);
    return { order, branches };
  }

  it('creates the join step exactly once whichever branch commits last, for every order', async () => {
    const orders = [];
    for (let i = 0; i < 8; i++) orders.push(await orderAtParallelBranches());
    // Both branches of each order complete in concurrent transactions: without a lock on the order,
    // each would read the other branch as still open and neither would create the join.
    await Promise.all(
      orders.flatMap(({ order, branches }) =>
        branches.map((branch) => app.prisma.$transaction((tx) => app.services.workflows.engine.complete(tx, order, branch.id, { kind: 'NORMAL' }, null, null))),
      ),
    );
    for (const { order } of orders) {
      const workOrders = await app.prisma.workOrder.findMany({ where: { orderId: order.id }, select: { step: { select: { code: true } }, state: true }, orderBy: { id: 'asc' } });
      expect(workOrders.map((wo) => `${wo.step.code}:${wo.state}`)).toEqual(['PORT:COMPLETED', 'NETWORK:COMPLETED', 'BB_ROOM:COMPLETED', 'DISPATCH:PENDING']);
    }
  });
});
