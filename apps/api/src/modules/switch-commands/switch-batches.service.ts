import type { PrismaClient, SwitchAction, SwitchBatchKind, SwitchCommandState } from '@openiom/db';
import { assertCan, assertMenu } from '../../auth/authorize.ts';
import { AppError } from '../../errors/app-error.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import type { BatchCounts, SwitchCommandsService } from './switch-commands.service.ts';
import type { SwitchBatchCountsRecord, SwitchBatchRecord, SwitchCommandRecord } from './switch-batches.types.ts';

/** The menu of each operator-submitted batch kind: viewing or operating a batch needs it. */
export const MENU_OF_KIND: Record<SwitchBatchKind, string> = {
  ARREARS: 'billing.arrears',
  CALL_PERMISSION: 'billing.call-permissions',
  // Prepaid restrictions are automatic; their results show on the prepaid screen.
  PREPAID: 'billing.prepaid',
};

/** The actions each service may submit. */
export const ACTIONS_OF_KIND: Record<'ARREARS' | 'CALL_PERMISSION', readonly SwitchAction[]> = {
  ARREARS: ['SUSPEND', 'RESUME'],
  CALL_PERMISSION: ['RESTRICT_OUTGOING', 'ALLOW_OUTGOING', 'RESTRICT_INCOMING', 'ALLOW_INCOMING'],
};

/**
 * Most numbers one submission takes as a list: 50000 eleven-digit numbers are about 0.7 MB of JSON,
 * inside the API's 1 MB request limit. A whole month's arrears (10⁵ numbers and more) goes by month
 * and amount, selected in the database.
 */
export const MAX_PHONES = 50_000;

/** Outcome of a submission: the batch, or why nothing was written. */
export type SubmitOutcome = { batch: SwitchBatchRecord; error: null } | { batch: null; error: { code: string; message: string; field: string | null } };

const batchSelect = { id: true, kind: true, action: true, description: true, createdAt: true, staffId: true } as const;

/**
 * Arrears management and call-permission control (seed 001): operators submit batches of switch
 * commands (a list of numbers, or every number in arrears for a month above an amount), watch their
 * outcomes and re-send the not-completed ones. Reads need `billing:read`, changes `billing:operate`,
 * both on the batch kind's menu.
 */
