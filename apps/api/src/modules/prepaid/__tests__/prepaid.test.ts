import { Prisma } from '@openiom/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';
import { chargeFor, tariffFor } from '../rating.ts';
import type { CallRecordInput } from '../prepaid.types.ts';

const SAVE = /* GraphQL */ `
  mutation Save($input: SavePrepaidAccountInput!) {
    savePrepaidAccount(input: $input) { ok error { code message field } account { id phone balance creditAmount available restricted } }
  }
`;
const TOP_UP = /* GraphQL */ `
  mutation TopUp($input: TopUpPrepaidInput!) {
    topUpPrepaid(input: $input) { ok error { code message field } account { id balance restricted } }
  }
`;
const SUBMIT = /* GraphQL */ `
  mutation Submit($records: [CallRecordInput!]!) {
    submitCallRecords(records: $records) { rated notCharged results { externalId outcome reason charge balanceAfter } }
  }
`;
const ACCOUNT = /* GraphQL */ `
  query Account($id: ID!) {
    prepaidAccount(id: $id) {
      id phone balance restricted
      ledger(first: 5) { totalCount edges { node { kind amount balanceAfter note staffNo } } }
      calls(first: 5) { totalCount edges { node { externalId calledNumber durationSeconds charge state tariffCode } } }
    }
  }
`;

