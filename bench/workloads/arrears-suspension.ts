import { loadConfig, startOpenIOM } from '@openiom/api';
import pg from 'pg';
import { median, type Figure } from '../lib/harness.ts';

const MONTH = '2031-01';
const LOGIN = 'mutation { login(input: { loginName: "billing-senior", password: "openiom123" }) { ok token } }';
const SUBMIT = `mutation($input: SubmitArrearsCommandsInput!) { submitArrearsCommands(input: $input) { error { code message } batch { id } } }`;

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
  if (body.errors) throw new Error(body.errors.map((error) => error.message).join('; '));
  return body.data;
}

/**
 * W5 (arrears part): suspend every number in arrears for a month — `arrears` numbers above the amount
 * among `arrears + 20 %` bills — through `submitArrearsCommands`, then wait until the built-in switch
 * has answered every command (its default latency 200–2 000 ms, 2 % refusals, no silence so that
 * "all answered" ends). Baseline for the submission: the same batch written by one raw `INSERT … SELECT`
 * in the same run (rolled back).
 */
export async function benchArrearsSuspension(databaseUrl: string, options: { arrears: number; rounds: number }): Promise<{ figures: Figure[]; notes: string[] }> {
  const defaults = loadConfig();
  const app = await startOpenIOM({
    database: { kind: 'postgres', url: databaseUrl },
    config: {
      port: 0,
      webDist: null,
      redisUrl: null,
      crmPollMs: 3_600_000,
      alarms: { ...defaults.alarms, enabled: false },
      interfaces: { ...defaults.interfaces, enabled: false },
      prepaid: { ...defaults.prepaid, cdrSimulator: { ...defaults.prepaid.cdrSimulator, enabled: false } },
      switch: { ...defaults.switch, answerTimeoutMs: 3_600_000, simulator: { ...defaults.switch.simulator, timeoutRate: 0 } },
    },
  });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const total = Math.round(options.arrears * 1.2);
    const { rows: formats } = await client.query<{ id: number }>('SELECT id FROM bill_format ORDER BY id LIMIT 1');
    const { rows: imports } = await client.query<{ id: number }>(
      `INSERT INTO bill_import (billing_month, format_id, file_name, state, total_lines, loaded_lines, finished_at) VALUES ($1, $2, 'bench', 'SUCCEEDED', $3, $3, now()) RETURNING id`,
      [MONTH, formats[0]!.id, total],
    );
    const importId = imports[0]!.id;
    // Numbers 1..arrears owe 150.00, the rest 50.00: exactly `arrears` are above 100.
    await client.query(`INSERT INTO bill (import_id, phone, amount) SELECT $1, '139' || lpad(i::text, 8, '0'), CASE WHEN i <= $2 THEN 150 ELSE 50 END FROM generate_series(1, $3) AS i`, [importId, options.arrears, total]);
    await client.query('INSERT INTO bill_month (billing_month, import_id, updated_at) VALUES ($1, $2, now())', [MONTH, importId]);
    await client.query('ANALYZE bill');

    const url = app.server.url;
    const token = (await gql(url, LOGIN)).login.token as string;
    const submitMs: number[] = [];
    const baselineMs: number[] = [];
    const answeredS: number[] = [];
    const refused: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const b0 = performance.now();
      await client.query('BEGIN');
      const { rows: batch } = await client.query<{ id: number }>(`INSERT INTO switch_batch (kind, action, description) VALUES ('ARREARS', 'SUSPEND', 'baseline') RETURNING id`);
      const raw = await client.query(
        `INSERT INTO switch_command (batch_id, phone, action, created_at) SELECT $1, b.phone, 'SUSPEND', now() FROM bill b JOIN bill_month m ON m.import_id = b.import_id WHERE m.billing_month = $2 AND b.amount > 100 ORDER BY b.phone`,
        [batch[0]!.id, MONTH],
      );
      await client.query('ROLLBACK');
      baselineMs.push(performance.now() - b0);
      if (raw.rowCount !== options.arrears) throw new Error(`baseline selected ${raw.rowCount} numbers, expected ${options.arrears}`);

      const t0 = performance.now();
      const submitted = (await gql(url, SUBMIT, { input: { action: 'SUSPEND', arrears: { billingMonth: MONTH, minAmount: 100 }, description: `bench round ${round}` } }, token)).submitArrearsCommands;
      if (!submitted.batch) throw new Error(`submit refused: ${submitted.error?.message}`);
      submitMs.push(performance.now() - t0);
      const batchId = Number(submitted.batch.id);
      for (;;) {
        const { rows } = await client.query<{ open: number; failed: number; n: number }>(
          `SELECT count(*) FILTER (WHERE state IN ('PENDING', 'SENT'))::int AS open, count(*) FILTER (WHERE state = 'FAILED')::int AS failed, count(*)::int AS n FROM switch_command WHERE batch_id = $1`,
          [batchId],
        );
        if (rows[0]!.n !== options.arrears) throw new Error(`batch holds ${rows[0]!.n} commands, expected ${options.arrears}`);
        if (rows[0]!.open === 0) {
          refused.push(rows[0]!.failed);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      answeredS.push((performance.now() - t0) / 1000);
      console.log(`  round ${round + 1}: submitted in ${submitMs.at(-1)!.toFixed(0)} ms (raw ${baselineMs.at(-1)!.toFixed(0)} ms), all answered after ${answeredS.at(-1)!.toFixed(1)} s`);
    }
    const date = new Date().toISOString();
    const submit = median(submitMs);
    const baseline = median(baselineMs);
    const answered = median(answeredS);
    const { minLatencyMs, maxLatencyMs } = defaults.switch.simulator;
    return {
      figures: [
        {
          id: 'w5.arrears_submit_ms',
          title: `Submit suspensions of ${options.arrears.toLocaleString('en')} numbers in arrears (select + write the batch), median of ${options.rounds}`,
          value: submit,
          unit: 'ms',
          baseline,
          baselineLabel: 'raw INSERT … SELECT',
          ratio: baseline / submit,
          target: 'reported',
          met: true,
          date,
        },
        {
          id: 'w5.arrears_all_answered_s',
          title: `Time until the switch simulator answered all ${options.arrears.toLocaleString('en')} commands (latency ${minLatencyMs}–${maxLatencyMs} ms each), median of ${options.rounds}`,
          value: answered,
          unit: 's',
          baseline: maxLatencyMs / 1000,
          baselineLabel: "one command's longest simulated latency",
          ratio: maxLatencyMs / 1000 / answered,
          target: 'reported',
          met: true,
          date,
        },
      ],
      notes: [
        `w5.arrears_submit_ms: the GraphQL mutation (login excluded) selects the numbers in arrears in the database and writes the batch in one statement; raw baseline = the same INSERT … SELECT through pg, rolled back. Rounds: ${submitMs.map((ms) => ms.toFixed(0)).join(', ')} ms vs raw ${baselineMs.map((ms) => ms.toFixed(0)).join(', ')} ms.`,
        `w5.arrears_all_answered_s: from the mutation until no command is pending or sent; the switch worker sends ${defaults.switch.batchSize} commands per round and settles confirmations in batched updates. Rounds: ${answeredS.map((s) => s.toFixed(1)).join(', ')} s (${(options.arrears / answered).toFixed(0)} commands/s answered); refused by the simulator (2 %): ${refused.join(', ')}.`,
      ],
    };
  } finally {
    await client.end();
    await app.stop();
  }
}