export class SwitchBatchesService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly commands: SwitchCommandsService,
  ) {}

  /** Batches of one kind, newest first, with their counts. */
  async batches(viewer: ViewerRecord, kind: SwitchBatchKind, first: number, after: string | null) {
    this.assertView(viewer, kind);
    const afterId = after ? decodeCursor(after, 'ID_DESC').id : null;
    const rows = await this.prisma.switchBatch.findMany({
      where: { kind, ...(afterId !== null ? { id: { lt: afterId } } : {}) },
      select: batchSelect,
      orderBy: { id: 'desc' },
      take: first + 1,
    });
    const records = await this.withCounts(rows.slice(0, first));
    const edges = records.map((node) => ({ node, cursor: encodeCursor('ID_DESC', node.id, node.id) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  /** One batch with its counts, or null when there is none (or it is not the viewer's to see: then FORBIDDEN). */
  async batch(viewer: ViewerRecord, batchId: number): Promise<SwitchBatchRecord | null> {
    assertCan(viewer, 'billing:read');
    const row = await this.prisma.switchBatch.findUnique({ where: { id: batchId }, select: batchSelect });
    if (!row) return null;
    this.assertView(viewer, row.kind);
    return (await this.withCounts([row]))[0]!;
  }

  /** A batch's commands in submission order, optionally in one state. */
  async batchCommands(viewer: ViewerRecord, batchId: number, state: SwitchCommandState | null, first: number, after: string | null) {
    await this.requireBatch(viewer, batchId, false);
    const afterId = after ? BigInt(decodeCursor(after, 'ID_ASC').id) : null;
    const where = { batchId, ...(state ? { state } : {}) };
    const [rows, totalCount] = await Promise.all([
      this.prisma.switchCommand.findMany({
        where: { ...where, ...(afterId !== null ? { id: { gt: afterId } } : {}) },
        select: { id: true, phone: true, action: true, state: true, attempts: true, reason: true, sentAt: true, answeredAt: true },
        orderBy: { id: 'asc' },
        take: first + 1,
      }),
      this.prisma.switchCommand.count({ where }),
    ]);
    const edges = rows.slice(0, first).map((node: SwitchCommandRecord) => ({ node, cursor: encodeCursor('ID_ASC', Number(node.id), Number(node.id)) }));
    return {
      edges,
      totalCount,
      pageInfo: { hasNextPage: rows.length > first, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  /** How many distinct numbers have a bill above `minAmount` in the month's bills in force. */
  async arrearsPreview(viewer: ViewerRecord, billingMonth: string, minAmount: number) {
    this.assertView(viewer, 'ARREARS');
    const month = await this.prisma.billMonth.findUnique({ where: { billingMonth }, select: { importId: true } });
    const numbers = month ? await this.commands.countArrears(billingMonth, minAmount) : 0;
    return { billingMonth, minAmount, monthLoaded: month !== null, numbers };
  }

  /**
   * Writes one batch: `phones` as given (position = entry number, for errors), or the month's
   * numbers in arrears selected in the database. Nothing is written when the input is refused.
   */
  async submit(
    viewer: ViewerRecord,
    input: { kind: 'ARREARS' | 'CALL_PERMISSION'; action: SwitchAction; phones: readonly string[] | null; arrears: { billingMonth: string; minAmount: number } | null; description: string },
  ): Promise<SubmitOutcome> {
    this.assertOperate(viewer, input.kind);
    if (!ACTIONS_OF_KIND[input.kind].includes(input.action)) {
      throw new AppError('BAD_USER_INPUT', `action: ${input.action} is not an action of ${input.kind === 'ARREARS' ? 'arrears management' : 'call-permission control'} (use ${ACTIONS_OF_KIND[input.kind].join(' or ')}).`, { field: 'action' });
    }
    const staffId = viewer.staffId;
    let created: { batchId: number; submitted: number };
    if (input.arrears) {
      const { billingMonth, minAmount } = input.arrears;
      const month = await this.prisma.billMonth.findUnique({ where: { billingMonth }, select: { importId: true } });
      if (!month) return refused('NO_BILLS_FOR_MONTH', `No bills are loaded for ${billingMonth}: import the month's bill file first.`, 'arrears.billingMonth');
      const description = input.description || `arrears ${billingMonth} over ${minAmount.toFixed(2)}`;
      const written = await this.prisma.$transaction(async (tx) =>
        (await this.commands.countArrears(billingMonth, minAmount, tx)) === 0 ? null : this.commands.submitArrearsBatch({ action: input.action, billingMonth, minAmount, description, staffId }, tx),
      );
      if (!written) return refused('NO_NUMBERS', `No number of ${billingMonth} has a bill above ${minAmount.toFixed(2)}.`, 'arrears.minAmount');
      created = written;
    } else {
      const phones = cleanPhones(input.phones ?? []);
      if ('malformed' in phones) return refused('MALFORMED_NUMBERS', phones.malformed, 'phones');
      if (phones.list.length === 0) return refused('NO_NUMBERS', 'Give at least one number (one per line).', 'phones');
      created = await this.commands.submitBatch({ kind: input.kind, action: input.action, phones: phones.list, description: input.description, staffId });
    }
    this.commands.kick();
    const batch = await this.batch(viewer, created.batchId);
    return { batch: batch!, error: null };
  }

  /** Queues a batch's not-completed commands again; returns how many and the batch. */
  async resend(viewer: ViewerRecord, batchId: number) {
    await this.requireBatch(viewer, batchId, true);
    const resent = await this.commands.resendNotCompleted({ batchId });
    return { resent, batch: (await this.batch(viewer, batchId))! };
  }

  /** Whether the viewer may still follow the batch (subscriptions re-check per event). */
  async mayFollow(viewer: ViewerRecord, batchId: number): Promise<boolean> {
    try {
      await this.requireBatch(viewer, batchId, false);
      return true;
    } catch {
      return false;
    }
  }

  private async requireBatch(viewer: ViewerRecord, batchId: number, operate: boolean) {
    assertCan(viewer, operate ? 'billing:operate' : 'billing:read');
    const row = await this.prisma.switchBatch.findUnique({ where: { id: batchId }, select: { kind: true } });
    if (!row) throw new AppError('NOT_FOUND', `Switch batch ${batchId} does not exist.`);
    if (operate) this.assertOperate(viewer, row.kind);
    else this.assertView(viewer, row.kind);
    return row;
  }

  private assertView(viewer: ViewerRecord, kind: SwitchBatchKind): void {
    assertCan(viewer, 'billing:read');
    assertMenu(viewer, [MENU_OF_KIND[kind]], false);
  }

  private assertOperate(viewer: ViewerRecord, kind: SwitchBatchKind): void {
    assertCan(viewer, 'billing:operate');
    assertMenu(viewer, [MENU_OF_KIND[kind]], true);
  }

  private async withCounts(rows: { id: number; kind: SwitchBatchKind; action: SwitchAction; description: string; createdAt: Date; staffId: number | null }[]): Promise<SwitchBatchRecord[]> {
    const counts = await this.commands.batchCounts(rows.map((row) => row.id));
    const staffIds = [...new Set(rows.flatMap((row) => (row.staffId === null ? [] : [row.staffId])))];
    const staff = staffIds.length ? await this.prisma.staff.findMany({ where: { id: { in: staffIds } }, select: { id: true, staffNo: true, name: true } }) : [];
    const byId = new Map(staff.map((s) => [s.id, s]));
    return rows.map((row) => {
      const who = row.staffId === null ? undefined : byId.get(row.staffId);
      return { id: row.id, kind: row.kind, action: row.action, description: row.description, createdAt: row.createdAt, staffNo: who?.staffNo ?? null, staffName: who?.name ?? null, counts: toCounts(counts.get(row.id)!) };
    });
  }
}

export function toCounts(counts: BatchCounts): SwitchBatchCountsRecord {
  const submitted = counts.PENDING + counts.SENT + counts.SUCCEEDED + counts.FAILED + counts.NOT_COMPLETED;
  return { submitted, accepted: counts.SUCCEEDED, succeeded: counts.SUCCEEDED, failed: counts.FAILED, notCompleted: counts.NOT_COMPLETED, waiting: counts.PENDING + counts.SENT };
}

/** A number as an operator may enter it: no inner spaces, at most 32 characters of digits, letters, `+` and `-`. */
const PLAUSIBLE_ENTRY = /^[0-9A-Za-z+-]{1,32}$/;

/**
 * Trims the entries, skips blank ones and repeats. Entries that cannot be a number at all (inner
 * spaces, punctuation, too long) are refused with their positions; anything plausible goes to the
 * switch, which is the one to say whether it is a subscriber ("invalid number" is its answer).
 */
export function cleanPhones(entries: readonly string[]): { list: string[] } | { malformed: string } {
  if (entries.length > MAX_PHONES) return { malformed: `Too many entries: ${entries.length}; at most ${MAX_PHONES} per submission (for a whole month use the arrears selection).` };
  const seen = new Set<string>();
  const bad: string[] = [];
  let badCount = 0;
  entries.forEach((raw, index) => {
    const phone = raw.trim();
    if (phone === '') return;
    if (!PLAUSIBLE_ENTRY.test(phone)) {
      badCount += 1;
      if (bad.length < 10) bad.push(`line ${index + 1} "${phone.length > 40 ? `${phone.slice(0, 40)}…` : phone}"`);
      return;
    }
    seen.add(phone);
  });
  if (badCount > 0) return { malformed: `${badCount} ${badCount === 1 ? 'entry is' : 'entries are'} not a phone number: ${bad.join(', ')}${badCount > bad.length ? ', …' : ''}.` };
  return { list: [...seen] };
}

function refused(code: string, message: string, field: string | null): SubmitOutcome {
  return { batch: null, error: { code, message, field } };
}
