import { loadConfig, startOpenIOM } from '@openiom/api';
import pg from 'pg';

/**
 * A database for the work-order workloads (w5, w6): migrated, the demo seed, `workOrders` generated
 * work orders, then VACUUM ANALYZE — what autovacuum leaves after a bulk load, and statistics for
 * the small seeded tables too (below autovacuum's 50-row threshold they are never analysed).
 */
export async function prepareWorkOrderDatabase(databaseUrl: string, workOrders: number): Promise<{ orders: number; workOrders: number; ms: number }> {
  const app = await startOpenIOM({
    database: { kind: 'postgres', url: databaseUrl },
    config: { port: 0, webDist: null, redisUrl: null, crmPollMs: 3_600_000, alarms: { ...loadConfig().alarms, enabled: false }, interfaces: { ...loadConfig().interfaces, enabled: false } },
  });
  await app.stop();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const generated = await generateWorkOrders(client, workOrders);
    await client.query('VACUUM ANALYZE');
    return generated;
  } finally {
    await client.end();
  }
}

/**
 * Generates `workOrders` work orders (and the ~workOrders / 5.5 orders they belong to) on a
 * database that holds the demo seed, with set-based SQL (a few statements, no row loop):
 *
 * - orders over the 24 demo grids, skewed (the busiest grid gets ~5× the quietest), 1 % without
 *   an area; business codes 30 % fixed-line new, 35 % broadband new, 15 % move, 15 % removal,
 *   5 % cancellation; accepted over the last 365 days in the order of their ids;
 * - orders accepted in the last 10 days are mostly still executing, older ones mostly completed
 *   (a backlog of ~8 % still executing, 3 % cancelled);
 * - each order has one work order per step of its template up to where it stands: completed
 *   steps, then the current one (pending, in progress, or parked in manual exception) — an
 *   executing order stands at a manual step (dispatch or field work) more often than not;
 * - manual steps sit at the positions the dispatch rules give (the district's dispatch position,
 *   the grid's installation position) with one of its staff as handler once taken; 10 % of the
 *   work orders are overdue, 5 % in warning.
 *
 * Order numbers are `B` + 10 digits (`B0000000001`), work-order numbers `<order no>-<step code>`.
 */
/**
 * Steps an order only passes on a detour (the activation-failure review and offline activation of
 * the v3 broadband flows): the generated orders walk their template's main line, as nearly all do.
 */
const DETOUR_STEPS = "('ACTIVATION_REVIEW', 'OFFLINE_ACTIVATION')";

