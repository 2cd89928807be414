import type { PrismaClient } from '../generated/client/client.ts';

/**
 * Default call tariffs (reference data, written once: operators change them afterwards). The tariff
 * with the longest prefix of the called number applies; the empty prefix is the default (local calls).
 */
export const defaultTariffs = [
  { code: 'LOCAL', name: '本地通话', prefix: '', unitSeconds: 60, ratePerUnit: '0.1000' },
  { code: 'MOBILE', name: '拨打手机', prefix: '1', unitSeconds: 60, ratePerUnit: '0.1500' },
  { code: 'LONG_DISTANCE', name: '国内长途', prefix: '0', unitSeconds: 6, ratePerUnit: '0.0700' },
  { code: 'INTERNATIONAL', name: '国际长途', prefix: '00', unitSeconds: 6, ratePerUnit: '0.8000' },
  { code: 'INTERNATIONAL_PLUS', name: '国际长途(+)', prefix: '+', unitSeconds: 6, ratePerUnit: '0.8000' },
] as const;

/** Demo prepaid accounts: opening balances are top-ups in the ledger, so the ledger adds up to the balance. */
export const demoPrepaidAccounts = [
  { phone: '13300000001', name: '林小梅', note: '演示帐户', creditAmount: '0.00', topUp: '100.00' },
  { phone: '13300000002', name: '黄志强', note: '演示帐户', creditAmount: '20.00', topUp: '50.00' },
  { phone: '13300000003', name: '赵丽', note: '演示帐户：余额将尽', creditAmount: '0.00', topUp: '3.00' },
  { phone: '13300000004', name: '广州某贸易公司', note: '演示帐户：企业', creditAmount: '200.00', topUp: '500.00' },
  { phone: '13300000005', name: '孙伟', note: '演示帐户', creditAmount: '10.00', topUp: '30.00' },
] as const;

export async function seedTariffs(prisma: PrismaClient): Promise<void> {
  await prisma.tariff.createMany({ data: defaultTariffs.map((tariff) => ({ ...tariff })), skipDuplicates: true });
}

export async function seedDemoPrepaid(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction(async (tx) => {
    for (const account of demoPrepaidAccounts) {
      const row = await tx.prepaidAccount.create({ data: { phone: account.phone, name: account.name, note: account.note, creditAmount: account.creditAmount, balance: account.topUp }, select: { id: true } });
      await tx.prepaidLedgerEntry.create({ data: { accountId: row.id, kind: 'TOP_UP', amount: account.topUp, balanceAfter: account.topUp, note: '开户预存' } });
    }
  });
}
