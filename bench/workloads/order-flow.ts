import { startOpenIOM } from '@openiom/api';
import { exampleJsonMessage } from '@openiom/api/crm-examples';
import pg from 'pg';
import { median, type Figure } from '../lib/harness.ts';

/** Steps of the FIXED_NEW template that produce work orders (6), in order. */
const steps = ['WIRING', 'NUMBER', 'PORT', 'NETWORK', 'INSTALL', 'NOTICE'];

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

/**
 * Baseline: the engine's statements for one order written by hand with raw `pg` — create the order,
 * its demand, log, first work order and outbox event in one transaction; then per step lock the
 * work order, complete it, log, publish, create the next one, in one transaction each.
 */
async function rawOrder(pool: pg.Pool, i: number, templateId: number, stepIds: number[], latencies: number[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // The inbound message: claimed, read, checked against the business mapping and existing orders.
    const message = await client.query(`SELECT id, payload FROM crm_inbound_message WHERE state = 'PENDING' AND payload LIKE '%RAWBENCH%' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`);
    JSON.parse(message.rows[0].payload);
    await client.query(`SELECT template_code FROM business_workflow WHERE business_code = 'FIXED_NEW'`);
    await client.query(`SELECT id FROM workflow_template WHERE code = 'FIXED_NEW' AND active ORDER BY version DESC LIMIT 1`);
    await client.query(`SELECT id FROM "order" WHERE crm_order_code = $1`, [`RAW-${process.pid}-${i}`]);
    await client.query(`SELECT id FROM organisation WHERE code = '440106'`);
    const order = await client.query(
      `INSERT INTO "order" (order_no, crm_order_code, business_code, order_type, template_id, customer_name, address, accepted_at)
       VALUES ($1, $1, 'FIXED_NEW', 'NEW', $2, '陈晓明', '广州市天河区五山路', now()) RETURNING id`,
      [`RAW-${process.pid}-${i}`, templateId],
    );
    const orderId = order.rows[0].id;
    await client.query('UPDATE "order" SET order_no = $2 WHERE id = $1', [orderId, `R${orderId}`]);
    await client.query(`INSERT INTO order_demand (order_id, key, value) VALUES ($1, 'wantedNumber', '020-38471256'), ($1, 'remark', 'bench')`, [orderId]);
    await client.query(`INSERT INTO order_log (order_id, action, detail) VALUES ($1, 'CREATE_ORDER', 'bench')`, [orderId]);
    let workOrder = await client.query(`INSERT INTO work_order (work_order_no, order_id, step_id, state) VALUES ($1, $2, $3, 'PENDING') RETURNING id`, [`R${orderId}-0`, orderId, stepIds[0]]);
    await client.query(`INSERT INTO order_log (order_id, work_order_id, action, detail) VALUES ($1, $2, 'CREATE_WORK_ORDER', 'bench')`, [orderId, workOrder.rows[0].id]);
    await client.query(`INSERT INTO interface_request (system, kind, order_id, work_order_id, request) VALUES ('RESOURCE', 'WIRING', $1, $2, '{}')`, [orderId, workOrder.rows[0].id]);
    await client.query(`INSERT INTO outbox_event (topic, payload) VALUES ('work-order.changed', $1)`, [{ workOrderId: workOrder.rows[0].id }]);
    await client.query(`INSERT INTO outbox_event (topic, payload) VALUES ('order.changed', $1)`, [{ orderId }]);
    await client.query(`UPDATE crm_inbound_message SET state = 'PROCESSED', order_id = $2, processed_at = now(), attempts = attempts + 1 WHERE id = $1`, [message.rows[0].id, orderId]);
    await client.query('COMMIT');
    for (let s = 0; s < stepIds.length; s++) {
      await client.query(`SELECT id FROM work_order WHERE order_id = $1 AND state = 'PENDING'`, [orderId]);
      const t0 = performance.now();
      await client.query('BEGIN');
      await client.query('SELECT step_id, state FROM work_order WHERE id = $1 FOR UPDATE', [workOrder.rows[0].id]);
      await client.query(`UPDATE work_order SET state = 'COMPLETED', completed_at = now(), result = 'NORMAL' WHERE id = $1`, [workOrder.rows[0].id]);
      await client.query(`INSERT INTO order_log (order_id, work_order_id, action, detail) VALUES ($1, $2, 'COMPLETE', 'bench')`, [orderId, workOrder.rows[0].id]);
      await client.query(`INSERT INTO outbox_event (topic, payload) VALUES ('work-order.changed', $1)`, [{ workOrderId: workOrder.rows[0].id }]);
      await client.query('SELECT step_id, state FROM work_order WHERE order_id = $1', [orderId]);
      if (s + 1 < stepIds.length) {
        const manual = steps[s + 1] === 'INSTALL';
        if (manual) {
          await client.query('SELECT o.path FROM "order" r LEFT JOIN organisation o ON o.id = r.organisation_id WHERE r.id = $1', [orderId]);
        }
        workOrder = await client.query(`INSERT INTO work_order (work_order_no, order_id, step_id, state) VALUES ($1, $2, $3, 'PENDING') RETURNING id`, [`R${orderId}-${s + 1}`, orderId, stepIds[s + 1]]);
        await client.query(`INSERT INTO order_log (order_id, work_order_id, action, detail) VALUES ($1, $2, 'CREATE_WORK_ORDER', 'bench')`, [orderId, workOrder.rows[0].id]);
        if (manual) await client.query(`INSERT INTO order_log (order_id, work_order_id, action, detail) VALUES ($1, $2, 'AWAIT_MANUAL_ASSIGNMENT', 'bench')`, [orderId, workOrder.rows[0].id]);
        else await client.query(`INSERT INTO interface_request (system, kind, order_id, work_order_id, request) VALUES ('RESOURCE', $3, $1, $2, '{}')`, [orderId, workOrder.rows[0].id, steps[s + 1]]);
        if (steps[s + 1] === 'NOTICE') {
          await client.query(`INSERT INTO crm_outbound_notice (order_id, kind, payload) VALUES ($1, 'COMPLETION', '{}') ON CONFLICT (order_id, kind) DO NOTHING`, [orderId]);
        }
        await client.query(`INSERT INTO outbox_event (topic, payload) VALUES ('work-order.changed', $1)`, [{ workOrderId: workOrder.rows[0].id }]);
      } else {
        await client.query(`SELECT count(*) FROM work_order WHERE order_id = $1 AND state IN ('PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION')`, [orderId]);
        await client.query(`UPDATE "order" SET state = 'COMPLETED', completed_at = now() WHERE id = $1 AND state = 'EXECUTING'`, [orderId]);
        await client.query(`INSERT INTO order_log (order_id, action, detail) VALUES ($1, 'COMPLETE_ORDER', 'bench')`, [orderId]);
        await client.query(`INSERT INTO outbox_event (topic, payload) VALUES ('order.changed', $1)`, [{ orderId }]);
      }
      await client.query('COMMIT');
      latencies.push(performance.now() - t0);
    }
  } finally {
    client.release();
  }
}

