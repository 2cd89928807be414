import pg from 'pg';
import { loadConfig, startOpenIOM } from '@openiom/api';
import { benchOrderFlow } from './workloads/order-flow.ts';
process.env.OPENIOM_LOG_LEVEL = 'silent';
const indexes = ['order_accepted_at_id_idx', 'order_organisation_id_accepted_at_id_idx', 'order_acceptance_no_idx', 'order_broadband_account_idx', 'work_order_created_at_id_idx', 'work_order_position_id_id_idx', 'work_order_step_id_state_idx'];
const admin = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' });
await admin.connect();
const out: Record<string, number[]> = { without: [], with: [] };
for (const variant of ['without', 'with', 'without', 'with', 'without', 'with'] as const) {
  const name = `openiom_w1idx_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = `postgresql://postgres@127.0.0.1:5432/${name}`;
  try {
    const app = await startOpenIOM({ database: { kind: 'postgres', url }, config: { port: 0, webDist: null, redisUrl: null, crmPollMs: 3_600_000, alarms: { ...loadConfig().alarms, enabled: false }, interfaces: { ...loadConfig().interfaces, enabled: false } } });
    await app.stop();
    if (variant === 'without') {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP INDEX ${indexes.map((i) => `"${i}"`).join(', ')}`);
      await c.end();
    }
    const result = await benchOrderFlow(url, { orders: 100, rounds: 3, concurrency: 4, warmup: 50 });
    const f = result.figures.find((x) => x.id === 'w1.orders_per_s')!;
    out[variant].push(f.value);
    console.log(variant, f.value.toFixed(1), 'orders/s; raw', f.baseline.toFixed(1), 'ratio', f.ratio.toFixed(2));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
console.log(JSON.stringify(out));
await admin.end();
