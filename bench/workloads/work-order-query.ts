import { loadConfig, startOpenIOM } from '@openiom/api';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import pg from 'pg';
import { median, type Figure } from '../lib/harness.ts';

/** A page of the work-order query as a result grid asks for it (the pre-alarm drill-down's fields). */
export const WORK_ORDER_QUERY = `query WorkOrderQueryPage($filter: WorkOrderQueryFilter, $first: Int!, $after: String, $withCount: Boolean!) {
  workOrderQuery(filter: $filter, first: $first, after: $after) {
    totalCount @include(if: $withCount)
    totalCountCapped @include(if: $withCount)
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id workOrderNo state createdAt acceptDueAt dueAt timeState acceptOverdue
        step { id name nameEn }
        position { id name nameEn }
        handler { id staffNo name }
        order { id orderNo customerName }
      }
    }
  }
}`;

interface Variables {
  filter?: { state?: string; positionId?: string; createdAt?: { from?: string; to?: string }; order?: { organisationId?: string } };
  first: number;
  after?: string | null;
  withCount: boolean;
}

interface PageAnswer {
  data?: { workOrderQuery: { totalCount?: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: { id: string } }[] } };
  errors?: unknown;
}

const COUNT_LIMIT = 10_000;
const CURSOR_TAG = 'work-orders:CREATED_AT:DESC';
const encodeCursor = (createdAt: Date, id: number) => Buffer.from(JSON.stringify([CURSOR_TAG, createdAt.toISOString(), id])).toString('base64url');

/**
 * Baseline: the best hand-written SQL for the same answer through raw `pg` — the scope resolved to
 * its organisation ids once per session, one keyset statement joining the row's step, position,
 * handler and order (no DataLoaders, no ORM), the bounded count as `count(*)` over a LIMITed
 * subquery without ORDER BY — answered as JSON over HTTP in the GraphQL response shape.
 */
