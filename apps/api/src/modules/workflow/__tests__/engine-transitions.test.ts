import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenIOM, type OpenIOM } from '../../../app.ts';
import { AppError } from '../../../errors/app-error.ts';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { createLogin, createOrganisation } from '../../../testing/factories.ts';
import { createTestDatabase, testBackends } from '../../../testing/test-database.ts';
import type { Completion } from '../workflow.engine.ts';

/**
 * Every row the engine writes, for a set of orders driven through all its paths (linear steps,
 * exception edges and rounds, manual exception parking, forks and joins, auto-dispatch with and
 * without a rule, completion notice, order completion, cancellation, refusals), on a clock that
 * only moves when the test says so. The dump is compared with a file recorded from the engine as it
 * was before its statements were rewritten, so any change in rows, log lines or events shows up.
 */
describe.each(testBackends())('workflow engine: the rows a set of transitions writes (%s)', (backend) => {
  let app: OpenIOM;
  let drop: () => Promise<void>;
  let clock = Date.parse('2026-03-02T01:00:00Z'); // a Monday, 09:00 in Asia/Shanghai
  const labels = new Map<string, string>();

  beforeAll(async () => {
    const database = await createTestDatabase(backend);
    drop = database.drop;
    app = await startOpenIOM({
      database: database.config,
      seed: 'reference-only',
      now: () => new Date(clock),
      config: {
        port: 0,
        webDist: null,
        redisUrl: null,
        crmPollMs: 3_600_000,
        timeZone: 'Asia/Shanghai',
        interfaces: { enabled: false, pollMs: 1000, timeoutMs: 1000, maxAttempts: 3, backoffMs: 100, simulator: { minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 } },
        alarms: { enabled: false, scanMs: 1000 },
      },
    });
    await app.services.crmPoller.stop();
  });
  afterAll(async () => {
    await app?.stop();
    await drop?.();
  });

  it('writes the same orders, work orders, log lines, interface requests, notices and outbox events', async () => {
    const { prisma } = app;
    const province = await createOrganisation(prisma, { level: 'PROVINCE' });
    const city = await createOrganisation(prisma, { parentId: province.id, level: 'CITY' });
    const district = await createOrganisation(prisma, { parentId: city.id });
    const otherDistrict = await createOrganisation(prisma, { parentId: city.id });
    const installers = await createLogin(prisma, [{ organisationId: city.id, kinds: ['WORK_ORDER'] }, { organisationId: district.id, kinds: ['WORK_ORDER'] }]);
    const [cityPosition, districtPosition] = await Promise.all(installers.staff.map((staff) => prisma.staffPosition.findFirstOrThrow({ where: { staffId: staff.id } })));
    // The city's work orders go to one position; the district's installations to a nearer, more specific one.
    await prisma.dispatchRule.create({ data: { organisationId: city.id, workOrderTypeCode: null, positionId: cityPosition.positionId } });
    await prisma.dispatchRule.create({ data: { organisationId: district.id, workOrderTypeCode: 'INSTALL', positionId: districtPosition.positionId } });
    labels.set(`position ${cityPosition.positionId}`, 'position <city>');
    labels.set(`position ${districtPosition.positionId}`, 'position <district>');
    const staffId = installers.staff[0].id;
    labels.set(`staff ${staffId}`, 'staff <installer>');

    const tick = () => (clock += 60_000);
    const base = JSON.parse(exampleJsonMessage);
    async function message(fields: Record<string, unknown>): Promise<number | null> {
      tick();
      const crmOrderCode = (fields.crmOrderCode as string) ?? `ENGINE-${labels.size}`;
      labels.set(crmOrderCode, crmOrderCode);
      await prisma.crmInboundMessage.create({ data: { format: 'JSON', payload: JSON.stringify({ ...base, crmOrderCode, ...fields }), receivedAt: new Date(clock) } });
      expect(await app.services.orders.processNextCrmMessage()).toBe(true);
      const row = await prisma.crmInboundMessage.findFirstOrThrow({ orderBy: { id: 'desc' }, select: { orderId: true } });
      return row.orderId;
    }
    const refusals: string[] = [];
    async function complete(orderId: number, stepCode: string, completion: Completion = { kind: 'NORMAL' }, who: number | null = null, note: string | null = null) {
      tick();
      const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { id: true, orderNo: true, templateId: true, organisationId: true } });
      const open = await prisma.workOrder.findMany({ where: { orderId, state: { in: ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'] }, step: { code: stepCode } }, select: { id: true } });
      expect(open, `${order.orderNo} has one open ${stepCode} work order`).toHaveLength(1);
      await completeById(order, open[0].id, completion, who, note);
    }
    async function completeById(order: { id: number; orderNo: string; templateId: number; organisationId: number | null }, workOrderId: number, completion: Completion, who: number | null = null, note: string | null = null) {
      try {
        await prisma.$transaction((tx) => app.services.workflows.engine.complete(tx, order, workOrderId, completion, who, note));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        refusals.push(`${error.code}: ${error.message}`);
      }
    }
    const steps = async (orderId: number, codes: string[]) => {
      for (const code of codes) await complete(orderId, code);
    };

    // A fixed-line order in the district: parked in manual exception handling at installation, then
    // a line fault sends it back to wiring (round 2), then it runs to completion.
    const fixed = (await message({ crmOrderCode: 'ENGINE-FIXED', areaCode: district.code }))!;
    await steps(fixed, ['WIRING', 'NUMBER', 'PORT', 'NETWORK']);
    await complete(fixed, 'INSTALL', { kind: 'EXCEPTION', exceptionType: 'MANUAL' }, staffId, 'customer not at home');
    await complete(fixed, 'INSTALL', { kind: 'EXCEPTION', exceptionType: 'MANUAL' }, staffId, 'again');
    await complete(fixed, 'INSTALL', { kind: 'EXCEPTION', exceptionType: 'ALIENS' });
    await complete(fixed, 'INSTALL', { kind: 'EXCEPTION', exceptionType: 'LINE_FAULT' }, staffId, 'line fault at the box');
    await steps(fixed, ['WIRING', 'NUMBER', 'PORT', 'NETWORK', 'INSTALL']);
    await complete(fixed, 'NOTICE', { kind: 'NORMAL' }, null, 'answered by crm system');
    const fixedOrder = await prisma.order.findUniqueOrThrow({ where: { id: fixed }, select: { id: true, orderNo: true, templateId: true, organisationId: true } });
    const firstWorkOrder = await prisma.workOrder.findFirstOrThrow({ where: { orderId: fixed }, orderBy: { id: 'asc' }, select: { id: true } });
    await completeById(fixedOrder, firstWorkOrder.id, { kind: 'NORMAL' });
    await completeById(fixedOrder, 2_000_000_000, { kind: 'NORMAL' });

    // Broadband in the other district: a fork into two activations and a join at the dispatch
    // center, whose rule is the city's; wrong address at the appointment re-enters the join, a line
    // fault at the outside-plant work forks again.
    const broadband = (await message({ crmOrderCode: 'ENGINE-BROADBAND', businessCode: 'BROADBAND_NEW', areaCode: otherDistrict.code }))!;
    await steps(broadband, ['PORT', 'NETWORK', 'BB_ROOM', 'DISPATCH']);
    await complete(broadband, 'APPOINTMENT', { kind: 'EXCEPTION', exceptionType: 'WRONG_ADDRESS' }, staffId);
    await complete(broadband, 'DISPATCH');
    await steps(broadband, ['APPOINTMENT']);
    await complete(broadband, 'OUTSIDE_PLANT', { kind: 'EXCEPTION', exceptionType: 'LINE_FAULT' });
    await steps(broadband, ['PORT', 'BB_ROOM']);

    // No area: no dispatch rule applies (manual assignment) and no calendar of an area.
    const nowhere = (await message({ crmOrderCode: 'ENGINE-NOWHERE', businessCode: 'BROADBAND_MOVE', orderType: 'MOVE', areaCode: null }))!;
    await steps(nowhere, ['PORT', 'NETWORK', 'DISPATCH']);

    // A cancellation of the broadband order (in flight), a second one of it (refused), a re-sent
    // message, an unknown business code, and a removal order started in the city.
    await message({ crmOrderCode: 'ENGINE-CANCEL', businessCode: 'ORDER_CANCEL', orderType: 'CANCEL', cancelsCrmOrderCode: 'ENGINE-BROADBAND', areaCode: otherDistrict.code });
    await message({ crmOrderCode: 'ENGINE-CANCEL-2', businessCode: 'ORDER_CANCEL', orderType: 'CANCEL', cancelsCrmOrderCode: 'ENGINE-BROADBAND' });
    await message({ crmOrderCode: 'ENGINE-FIXED', areaCode: district.code });
    await message({ crmOrderCode: 'ENGINE-UNKNOWN', businessCode: 'SATELLITE_TV' });
    // The removal's appointment has a handler chosen in advance (as the dispatch center writes it):
    // it goes straight to them, and so does the removal that takes its handler from the appointment.
    const removal = (await message({ crmOrderCode: 'ENGINE-REMOVE', businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', areaCode: city.code }))!;
    await prisma.orderStepHandler.create({ data: { orderId: removal, stepCode: 'APPOINTMENT', positionId: districtPosition.positionId, staffId } });
    await steps(removal, ['NETWORK', 'DISPATCH', 'APPOINTMENT', 'REMOVE', 'RELEASE', 'NOTICE']);

    const dump = await dumpRows(app, labels);
    const workOrderIds = (await prisma.workOrder.findMany({ orderBy: { id: 'asc' }, select: { id: true } })).map((row) => row.id);
    const refused = refusals.map((line) => line.replace(/Work order (\d+)/, (_, id) => `Work order ${workOrderIds.indexOf(Number(id)) + 1 || 'unknown'}`));
    await expect(JSON.stringify({ refusals: refused, ...dump }, null, 1)).toMatchFileSnapshot('./__snapshots__/engine-transitions.json');
  });
});

/**
 * The rows of every table the engine writes, in id order, with ids replaced by their rank in the
 * table (and in payloads and texts), so the dump does not depend on sequences. Timestamps the
 * engine takes from the app clock are kept; those the database client fills from the wall clock
 * are only checked for presence.
 */
async function dumpRows(app: OpenIOM, labels: Map<string, string>) {
  const { prisma } = app;
  const orders = await prisma.order.findMany({ orderBy: { id: 'asc' } });
  const workOrders = await prisma.workOrder.findMany({ orderBy: { id: 'asc' } });
  const rank = (ids: number[]) => new Map(ids.map((id, i) => [id, i + 1]));
  const orderRank = rank(orders.map((o) => o.id));
  const workOrderRank = rank(workOrders.map((wo) => wo.id));
  const steps = new Map((await prisma.workflowStep.findMany({ select: { id: true, code: true, template: { select: { code: true } } } })).map((s) => [s.id, `${s.template.code}/${s.code}`]));
  const templates = new Map((await prisma.workflowTemplate.findMany({ select: { id: true, code: true } })).map((t) => [t.id, t.code]));
  const organisations = new Map((await prisma.organisation.findMany({ select: { id: true, path: true } })).map((o) => [o.id, `org depth ${o.path.split('/').filter(Boolean).length}`]));
  const texts = new Map<string, string>([...labels, ...orders.map((o) => [o.orderNo, `<order ${orderRank.get(o.id)}>`] as [string, string])]);
  const text = (value: string | null) => {
    if (value === null) return null;
    let result = value;
    for (const [from, to] of [...texts].sort((a, b) => b[0].length - a[0].length)) result = result.split(from).join(to);
    return result;
  };
  const o = (id: number | null) => (id === null ? null : `order ${orderRank.get(id)}`);
  const wo = (id: number | null) => (id === null ? null : `work order ${workOrderRank.get(id)}`);
  const time = (value: Date | null) => value?.toISOString() ?? null;
  const ids = (payload: unknown) => {
    const { orderId, workOrderId, ...rest } = payload as { orderId?: number; workOrderId?: number };
    return { ...(orderId !== undefined ? { orderId: o(orderId) } : {}), ...(workOrderId !== undefined ? { workOrderId: wo(workOrderId) } : {}), ...rest };
  };
  return {
    orders: orders.map((row) => ({
      ...row,
      id: o(row.id),
      orderNo: text(row.orderNo),
      templateId: templates.get(row.templateId),
      organisationId: row.organisationId === null ? null : organisations.get(row.organisationId),
      acceptedAt: time(row.acceptedAt),
      createdAt: time(row.createdAt),
      completedAt: time(row.completedAt),
      cancelledAt: time(row.cancelledAt),
      warnAt: time(row.warnAt),
      dueAt: time(row.dueAt),
      nextAlarmAt: time(row.nextAlarmAt),
    })),
    demand: (await prisma.orderDemand.findMany({ orderBy: [{ orderId: 'asc' }, { key: 'asc' }] })).map((row) => ({ ...row, orderId: o(row.orderId), updatedAt: time(row.updatedAt) })),
    workOrders: workOrders.map((row) => ({
      ...row,
      id: wo(row.id),
      workOrderNo: text(row.workOrderNo),
      orderId: o(row.orderId),
      stepId: steps.get(row.stepId),
      positionId: row.positionId === null ? null : text(`position ${row.positionId}`),
      staffId: row.staffId === null ? null : 'staff',
      createdAt: time(row.createdAt),
      startedAt: time(row.startedAt),
      completedAt: time(row.completedAt),
      acceptDueAt: time(row.acceptDueAt),
      warnAt: time(row.warnAt),
      dueAt: time(row.dueAt),
      nextAlarmAt: time(row.nextAlarmAt),
    })),
    log: (await prisma.orderLog.findMany({ orderBy: { id: 'asc' } })).map((row) => ({
      orderId: o(row.orderId),
      workOrderId: wo(row.workOrderId),
      staffId: row.staffId === null ? null : 'staff',
      action: row.action,
      detail: text(row.detail),
      createdAt: time(row.createdAt),
    })),
    interfaceRequests: (await prisma.interfaceRequest.findMany({ orderBy: { id: 'asc' } })).map((row) => ({
      system: row.system,
      kind: row.kind,
      orderId: o(row.orderId),
      workOrderId: wo(row.workOrderId),
      state: row.state,
      attempts: row.attempts,
      request: JSON.parse(text(JSON.stringify(row.request))!),
      createdAt: time(row.createdAt),
      nextAttemptAt: time(row.nextAttemptAt),
    })),
    notices: (await prisma.crmOutboundNotice.findMany({ orderBy: { id: 'asc' } })).map((row) => ({
      orderId: o(row.orderId),
      kind: row.kind,
      payload: JSON.parse(text(JSON.stringify(row.payload))!),
      state: row.state,
      attempts: row.attempts,
      createdAt: row.createdAt instanceof Date,
    })),
    messages: (await prisma.crmInboundMessage.findMany({ orderBy: { id: 'asc' } })).map((row) => ({
      crmOrderCode: row.crmOrderCode,
      state: row.state,
      failureReason: text(row.failureReason),
      orderId: o(row.orderId),
      attempts: row.attempts,
      processedAt: time(row.processedAt),
    })),
    events: (await prisma.outboxEvent.findMany({ orderBy: { id: 'asc' } })).map((row) => ({ topic: row.topic, payload: ids(row.payload), createdAt: row.createdAt instanceof Date })),
  };
}
