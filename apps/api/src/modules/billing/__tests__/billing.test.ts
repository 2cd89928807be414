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
});