async function startBaseline(databaseUrl: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', () => undefined);
  // timestamp(3) columns hold UTC (as Prisma writes them).
  const utc = (value: string) => new Date(`${value.replace(' ', 'T')}Z`);
  const types = { getTypeParser: (oid: number, format?: string) => (oid === 1114 ? utc : pg.types.getTypeParser(oid, format as 'text')) };
  const sessions = new Map<string, number[]>();

  async function scopeOrgIds(token: string): Promise<number[]> {
    const tokenHash = createHash('sha256').update(token).digest('hex');
    let ids = sessions.get(tokenHash);
    if (!ids) {
      const result = await pool.query(
        `SELECT o.id FROM session se JOIN staff s ON s.id = se.staff_id JOIN organisation root ON root.id = s.organisation_id
         JOIN organisation o ON o.path LIKE root.path || '%' WHERE se.token_hash = $1`,
        [tokenHash],
      );
      ids = result.rows.map((row) => row.id as number);
      sessions.set(tokenHash, ids);
    }
    return ids;
  }

  async function answer(token: string, v: Variables) {
    let orgIds = await scopeOrgIds(token);
    if (v.filter?.order?.organisationId) {
      const below = await pool.query(`SELECT o.id FROM organisation f JOIN organisation o ON o.path LIKE f.path || '%' WHERE f.id = $1`, [Number(v.filter.order.organisationId)]);
      const inFilter = new Set(below.rows.map((row) => row.id as number));
      orgIds = orgIds.filter((id) => inFilter.has(id));
    }
    const where = ['o.organisation_id = ANY($1)'];
    const params: unknown[] = [orgIds];
    const add = (condition: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (v.filter?.state) add((n) => `w.state = ${n}::"WorkOrderState"`, v.filter.state);
    if (v.filter?.positionId) add((n) => `w.position_id = ${n}`, Number(v.filter.positionId));
    if (v.filter?.createdAt?.from) add((n) => `w.created_at >= ${n}`, new Date(v.filter.createdAt.from).toISOString().slice(0, 23));
    if (v.filter?.createdAt?.to) add((n) => `w.created_at < ${n}`, new Date(v.filter.createdAt.to).toISOString().slice(0, 23));
    const filterWhere = [...where];
    if (v.after) {
      const [, value, id] = JSON.parse(Buffer.from(v.after, 'base64url').toString('utf8')) as [string, string, number];
      params.push(value.slice(0, 23), id);
      where.push(`(w.created_at, w.id) < ($${params.length - 1}, $${params.length})`);
    }
    const pageSql = `
      SELECT w.id, w.work_order_no, w.state, w.created_at, w.accept_due_at, w.due_at, w.time_state, w.accept_overdue,
             s.id AS step_id, s.name AS step_name, s.name_en AS step_name_en, p.id AS position_id, p.name AS position_name, p.name_en AS position_name_en,
             st.id AS staff_id, st.staff_no, st.name AS staff_name, o.id AS order_id, o.order_no, o.customer_name
      FROM work_order w JOIN "order" o ON o.id = w.order_id JOIN workflow_step s ON s.id = w.step_id
      LEFT JOIN position p ON p.id = w.position_id LEFT JOIN staff st ON st.id = w.staff_id
      WHERE ${where.join(' AND ')} ORDER BY w.created_at DESC, w.id DESC LIMIT ${v.first + 1}`;
    const countSql = `SELECT count(*)::int AS n FROM (SELECT 1 FROM work_order w JOIN "order" o ON o.id = w.order_id WHERE ${filterWhere.join(' AND ')} LIMIT ${COUNT_LIMIT + 1}) c`;
    const countParams = params.slice(0, filterWhere.length);
    const [rows, count] = await Promise.all([pool.query({ text: pageSql, values: params, types }), v.withCount ? pool.query({ text: countSql, values: countParams }) : null]);
    const edges = rows.rows.slice(0, v.first).map((r) => ({
      cursor: encodeCursor(r.created_at, r.id),
      node: {
        id: String(r.id),
        workOrderNo: r.work_order_no,
        state: r.state,
        createdAt: r.created_at.toISOString(),
        acceptDueAt: r.accept_due_at?.toISOString() ?? null,
        dueAt: r.due_at?.toISOString() ?? null,
        timeState: r.time_state,
        acceptOverdue: r.accept_overdue,
        step: { id: String(r.step_id), name: r.step_name, nameEn: r.step_name_en },
        position: r.position_id === null ? null : { id: String(r.position_id), name: r.position_name, nameEn: r.position_name_en },
        handler: r.staff_id === null ? null : { id: String(r.staff_id), staffNo: r.staff_no, name: r.staff_name },
        order: { id: String(r.order_id), orderNo: r.order_no, customerName: r.customer_name },
      },
    }));
    const n = count?.rows[0].n as number | undefined;
    return {
      workOrderQuery: {
        ...(n === undefined ? {} : { totalCount: Math.min(n, COUNT_LIMIT), totalCountCapped: n > COUNT_LIMIT }),
        pageInfo: { hasNextPage: rows.rows.length > v.first, endCursor: edges.at(-1)?.cursor ?? null },
        edges,
      },
    };
  }

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables: Variables };
    const data = await answer((req.headers.authorization ?? '').replace(/^Bearer /, ''), body.variables);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

async function post(url: string, token: string, variables: Variables): Promise<PageAnswer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: WORK_ORDER_QUERY, variables }),
  });
  const body = (await response.json()) as PageAnswer;
  if (body.errors || !body.data) throw new Error(`unexpected answer: ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

interface Scenario {
  id: string;
  label: string;
  login: string;
  variables: Variables;
}

/**
 * W5: the work-order query over the generated work orders of a database prepared by
 * `prepareWorkOrderDatabase` (bench/lib/work-order-data.ts). Each scenario — a viewer with the demo data
 * permissions, a filter, page 1 or a deep cursor — runs `runs` times through the whole API over
 * HTTP (auth guard, zod, complexity check, DataLoaders, Prisma) alternating with the hand-written
 * baseline; both answers are compared once (same work orders in the same order, same count).
 */
export async function benchWorkOrderQuery(databaseUrl: string, options: { generated: { orders: number; workOrders: number; ms: number }; runs: number }): Promise<{ figures: Figure[]; notes: string[] }> {
  const { generated } = options;
  const app = await startOpenIOM({
    database: { kind: 'postgres', url: databaseUrl },
    config: { port: 0, webDist: null, redisUrl: null, crmPollMs: 3_600_000, alarms: { ...loadConfig().alarms, enabled: false }, interfaces: { ...loadConfig().interfaces, enabled: false } },
  });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let baseline: Awaited<ReturnType<typeof startBaseline>> | undefined;
  try {
    baseline = await startBaseline(databaseUrl);

    const ids = await client.query<{ code: string; id: number }>(`SELECT code, id FROM organisation WHERE code IN ('GZ-TH-02') UNION ALL SELECT code, id FROM position WHERE code = 'GZ-TH.DISPATCH'`);
    const idOf = (code: string) => String(ids.rows.find((row) => row.code === code)?.id);
    // The deep cursors: the row after which the manager's (whole city) and the dispatcher's
    // (Tianhe) lists continue half a million rows (or half the generated rows) down.
    const deepAt = async (orgPath: string, offset: number) => {
      const row = await client.query<{ created_at: Date; id: number }>(
        `SELECT (w.created_at::text || 'Z')::timestamptz AS created_at, w.id FROM work_order w JOIN "order" o ON o.id = w.order_id JOIN organisation g ON g.id = o.organisation_id
         WHERE g.path LIKE $1 || '%' ORDER BY w.created_at DESC, w.id DESC OFFSET $2 LIMIT 1`,
        [orgPath, offset],
      );
      return encodeCursor(row.rows[0].created_at, row.rows[0].id);
    };
    const cityDepth = Math.min(500_000, Math.floor(generated.workOrders / 2));
    const districtDepth = Math.floor(generated.workOrders / 8);
    const cityDeep = await deepAt('/1/2/', cityDepth);
    const districtDeep = await deepAt('/1/2/3/', districtDepth);
    const week = { from: new Date(Date.now() - 100 * 86_400_000).toISOString(), to: new Date(Date.now() - 93 * 86_400_000).toISOString() };
    const page = (filter: Variables['filter'], after: string | null = null, withCount = false): Variables => ({ filter, first: 50, after, withCount });
    const scenarios: Scenario[] = [
      { id: 'page1', label: 'dispatcher (Tianhe), no filter, page 1', login: 'dispatcher', variables: page({}) },
      { id: 'page1_city', label: 'manager (city), no filter, page 1', login: 'manager', variables: page({}) },
      { id: 'deep_city', label: `manager (city), no filter, after ${cityDepth.toLocaleString('en')} rows`, login: 'manager', variables: page({}, cityDeep) },
      { id: 'deep_district', label: `dispatcher, no filter, after ${districtDepth.toLocaleString('en')} rows`, login: 'dispatcher', variables: page({}, districtDeep) },
      { id: 'org', label: 'dispatcher, organisation = one grid (GZ-TH-02), page 1', login: 'dispatcher', variables: page({ order: { organisationId: idOf('GZ-TH-02') } }) },
      { id: 'state', label: 'dispatcher, state = PENDING, page 1', login: 'dispatcher', variables: page({ state: 'PENDING' }) },
      { id: 'dates', label: 'dispatcher, created in one week (100 days ago), page 1', login: 'dispatcher', variables: page({ createdAt: week }) },
      { id: 'position', label: 'dispatcher, position = Tianhe dispatch, page 1', login: 'dispatcher', variables: page({ positionId: idOf('GZ-TH.DISPATCH') }) },
      { id: 'count', label: 'dispatcher, no filter, page 1 with totalCount (capped at 10,000)', login: 'dispatcher', variables: page({}, null, true) },
      { id: 'count_state', label: 'dispatcher, state = PENDING, page 1 with totalCount', login: 'dispatcher', variables: page({ state: 'PENDING' }, null, true) },
    ];

    const tokens = new Map<string, string>();
    for (const login of new Set(scenarios.map((s) => s.login))) {
      const answer = await fetch(`${app.server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($input: LoginInput!) { login(input: $input) { ok token } }', variables: { input: { loginName: login, password: 'openiom123' } } }),
      });
      tokens.set(login, ((await answer.json()) as { data: { login: { token: string } } }).data.login.token);
    }

    const rows: { scenario: Scenario; api: number[]; base: number[] }[] = [];
    for (const scenario of scenarios) {
      const token = tokens.get(scenario.login) as string;
      const fromApi = await post(app.server.url, token, scenario.variables);
      const fromBase = await post(baseline.url, token, scenario.variables);
      const same = (a: PageAnswer) => JSON.stringify({ ids: a.data?.workOrderQuery.edges.map((e) => e.node.id), count: a.data?.workOrderQuery.totalCount, next: a.data?.workOrderQuery.pageInfo });
      if (same(fromApi) !== same(fromBase)) throw new Error(`w5 ${scenario.id}: the API and the baseline answer differently:\n${same(fromApi).slice(0, 400)}\n${same(fromBase).slice(0, 400)}`);
      if (!fromApi.data?.workOrderQuery.edges.length) throw new Error(`w5 ${scenario.id}: no rows: ${JSON.stringify(fromApi).slice(0, 500)}`);
      const api: number[] = [];
      const base: number[] = [];
      for (let run = 0; run < options.runs + 5; run++) {
        let t0 = performance.now();
        await post(app.server.url, token, scenario.variables);
        if (run >= 5) api.push(performance.now() - t0);
        t0 = performance.now();
        await post(baseline.url, token, scenario.variables);
        if (run >= 5) base.push(performance.now() - t0);
      }
      rows.push({ scenario, api, base });
      console.log(`  ${scenario.label}: API p50 ${median(api).toFixed(1)} ms, p99 ${percentile(api, 0.99).toFixed(1)} ms · baseline p50 ${median(base).toFixed(1)} ms, p99 ${percentile(base, 0.99).toFixed(1)} ms`);
    }

    const date = new Date().toISOString();
    const pages = rows.filter((row) => !row.scenario.id.startsWith('count'));
    const counted = rows.filter((row) => row.scenario.id.startsWith('count'));
    const worst = (list: typeof rows, side: 'api' | 'base') => Math.max(...list.map((row) => percentile(row[side], 0.99)));
    const ratioOf = (list: typeof rows) => Math.min(...list.map((row) => median(row.base) / median(row.api)));
    const pageP99 = worst(pages, 'api');
    const pageRatio = ratioOf(pages);
    const countP99 = worst(counted, 'api');
    const countRatio = ratioOf(counted);
    const detail = rows.map(({ scenario, api, base }) => `${scenario.label}: API p50 ${median(api).toFixed(1)} / p99 ${percentile(api, 0.99).toFixed(1)} ms, baseline p50 ${median(base).toFixed(1)} / p99 ${percentile(base, 0.99).toFixed(1)} ms`).join('; ');
    return {
      figures: [
        { id: 'w5.work_order_query_p99_ms', title: `work-order query over ${(generated.workOrders / 1e6).toFixed(1)} M work orders, 50-row page (page 1, deep cursors, filters): worst p99`, value: pageP99, unit: 'ms', baseline: worst(pages, 'base'), baselineLabel: 'hand-written keyset SQL with raw pg, worst p99', ratio: pageRatio, target: 'p99 ≤ 30 ms and ≥ 0.5× (p50)', met: pageP99 <= 30 && pageRatio >= 0.5, date },
        { id: 'w5.work_order_query_count_p99_ms', title: 'work-order query page 1 with its capped totalCount: worst p99', value: countP99, unit: 'ms', baseline: worst(counted, 'base'), baselineLabel: 'count(*) over a LIMITed subquery with raw pg, worst p99', ratio: countRatio, target: 'p99 ≤ 30 ms and ≥ 0.5× (p50)', met: countP99 <= 30 && countRatio >= 0.5, date },
      ],
      notes: [
        `w5: ${generated.workOrders} work orders (${generated.orders} orders) generated in ${(generated.ms / 1000).toFixed(0)} s; ${options.runs} runs per scenario alternating API and baseline after 5 warm-up runs, sequential, over HTTP on loopback; ratio = the worst scenario's baseline p50 / API p50. 1-min load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores at the end (other jobs share the machine). ${detail}.`,
      ],
    };
  } finally {
    await baseline?.stop();
    await client.end();
    await app.stop();
  }
}