export async function generateWorkOrders(client: pg.ClientBase, workOrders: number): Promise<{ orders: number; workOrders: number; ms: number }> {
  const started = performance.now();
  // Orders walk templates of 4 to 8 steps (~6 work orders each once done): a few more orders than
  // needed are made and the oldest go without work orders, so the newest months are all there.
  const orders = Math.ceil(workOrders / 5.5);
  await client.query(`
    INSERT INTO "order" (order_no, crm_order_code, business_code, order_type, template_id, state, acceptance_no, customer_name, customer_phone,
                         address, broadband_account, product_code, organisation_id, accepted_at, created_at, completed_at, cancelled_at, time_state)
    SELECT 'B' || lpad(g::text, 10, '0'), 'BENCH-' || g, b.code, b.order_type, t.id, x.state, 'A' || lpad((g::bigint * 7919 % 100000000)::text, 8, '0'),
           (ARRAY['张','王','李','赵','陈','刘','杨','黄','周','吴'])[1 + g % 10] || (ARRAY['伟','芳','娜','敏','静','强','磊','洋','勇','军','杰','娟'])[1 + g / 10 % 12] || (g % 997),
           '138' || lpad((g::bigint * 104729 % 100000000)::text, 8, '0'),
           coalesce(grid.name, '广州') || '路' || (1 + g % 400) || '号' || (1 + g / 400 % 30) || '栋',
           CASE WHEN b.code LIKE 'BROADBAND%' THEN 'gz' || lpad(g::text, 9, '0') END,
           CASE WHEN b.code = 'FIXED_NEW' THEN 'FIXED_LINE' WHEN b.code LIKE 'BROADBAND%' THEN 'BROADBAND_100M' END,
           grid.id, r.accepted_at, r.accepted_at + interval '20 seconds',
           CASE WHEN x.state = 'COMPLETED' THEN r.accepted_at + interval '2 days' * r.u3 END,
           CASE WHEN x.state = 'CANCELLED' THEN r.accepted_at + interval '1 day' * r.u3 END,
           (CASE WHEN r.u4 < 0.10 THEN 'OVERDUE' WHEN r.u4 < 0.15 THEN 'WARNING' ELSE 'NORMAL' END)::"TimeState"
    FROM generate_series(1, $1::int) g
    CROSS JOIN LATERAL (SELECT date_trunc('second', now() - interval '365 days' * (1 - g::float8 / $1)) AS accepted_at, random() AS u2, random() AS u3, random() AS u4, random() AS u5) r
    JOIN (VALUES (0, 6, 'FIXED_NEW', 'NEW'), (6, 13, 'BROADBAND_NEW', 'NEW'), (13, 16, 'BROADBAND_MOVE', 'MOVE'), (16, 19, 'BROADBAND_REMOVE', 'REMOVE'), (19, 20, 'ORDER_CANCEL', 'CANCEL'))
         AS b(lo, hi, code, order_type) ON g % 20 >= b.lo AND g % 20 < b.hi
    -- New orders run on the newest active version of their template (the v2 broadband flows have the dispatch-center field steps).
    JOIN LATERAL (SELECT id FROM workflow_template WHERE code = b.code AND active ORDER BY version DESC LIMIT 1) t ON true
    LEFT JOIN (SELECT id, name, row_number() OVER (ORDER BY id) - 1 AS n FROM organisation WHERE level = 'GRID') grid
           ON r.u5 >= 0.01 AND grid.n = floor(power(greatest(r.u5 - 0.01, 0) / 0.99, 1.6) * 24)
    CROSS JOIN LATERAL (SELECT (CASE WHEN r.accepted_at > now() - interval '10 days' THEN CASE WHEN r.u2 < 0.7 THEN 'EXECUTING' ELSE 'COMPLETED' END
                                     WHEN r.u2 < 0.08 THEN 'EXECUTING' WHEN r.u2 < 0.11 THEN 'CANCELLED' ELSE 'COMPLETED' END)::"OrderState" AS state) x`,
    [orders],
  );
  // Where each order stands: its number of work orders (the last one is the current one).
  await client.query(`
    CREATE TEMP TABLE bench_progress AS
    WITH steps AS (
      SELECT template_id, id AS step_id, code, kind, row_number() OVER (PARTITION BY template_id ORDER BY sort_order, id) AS k, count(*) OVER (PARTITION BY template_id) AS m
      FROM workflow_step WHERE kind NOT IN ('START', 'END') AND code NOT IN ${DETOUR_STEPS}
    )
    SELECT o.id AS order_id, o.state, o.template_id,
           CASE WHEN o.state = 'COMPLETED' THEN m.m
                WHEN o.state = 'EXECUTING' AND manual.k IS NOT NULL AND random() < 0.6 THEN manual.k
                ELSE 1 + floor(random() * m.m)::int END AS current_k
    FROM "order" o
    JOIN (SELECT DISTINCT template_id, m FROM steps) m ON m.template_id = o.template_id
    LEFT JOIN LATERAL (SELECT k FROM steps s WHERE s.template_id = o.template_id AND s.kind IN ('DISPATCH_CENTER', 'FIELD_WORK') ORDER BY random() + o.id * 0 LIMIT 1) manual ON o.state = 'EXECUTING'
    WHERE o.order_no LIKE 'B%'`);
  const inserted = await client.query(`
    WITH steps AS (
      SELECT template_id, id AS step_id, code, kind, work_order_type_code, row_number() OVER (PARTITION BY template_id ORDER BY sort_order, id) AS k
      FROM workflow_step WHERE kind NOT IN ('START', 'END') AND code NOT IN ${DETOUR_STEPS}
    ),
    queue AS (
      SELECT grid.id AS organisation_id,
             (SELECT p.id FROM position p JOIN position_type pt ON pt.id = p.position_type_id WHERE p.organisation_id = grid.parent_id AND pt.code = 'DISPATCH') AS dispatch_position,
             (SELECT p.id FROM position p JOIN position_type pt ON pt.id = p.position_type_id WHERE p.organisation_id = grid.id AND pt.code = 'INSTALL') AS install_position
      FROM organisation grid WHERE grid.level = 'GRID'
    ),
    handler AS (SELECT position_id, min(staff_id) AS staff_id FROM staff_position GROUP BY position_id)
    INSERT INTO work_order (work_order_no, order_id, step_id, state, position_id, staff_id, created_at, started_at, completed_at, result, accept_due_at, warn_at, due_at, time_state, accept_overdue)
    SELECT o.order_no || '-' || s.code, o.id, s.step_id, w.state, w.position_id,
           CASE WHEN w.state IN ('IN_PROGRESS', 'COMPLETED', 'MANUAL_EXCEPTION') THEN h.staff_id END,
           w.created_at, CASE WHEN w.state <> 'PENDING' THEN w.created_at + interval '10 minutes' END,
           CASE WHEN w.state = 'COMPLETED' THEN w.created_at + interval '80 minutes' END,
           CASE WHEN w.state = 'COMPLETED' THEN 'NORMAL' END,
           w.created_at + interval '2 hours', w.created_at + interval '36 hours', w.created_at + interval '48 hours',
           CASE WHEN s.k = p.current_k THEN o.time_state ELSE 'NORMAL' END, s.k = p.current_k AND o.time_state = 'OVERDUE' AND w.state = 'PENDING'
    FROM bench_progress p
    JOIN "order" o ON o.id = p.order_id
    JOIN steps s ON s.template_id = p.template_id AND s.k <= p.current_k
    LEFT JOIN queue q ON q.organisation_id = o.organisation_id
    CROSS JOIN LATERAL (
      SELECT CASE WHEN s.k < p.current_k OR o.state = 'COMPLETED' THEN 'COMPLETED'
                  WHEN o.state = 'CANCELLED' THEN 'CANCELLED'
                  WHEN (o.id + s.k) % 20 = 0 THEN 'MANUAL_EXCEPTION'
                  WHEN (o.id + s.k) % 20 < 8 THEN 'IN_PROGRESS'
                  ELSE 'PENDING' END::"WorkOrderState" AS state,
             CASE s.kind WHEN 'DISPATCH_CENTER' THEN q.dispatch_position WHEN 'FIELD_WORK' THEN q.install_position END AS position_id,
             o.created_at + (s.k - 1) * interval '90 minutes' AS created_at
    ) w
    LEFT JOIN handler h ON h.position_id = w.position_id
    ORDER BY o.id DESC, s.k
    LIMIT $1`,
    [workOrders],
  );
  await client.query('DROP TABLE bench_progress');
  await client.query('ANALYZE "order"');
  await client.query('ANALYZE work_order');
  return { orders, workOrders: inserted.rowCount ?? 0, ms: performance.now() - started };
}
