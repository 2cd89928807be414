import { openDatabase, type DatabaseConfig } from '@openiom/db';
import { demoPassword } from '@openiom/db/seed';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleJsonMessage } from '../../../integrations/crm/crm-message.ts';
import { startApiProcess, type ApiProcess } from '../../../testing/api-process.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { LOGIN } from '../../../testing/sessions.ts';
import { createTestDatabase, createTestDataDir } from '../../../testing/test-database.ts';

/**
 * The API process is killed (SIGKILL) in the middle of 200 orders and started again on the same
 * database: every order must still finish, with nothing lost or done twice.
 *
 * The API runs as a child process, so the test reaches it only as integrators and installers do,
 * through GraphQL, and checks the database with SQL afterwards. On a PostgreSQL server
 * (DATABASE_URL) the test makes a throwaway database; without one the child opens an embedded
 * PGlite folder (one process at a time: the killed child's lock is taken over by the next one, and
 * the test opens the folder only after the last child has stopped).
 */

const ORDERS = 200;
/** Kill once the installer has completed this many installation work orders: orders are then at every step. */
const KILL_AFTER_INSTALLS = 40;
/** FIXED_NEW: every step runs in the server (resource, provisioning, CRM notice) except installation. */
const STEPS = ['WIRING', 'NUMBER', 'PORT', 'NETWORK', 'INSTALL', 'NOTICE'];
const AUTOMATIC_STEPS = STEPS.filter((step) => step !== 'INSTALL');

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitCrmMessageInput!) {
    submitCrmMessage(input: $input) { ok error { code message } message { id } }
  }
`;
const MY_POSITIONS = /* GraphQL */ `
  query { viewer { staff { positions { id positionType { code } } } } }
`;
const QUEUE = /* GraphQL */ `
  query Queue($positionId: ID!) {
    workOrders(filter: { positionId: $positionId, state: PENDING }, first: 200) { edges { node { id } } }
  }
`;
const COMPLETE = /* GraphQL */ `
  mutation Complete($input: CompleteWorkOrderInput!) {
    completeWorkOrder(input: $input) { ok error { code message } }
  }
