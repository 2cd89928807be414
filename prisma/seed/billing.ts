import type { PrismaClient } from '../generated/client/client.ts';

/** Demo bill formats: the space-delimited file of the original system and a fixed-width one. */
export const demoBillFormats = [
  { code: 'SPACE', name: '空格分隔帐单', kind: 'DELIMITED', encoding: 'GBK', headerLines: 0, separator: null, phoneColumn: 1, amountColumn: 2, amountScale: 0, note: '每行: 电话号码 金额 (空格分隔)' },
  { code: 'FIXED24', name: '定长帐单 (24 字节)', kind: 'FIXED_WIDTH', encoding: 'UTF-8', headerLines: 1, phoneOffset: 0, phoneLength: 12, amountOffset: 12, amountLength: 12, amountScale: 2, note: '首行为表头; 号码 0–11 字节, 金额 12–23 字节 (分)' },
] as const;

/** The demo bill month, with arrears on every fifth number. */
export const DEMO_BILL_MONTH = '2026-11';

/**
 * Demo bill formats (SPACE is also the format of the arrears demo's 2026-10 bills, see bills.ts),
 * and 300 bills for 2026-11 loaded as one succeeded import in force for the month (numbers
 * 13912340000–13912340299; every fifth owes 150.00 or more).
 */
export async function seedDemoBillFormats(prisma: PrismaClient): Promise<void> {
  const formatIds: number[] = [];
  for (const format of demoBillFormats) formatIds.push((await prisma.billFormat.create({ data: format, select: { id: true } })).id);
  const phones = Array.from({ length: 300 }, (_, i) => `1391234${String(i).padStart(4, '0')}`);
  const amounts = phones.map((_, i) => (i % 5 === 0 ? 150 + i : (i % 7) * 8.5 + 18).toFixed(2));
  const now = new Date();
  const billImport = await prisma.billImport.create({
    data: { billingMonth: DEMO_BILL_MONTH, formatId: formatIds[0], fileName: 'demo-2026-11.txt', state: 'SUCCEEDED', totalLines: 300, loadedLines: 300, badLines: 0, startedAt: now, finishedAt: now },
    select: { id: true },
  });
  await prisma.$executeRaw`INSERT INTO bill (import_id, phone, amount) SELECT ${billImport.id}::int, p, a FROM unnest(${phones}::text[], ${amounts}::numeric[]) AS t(p, a)`;
  await prisma.billMonth.create({ data: { billingMonth: DEMO_BILL_MONTH, importId: billImport.id } });
}
