import { Prisma, type PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { AppError } from '../../errors/app-error.ts';
import { outcomeOf, Refusal, type Outcome } from '../../lib/refusal.ts';
import type { PubSub } from '../../pubsub/pubsub.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { BillImporter, importSelect, type ImportRequest } from './bill-import.ts';
import { lockBillMonth } from './bill-month-lock.ts';
import { BillRecordReader, encodeSample, type BillFormatSpec } from './bill-parser.ts';
import type { BillFormatInput, BillFormatRecord, BillImportProblemRecord, BillImportRecord, BillPreviewLineRecord, BillRecordRow } from './billing.types.ts';

const formatSelect = {
  id: true, code: true, name: true, kind: true, encoding: true, headerLines: true, separator: true, phoneColumn: true, amountColumn: true,
  recordLength: true, phoneOffset: true, phoneLength: true, amountOffset: true, amountLength: true, amountScale: true, note: true,
} as const;

/**
 * Bill formats, bill imports and the bills themselves (帐单格式 / 入库帐单数据 / 帐单操作).
 * An import loads its rows under its own id; when it is done `bill_month` is switched to it in one
 * transaction, so a month's readers see the old bills or the new ones, never a mix, and a failed
 * import leaves the month as it was. Corrections and deletions take the month's lock (as the
 * switch does) and are refused while an import of the month runs, so none is lost to a re-import.
 */
export class BillingService {
  readonly importer: BillImporter;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly audit: AuditLog,
    pubsub: PubSub,
    now: () => Date,
  ) {
    this.importer = new BillImporter(prisma, pubsub, now);
  }

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
   * Loads a bill file for a month from a stream of bytes (see `BillImporter`): answers when the
   * import has ended, SUCCEEDED (bad lines reported) or FAILED (the month as it was).
   */
  async importBills(viewer: ViewerRecord, request: ImportRequest, body: AsyncIterable<Buffer>): Promise<BillImportRecord> {
    assertCan(viewer, 'billing:operate');
    const format = await this.prisma.billFormat.findUnique({ where: { id: request.formatId }, select: formatSelect });
    if (!format) throw new AppError('NOT_FOUND', `There is no bill format ${request.formatId}.`);
    return this.importer.run(viewer, request, format, body);
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
  correctBill(viewer: ViewerRecord, key: BillKey, amount: string): Promise<Outcome<BillRecordRow>> {
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

  deleteBill(viewer: ViewerRecord, key: BillKey): Promise<Outcome<null>> {
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

  /**
   * The bill as it stands, locked: under the month's lock (the import switch takes it too), refused
   * while an import of the month runs (its file will replace the month, correction included) and,
   * when the caller says which import it saw, refused if the month has been re-imported since.
   */
  private async billInForce(tx: Prisma.TransactionClient, key: BillKey): Promise<BillRecordRow> {
    await lockBillMonth(tx, key.billingMonth);
    const running = await tx.billImport.findFirst({ where: { billingMonth: key.billingMonth, state: 'RUNNING' }, select: { fileName: true } });
    if (running) throw new Refusal('IMPORT_RUNNING', `An import of ${key.billingMonth} is running (${running.fileName}): its bills replace the month's when it ends, so change this bill after it has ended.`, 'billingMonth');
    const month = await tx.billMonth.findUnique({ where: { billingMonth: key.billingMonth }, select: { importId: true } });
    if (!month) throw new Refusal('NOT_FOUND', `No bills are loaded for ${key.billingMonth}.`, 'billingMonth');
    if (key.importId !== null && key.importId !== month.importId) {
      const replacing = await tx.billImport.findUnique({ where: { id: month.importId }, select: { fileName: true } });
      throw new Refusal('REPLACED', `The bills of ${key.billingMonth} were replaced by another import (${replacing?.fileName ?? month.importId}) after this bill was looked up; look it up again.`, 'importId');
    }
    // Locks the row: a concurrent correction waits instead of overwriting unseen.
    const rows = await tx.$queryRaw<{ amount: Prisma.Decimal }[]>`SELECT amount FROM bill WHERE import_id = ${month.importId} AND phone = ${key.phone} FOR UPDATE`;
    if (rows.length === 0) throw new Refusal('NOT_FOUND', `${key.phone} has no bill for ${key.billingMonth}.`, 'phone');
    return { billingMonth: key.billingMonth, phone: key.phone, amount: Number(rows[0].amount).toFixed(2), importId: month.importId };
  }
}

/** One bill: month and number, and optionally the import the caller saw it in. */
export interface BillKey {
  billingMonth: string;
  phone: string;
  importId: number | null;
}
