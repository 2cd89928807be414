import { startOpenIOM, type OpenIOM } from '@openiom/api';
import { exampleJsonMessage } from '@openiom/api/crm-examples';
import { bestPosition, crmInboundSql, dispatchRuleSql, manualStepKinds, orderIntakeSql, parseCrmMessage, transitionSql } from '@openiom/api/statements';
import { preparedStatementName, transaction, type Prisma } from '@openiom/db';
import pg from 'pg';
import { median, type Figure } from '../lib/harness.ts';

/** Steps of the FIXED_NEW template that produce work orders (6), in order. */
const stepCodes = ['WIRING', 'NUMBER', 'PORT', 'NETWORK', 'INSTALL', 'NOTICE'];

interface Step {
  id: number;
  code: string;
  name: string;
  kind: string;
  workOrderTypeCode: string | null;
}

interface BenchOrder {
  id: number;
  orderNo: string;
  templateId: number;
  organisationId: number | null;
}

/** One side of the comparison: turns the oldest pending CRM message into an order, and completes a work order. */
interface Side {
  processMessage(): Promise<void>;
  completeStep(order: BenchOrder, workOrderId: number, stepIndex: number): Promise<void>;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

async function runConcurrently(total: number, concurrency: number, one: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await one(next++);
    }),
  );
  return performance.now() - started;
}

/** The engine as the API drives it: message processing, and one transaction per completion. */
function engineSide(app: OpenIOM): Side {
  return {
    async processMessage() {
      await app.services.orders.processNextCrmMessage();
    },
    async completeStep(order, workOrderId) {
      await transaction(app.prisma, (tx) => app.services.workflows.engine.complete(tx, order, workOrderId, { kind: 'NORMAL' }, null, null));
    },
  };
}

/**
 * A statement of the API's repositories run through raw `pg` as the ORM's driver adapter runs it:
 * values passed the same way, under the same prepared-statement name.
 */
async function run<Row extends pg.QueryResultRow>(client: pg.PoolClient, statement: Prisma.Sql): Promise<Row[]> {
  const values = statement.values.map((value) => (value instanceof Date ? value.toISOString() : value));
  return (await client.query<Row>({ name: preparedStatementName(statement.text), text: statement.text, values })).rows;
}

