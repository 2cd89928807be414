import { Prisma, type PrismaClient } from '@openiom/db';
import type pg from 'pg';
import { assertCan } from '../../auth/authorize.ts';
import { AppError } from '../../errors/app-error.ts';
import { logger } from '../../lib/logger.ts';
import { outcomeOf, Refusal, type Outcome } from '../../lib/refusal.ts';
import type { PubSub } from '../../pubsub/pubsub.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { BillRecordReader, encodeSample, type BillFormatSpec } from './bill-parser.ts';
import { copySink, insertSink, type BillSink } from './bill-sinks.ts';
import type { BillFormatInput, BillFormatRecord, BillImportProblemRecord, BillImportRecord, BillPreviewLineRecord, BillRecordRow } from './billing.types.ts';

const formatSelect = {
  id: true, code: true, name: true, kind: true, encoding: true, headerLines: true, separator: true, phoneColumn: true, amountColumn: true,
  recordLength: true, phoneOffset: true, phoneLength: true, amountOffset: true, amountLength: true, amountScale: true, note: true,
} as const;
const importSelect = { id: true, billingMonth: true, formatId: true, fileName: true, state: true, totalLines: true, loadedLines: true, badLines: true, error: true, staffId: true, startedAt: true, finishedAt: true } as const;

/** Rows per load batch (one COPY write or one INSERT). */
const BATCH = 5000;
/** Bad lines stored per import; the rest are counted only. */
export const MAX_STORED_PROBLEMS = 10_000;
const PROGRESS_MS = 400;

export interface ImportRequest {
  billingMonth: string;
  formatId: number;
  fileName: string;
}

/**
 * Bill formats, bill imports and the bills themselves (帐单格式 / 入库帐单数据 / 帐单操作).
 * An import loads its rows under its own id; when it is done `bill_month` is switched to it in one
 * transaction, so a month's readers see the old bills or the new ones, never a mix, and a failed
 * import leaves the month as it was.
 */