/** W1: FIXED_NEW orders end to end (order creation + 6 step transitions) through the engine vs raw pg. */
export async function benchOrderFlow(databaseUrl: string, options: { orders: number; rounds: number; concurrency: number }): Promise<{ figures: Figure[]; notes: string[] }> {
  const app = await startOpenIOM({
    database: { kind: 'postgres', url: databaseUrl },
    config: { port: 0, webDist: null, redisUrl: null, crmPollMs: 3_600_000, interfaces: { enabled: false, pollMs: 1000, timeoutMs: 1000, maxAttempts: 3, backoffMs: 100, simulator: { minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 } } },
  });
  await app.services.crmPoller.stop(); // the bench drives message processing itself
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  try {
    const template = await app.prisma.workflowTemplate.findFirstOrThrow({ where: { code: 'FIXED_NEW' }, select: { id: true, steps: { select: { id: true, code: true } } } });
    const stepIds = steps.map((code) => template.steps.find((step) => step.code === code)!.id);
    const base = JSON.parse(exampleJsonMessage);
    const engineRates: number[] = [];
    const rawRates: number[] = [];
    const engineLatencies: number[] = [];
    const rawLatencies: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      // Engine: the CRM message is parsed and turned into an order, then every step is completed.
      const messages = Array.from({ length: options.orders }, (_, i) => JSON.stringify({ ...base, crmOrderCode: `W1-${round}-${i}-${process.pid}` }));
      for (const payload of messages) await app.prisma.crmInboundMessage.create({ data: { format: 'JSON', payload } });
      const engineMs = await runConcurrently(options.orders, options.concurrency, async () => {
        await app.services.orders.processNextCrmMessage();
      });
      const created = await app.prisma.order.findMany({ where: { crmOrderCode: { startsWith: `W1-${round}-` } }, select: { id: true, orderNo: true, templateId: true, organisationId: true } });
      let stepMs = 0;
      stepMs += await runConcurrently(created.length, options.concurrency, async (i) => {
        const order = created[i];
        for (let s = 0; s < steps.length; s++) {
          const [workOrder] = await app.prisma.workOrder.findMany({ where: { orderId: order.id, state: 'PENDING' }, select: { id: true } });
          const t0 = performance.now();
          await app.prisma.$transaction((tx) => app.services.workflows.engine.complete(tx, order, workOrder.id, { kind: 'NORMAL' }, null, null));
          engineLatencies.push(performance.now() - t0);
        }
      });
      const done = await app.prisma.order.count({ where: { crmOrderCode: { startsWith: `W1-${round}-` }, state: 'COMPLETED' } });
      if (done !== options.orders) throw new Error(`only ${done} of ${options.orders} orders completed`);
      engineRates.push(options.orders / ((engineMs + stepMs) / 1000));

      for (let i = 0; i < options.orders; i++) {
        await app.prisma.crmInboundMessage.create({ data: { format: 'JSON', payload: JSON.stringify({ ...base, crmOrderCode: `RAWBENCH-${round}-${i}-${process.pid}` }) } });
      }
      const rawMs = await runConcurrently(options.orders, options.concurrency, (i) => rawOrder(pool, round * options.orders + i, template.id, stepIds, rawLatencies));
      rawRates.push(options.orders / (rawMs / 1000));
      console.log(`  round ${round + 1}: engine ${engineRates.at(-1)!.toFixed(0)} orders/s · raw pg ${rawRates.at(-1)!.toFixed(0)} orders/s`);
    }
    const value = median(engineRates);
    const baseline = median(rawRates);
    const p99 = percentile(engineLatencies, 0.99);
    const rawP99 = percentile(rawLatencies, 0.99);
    const note = `median of ${options.rounds} rounds of ${options.orders} FIXED_NEW orders (message parse + order creation + 6 step transitions each), concurrency ${options.concurrency}, PostgreSQL; p99 step latency engine ${p99.toFixed(1)} ms vs raw ${rawP99.toFixed(1)} ms`;
    return {
      figures: [
        { id: 'w1.orders_per_s', title: 'FIXED_NEW orders end to end through the engine (6 step transitions each)', value, unit: 'orders/s', baseline, baselineLabel: 'the same step SQL with raw pg', ratio: value / baseline, target: '≥ 300 orders/s and ≥ 0.6×', met: value >= 300 && value / baseline >= 0.6, date: new Date().toISOString(), notes: note },
        { id: 'w1.step_p99_ms', title: 'p99 latency of one step transition through the engine', value: p99, unit: 'ms', baseline: rawP99, baselineLabel: 'raw pg step', ratio: rawP99 / p99, target: 'report', met: true, date: new Date().toISOString(), notes: 'ratio = raw / engine (higher is better)' },
      ],
      notes: [`w1.orders_per_s: ${note}.`],
    };
  } finally {
    await pool.end();
    await app.stop();
  }
}