async function inTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Baseline: the engine's work for a FIXED_NEW order written by hand over raw `pg` — the same
 * statements (imported from the API's repositories), the same message parsing and the same due
 * times from the same in-memory time-limit configuration, in one transaction per message and per
 * step; only the code around the statements (ORM, engine, graph walk) is left out.
 */
function rawSide(app: OpenIOM, pool: pg.Pool, steps: Step[]): Side {
  const { timeLimits } = app.services;
  const systems: Record<string, 'RESOURCE' | 'PROVISIONING' | 'CRM'> = { RESOURCE_REQUEST: 'RESOURCE', NETWORK_ACTIVATION: 'PROVISIONING', CRM_NOTICE: 'CRM' };

  /** The work order of a step entered now, as the engine builds it. */
  async function newWorkOrder(client: pg.PoolClient, order: BenchOrder, step: Step, now: Date) {
    const manual = manualStepKinds.has(step.kind);
    const positionId = manual ? bestPosition(await run(client, dispatchRuleSql.candidates(order.id, step.code, step.workOrderTypeCode))) : null;
    const due = await timeLimits.workOrderDueTimes(app.prisma, step.workOrderTypeCode, step.code, order.organisationId, now);
    const log = [{ action: 'CREATE_WORK_ORDER', detail: step.name }];
    if (manual) {
      log.push(
        positionId
          ? { action: 'AUTO_DISPATCH', detail: `queued at position ${positionId} by dispatch rule` }
          : { action: 'AWAIT_MANUAL_ASSIGNMENT', detail: 'no dispatch rule for this area: waiting for manual assignment of a construction position' },
      );
    }
    const system = systems[step.kind];
    return {
      workOrderNo: `${order.orderNo}-${step.code}`,
      stepId: step.id,
      positionId,
      due,
      log,
      interfaceRequest: system ? { system, kind: step.kind === 'CRM_NOTICE' ? 'COMPLETION_NOTICE' : (step.workOrderTypeCode ?? step.code), request: { orderNo: order.orderNo, step: step.code } } : null,
      completionNotice: step.kind === 'CRM_NOTICE' ? { orderNo: order.orderNo, completedAt: now.toISOString() } : null,
      now,
    };
  }

  return {
    processMessage: () =>
      inTransaction(pool, async (client) => {
        const [message] = await run<{ id: string; format: 'XML' | 'JSON'; payload: string }>(client, crmInboundSql.claimNext());
        const now = new Date();
        const parsed = parseCrmMessage(message.payload, message.format);
        if (!parsed.ok) throw new Error(parsed.reason);
        const crm = parsed.order;
        const [intake] = await run<{ existingOrderId: number | null; organisationId: number | null; templateId: number | null; templateCode: string; templateVersion: number }>(
          client,
          orderIntakeSql.lookups(crm.crmOrderCode, crm.businessCode, crm.areaCode),
        );
        if (intake.existingOrderId !== null || intake.templateId === null) throw new Error('benchmark messages are new FIXED_NEW orders');
        const acceptedAt = new Date(crm.acceptedAt);
        const due = await timeLimits.orderDueTimes(app.prisma, crm.orderType, intake.organisationId, acceptedAt < now ? acceptedAt : now);
        const [created] = await run<{ id: number; orderNo: string }>(
          client,
          orderIntakeSql.insertOrder({
            crmOrderCode: crm.crmOrderCode,
            businessCode: crm.businessCode,
            orderType: crm.orderType,
            templateId: intake.templateId,
            acceptanceNo: crm.acceptanceNo,
            customerName: crm.customer.name,
            customerPhone: crm.customer.phone,
            address: crm.customer.address,
            broadbandAccount: crm.broadbandAccount,
            productCode: crm.productCode,
            organisationId: intake.organisationId,
            // The engine side writes the geocoder's answer here; placing the order is code around the statement.
            latitude: null,
            longitude: null,
            acceptedAt,
            due,
            demand: crm.parameters,
            logDetail: `From CRM order ${crm.crmOrderCode} (${crm.businessCode}, template ${intake.templateCode} v${intake.templateVersion})`,
            now,
          }),
        );
        const order = { id: created.id, orderNo: created.orderNo, templateId: intake.templateId, organisationId: intake.organisationId };
        const first = await newWorkOrder(client, order, steps[0], new Date());
        await run(client, transitionSql.write({ orderId: order.id, completed: null, created: [first], orderCompletedAt: null, orderStarted: true }));
        await run(client, crmInboundSql.markProcessed(BigInt(message.id), crm.crmOrderCode, order.id, now));
      }),
    completeStep: (order, workOrderId, stepIndex) =>
      inTransaction(pool, async (client) => {
        // The order first, then its work order in a statement of its own, as the engine locks them.
        await run(client, transitionSql.lockOrder(order.id));
        const rows = await run<{ stepId: number; state: string; locked: boolean }>(client, transitionSql.lockWorkOrder(workOrderId));
        if (rows.find((row) => row.locked)?.state !== 'PENDING') throw new Error(`work order ${workOrderId} is not pending`);
        const step = steps[stepIndex];
        const completed = { workOrderId, result: 'NORMAL', note: null, staffId: null, action: 'COMPLETE' as const, detail: `${step.name} NORMAL`, now: new Date() };
        const last = stepIndex + 1 === steps.length;
        const othersOpen = rows.some((row) => !row.locked && ['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'].includes(row.state));
        const created = last ? [] : [await newWorkOrder(client, order, steps[stepIndex + 1], new Date())];
        await run(client, transitionSql.write({ orderId: order.id, completed, created, orderCompletedAt: last && !othersOpen ? new Date() : null }));
      }),
  };
}

/** What one order left behind, to check that both sides write the same rows. */
async function footprint(pool: pg.Pool, orderId: number): Promise<Record<string, unknown>> {
  const { rows } = await pool.query(
    `SELECT o.state, o.warn_at IS NOT NULL AS order_due_times,
       (SELECT count(*)::int FROM order_demand WHERE order_id = o.id) AS demand,
       (SELECT string_agg(w.state || ':' || (w.due_at IS NOT NULL AND w.accept_due_at IS NOT NULL) || ':' || (w.position_id IS NOT NULL), ',' ORDER BY w.id) FROM work_order w WHERE w.order_id = o.id) AS work_orders,
       (SELECT string_agg(action, ',' ORDER BY id) FROM order_log WHERE order_id = o.id) AS log,
       (SELECT string_agg(kind, ',' ORDER BY id) FROM interface_request WHERE order_id = o.id) AS interface_requests,
       (SELECT count(*)::int FROM crm_outbound_notice WHERE order_id = o.id) AS notices,
       (SELECT string_agg(topic || ':' || (payload->>'state'), ',' ORDER BY id) FROM outbox_event WHERE (payload->>'orderId')::int = o.id) AS events,
       (SELECT count(*)::int FROM crm_inbound_message WHERE order_id = o.id AND state = 'PROCESSED') AS messages
     FROM "order" o WHERE o.id = $1`,
    [orderId],
  );
  return rows[0];
}

/**
 * One round of one side: `orders` messages turned into orders, then every order's 6 steps
 * completed, each phase at `concurrency`. The load generator finds each order's pending work order
 * with the same raw query for both sides. Returns orders/s over both phases.
 */
async function round(side: Side, generator: pg.Pool, prefix: string, orders: number, concurrency: number, latencies: number[] | null): Promise<{ rate: number; cpuMs: number; orderIds: number[] }> {
  // The documented example order, placed in the demo data's Wushan grid (where its address is), whose
  // dispatch rule sends field work to the grid's installers.
  const payload = { ...JSON.parse(exampleJsonMessage), areaCode: 'GZ-TH-02' };
  for (let i = 0; i < orders; i++) {
    await generator.query(`INSERT INTO crm_inbound_message (format, payload) VALUES ('JSON', $1)`, [JSON.stringify({ ...payload, crmOrderCode: `${prefix}${i}` })]);
  }
  const cpu = process.cpuUsage();
  const intakeMs = await runConcurrently(orders, concurrency, () => side.processMessage());
  const { rows: created } = await generator.query<BenchOrder>(
    `SELECT id, order_no AS "orderNo", template_id AS "templateId", organisation_id AS "organisationId" FROM "order" WHERE crm_order_code LIKE $1 ORDER BY id`,
    [`${prefix}%`],
  );
  if (created.length !== orders) throw new Error(`${created.length} of ${orders} messages became orders`);
  const stepsMs = await runConcurrently(created.length, concurrency, async (i) => {
    for (let s = 0; s < stepCodes.length; s++) {
      const { rows } = await generator.query<{ id: number }>({ name: 'bench_pending_work_order', text: `SELECT id FROM work_order WHERE order_id = $1 AND state = 'PENDING'`, values: [created[i].id] });
      const t0 = performance.now();
      await side.completeStep(created[i], rows[0].id, s);
      latencies?.push(performance.now() - t0);
    }
  });
  const used = process.cpuUsage(cpu);
  const { rows } = await generator.query<{ n: number }>(`SELECT count(*)::int AS n FROM "order" WHERE crm_order_code LIKE $1 AND state = 'COMPLETED'`, [`${prefix}%`]);
  if (rows[0].n !== orders) throw new Error(`only ${rows[0].n} of ${orders} orders completed`);
  return { rate: orders / ((intakeMs + stepsMs) / 1000), cpuMs: (used.user + used.system) / 1000 / orders, orderIds: created.map((order) => order.id) };
}

/** W1: FIXED_NEW orders end to end (message → order → 6 step transitions) through the engine vs the same statements on raw pg. */
export async function benchOrderFlow(databaseUrl: string, options: { orders: number; rounds: number; concurrency: number; warmup: number }): Promise<{ figures: Figure[]; notes: string[] }> {
  const app = await startOpenIOM({
    database: { kind: 'postgres', url: databaseUrl },
    config: {
      port: 0,
      webDist: null,
      redisUrl: null,
      crmPollMs: 3_600_000,
      alarms: { enabled: false, scanMs: 3_600_000 },
      interfaces: { enabled: false, pollMs: 1000, timeoutMs: 1000, maxAttempts: 3, backoffMs: 100, simulator: { minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 } },
    },
  });
  // The bench drives message processing itself; publishing events (the relay) and alarm scanning
  // are background work of the whole system, not of a transition, and the baseline does neither.
  await app.services.crmPoller.stop();
  await app.services.relay.stop();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const generator = new pg.Pool({ connectionString: databaseUrl, max: options.concurrency });
  // A connection still closing when the database is dropped WITH (FORCE) reports late.
  for (const p of [pool, generator]) p.on('error', () => undefined);
  try {
    const template = await app.prisma.workflowTemplate.findFirstOrThrow({ where: { code: 'FIXED_NEW' }, orderBy: { version: 'desc' }, select: { id: true } });
    const graph = await app.services.workflows.graph(template.id);
    const steps = stepCodes.map((code) => [...graph.steps.values()].find((step) => step.code === code) as Step);
    const sides = { engine: engineSide(app), raw: rawSide(app, pool, steps) };
    const rates = { engine: [] as number[], raw: [] as number[] };
    const cpuMs = { engine: [] as number[], raw: [] as number[] };
    const latencies = { engine: [] as number[], raw: [] as number[] };
    const last = { engine: 0, raw: 0 };
    const tag = `${process.pid}-${Date.now().toString(36)}`;
    for (const name of ['engine', 'raw'] as const) await round(sides[name], generator, `W1-${name}-warmup-${tag}-`, options.warmup, options.concurrency, null);
    // The tables have grown from the demo seed's size: statistics as autovacuum would have them on a
    // live system (a run is shorter than its first pass), so neither side runs on plans made for empty tables.
    await generator.query('ANALYZE');
    for (let r = 0; r < options.rounds; r++) {
      // Alternate which side goes first, so drift on a shared machine hits both alike.
      for (const name of r % 2 === 0 ? (['engine', 'raw'] as const) : (['raw', 'engine'] as const)) {
        const result = await round(sides[name], generator, `W1-${name}-${r}-${tag}-`, options.orders, options.concurrency, latencies[name]);
        rates[name].push(result.rate);
        cpuMs[name].push(result.cpuMs);
        last[name] = result.orderIds[0];
      }
      console.log(
        `  round ${r + 1}: engine ${rates.engine.at(-1)!.toFixed(0)} orders/s (${cpuMs.engine.at(-1)!.toFixed(1)} ms CPU of this process per order) · raw pg ${rates.raw.at(-1)!.toFixed(0)} orders/s (${cpuMs.raw.at(-1)!.toFixed(1)} ms)`,
      );
    }
    const [engineRows, rawRows] = [await footprint(generator, last.engine), await footprint(generator, last.raw)];
    if (JSON.stringify(engineRows) !== JSON.stringify(rawRows)) {
      throw new Error(`the baseline does not write what the engine writes:\n engine ${JSON.stringify(engineRows)}\n raw    ${JSON.stringify(rawRows)}`);
    }
    const value = median(rates.engine);
    const baseline = median(rates.raw);
    const p99 = percentile(latencies.engine, 0.99);
    const rawP99 = percentile(latencies.raw, 0.99);
    const pairedRatio = median(rates.engine.map((rate, r) => rate / rates.raw[r]));
    const note = `median of ${options.rounds} alternating rounds of ${options.orders} FIXED_NEW orders each way (message parse + order creation + 6 step transitions, a transaction each), concurrency ${options.concurrency}, PostgreSQL, outbox relay and alarm scanner off on both sides; engine rounds ${rates.engine.map((rate) => rate.toFixed(0)).join(', ')}, raw rounds ${rates.raw.map((rate) => rate.toFixed(0)).join(', ')} orders/s (median of the per-round ratios ${pairedRatio.toFixed(2)}×); CPU of the benchmark process per order (median) engine ${median(cpuMs.engine).toFixed(1)} ms vs raw ${median(cpuMs.raw).toFixed(1)} ms; p99 step latency engine ${p99.toFixed(1)} ms vs raw ${rawP99.toFixed(1)} ms (p50 ${percentile(latencies.engine, 0.5).toFixed(1)} vs ${percentile(latencies.raw, 0.5).toFixed(1)} ms)`;
    return {
      figures: [
        { id: 'w1.orders_per_s', title: 'FIXED_NEW orders end to end through the engine (6 step transitions each)', value, unit: 'orders/s', baseline, baselineLabel: 'the same statements with raw pg', ratio: value / baseline, target: '≥ 300 orders/s and ≥ 0.6×', met: value >= 300 && value / baseline >= 0.6, date: new Date().toISOString(), notes: note },
        { id: 'w1.step_p99_ms', title: 'p99 latency of one step transition through the engine', value: p99, unit: 'ms', baseline: rawP99, baselineLabel: 'raw pg step', ratio: rawP99 / p99, target: 'report', met: true, date: new Date().toISOString(), notes: 'ratio = raw / engine (higher is better)' },
      ],
      notes: [`w1.orders_per_s: ${note}.`],
    };
  } finally {
    await generator.end();
    await pool.end();
    await app.stop();
  }
}
