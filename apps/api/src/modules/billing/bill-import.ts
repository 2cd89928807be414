import { Prisma, type PrismaClient } from '@openiom/db';
import type pg from 'pg';
import { AppError } from '../../errors/app-error.ts';
import { logger } from '../../lib/logger.ts';
import { Refusal } from '../../lib/refusal.ts';
import type { PubSub } from '../../pubsub/pubsub.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { BillRecordReader, type BillFormatSpec } from './bill-parser.ts';
import { lockBillMonth } from './bill-month-lock.ts';
import { copySink, CopyTextBatch, insertSink, type BillSink } from './bill-sinks.ts';
import type { BillImportProblemRecord, BillImportRecord } from './billing.types.ts';

export const importSelect = { id: true, billingMonth: true, formatId: true, fileName: true, state: true, totalLines: true, loadedLines: true, badLines: true, error: true, staffId: true, startedAt: true, finishedAt: true } as const;

/** Bad lines stored per import; the rest are counted only. */
export const MAX_STORED_PROBLEMS = 10_000;
/** Collected COPY text handed to the database at once. */
const WRITE_BYTES = 1 << 20;
const PROGRESS_MS = 400;
/** How often a running import says it is alive, and how long a silent one counts as alive. */
export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_S = 60;
/** Database time in UTC (how Prisma keeps DateTime columns), whatever the session's time zone. */
const DB_NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

export interface ImportRequest {
  billingMonth: string;
  formatId: number;
  fileName: string;
}

/**
 * Bill imports (入库帐单数据). An import loads its rows under its own id while the month keeps its
 * bills; when the file is read the month switches to it in one transaction, so readers see the old
 * bills or the new ones, never a mix, and a failed import leaves the month as it was.
 *
 * One import per month runs at a time (a second is refused while one runs). A running import
 * writes a heartbeat every few seconds; one silent for a minute belongs to no live process (the
 * API stopped or crashed mid-file) and is marked FAILED — at start-up, every minute, and before a
 * new import of its month begins — and its rows are removed.
 */