`;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The child's database settings, and how the test opens the same database. */
async function crashTestDatabase(): Promise<{ config: DatabaseConfig; env: Record<string, string>; drop(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase('postgres');
    return { ...database, env: { DATABASE_URL: (database.config as { url: string }).url } };
  }
  const database = await createTestDataDir();
  return { ...database, env: { DATABASE_URL: '', OPENIOM_DATA_DIR: database.config.dataDir } };
}

describe('crash recovery: the API process killed in the middle of a run of orders', () => {
  let database: Awaited<ReturnType<typeof crashTestDatabase>>;
  let api: ApiProcess | null = null;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await crashTestDatabase();
    env = {
      ...database.env,
      // The interface worker runs in the API with fast simulators that still take time, refuse
      // and stay silent now and then; enough attempts that no request gives up for good.
      OPENIOM_INTERFACES: 'on',
      OPENIOM_INTERFACE_POLL_MS: '100',
      OPENIOM_INTERFACE_TIMEOUT_MS: '400',
      OPENIOM_INTERFACE_MAX_ATTEMPTS: '12',
      OPENIOM_INTERFACE_BACKOFF_MS: '20',
      OPENIOM_SIMULATOR_MIN_LATENCY_MS: '5',
      OPENIOM_SIMULATOR_MAX_LATENCY_MS: '40',
      OPENIOM_SIMULATOR_FAILURE_RATE: '0.1',
      OPENIOM_SIMULATOR_TIMEOUT_RATE: '0.02',
      OPENIOM_OUTBOX_POLL_MS: '200',
      OPENIOM_CRM_POLL_MS: '200',
      // Events stay among this test's processes when they share a Redis with others.
      OPENIOM_REDIS_PREFIX: `openiom-crash-${randomBytes(4).toString('hex')}:`,
      OPENIOM_LOG_LEVEL: 'info',
    };
  });
  afterAll(async () => {
    await api?.kill();
    await database?.drop();
  });

  it('finishes every order after a restart; no order, work order, interface request or CRM notice is lost or duplicated', async () => {
    api = await startApiProcess(env);
    const url = () => (api as ApiProcess).url;
    const admin = await login(url(), 'admin');
    const run = randomBytes(3).toString('hex').toUpperCase();
    const codes = Array.from({ length: ORDERS }, (_, i) => `KILL-${run}-${String(i).padStart(3, '0')}`);
    const orders = trackOrders(await submitAll(url(), admin, codes));

    const installer = startInstalling(url);
    try {
      await until(() => installer.completed() >= KILL_AFTER_INSTALLS, 90_000, () => `installer: ${JSON.stringify(installer.report())}`);
      const atKill = await orders.progress(url(), admin);
      await api.kill();
      // Mid-run: orders at every stage, from waiting in the inbound interface to nearly done.
      expect(atKill.completed).toBeLessThan(ORDERS);
      await expect(orders.progress(url(), admin)).rejects.toThrow(); // it is really gone
      if (database.config.kind === 'postgres') {
        // What the dead process left behind (nothing changes until the restart), including requests
        // it had sent and never settled. Not on PGlite: opening the folder here would run the crash
        // recovery that the restarted API must run itself.
        const left = await leftBehind(database.config);
        expect(left.requestsOpen).toBeGreaterThan(0);
      }

      api = await startApiProcess(env);
      let last = atKill;
      await until(
        async () => (last = await orders.progress(url(), admin)).completed === ORDERS,
        120_000,
        () => `at kill: ${JSON.stringify(atKill)}; now: ${JSON.stringify(last)}; installer: ${JSON.stringify(installer.report())}\n${api?.output()}`,
      );
    } finally {
      await installer.stop();
    }
    expect(installer.report().unexpected).toEqual([]);
    await api.stop();
    api = null;

    const db = await openDatabase(database.config, { poolSize: 1 });
    try {
      const sql = <T = Record<string, unknown>>(query: TemplateStringsArray, ...values: unknown[]) => db.prisma.$queryRaw<T[]>(query, ...values);

      // Exactly the 200 orders, all completed.
      expect(await sql`SELECT state::text, count(*)::int AS n FROM "order" GROUP BY state`).toEqual([{ state: 'COMPLETED', n: ORDERS }]);
      expect(await sql`SELECT count(DISTINCT crm_order_code)::int AS n FROM "order" WHERE crm_order_code = ANY(${codes})`).toEqual([{ n: ORDERS }]);

      // Each CRM message processed once, into its own order.
      expect(
        await sql`SELECT m.state::text, m.attempts, count(*)::int AS n, count(DISTINCT m.order_id)::int AS orders
                  FROM crm_inbound_message m JOIN "order" o ON o.id = m.order_id AND o.crm_order_code = m.crm_order_code
                  GROUP BY m.state, m.attempts`,
      ).toEqual([{ state: 'PROCESSED', attempts: 1, n: ORDERS, orders: ORDERS }]);
      expect(await sql`SELECT count(*)::int AS n FROM crm_inbound_message`).toEqual([{ n: ORDERS }]);

      // One work order per step of each order (no exception flows here), each completed normally once.
      const perStep = await sql<{ step: string; n: number; orders: number; completed: number }>`
        SELECT s.code AS step, count(*)::int AS n, count(DISTINCT w.order_id)::int AS orders,
               count(*) FILTER (WHERE w.state = 'COMPLETED' AND w.result = 'NORMAL')::int AS completed
        FROM work_order w JOIN workflow_step s ON s.id = w.step_id GROUP BY s.code ORDER BY s.code`;
      expect(perStep).toEqual([...STEPS].sort().map((step) => ({ step, n: ORDERS, orders: ORDERS, completed: ORDERS })));

      // One interface request per automatic work order (none for installation), each answered.
      const requests = await sql<{ step: string; n: number; work_orders: number; succeeded: number }>`
        SELECT s.code AS step, count(r.id)::int AS n, count(DISTINCT w.id)::int AS work_orders,
               count(*) FILTER (WHERE r.state = 'SUCCEEDED')::int AS succeeded
        FROM work_order w JOIN workflow_step s ON s.id = w.step_id JOIN interface_request r ON r.work_order_id = w.id
        GROUP BY s.code ORDER BY s.code`;
      expect(requests).toEqual([...AUTOMATIC_STEPS].sort().map((step) => ({ step, n: ORDERS, work_orders: ORDERS, succeeded: ORDERS })));
      // The simulators did refuse and stay silent: the retries were exercised too.
      expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM interface_request WHERE attempts > 1`)[0].n).toBeGreaterThan(0);

      // One completion notice for CRM per order, sent.
      expect(await sql`SELECT kind, state, count(*)::int AS n, count(DISTINCT order_id)::int AS orders FROM crm_outbound_notice GROUP BY kind, state`).toEqual([
        { kind: 'COMPLETION', state: 'SENT', n: ORDERS, orders: ORDERS },
      ]);

      // The log tells each transition once.
      const log = await sql<{ action: string; n: number; subjects: number }>`
        SELECT action, count(*)::int AS n, count(DISTINCT coalesce(work_order_id, -order_id))::int AS subjects
        FROM order_log WHERE action IN ('CREATE_ORDER', 'CREATE_WORK_ORDER', 'COMPLETE', 'INTERFACE_ANSWERED', 'COMPLETE_ORDER')
        GROUP BY action ORDER BY action`;
      expect(log).toEqual([
        { action: 'COMPLETE', n: ORDERS * STEPS.length, subjects: ORDERS * STEPS.length },
        { action: 'COMPLETE_ORDER', n: ORDERS, subjects: ORDERS },
        { action: 'CREATE_ORDER', n: ORDERS, subjects: ORDERS },
        { action: 'CREATE_WORK_ORDER', n: ORDERS * STEPS.length, subjects: ORDERS * STEPS.length },
        { action: 'INTERFACE_ANSWERED', n: ORDERS * AUTOMATIC_STEPS.length, subjects: ORDERS * AUTOMATIC_STEPS.length },
      ]);

      // Every event reached pub/sub.
      expect(await sql`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  }, 300_000);
});

/** Unfinished work in the database, by kind. */
async function leftBehind(config: DatabaseConfig) {
  const db = await openDatabase(config, { poolSize: 1 });
  try {
    const [row] = await db.prisma.$queryRaw<{ messages_pending: number; requests_open: number; requests_sent: number; events_unpublished: number }[]>`
      SELECT (SELECT count(*)::int FROM crm_inbound_message WHERE state = 'PENDING') AS messages_pending,
             (SELECT count(*)::int FROM interface_request WHERE state IN ('PENDING', 'SENT')) AS requests_open,
             (SELECT count(*)::int FROM interface_request WHERE state = 'SENT') AS requests_sent,
             (SELECT count(*)::int FROM outbox_event WHERE published_at IS NULL) AS events_unpublished`;
    return { messagesPending: row.messages_pending, requestsOpen: row.requests_open, requestsSent: row.requests_sent, eventsUnpublished: row.events_unpublished };
  } finally {
    await db.close();
  }
}

async function login(url: string, loginName: string): Promise<string> {
  const result = await gqlRequest(url, LOGIN, { input: { loginName, password: demoPassword } });
  if (!result.data?.login.ok) throw new Error(`login ${loginName} failed: ${JSON.stringify(result.errors ?? result.data?.login.error)}`);
  return result.data.login.token as string;
}

/** Submits the orders as CRM does, a few at a time. */
async function submitAll(url: string, token: string, codes: string[]): Promise<string[]> {
  const template = JSON.parse(exampleJsonMessage);
  const ids: string[] = new Array(codes.length);
  for (let start = 0; start < codes.length; start += 10) {
    await Promise.all(
      codes.slice(start, start + 10).map(async (crmOrderCode, offset) => {
        // A grid of the demo area, whose dispatch rule queues installation at the demo installer's position.
        const payload = JSON.stringify({ ...template, crmOrderCode, businessCode: 'FIXED_NEW', areaCode: 'GZ-TH-01' });
        const result = await gqlRequest(url, SUBMIT, { input: { format: 'JSON', payload } }, token);
        if (!result.data?.submitCrmMessage.ok) throw new Error(`submit failed: ${JSON.stringify(result)}`);
        ids[start + offset] = result.data.submitCrmMessage.message.id;
      }),
    );
  }
  return ids;
}

/**
 * How far the orders are, read through the API as an integrator would: one query for the messages
 * whose order has not been seen completed yet.
 */
function trackOrders(messageIds: string[]) {
  const completed = new Set<string>();
  return {
    async progress(url: string, token: string) {
      const open = messageIds.filter((id) => !completed.has(id));
      let messages: { id: string; state: string; order: { state: string } | null }[] = [];
      if (open.length > 0) {
        const fields = open.map((id) => `m${id}: crmInboundMessage(id: "${id}") { id state order { state } }`).join('\n');
        const result = await gqlRequest(url, `query { ${fields} }`, {}, token);
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        messages = Object.values(result.data as Record<string, (typeof messages)[number]>);
      }
      for (const message of messages) if (message.order?.state === 'COMPLETED') completed.add(message.id);
      return {
        pendingMessages: messages.filter((m) => m.state === 'PENDING').length,
        executing: messages.filter((m) => m.order?.state === 'EXECUTING').length,
        completed: completed.size,
      };
    },
  };
}

/**
 * The demo installer completing every installation work order that reaches their queue, as long as
 * the test runs. While the API is down requests fail; the installer keeps trying (a completion cut
 * off mid-request either committed or not: the queue shows which).
 */
function startInstalling(url: () => string) {
  let stopped = false;
  let completed = 0;
  let attempts = 0;
  const failures: string[] = [];
  const unexpected: string[] = [];
  const loop = (async () => {
    let token: string | null = null;
    let positionId: string | null = null;
    while (!stopped) {
      try {
        token ??= await login(url(), 'installer');
        if (!positionId) {
          const viewer = await gqlRequest(url(), MY_POSITIONS, {}, token);
          positionId = viewer.data.viewer.staff.positions.find((p: { positionType: { code: string } }) => p.positionType.code === 'INSTALL').id as string;
        }
        const queue = await gqlRequest(url(), QUEUE, { positionId }, token);
        if (queue.errors) throw new Error(JSON.stringify(queue.errors));
        const ids = queue.data.workOrders.edges.map((edge: { node: { id: string } }) => edge.node.id) as string[];
        for (let start = 0; start < ids.length && !stopped; start += 8) {
          await Promise.all(
            ids.slice(start, start + 8).map(async (workOrderId) => {
              attempts++;
              const result = await gqlRequest(url(), COMPLETE, { input: { workOrderId, note: 'installed' } }, token);
              const outcome = result.data?.completeWorkOrder;
              if (outcome?.ok) completed++;
              else if (outcome?.error?.code !== 'ALREADY_DONE') unexpected.push(JSON.stringify(result.errors ?? outcome));
            }),
          );
        }
        if (ids.length === 0) await pause(50);
      } catch (error) {
        failures.push((error as Error).message); // the API is down or restarting
        await pause(100);
      }
    }
  })();
  return {
    completed: () => completed,
    report: () => ({ completed, attempts, failures: failures.length, lastFailure: failures.at(-1), unexpected }),
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** Polls `condition` until it holds, or fails after `timeoutMs` with `describe()` in the message. */
async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await condition()) return;
    } catch {
      // not reachable yet
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms; ${describe()}`);
    await pause(250);
  }
}
