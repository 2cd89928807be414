import { startOpenIOM } from '@openiom/api';
import { loadSchemaSDL } from '@openiom/schema';
import DataLoader from 'dataloader';
import { buildSchema, execute, parse, validate, type DocumentNode } from 'graphql';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { measureThroughput, median, type Figure } from '../lib/harness.ts';

/** The page a staff list asks for: 50 rows with their organisation and positions. */
export const STAFF_PAGE_QUERY = `query StaffPage($first: Int!) {
  staff(first: $first, sortBy: STAFF_NO, sortDirection: ASC) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id staffNo name phone active organisation { id name } positions { id name } } }
  }
}`;

/**
 * Baseline: the same reads as hand-written SQL through raw `pg`, executed by graphql-js with the
 * parsed and validated document cached — what the API would cost with no framework at all.
 */
async function startBaseline(databaseUrl: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // A connection still closing when the database is dropped WITH (FORCE) reports late.
  pool.on('error', () => undefined);
  const schema = buildSchema(loadSchemaSDL());
  const documents = new Map<string, DocumentNode>();
  const sessions = new Map<string, string>();

  const resolvers = {
    staff: async (args: { first: number }, ctx: { scope: string; orgs: DataLoader<number, unknown>; positions: DataLoader<number, unknown[]> }) => {
      const [rows, count] = await Promise.all([
        pool.query(
          `SELECT s.id, s.staff_no, s.name, s.phone, s.active, s.organisation_id FROM staff s JOIN organisation o ON o.id = s.organisation_id
           WHERE o.path LIKE $1 ORDER BY s.staff_no ASC, s.id ASC LIMIT $2`,
          [`${ctx.scope}%`, args.first + 1],
        ),
        pool.query('SELECT count(*)::int AS n FROM staff s JOIN organisation o ON o.id = s.organisation_id WHERE o.path LIKE $1', [`${ctx.scope}%`]),
      ]);
      const items = rows.rows.slice(0, args.first);
      const edges = items.map((row) => ({
        cursor: Buffer.from(JSON.stringify(['STAFF_NO', row.staff_no, row.id])).toString('base64url'),
        node: {
          id: String(row.id),
          staffNo: row.staff_no,
          name: row.name,
          phone: row.phone,
          active: row.active,
          organisation: () => ctx.orgs.load(row.organisation_id),
          positions: () => ctx.positions.load(row.id),
        },
      }));
      return { totalCount: count.rows[0].n, edges, pageInfo: { hasNextPage: rows.rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null } };
    },
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    let document = documents.get(body.query);
    if (!document) {
      document = parse(body.query);
      if (validate(schema, document).length) throw new Error('invalid');
      documents.set(body.query, document);
    }
    // Same authentication work as the API: session by token hash and the staff's grants, read once
    // and then kept in memory per token (the API caches sessions the same way).
    const tokenHash = createHash('sha256').update((req.headers.authorization ?? '').replace(/^Bearer /, '')).digest('hex');
    let scope = sessions.get(tokenHash);
    if (!scope) {
      const session = await pool.query('SELECT id, user_id, staff_id, last_seen_at, ended_at FROM session WHERE token_hash = $1', [tokenHash]);
      const grants = await pool.query(
        `SELECT o.path, pt.kind, ptm.menu_code FROM staff s JOIN organisation o ON o.id = s.organisation_id
         LEFT JOIN staff_position sp ON sp.staff_id = s.id LEFT JOIN position p ON p.id = sp.position_id
         LEFT JOIN position_type pt ON pt.id = p.position_type_id LEFT JOIN position_type_menu ptm ON ptm.position_type_id = pt.id WHERE s.id = $1`,
        [session.rows[0].staff_id],
      );
      scope = grants.rows[0].path as string;
      sessions.set(tokenHash, scope);
    }
    const context = {
      scope,
      orgs: new DataLoader(async (ids: readonly number[]) => {
        const result = await pool.query('SELECT id, name FROM organisation WHERE id = ANY($1)', [ids]);
        const byId = new Map(result.rows.map((row) => [row.id, { id: String(row.id), name: row.name }]));
        return ids.map((id) => byId.get(id));
      }),
      positions: new DataLoader(async (ids: readonly number[]) => {
        const result = await pool.query('SELECT sp.staff_id, p.id, p.name FROM staff_position sp JOIN position p ON p.id = sp.position_id WHERE sp.staff_id = ANY($1)', [ids]);
        return ids.map((id) => result.rows.filter((row) => row.staff_id === id).map((row) => ({ id: String(row.id), name: row.name })));
      }),
    };
    const result = await execute({ schema, document, rootValue: resolvers, contextValue: context, variableValues: body.variables });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(result));
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

async function post(url: string, token: string, query: string, variables: object) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: { staff: { edges: unknown[] } }; errors?: unknown };
  if (body.errors || body.data?.staff.edges.length !== 50) throw new Error(`unexpected answer: ${JSON.stringify(body).slice(0, 300)}`);
}

/** w2.staff_page: 50-row staff page through the full API vs the raw baseline, alternating rounds. */
export async function benchStaffPage(databaseUrl: string, options: { rounds: number; durationMs: number; concurrency: number }): Promise<{ figures: Figure[]; notes: string[] }> {
  const app = await startOpenIOM({ database: { kind: 'postgres', url: databaseUrl }, config: { port: 0, webDist: null, redisUrl: null } });
  const baseline = await startBaseline(databaseUrl);
  try {
    const login = await fetch(`${app.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($input: LoginInput!) { login(input: $input) { ok token } }', variables: { input: { loginName: 'admin', password: 'openiom123' } } }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    const apiRuns: number[] = [];
    const baseRuns: number[] = [];
    const apiP50: number[] = [];
    const baseP50: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const api = await measureThroughput(() => post(app.server.url, token, STAFF_PAGE_QUERY, { first: 50 }), options);
      const base = await measureThroughput(() => post(baseline.url, token, STAFF_PAGE_QUERY, { first: 50 }), options);
      apiRuns.push(api.opsPerSecond);
      baseRuns.push(base.opsPerSecond);
      apiP50.push(api.p50Ms);
      baseP50.push(base.p50Ms);
      console.log(`  round ${round + 1}: API ${api.opsPerSecond.toFixed(0)} req/s (p50 ${api.p50Ms.toFixed(1)} ms) · baseline ${base.opsPerSecond.toFixed(0)} req/s (p50 ${base.p50Ms.toFixed(1)} ms)`);
    }
    const value = median(apiRuns);
    const base = median(baseRuns);
    const ratio = value / base;
    return {
      figures: [
        {
          id: 'w2.staff_page',
          title: '50-row staff page (with organisation and positions) through the GraphQL API',
          value,
          unit: 'req/s',
          baseline: base,
          baselineLabel: 'raw pg + graphql-js, cached documents',
          ratio,
          target: '≥ 0.5×',
          met: ratio >= 0.5,
          date: new Date().toISOString(),
          notes: `median of ${options.rounds} alternating rounds of ${options.durationMs / 1000}s, concurrency ${options.concurrency}; p50 latency API ${median(apiP50).toFixed(1)} ms vs baseline ${median(baseP50).toFixed(1)} ms`,
        },
      ],
      notes: [
        `w2.staff_page: median of ${options.rounds} alternating rounds of ${options.durationMs / 1000} s at concurrency ${options.concurrency} over HTTP on loopback, PostgreSQL server, demo data; p50 latency API ${median(apiP50).toFixed(1)} ms vs baseline ${median(baseP50).toFixed(1)} ms.`,
      ],
    };
  } finally {
    await baseline.stop();
    await app.stop();
  }
}