export class BillingService {
  /** A PostgreSQL server's pool: imports then load through COPY (null on PGlite: batched INSERTs). */
  copyPool: pg.Pool | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly audit: AuditLog,
    private readonly pubsub: PubSub,
    private readonly now: () => Date,
  ) {}

  formats(viewer: ViewerRecord): Promise<BillFormatRecord[]> {
    assertCan(viewer, 'billing:read');
    return this.prisma.billFormat.findMany({ select: formatSelect, orderBy: { code: 'asc' } });
  }

  saveFormat(viewer: ViewerRecord, input: BillFormatInput): Promise<Outcome<BillFormatRecord>> {
    assertCan(viewer, 'billing:operate');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const clash = await tx.billFormat.findUnique({ where: { code: input.code }, select: { id: true } });
        if (clash && clash.id !== input.id) throw new Refusal('DUPLICATE_CODE', `There is already a bill format ${input.code}.`, 'code');
        const before = input.id === null ? null : await tx.billFormat.findUnique({ where: { id: input.id }, select: formatSelect });
        if (input.id !== null && !before) throw new Refusal('NOT_FOUND', `There is no bill format ${input.id}.`, 'id');
        const { id: _id, ...data } = input;
        const saved = before ? await tx.billFormat.update({ where: { id: before.id }, data, select: formatSelect }) : await tx.billFormat.create({ data, select: formatSelect });
        await this.audit.record(tx, viewer, { action: before ? 'bill-format.update' : 'bill-format.create', entityType: 'BillFormat', entityId: saved.id, summary: `${saved.code} ${saved.name}`, before: before ?? undefined, after: saved });
        return saved;
      }),
    );
  }

  deleteFormat(viewer: ViewerRecord, id: number): Promise<Outcome<null>> {
    assertCan(viewer, 'billing:operate');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const format = await tx.billFormat.findUnique({ where: { id }, select: formatSelect });
        if (!format) throw new Refusal('NOT_FOUND', `There is no bill format ${id}.`, 'id');
        const used = await tx.billImport.count({ where: { formatId: id } });
        if (used > 0) throw new Refusal('IN_USE', `Bill format ${format.code} was used by ${used} import${used === 1 ? '' : 's'}; it stays so their history reads right.`, 'id');
        await tx.billFormat.delete({ where: { id } });
        await this.audit.record(tx, viewer, { action: 'bill-format.delete', entityType: 'BillFormat', entityId: id, summary: `${format.code} ${format.name}`, before: format });
        return null;
      }),
    );
  }

  /** How a format reads a sample, line by line (first 200 records). */
  preview(viewer: ViewerRecord, format: BillFormatSpec, sample: string): BillPreviewLineRecord[] {
    assertCan(viewer, 'billing:read');
    const lines: BillPreviewLineRecord[] = [];
    const reader = new BillRecordReader(format, (record) => {
      if (lines.length < 200) lines.push({ lineNo: record.lineNo, phone: record.phone, amount: record.amount, problem: record.problem, text: record.text });
    });
    reader.push(encodeSample(sample, format.encoding));
    reader.end();
    return lines;
  }

  /**
   * Loads a bill file for a month from a stream of bytes: good records go to the table in batches,
   * bad ones to the import's problems; at the end the month switches to this import in one
   * transaction. Anything thrown by the source (client gone) or the database marks it FAILED and
   * removes its rows; the month keeps its previous bills.
   */
  async importBills(viewer: ViewerRecord, request: ImportRequest, body: AsyncIterable<Buffer>): Promise<BillImportRecord> {
    assertCan(viewer, 'billing:operate');
    const format = await this.prisma.billFormat.findUnique({ where: { id: request.formatId }, select: formatSelect });
    if (!format) throw new AppError('NOT_FOUND', `There is no bill format ${request.formatId}.`);
    const created = await this.prisma.billImport.create({ data: { billingMonth: request.billingMonth, formatId: format.id, fileName: request.fileName, staffId: viewer.staffId, startedAt: this.now() }, select: importSelect });
    const importId = created.id;
    const changed = () => this.pubsub.publish('billing.import-changed', { importId, billingMonth: request.billingMonth }).catch(() => undefined);
    await changed();

    let total = 0;
    let loaded = 0;
    let bad = 0;
    let phones: string[] = [];
    let amounts: string[] = [];
    let problems: BillImportProblemRecord[] = [];
    let storedProblems = 0;
    const reader = new BillRecordReader(format, (record) => {
      total++;
      if (record.problem === null) {
        phones.push(record.phone);
        amounts.push(record.amount);
      } else {
        bad++;
        if (storedProblems < MAX_STORED_PROBLEMS) {
          storedProblems++;
          problems.push({ lineNo: record.lineNo, reason: record.problem, text: record.text.replace(/\0/g, '') });
        }
      }
    });
    let sink: BillSink | null = null;
    const flush = async () => {
      if (phones.length > 0) {
        const [p, a] = [phones, amounts];
        phones = [];
        amounts = [];
        await sink!.write(p, a);
        loaded += p.length;
      }
      if (problems.length > 0) {
        const batch = problems;
        problems = [];
        await this.prisma.$executeRaw`INSERT INTO bill_import_problem (import_id, line_no, reason, text) SELECT ${importId}::int, l, r, t FROM unnest(${batch.map((p) => p.lineNo)}::int[], ${batch.map((p) => p.reason)}::text[], ${batch.map((p) => p.text)}::text[]) AS x(l, r, t)`;
      }
    };
    let lastProgress = Date.now();
    const progress = async () => {
      lastProgress = Date.now();
      await this.prisma.billImport.update({ where: { id: importId }, data: { totalLines: total, loadedLines: loaded, badLines: bad } });
      await changed();
    };

    try {
      sink = this.copyPool ? await copySink(this.copyPool, importId) : insertSink(this.prisma, importId);
      for await (const chunk of body) {
        reader.push(chunk);
        if (phones.length >= BATCH || problems.length >= 1000) await flush();
        if (Date.now() - lastProgress > PROGRESS_MS) {
          await flush();
          await progress();
        }
      }
      reader.end();
      await flush();
      await sink.end();
      if (loaded === 0) throw new Refusal('NO_GOOD_LINES', total === 0 ? 'The file has no records.' : `None of the ${total} records could be read with format ${format.code}; the month keeps its previous bills.`);
      const previous = await this.prisma.$transaction(async (tx) => {
        const before = await tx.billMonth.findUnique({ where: { billingMonth: request.billingMonth }, select: { importId: true } });
        await tx.$executeRaw`INSERT INTO bill_month (billing_month, import_id, updated_at) VALUES (${request.billingMonth}, ${importId}, now()) ON CONFLICT (billing_month) DO UPDATE SET import_id = EXCLUDED.import_id, updated_at = EXCLUDED.updated_at`;
        await tx.billImport.update({ where: { id: importId }, data: { state: 'SUCCEEDED', totalLines: total, loadedLines: loaded, badLines: bad, finishedAt: this.now() } });
        return before?.importId ?? null;
      });
      await changed();
      logger.info('bills imported', { importId, billingMonth: request.billingMonth, total, loaded, bad });
      // The replaced import's rows are unreachable from now on; removing them is housekeeping.
      if (previous !== null) await this.prisma.$executeRaw`DELETE FROM bill WHERE import_id = ${previous}`;
    } catch (error) {
      const message = error instanceof Refusal ? error.message : `Import stopped: ${(error as Error).message || 'the upload was interrupted'}.`;
      await sink?.abort(error as Error).catch(() => undefined);
      await this.prisma.billImport.update({ where: { id: importId }, data: { state: 'FAILED', error: message, totalLines: total, loadedLines: 0, badLines: bad, finishedAt: this.now() } }).catch(() => undefined);
      await this.prisma.$executeRaw`DELETE FROM bill WHERE import_id = ${importId}`.catch(() => undefined);
      await changed();
      logger.warn('bill import failed', { importId, message });
    }
    return (await this.prisma.billImport.findUniqueOrThrow({ where: { id: importId }, select: importSelect })) as BillImportRecord;
  }

  imports(viewer: ViewerRecord, billingMonth: string | null, first: number): Promise<BillImportRecord[]> {
    assertCan(viewer, 'billing:read');
    return this.prisma.billImport.findMany({ where: billingMonth ? { billingMonth } : {}, select: importSelect, orderBy: { id: 'desc' }, take: first }) as Promise<BillImportRecord[]>;
  }

  importById(viewer: ViewerRecord, id: number): Promise<BillImportRecord | null> {
    assertCan(viewer, 'billing:read');
    return this.prisma.billImport.findUnique({ where: { id }, select: importSelect }) as Promise<BillImportRecord | null>;
  }

  formatById(id: number): Promise<BillFormatRecord | null> {
    return this.prisma.billFormat.findUnique({ where: { id }, select: formatSelect });
  }

  problems(importId: number, first: number, afterLine: number): Promise<BillImportProblemRecord[]> {
    return this.prisma.billImportProblem.findMany({ where: { importId, lineNo: { gt: afterLine } }, select: { lineNo: true, reason: true, text: true }, orderBy: { lineNo: 'asc' }, take: first });
  }

  async inForce(importId: number): Promise<boolean> {
    return (await this.prisma.billMonth.findUnique({ where: { importId }, select: { importId: true } })) !== null;
  }

  /**
   * Bills in force: one number's bill in each month, or a month's bills by number. Goes
   * bill_month → bill's primary key (import_id, phone), so a number in a month is one index probe.
   */
  async bills(viewer: ViewerRecord, filter: { phone: string | null; billingMonth: string | null; afterPhone: string | null }, first: number): Promise<BillRecordRow[]> {
    assertCan(viewer, 'billing:read');
    if (!filter.phone && !filter.billingMonth) throw new AppError('BAD_USER_INPUT', 'Give a phone number, a billing month or both.');
    const conditions: Prisma.Sql[] = [];
    if (filter.billingMonth) conditions.push(Prisma.sql`m.billing_month = ${filter.billingMonth}`);
    if (filter.phone) conditions.push(Prisma.sql`b.phone = ${filter.phone}`);
    if (filter.afterPhone) conditions.push(Prisma.sql`b.phone > ${filter.afterPhone}`);
    const rows = await this.prisma.$queryRaw<{ billingMonth: string; phone: string; amount: Prisma.Decimal; importId: number }[]>`
      SELECT m.billing_month AS "billingMonth", b.phone, b.amount, b.import_id AS "importId"
      FROM bill_month m JOIN bill b ON b.import_id = m.import_id
      WHERE ${Prisma.join(conditions, ' AND ')}
      ORDER BY b.phone, m.billing_month DESC
      LIMIT ${first}`;
    return rows.map((row) => ({ ...row, amount: Number(row.amount).toFixed(2) }));
  }

  /** Changes one bill's amount in the import in force for its month (audited). */
  correctBill(viewer: ViewerRecord, key: { billingMonth: string; phone: string }, amount: string): Promise<Outcome<BillRecordRow>> {
    assertCan(viewer, 'billing:operate');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const before = await this.billInForce(tx, key);
        await tx.bill.update({ where: { importId_phone: { importId: before.importId, phone: key.phone } }, data: { amount } });
        const after = { ...before, amount: Number(amount).toFixed(2) };
        await this.audit.record(tx, viewer, { action: 'bill.correct', entityType: 'Bill', entityId: `${key.billingMonth}/${key.phone}`, summary: `${key.phone} ${key.billingMonth}: ${before.amount} → ${after.amount}`, before, after });
        return after;
      }),
    );
  }

  deleteBill(viewer: ViewerRecord, key: { billingMonth: string; phone: string }): Promise<Outcome<null>> {
    assertCan(viewer, 'billing:operate');
    return outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const before = await this.billInForce(tx, key);
        await tx.bill.delete({ where: { importId_phone: { importId: before.importId, phone: key.phone } } });
        await this.audit.record(tx, viewer, { action: 'bill.delete', entityType: 'Bill', entityId: `${key.billingMonth}/${key.phone}`, summary: `${key.phone} ${key.billingMonth}: ${before.amount}`, before });
        return null;
      }),
    );
  }

  private async billInForce(tx: Prisma.TransactionClient, key: { billingMonth: string; phone: string }): Promise<BillRecordRow> {
    const month = await tx.billMonth.findUnique({ where: { billingMonth: key.billingMonth }, select: { importId: true } });
    if (!month) throw new Refusal('NOT_FOUND', `No bills are loaded for ${key.billingMonth}.`, 'billingMonth');
    // Locks the row: a concurrent correction waits instead of overwriting unseen.
    const rows = await tx.$queryRaw<{ amount: Prisma.Decimal }[]>`SELECT amount FROM bill WHERE import_id = ${month.importId} AND phone = ${key.phone} FOR UPDATE`;
    if (rows.length === 0) throw new Refusal('NOT_FOUND', `${key.phone} has no bill for ${key.billingMonth}.`, 'phone');
    return { billingMonth: key.billingMonth, phone: key.phone, amount: Number(rows[0].amount).toFixed(2), importId: month.importId };
  }
}
