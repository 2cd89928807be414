import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { testBackends } from '../../../testing/test-database.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';

const SAVE_FORMAT = 'mutation($input: SaveBillFormatInput!) { saveBillFormat(input: $input) { ok error { code message field } billFormat { id code } } }';
const BILLS = 'query($filter: BillFilter!) { bills(filter: $filter) { billingMonth phone amount } }';
const IMPORT = 'query($id: ID!) { billImport(id: $id) { state totalLines loadedLines badLines error inForce problems { lineNo reason text } } }';

describe.each(testBackends())('bills on %s: formats, import, query and maintenance', (backend) => {
  let app: TestApp;
  let senior: string;
  let viewer: string;
  let formatId: string;

  beforeAll(async () => {
    app = await startTestApp(backend);
    const org = await createOrganisation(app.prisma, { level: 'CITY' });
    const a = await createLogin(app.prisma, [{ organisationId: org.id, kinds: ['GENERAL'], billingLevel: 'SENIOR' }]);
    const b = await createLogin(app.prisma, [{ organisationId: org.id, kinds: ['GENERAL'], billingLevel: 'NORMAL' }]);
    senior = await loginAs(app.url, a.loginName, a.password);
    viewer = await loginAs(app.url, b.loginName, b.password);
    const saved = await gqlRequest(app.url, SAVE_FORMAT, { input: { code: unique('SP'), name: '空格', spec: { kind: 'DELIMITED', encoding: 'UTF-8', headerLines: 1, amountScale: 0, phoneColumn: 1, amountColumn: 2 } } }, senior);
    expect(saved.data.saveBillFormat.ok).toBe(true);
    formatId = saved.data.saveBillFormat.billFormat.id;
  }, 60_000);
  afterAll(() => app?.close());

  async function upload(token: string, month: string, body: string) {
    const response = await fetch(`${app.url}/billing/imports?month=${month}&format=${formatId}&name=test.txt`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('refuses a format missing what its kind needs, naming the field', async () => {
    const refused = await gqlRequest(app.url, SAVE_FORMAT, { input: { code: unique('FX'), name: 'x', spec: { kind: 'FIXED_WIDTH', encoding: 'UTF-8', headerLines: 0, amountScale: 2, phoneOffset: 0, phoneLength: 11, amountOffset: 5, amountLength: 8 } } }, senior);
    expect(refused.errors?.[0].message).toBe('spec.amountOffset: the amount overlaps the phone number');
    const preview = await gqlRequest(app.url, 'query($spec: BillFormatSpecInput!, $sample: String!) { billFormatPreview(spec: $spec, sample: $sample) { lineNo phone amount problem } }', { spec: { kind: 'FIXED_WIDTH', encoding: 'GBK', headerLines: 0, amountScale: 2, phoneOffset: 0, phoneLength: 11, amountOffset: 15, amountLength: 5 }, sample: '13900000001张三00123\n13900000002李四0x123' }, senior);
    expect(preview.data.billFormatPreview).toEqual([
      { lineNo: 1, phone: '13900000001', amount: '1.23', problem: null },
      { lineNo: 2, phone: null, amount: null, problem: 'amount "0x123" is not whole digits (the format implies 2 decimal places)' },
    ]);
  });

  it('loads the good lines, reports each bad one with its line number and reason, counts both', async () => {
    const result = await upload(senior, '2026-01', 'phone amount\n13800000001 10.5\n13800000002 x\n\n13800000003 -2\n13800000001 4\n');
    expect(result.status).toBe(200);
    expect(result.body.import).toMatchObject({ state: 'SUCCEEDED', totalLines: 4, loadedLines: 2, badLines: 2 });
    const imported = (await gqlRequest(app.url, IMPORT, { id: result.body.import.id }, viewer)).data.billImport;
    expect(imported.inForce).toBe(true);
    expect(imported.problems).toEqual([
      { lineNo: 3, reason: 'amount "x" is not a number with at most 2 decimal places', text: '13800000002 x' },
      { lineNo: 6, reason: 'number 13800000001 already on line 2', text: '13800000001 4' },
    ]);
    const found = (await gqlRequest(app.url, BILLS, { filter: { billingMonth: '2026-01' } }, viewer)).data.bills;
    expect(found).toEqual([
      { billingMonth: '2026-01', phone: '13800000001', amount: '10.50' },
      { billingMonth: '2026-01', phone: '13800000003', amount: '-2.00' },
    ]);
  });

  it('re-importing a month replaces it whole; a failed or empty import leaves it as it was', async () => {
    const first = await upload(senior, '2026-02', '\n13800000001 1\n13800000002 2\n');
    const second = await upload(senior, '2026-02', '\n13800000002 20\n13800000009 90\n');
    expect(second.body.import.state).toBe('SUCCEEDED');
    const month = async () => (await gqlRequest(app.url, BILLS, { filter: { billingMonth: '2026-02' } }, viewer)).data.bills.map((b: { phone: string; amount: string }) => `${b.phone}=${b.amount}`);
    expect(await month()).toEqual(['13800000002=20.00', '13800000009=90.00']);
    // The replaced import's rows are gone.
    expect(await app.prisma.bill.count({ where: { importId: Number(first.body.import.id) } })).toBe(0);

    const nothingGood = await upload(senior, '2026-02', 'h\nabc def\n');
    expect(nothingGood.body.import).toMatchObject({ state: 'FAILED', badLines: 1 });
    expect(await month()).toEqual(['13800000002=20.00', '13800000009=90.00']);

    // The client goes away mid-file: the import fails, its rows are removed, the month is unchanged.
    const token = senior;
    await new Promise<void>((resolve) => {
      const request = http.request(`${app.url}/billing/imports?month=2026-02&format=${formatId}&name=cut.txt`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-length': '1000000' } });
      request.on('error', () => resolve());
      request.write('h\n13800000077 7\n13800000078 8\n');
      setTimeout(() => {
        request.destroy();
        resolve();
      }, 300);
    });
    let cut: { state: string; error: string } | undefined;
    for (let i = 0; i < 50 && cut?.state !== 'FAILED'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      cut = (await gqlRequest(app.url, '{ billImports(billingMonth: "2026-02", first: 1) { state error } }', {}, viewer)).data.billImports[0];
    }
    expect(cut).toMatchObject({ state: 'FAILED' });
    expect(cut!.error).toMatch(/^Import stopped: /);
    expect(await month()).toEqual(['13800000002=20.00', '13800000009=90.00']);
    expect(await app.prisma.bill.count({ where: { phone: '13800000077' } })).toBe(0);
  });

  it('normal users view bills but may not upload, correct or delete; corrections and deletions are audited', async () => {
    await upload(senior, '2026-03', 'h\n13700000001 5\n13700000002 6\n');
    const refused = await upload(viewer, '2026-03', 'h\n13700000001 1\n');
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].message).toBe('You lack the permission "billing:operate".');
    const key = { billingMonth: '2026-03', phone: '13700000001' };
    const CORRECT = 'mutation($input: CorrectBillInput!) { correctBill(input: $input) { ok error { code message } bill { amount } } }';
    expect((await gqlRequest(app.url, CORRECT, { input: { ...key, amount: '7.5' } }, viewer)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gqlRequest(app.url, CORRECT, { input: { ...key, amount: '7.5' } }, senior)).data.correctBill).toEqual({ ok: true, error: null, bill: { amount: '7.50' } });
    expect((await gqlRequest(app.url, CORRECT, { input: { ...key, amount: '7.555' } }, senior)).errors?.[0].message).toBe('amount: must be a number with at most 2 decimal places, e.g. 128.50');
    const DELETE = 'mutation($input: DeleteBillInput!) { deleteBill(input: $input) { ok error { code message } } }';
    expect((await gqlRequest(app.url, DELETE, { input: { billingMonth: '2026-03', phone: '13700000002' } }, senior)).data.deleteBill.ok).toBe(true);
    expect((await gqlRequest(app.url, DELETE, { input: { billingMonth: '2026-03', phone: '13700000002' } }, senior)).data.deleteBill.error).toEqual({ code: 'NOT_FOUND', message: '13700000002 has no bill for 2026-03.' });
    expect((await gqlRequest(app.url, BILLS, { filter: { phone: '13700000001' } }, viewer)).data.bills).toEqual([{ billingMonth: '2026-03', phone: '13700000001', amount: '7.50' }]);
    const audit = await app.prisma.auditEntry.findMany({ where: { entityType: 'Bill' }, orderBy: { id: 'asc' }, select: { action: true, summary: true } });
    expect(audit).toEqual([
      { action: 'bill.correct', summary: '13700000001 2026-03: 5.00 → 7.50' },
      { action: 'bill.delete', summary: '13700000002 2026-03: 6.00' },
    ]);
  });

  it('runs one import of a month at a time; a correction waits for it and is refused once the month was replaced', async () => {
    await upload(senior, '2026-04', 'h\n13600000001 5\n13600000002 6\n');
    const BILL = 'query($filter: BillFilter!) { bills(filter: $filter) { phone amount importId } }';
    const looked = (await gqlRequest(app.url, BILL, { filter: { phone: '13600000001', billingMonth: '2026-04' } }, viewer)).data.bills[0];
    const CORRECT = 'mutation($input: CorrectBillInput!) { correctBill(input: $input) { ok error { code message } bill { amount importId } } }';

    // A slow upload: the headers and the first lines now, the rest later.
    const slow = http.request(`${app.url}/billing/imports?month=2026-04&format=${formatId}&name=slow.txt`, { method: 'POST', headers: { authorization: `Bearer ${senior}`, 'content-type': 'application/octet-stream' } });
    const answer = new Promise<{ status: number; body: any }>((resolve, reject) => {
      slow.on('error', reject);
      slow.on('response', (response) => {
        let body = '';
        response.on('data', (part) => (body += part));
        response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(body) }));
      });
    });
    slow.write('h\n13600000001 50\n');
    let running: { state: string; fileName: string } | undefined;
    for (let i = 0; i < 50 && running?.state !== 'RUNNING'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      running = (await gqlRequest(app.url, '{ billImports(billingMonth: "2026-04", first: 1) { state fileName } }', {}, viewer)).data.billImports[0];
    }
    expect(running).toEqual({ state: 'RUNNING', fileName: 'slow.txt' });

    const second = await upload(senior, '2026-04', 'h\n13600000001 1\n');
    expect(second.status).toBe(409);
    expect(second.body.errors[0]).toMatchObject({ message: expect.stringMatching(/^An import of 2026-04 is running \(slow\.txt, /), extensions: { code: 'CONFLICT' } });
    const meanwhile = (await gqlRequest(app.url, CORRECT, { input: { billingMonth: '2026-04', phone: '13600000001', amount: '7', importId: looked.importId } }, senior)).data.correctBill;
    expect(meanwhile.error).toEqual({ code: 'IMPORT_RUNNING', message: "An import of 2026-04 is running (slow.txt): its bills replace the month's when it ends, so change this bill after it has ended." });

    slow.end('13600000003 70\n');
    const done = await answer;
    expect(done.body.import).toMatchObject({ state: 'SUCCEEDED', loadedLines: 2 });
    const late = (await gqlRequest(app.url, CORRECT, { input: { billingMonth: '2026-04', phone: '13600000001', amount: '7', importId: looked.importId } }, senior)).data.correctBill;
    expect(late.error).toEqual({ code: 'REPLACED', message: 'The bills of 2026-04 were replaced by another import (slow.txt) after this bill was looked up; look it up again.' });
    const again = (await gqlRequest(app.url, BILL, { filter: { phone: '13600000001', billingMonth: '2026-04' } }, viewer)).data.bills[0];
    expect(again).toEqual({ phone: '13600000001', amount: '50.00', importId: done.body.import.id });
    const corrected = (await gqlRequest(app.url, CORRECT, { input: { billingMonth: '2026-04', phone: '13600000001', amount: '7', importId: again.importId } }, senior)).data.correctBill;
    expect(corrected).toEqual({ ok: true, error: null, bill: { amount: '7.00', importId: again.importId } });
  });

  it('marks an import left RUNNING by a stopped process FAILED and removes its rows; a live one stays', async () => {
    // As a crashed process leaves it: RUNNING, some rows loaded, silent for two minutes.
    const crashed = await app.prisma.billImport.create({ data: { billingMonth: '2026-05', formatId: Number(formatId), fileName: 'crashed.txt' }, select: { id: true } });
    await app.prisma.$executeRaw`UPDATE bill_import SET heartbeat_at = (now() AT TIME ZONE 'UTC') - interval '2 minutes' WHERE id = ${crashed.id}`;
    await app.prisma.$executeRaw`INSERT INTO bill (import_id, phone, amount) VALUES (${crashed.id}, '13500000001', 1)`;
    const live = await app.prisma.billImport.create({ data: { billingMonth: '2026-06', formatId: Number(formatId), fileName: 'live.txt' }, select: { id: true } });
    await app.prisma.$executeRaw`UPDATE bill_import SET heartbeat_at = (now() AT TIME ZONE 'UTC') - interval '20 seconds' WHERE id = ${live.id}`;

    // A new import of the crashed one's month finds it dead and goes ahead.
    const next = await upload(senior, '2026-05', 'h\n13500000002 2\n');
    expect(next.body.import).toMatchObject({ state: 'SUCCEEDED', loadedLines: 1 });
    const state = async (id: number) => app.prisma.billImport.findUniqueOrThrow({ where: { id }, select: { state: true, error: true } });
    expect(await state(crashed.id)).toEqual({ state: 'FAILED', error: expect.stringMatching(/^Interrupted: the API process running it stopped \(last sign of life \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\); the month kept its previous bills\.$/) });
    await app.services.billing.importer.settled();
    expect(await app.prisma.bill.count({ where: { importId: crashed.id } })).toBe(0);

    // One that showed a sign of life 20 s ago may still be running somewhere: it blocks its month.
    expect((await upload(senior, '2026-06', 'h\n13500000003 3\n')).status).toBe(409);
    expect(await app.services.billing.importer.recoverStale()).toBe(0);
    await app.prisma.$executeRaw`UPDATE bill_import SET heartbeat_at = heartbeat_at - interval '1 minute' WHERE id = ${live.id}`;
    expect(await app.services.billing.importer.recoverStale()).toBe(1);
    expect((await state(live.id)).state).toBe('FAILED');
    expect((await upload(senior, '2026-06', 'h\n13500000003 3\n')).body.import.state).toBe('SUCCEEDED');
  });
});

