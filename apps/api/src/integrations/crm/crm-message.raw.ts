/** Order fields carried as plain text directly under `<order>` (XML) or in the top-level object (JSON). */
export const ORDER_TEXT_FIELDS = [
  'crmOrderCode',
  'businessCode',
  'orderType',
  'acceptanceNo',
  'acceptedAt',
  'areaCode',
  'productCode',
  'broadbandAccount',
  'cancelsCrmOrderCode',
] as const;

/** Customer fields carried as plain text inside `<customer>` / `"customer": {}`. */
export const CUSTOMER_TEXT_FIELDS = ['name', 'phone', 'address', 'idCardNo', 'latitude', 'longitude'] as const;

export type OrderTextField = (typeof ORDER_TEXT_FIELDS)[number];
export type CustomerTextField = (typeof CUSTOMER_TEXT_FIELDS)[number];
export type FieldPath = OrderTextField | `customer.${CustomerTextField}`;

/**
 * A message as read from XML or JSON, before the order rules run. Both formats produce this same
 * shape so that every rule is written once and both formats give the same reasons.
 */
export interface RawCrmOrder {
  /** Trimmed text of every field that was present (possibly empty); an absent field has no entry. */
  fields: Map<FieldPath, string>;
  /** Parameters in document order, trimmed; duplicates are kept so the rules can name them. */
  parameters: Array<{ name: string; value: string }>;
  /** Problems with the message's structure found while reading it, as reason sentences. */
  problems: string[];
  /** Fields whose problem is already among `problems`, so the rules do not also call them missing. */
  reported: Set<FieldPath>;
}

export type RawReadResult = { ok: true; raw: RawCrmOrder } | { ok: false; reason: string };

export function emptyRawOrder(): RawCrmOrder {
  return { fields: new Map(), parameters: [], problems: [], reported: new Set() };
}

export const ORDER_TEXT_FIELD_SET: ReadonlySet<string> = new Set(ORDER_TEXT_FIELDS);
export const CUSTOMER_TEXT_FIELD_SET: ReadonlySet<string> = new Set(CUSTOMER_TEXT_FIELDS);

const QUOTE_MAX_CHARS = 40;

/** A value as it appears in a reason: double-quoted, escaped, and cut short so one bad field cannot flood the reason. */
export function quote(value: string): string {
  const chars = [...value];
  return JSON.stringify(chars.length > QUOTE_MAX_CHARS ? `${chars.slice(0, QUOTE_MAX_CHARS).join('')}…` : value);
}

export function givenTimes(what: string, count: number): string {
  return `${what} is given ${count} times; give it once`;
}