/** Waits until `check` passes (the switch confirms asynchronously). */
async function eventually(check: () => Promise<void> | void, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** Runs `tasks` with at most `limit` in flight. */
async function bounded<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

let phoneSeq = 0;
const newPhone = () => `139${String(process.pid % 1000).padStart(3, '0')}${String(++phoneSeq).padStart(5, '0')}`;

describe.each(testBackends())('prepaid: real-time rating, ledger and automatic restriction (%s)', (backend) => {
  let app: TestApp;
  let superUser: string;
  let senior: string;
  let viewer: string;
  let noMenu: string;

  beforeAll(async () => {
    app = await startTestApp(backend, {
      config: { switch: { enabled: true, pollMs: 50, answerTimeoutMs: 1000, batchSize: 500, simulator: { minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 } } },
    });
    const org = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    const login = async (spec: Parameters<typeof createLogin>[1][number]) => {
      const created = await createLogin(app.prisma, [spec]);
      return loginAs(app.url, created.loginName, created.password);
    };
    superUser = await login({ organisationId: org.id, kinds: ['GENERAL'], billingLevel: 'SUPER' });
    senior = await login({ organisationId: org.id, kinds: ['GENERAL'], billingLevel: 'SENIOR' });
    viewer = await login({ organisationId: org.id, kinds: ['GENERAL'], billingLevel: 'NORMAL' });
    noMenu = await login({ organisationId: org.id, kinds: ['GENERAL'], billingLevel: 'SUPER', menus: [] });
  });
  afterAll(() => app?.close());

  async function openAccount(options: { credit?: string; topUp?: string } = {}) {
    const phone = newPhone();
    const saved = await gqlRequest(app.url, SAVE, { input: { phone, name: unique('客户'), creditAmount: options.credit ?? '0' } }, senior);
    expect(saved.errors).toBeUndefined();
    const account = saved.data.savePrepaidAccount.account;
    if (options.topUp) {
      const topped = await gqlRequest(app.url, TOP_UP, { input: { accountId: account.id, amount: options.topUp, note: 'opening' } }, senior);
      expect(topped.data.topUpPrepaid.ok).toBe(true);
    }
    return { id: account.id as string, phone };
  }

  const call = (phone: string, durationSeconds: number, calledNumber = '13912345678', externalId = unique('CDR-')): CallRecordInput => ({
    externalId,
    callerPhone: phone,
    calledNumber,
    startedAt: new Date().toISOString(),
    durationSeconds,
  });

  async function commandsFor(phone: string) {
    return app.prisma.switchCommand.findMany({ where: { phone }, orderBy: { id: 'asc' }, select: { action: true, state: true, batch: { select: { kind: true } } } });
  }

  async function ledgerSum(accountId: string) {
    const sum = await app.prisma.prepaidLedgerEntry.aggregate({ where: { accountId: Number(accountId) }, _sum: { amount: true }, _count: true });
    return { sum: sum._sum.amount ?? new Prisma.Decimal(0), count: sum._count };
  }

  it('rates 1,000 concurrent calls on one account to the exact expected balance, one ledger entry each, and restricts the line once', async () => {
    const account = await openAccount({ topUp: '100.00' });
    const tariffs = await app.prisma.tariff.findMany();
    const calls = Array.from({ length: 1000 }, (_, i) => call(account.phone, ((i * 37) % 600) + 1, i % 3 === 0 ? '02012345678' : i % 3 === 1 ? '13912345678' : '87654321'));
    const expectedCharge = calls.reduce((sum, record) => sum.plus(chargeFor(record.durationSeconds, tariffFor(record.calledNumber, tariffs)!)), new Prisma.Decimal(0));
    expect(expectedCharge.greaterThan(100)).toBe(true); // the calls run the account below the limit

    const results = await bounded(calls.map((record) => () => app.services.prepaid.rate(record)), 25);
    expect(results.every((result) => result.outcome === 'RATED')).toBe(true);

    const expected = new Prisma.Decimal('100.00').minus(expectedCharge);
    const stored = await app.prisma.prepaidAccount.findUniqueOrThrow({ where: { id: Number(account.id) } });
    expect(stored.balance.toFixed(2)).toBe(expected.toFixed(2));
    const ledger = await ledgerSum(account.id);
    expect(ledger.count).toBe(1001); // the top-up and one entry per call
    expect(ledger.sum.toFixed(2)).toBe(expected.toFixed(2));
    expect(await app.prisma.callRecord.count({ where: { accountId: Number(account.id), state: 'RATED' } })).toBe(1000);
    // Every ledger entry's balance-after is the running balance: balances after calls are all distinct steps.
    const entries = await app.prisma.prepaidLedgerEntry.findMany({ where: { accountId: Number(account.id) }, orderBy: { id: 'asc' }, select: { amount: true, balanceAfter: true } });
    let running = new Prisma.Decimal(0);
    for (const entry of entries.sort((a, b) => b.balanceAfter.comparedTo(a.balanceAfter))) {
      running = running.plus(entry.amount);
      expect(entry.balanceAfter.toFixed(2)).toBe(running.toFixed(2));
    }

    // Crossing the limit once sends one restriction, however many calls came after it.
    expect(stored.restricted).toBe(true);
    await eventually(async () => {
      expect(await commandsFor(account.phone)).toEqual([{ action: 'RESTRICT_OUTGOING', state: 'SUCCEEDED', batch: { kind: 'PREPAID' } }]);
    });
    expect(app.services.switchSimulator.lineState(account.phone).outgoingBarred).toBe(true);
    // The in-process database kept the event loop busy past the server's keep-alive time: let the
    // client see its idle sockets closed before the next test's request would reuse one.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }, 120_000);

  it('never charges a re-delivered call record twice, even when the deliveries race', async () => {
    const account = await openAccount({ topUp: '10.00' });
    const record = call(account.phone, 61); // two minutes to a mobile: 0.30
    const raced = await Promise.all(Array.from({ length: 10 }, () => app.services.prepaid.rate(record)));
    expect(raced.filter((result) => result.outcome === 'RATED')).toHaveLength(1);
    expect(raced.filter((result) => result.outcome === 'DUPLICATE')).toHaveLength(9);

    const again = await gqlRequest(app.url, SUBMIT, { records: [record, record] }, senior);
    expect(again.data.submitCallRecords.results.map((result: { outcome: string }) => result.outcome)).toEqual(['DUPLICATE', 'DUPLICATE']);
    expect(again.data.submitCallRecords.results[0].reason).toContain('delivered before');
    const stored = await app.prisma.prepaidAccount.findUniqueOrThrow({ where: { id: Number(account.id) } });
    expect(stored.balance.toFixed(2)).toBe('9.70');
    expect((await ledgerSum(account.id)).count).toBe(2);
  });

  it('restricts outgoing calls once when credit + balance falls below the limit, and a top-up above it lifts the bar', async () => {
    const account = await openAccount({ credit: '5.00', topUp: '10.00' });
    // 10 minutes to a mobile: 1.50 each. 14.50 → available 0.50 … after 11 calls -1.00: below 0.
    const deliver = async (records: CallRecordInput[]) => (await gqlRequest(app.url, SUBMIT, { records }, senior)).data.submitCallRecords;
    const first = await deliver(Array.from({ length: 10 }, () => call(account.phone, 600)));
    expect(first.rated).toBe(10);
    expect(first.results.at(-1).balanceAfter).toBe('-5.00');
    expect(await commandsFor(account.phone)).toEqual([]); // available 0.00 is not below the limit 0
    await deliver([call(account.phone, 600)]);
    await deliver([call(account.phone, 60), call(account.phone, 60)]);
    await eventually(async () => expect(await commandsFor(account.phone)).toEqual([{ action: 'RESTRICT_OUTGOING', state: 'SUCCEEDED', batch: { kind: 'PREPAID' } }]));
    expect(app.services.switchSimulator.lineState(account.phone).outgoingBarred).toBe(true);
    const batch = await app.prisma.switchBatch.findFirstOrThrow({ where: { commands: { some: { phone: account.phone } } } });
    expect(batch.description).toContain('below the limit 0.00');

    // Balance -6.80, available -1.80: a top-up of 1.00 is not enough, so the bar stays and nothing is sent.
    const small = await gqlRequest(app.url, TOP_UP, { input: { accountId: account.id, amount: '1.00', note: 'cash' } }, senior);
    expect(small.data.topUpPrepaid.account).toMatchObject({ balance: '-5.80', restricted: true });
    expect(await commandsFor(account.phone)).toHaveLength(1);

    const enough = await gqlRequest(app.url, TOP_UP, { input: { accountId: account.id, amount: '20.00', note: 'receipt 42' } }, senior);
    expect(enough.data.topUpPrepaid.account).toMatchObject({ balance: '14.20', restricted: false });
    await eventually(async () => {
      expect((await commandsFor(account.phone)).map((command) => [command.action, command.state])).toEqual([
        ['RESTRICT_OUTGOING', 'SUCCEEDED'],
        ['ALLOW_OUTGOING', 'SUCCEEDED'],
      ]);
    });
    expect(app.services.switchSimulator.lineState(account.phone).outgoingBarred).toBe(false);

    // The history shows it all, newest first, with who topped up.
    const detail = (await gqlRequest(app.url, ACCOUNT, { id: account.id }, senior)).data.prepaidAccount;
    expect(detail.ledger.totalCount).toBe(16);
    expect(detail.ledger.edges[0].node).toMatchObject({ kind: 'TOP_UP', amount: '20.00', balanceAfter: '14.20', note: 'receipt 42', staffNo: expect.any(String) });
    expect(detail.calls.totalCount).toBe(13);
    expect(detail.calls.edges[0].node).toMatchObject({ state: 'RATED', tariffCode: 'MOBILE' });
  });

  it('rejects bad call records with reasons and keeps the rest of the delivery', async () => {
    const account = await openAccount({ topUp: '5.00' });
    const good = call(account.phone, 30, '02087654321'); // 5 units of 6 s long distance: 0.35
    const unknownCaller = call('18899990000', 30);
    const records = [
      good,
      { ...call(account.phone, 10), callerPhone: '12ab' },
      { ...call(account.phone, 10), durationSeconds: -4 },
      { ...call(account.phone, 10), externalId: '' },
      unknownCaller,
      call(account.phone, 0, '+4420123456'), // not answered: rated at 0.00
    ];
    const result = (await gqlRequest(app.url, SUBMIT, { records }, senior)).data.submitCallRecords;
    expect(result.rated).toBe(2);
    expect(result.notCharged).toBe(4);
    expect(result.results.map((r: { outcome: string }) => r.outcome)).toEqual(['RATED', 'INVALID', 'INVALID', 'INVALID', 'REJECTED', 'RATED']);
    expect(result.results[0]).toMatchObject({ charge: '0.35', balanceAfter: '4.65' });
    expect(result.results[1].reason).toContain('callerPhone: "12ab" is not a subscriber number');
    expect(result.results[2].reason).toContain('durationSeconds: -4');
    expect(result.results[3].reason).toContain('externalId');
    expect(result.results[4].reason).toBe('no prepaid account for the caller 18899990000');
    expect(result.results[5]).toMatchObject({ charge: '0.00' });
    // The unknown caller's record is kept (as rejected), so its re-delivery is recognised too.
    expect(await app.prisma.callRecord.findUniqueOrThrow({ where: { externalId: unknownCaller.externalId } })).toMatchObject({ state: 'REJECTED', accountId: null });
    const stored = await app.prisma.prepaidAccount.findUniqueOrThrow({ where: { id: Number(account.id) } });
    expect(stored.balance.toFixed(2)).toBe('4.65');
  });

  it('validates account and top-up input, naming the field', async () => {
    const account = await openAccount();
    const zero = await gqlRequest(app.url, TOP_UP, { input: { accountId: account.id, amount: '0', note: 'x' } }, senior);
    expect(zero.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(zero.errors?.[0].message).toContain('amount');
    const fraction = await gqlRequest(app.url, TOP_UP, { input: { accountId: account.id, amount: '1.234', note: 'x' } }, senior);
    expect(fraction.errors?.[0].message).toMatch(/^amount: .*2 decimal places/);
    const duplicate = await gqlRequest(app.url, SAVE, { input: { phone: account.phone, name: 'again' } }, senior);
    expect(duplicate.data.savePrepaidAccount).toMatchObject({ ok: false, error: { code: 'DUPLICATE_PHONE', field: 'phone' } });
    const rename = await gqlRequest(app.url, SAVE, { input: { id: account.id, phone: newPhone(), name: 'x' } }, senior);
    expect(rename.data.savePrepaidAccount.error.code).toBe('PHONE_FIXED');
    const missing = await gqlRequest(app.url, TOP_UP, { input: { accountId: '999999', amount: '1', note: 'x' } }, senior);
    expect(missing.data.topUpPrepaid.error.code).toBe('NOT_FOUND');
  });

  it('raising the credit lifts a restriction, lowering it restricts (one command each)', async () => {
    const account = await openAccount({ credit: '0', topUp: '1.00' });
    await app.services.prepaid.rate(call(account.phone, 600)); // 1.50: balance -0.50
    const lifted = await gqlRequest(app.url, SAVE, { input: { id: account.id, phone: account.phone, name: 'x', creditAmount: '10' } }, senior);
    expect(lifted.data.savePrepaidAccount.account).toMatchObject({ restricted: false, available: '9.50' });
    await eventually(async () => expect((await commandsFor(account.phone)).map((c) => c.action)).toEqual(['RESTRICT_OUTGOING', 'ALLOW_OUTGOING']));
  });

  it('lets only senior and super billing operators with the prepaid menu use prepaid', async () => {
    const list = '{ prepaidAccounts(first: 5) { totalCount edges { node { phone } } } tariffs { code prefix ratePerUnit } prepaidSettings { restrictionLimit } }';
    const allowed = await gqlRequest(app.url, list, {}, superUser);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data.tariffs.map((t: { code: string }) => t.code)).toContain('LOCAL');
    expect(allowed.data.prepaidSettings.restrictionLimit).toBe('0.00');
    for (const [who, token] of [['normal', viewer], ['no menu', noMenu]] as const) {
      const refused = await gqlRequest(app.url, list, {}, token);
      expect(refused.errors?.[0].extensions?.code, who).toBe('FORBIDDEN');
      const topUp = await gqlRequest(app.url, TOP_UP, { input: { accountId: '1', amount: '1', note: 'x' } }, token);
      expect(topUp.errors?.[0].extensions?.code, who).toBe('FORBIDDEN');
    }
    const cdr = await gqlRequest(app.url, SUBMIT, { records: [] }, viewer);
    expect(cdr.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('searches accounts by number prefix or name', async () => {
    const account = await openAccount();
    const byPhone = await gqlRequest(app.url, 'query($s: String) { prepaidAccounts(search: $s) { totalCount edges { node { id } } } }', { s: account.phone.slice(0, 11) }, senior);
    expect(byPhone.data.prepaidAccounts.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(account.id);
  });
});