describe('bill upload limits', () => {
  let app: TestApp;
  let senior: string;
  let formatId: number;

  beforeAll(async () => {
    app = await startTestApp('pglite', { config: { uploadIdleMs: 400 } });
    const org = await createOrganisation(app.prisma, { level: 'CITY' });
    const login = await createLogin(app.prisma, [{ organisationId: org.id, kinds: ['GENERAL'], billingLevel: 'SENIOR' }]);
    senior = await loginAs(app.url, login.loginName, login.password);
    formatId = (await app.prisma.billFormat.create({ data: { code: unique('SP'), name: 'x', kind: 'DELIMITED', phoneColumn: 1, amountColumn: 2 }, select: { id: true } })).id;
  }, 60_000);
  afterAll(() => app?.close());

  it('never cuts an upload for its total time, but gives up one that stops sending', async () => {
    expect(app.server.httpServer.requestTimeout).toBe(0);
    // Sends a line every 150 ms for 1.2 s (longer than the idle limit in total, never idle that long).
    const send = (lines: string[], pauseMs: number, stopAfter = lines.length) =>
      new Promise<{ status: number; body: any }>((resolve) => {
        const request = http.request(`${app.url}/billing/imports?month=2026-07&format=${formatId}&name=drip.txt`, { method: 'POST', headers: { authorization: `Bearer ${senior}` } });
        // A connection the server dropped: no answer.
        request.on('error', () => resolve({ status: 0, body: null }));
        request.on('response', (response) => {
          let body = '';
          response.on('data', (part) => (body += part));
          response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(body) }));
        });
        let i = 0;
        const next = () => {
          if (i === stopAfter) return; // stalls: never ends the request
          request.write(lines[i++]);
          if (i === lines.length) request.end();
          else setTimeout(next, pauseMs);
        };
        next();
      });
    const lines = Array.from({ length: 8 }, (_, i) => `1340000000${i} ${i}\n`);
    expect((await send(lines, 150)).body.import).toMatchObject({ state: 'SUCCEEDED', loadedLines: 8 });
    // Three lines, then nothing: the server drops the connection and the import fails.
    expect(await send(lines, 50, 3)).toEqual({ status: 0, body: null });
    const last = await app.prisma.billImport.findFirstOrThrow({ where: { billingMonth: '2026-07' }, orderBy: { id: 'desc' }, select: { state: true, error: true } });
    expect(last).toEqual({ state: 'FAILED', error: 'Import stopped: no data arrived for 0.4 s.' });
  });
});