export class BillImporter {
  /** A PostgreSQL server's pool: imports then load through COPY (null on PGlite: batched INSERTs). */
  copyPool: pg.Pool | null = null;
  /** Removal of replaced imports' rows, one after the other, after the switch answered. */
  private housekeeping: Promise<void> = Promise.resolve();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly pubsub: PubSub,
    private readonly now: () => Date,
  ) {}

  async run(viewer: ViewerRecord, request: ImportRequest, format: BillFormatSpec & { id: number; code: string }, body: AsyncIterable<Buffer>): Promise<BillImportRecord> {
    const { billingMonth } = request;
    const stale: number[] = [];
    const created = await this.prisma.$transaction(async (tx) => {
      await lockBillMonth(tx, billingMonth);
      stale.push(...(await this.failStale(tx, { billingMonth })));
      const running = await tx.billImport.findFirst({ where: { billingMonth, state: 'RUNNING' }, select: { fileName: true, totalLines: true } });
      if (running) throw new AppError('CONFLICT', `An import of ${billingMonth} is running (${running.fileName}, ${running.totalLines} lines read so far); start this one when it has ended.`);
      const row = await tx.billImport.create({ data: { billingMonth, formatId: format.id, fileName: request.fileName, staffId: viewer.staffId, startedAt: this.now() }, select: { id: true } });
      await tx.$executeRaw`UPDATE bill_import SET heartbeat_at = ${DB_NOW} WHERE id = ${row.id}`;
      return row;
    });
    if (stale.length > 0) this.removeRows(stale);
    const importId = created.id;
    const changed = () => this.pubsub.publish('billing.import-changed', { importId, billingMonth }).catch(() => undefined);
    await changed();

    let total = 0;
    let bad = 0;
    let problems: BillImportProblemRecord[] = [];
    let storedProblems = 0;
    const batch = new CopyTextBatch(importId);
    const reader = new BillRecordReader(format, {
      good(_lineNo, src, phoneStart, phoneEnd, amount, amountLength) {
        total++;
        batch.add(src, phoneStart, phoneEnd, amount, amountLength);
      },
      bad(lineNo, problem, text) {
        total++;
        bad++;
        if (storedProblems < MAX_STORED_PROBLEMS) {
          storedProblems++;
          problems.push({ lineNo, reason: problem, text: text.replace(/\0/g, '') });
        }
      },
    });
    let sink: BillSink | null = null;
    let written = 0;
    const flush = async () => {
      const chunks = batch.take();
      if (chunks.length > 0) await sink!.write(chunks);
      written = batch.rows;
      if (problems.length > 0) {
        const rows = problems;
        problems = [];
        await this.prisma.$executeRaw`INSERT INTO bill_import_problem (import_id, line_no, reason, text) SELECT ${importId}::int, l, r, t FROM unnest(${rows.map((p) => p.lineNo)}::int[], ${rows.map((p) => p.reason)}::text[], ${rows.map((p) => p.text)}::text[]) AS x(l, r, t)`;
      }
    };
    let lastProgress = Date.now();
    const progress = async () => {
      lastProgress = Date.now();
      await this.prisma.$executeRaw`UPDATE bill_import SET total_lines = ${total}, loaded_lines = ${written}, bad_lines = ${bad}, heartbeat_at = ${DB_NOW} WHERE id = ${importId} AND state = 'RUNNING'`;
      await changed();
    };
    // Alive even while the client sends nothing for a while (a slow line, a paused upload).
    const heartbeat = setInterval(() => void this.prisma.$executeRaw`UPDATE bill_import SET heartbeat_at = ${DB_NOW} WHERE id = ${importId} AND state = 'RUNNING'`.catch(() => undefined), HEARTBEAT_MS);
    heartbeat.unref();

    try {
      sink = this.copyPool ? await copySink(this.copyPool) : insertSink(this.prisma, importId);
      for await (const chunk of body) {
        reader.push(chunk);
        if (batch.pendingBytes >= WRITE_BYTES || problems.length >= 1000) await flush();
        if (Date.now() - lastProgress > PROGRESS_MS) {
          await flush();
          await progress();
        }
      }
      reader.end();
      await flush();
      await sink.end();
      const loaded = batch.rows;
      if (loaded === 0) throw new Refusal('NO_GOOD_LINES', total === 0 ? 'The file has no records.' : `None of the ${total} records could be read with format ${format.code}; the month keeps its previous bills.`);
      const previous = await this.prisma.$transaction(async (tx) => {
        await lockBillMonth(tx, billingMonth);
        // Silent for a minute (e.g. this process was paused): another process may have declared it dead.
        const self = await tx.billImport.findUniqueOrThrow({ where: { id: importId }, select: { state: true } });
        if (self.state !== 'RUNNING') throw new Refusal('NOT_RUNNING', 'the import was marked failed while it ran (no sign of life for a minute)');
        const before = await tx.billMonth.findUnique({ where: { billingMonth }, select: { importId: true } });
        await tx.$executeRaw`INSERT INTO bill_month (billing_month, import_id, updated_at) VALUES (${billingMonth}, ${importId}, now()) ON CONFLICT (billing_month) DO UPDATE SET import_id = EXCLUDED.import_id, updated_at = EXCLUDED.updated_at`;
        await tx.billImport.update({ where: { id: importId }, data: { state: 'SUCCEEDED', totalLines: total, loadedLines: loaded, badLines: bad, finishedAt: this.now() } });
        return before?.importId ?? null;
      });
      logger.info('bills imported', { importId, billingMonth, total, loaded, bad });
      // The replaced import's rows are unreachable from now on: removing them is housekeeping.
      if (previous !== null) this.removeRows([previous]);
    } catch (error) {
      const message = error instanceof Refusal && error.code === 'NO_GOOD_LINES' ? error.message : `Import stopped: ${(error as Error).message || 'the upload was interrupted'}.`;
      await sink?.abort(error as Error).catch(() => undefined);
      await this.prisma.billImport.updateMany({ where: { id: importId, state: 'RUNNING' }, data: { state: 'FAILED', error: message, totalLines: total, loadedLines: 0, badLines: bad, finishedAt: this.now() } }).catch(() => undefined);
      await this.prisma.$executeRaw`DELETE FROM bill WHERE import_id = ${importId}`.catch(() => undefined);
      logger.warn('bill import failed', { importId, message });
    } finally {
      clearInterval(heartbeat);
      await changed();
    }
    return (await this.prisma.billImport.findUniqueOrThrow({ where: { id: importId }, select: importSelect })) as BillImportRecord;
  }

  /**
   * Marks RUNNING imports owned by no live process FAILED: those silent for a minute, or (`all`)
   * every one — the embedded database at start-up, which no other process can be using. Their
   * rows are removed in the background.
   */
  async recoverStale(options: { all?: boolean } = {}): Promise<number> {
    const failed = await this.prisma.$transaction((tx) => this.failStale(tx, { all: options.all }));
    if (failed.length > 0) this.removeRows(failed);
    if (failed.length > 0) logger.warn('bill imports without a live process marked failed', { importIds: failed });
    return failed.length;
  }

  /** Rows of imports neither in force nor running (left by a crash during housekeeping): removed at start-up. */
  async removeOrphanRows(): Promise<void> {
    const orphans = await this.prisma.$queryRaw<{ id: number }[]>`SELECT i.id FROM bill_import i WHERE i.state <> 'RUNNING' AND NOT EXISTS (SELECT 1 FROM bill_month m WHERE m.import_id = i.id) AND EXISTS (SELECT 1 FROM bill b WHERE b.import_id = i.id)`;
    if (orphans.length > 0) this.removeRows(orphans.map((row) => row.id));
  }

  /** Resolves when the queued row removals are done (tests, benchmarks, shutdown). */
  settled(): Promise<void> {
    return this.housekeeping;
  }

  private async failStale(tx: Prisma.TransactionClient, where: { billingMonth?: string; all?: boolean }): Promise<number[]> {
    const rows = await tx.$queryRaw<{ id: number }[]>`
      UPDATE bill_import
      SET state = 'FAILED', loaded_lines = 0, finished_at = ${DB_NOW},
          error = 'Interrupted: the API process running it stopped (last sign of life ' || to_char(heartbeat_at, 'YYYY-MM-DD HH24:MI:SS') || ' UTC); the month kept its previous bills.'
      WHERE state = 'RUNNING'
        AND (${where.all === true} OR heartbeat_at < ${DB_NOW} - make_interval(secs => ${STALE_AFTER_S}))
        AND (${where.billingMonth ?? null}::text IS NULL OR billing_month = ${where.billingMonth ?? null})
      RETURNING id`;
    return rows.map((row) => row.id);
  }

  private removeRows(importIds: number[]): void {
    this.housekeeping = this.housekeeping.then(async () => {
      for (const importId of importIds) {
        await this.prisma.$executeRaw`DELETE FROM bill WHERE import_id = ${importId}`.catch((error: Error) => logger.warn('removing replaced bills failed', { importId, message: error.message }));
      }
    });
  }
}
