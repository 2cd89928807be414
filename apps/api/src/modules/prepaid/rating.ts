import { Prisma } from '@openiom/db';

/** A tariff as rating reads it. */
export interface TariffRecord {
  id: number;
  code: string;
  name: string;
  /** Called-number prefix; "" is the default tariff. */
  prefix: string;
  unitSeconds: number;
  ratePerUnit: Prisma.Decimal;
  updatedAt: Date;
}

/** The tariff of a called number: the one with the longest prefix it starts with (null when none applies). */
export function tariffFor(calledNumber: string, tariffs: readonly TariffRecord[]): TariffRecord | null {
  let best: TariffRecord | null = null;
  for (const tariff of tariffs) {
    if (calledNumber.startsWith(tariff.prefix) && (best === null || tariff.prefix.length > best.prefix.length)) best = tariff;
  }
  return best;
}

/**
 * The charge of a call: every started unit at the tariff's rate, rounded half-up to the cent. A call
 * of 0 seconds (not answered) costs nothing. Decimal arithmetic throughout: money is never a float.
 */
export function chargeFor(durationSeconds: number, tariff: Pick<TariffRecord, 'unitSeconds' | 'ratePerUnit'>): Prisma.Decimal {
  const units = Math.ceil(durationSeconds / tariff.unitSeconds);
  return new Prisma.Decimal(tariff.ratePerUnit).times(units).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);
}

/** Outgoing calls must be barred: credit + balance below the limit. */
export function belowLimit(balance: Prisma.Decimal | string | number, creditAmount: Prisma.Decimal | string | number, limit: Prisma.Decimal | string | number): boolean {
  return new Prisma.Decimal(balance).plus(creditAmount).lessThan(limit);
}
