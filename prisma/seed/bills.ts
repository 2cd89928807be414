import type { PrismaClient } from '../generated/client/client.ts';

/** The demo billing month and how its 200 bills are laid out (the arrears journey counts on these). */
export const demoBills = {
  billingMonth: '2026-10',
  formatCode: 'SPACE',
  numbers: 200,
  /** Numbers owing more than 100.00: every fourth one. */
  above100: 50,
  /** Of those, numbers the switch does not know (it refuses them "invalid number"). */
  unknownToSwitch: ['9900000100', '9900000200'],
} as const;

/** Phone number of the i-th demo bill (1-based): 13300000001…, two of them unknown to the switch. */
function demoPhone(i: number): string {
  if (i === 100) return demoBills.unknownToSwitch[0];
  if (i === 200) return demoBills.unknownToSwitch[1];
  return `1330000${String(i).padStart(4, '0')}`;
}

/**
 * A loaded bill month for the arrears demo: a space-separated bill format (upserted by code, so a
 * bill-format seed can define it too), one succeeded import of 200 bills for 2026-10 in force for the
 * month, 50 of them above 100.00. Written only when the month has no bills yet.
 */
export async function seedDemoBills(prisma: PrismaClient): Promise<void> {
  if (await prisma.billMonth.findUnique({ where: { billingMonth: demoBills.billingMonth } })) return;
  await prisma.$transaction(async (tx) => {
    const format = await tx.billFormat.upsert({
      where: { code: demoBills.formatCode },
      update: {},
      create: { code: demoBills.formatCode, name: '空格分隔帐单', kind: 'DELIMITED', separator: null, phoneColumn: 1, amountColumn: 2, note: 'Demo: "phone amount" per line, separated by spaces' },
    });
    const bills = Array.from({ length: demoBills.numbers }, (_, index) => {
      const i = index + 1;
      // Every fourth number owes more than 100.00; the others between 0.50 and 99.50.
      const amount = i % 4 === 0 ? 100 + i + 0.25 : (i % 100) + 0.5;
      return { phone: demoPhone(i), amount };
    });
    const started = new Date('2026-11-02T01:00:00Z');
    const billImport = await tx.billImport.create({
      data: {
        billingMonth: demoBills.billingMonth,
        formatId: format.id,
        fileName: 'bills-2026-10.txt',
        state: 'SUCCEEDED',
        totalLines: bills.length,
        loadedLines: bills.length,
        badLines: 0,
        startedAt: started,
        finishedAt: new Date(started.getTime() + 4000),
      },
      select: { id: true },
    });
    await tx.bill.createMany({ data: bills.map((bill) => ({ importId: billImport.id, ...bill })) });
    await tx.billMonth.create({ data: { billingMonth: demoBills.billingMonth, importId: billImport.id } });
  });
}
