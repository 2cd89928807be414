/**
 * Inbound CRM order messages: parse and validate one message from `if_from_crm_message`.
 *
 * The caller (the poller) turns `{ ok: true, order }` into an order, and stores `reason` of
 * `{ ok: false, reason }` on the message marked failed. This function never throws.
 * Full description for integrators, with both examples: ./crm-message.md
 *
 * XML format (UTF-8; element names are case-sensitive; surrounding whitespace is trimmed):
 *
 *   <order>
 *     <crmOrderCode>        required  CRM's order code, at most 64 characters, no whitespace
 *     <businessCode>        required  e.g. FIXED_NEW, BROADBAND_NEW, BROADBAND_MOVE, BROADBAND_REMOVE,
 *                                     ORDER_CANCEL; at most 64 characters, no whitespace
 *     <orderType>           required  NEW | MOVE | REMOVE | CHANGE | CANCEL (any letter case)
 *     <acceptanceNo>        optional  acceptance number (受理编号)
 *     <acceptedAt>          required  date and time accepted: 2024-03-18T09:32:15+08:00,
 *                                     2024-03-18 09:32:15 or 20240318093215; no zone = China time (+08:00)
 *     <areaCode>            optional  business area
 *     <productCode>         optional
 *     <broadbandAccount>    optional
 *     <cancelsCrmOrderCode> required when businessCode is ORDER_CANCEL or orderType is CANCEL:
 *                                     the crmOrderCode of the order being cancelled
 *     <customer>
 *       <name>              required
 *       <phone>             optional  5 to 20 characters: digits, "-", a leading "+"
 *       <address>           required
 *       <idCardNo>          optional
 *       <latitude>          optional  WGS-84 degrees of the address (with longitude; both or neither);
 *       <longitude>         optional  without them the address is geocoded
 *     </customer>
 *     <parameters>          optional  every other order parameter, each name given once:
 *       <param name="wantedNumber">020-38471256</param>
 *     </parameters>
 *   </order>
 *
 * Unknown elements are ignored, except inside <parameters>, which may hold only <param>.
 * DOCTYPE and ENTITY declarations are refused. An empty optional element counts as absent.
 * JSON format: the same structure as one object, every value a string in quotes,
 * "customer" an object and "parameters" an object of name: "value" pairs.
 */
import { quote, type FieldPath, type RawCrmOrder } from './crm-message.raw.ts';
import { readCrmJson } from './crm-message.json.ts';
import { readCrmXml } from './crm-message.xml.ts';

export { exampleJsonMessage, exampleXmlMessage } from './crm-message.examples.ts';

export const CRM_ORDER_TYPES = ['NEW', 'MOVE', 'REMOVE', 'CHANGE', 'CANCEL'] as const;
export type CrmOrderType = (typeof CRM_ORDER_TYPES)[number];
export type CrmMessageFormat = 'XML' | 'JSON';

/** An order as CRM sent it, validated for format only (the caller checks codes against the database). */
export type CrmOrder = {
  crmOrderCode: string;
  businessCode: string;
  orderType: CrmOrderType;
  /** `latitude`/`longitude`: where the address is, when CRM knows it (WGS-84; both or neither). */
  customer: { name: string; phone: string | null; address: string; idCardNo?: string | null; latitude?: number | null; longitude?: number | null };
  areaCode: string | null;
  productCode: string | null;
  /** ISO 8601 in UTC, e.g. 2024-03-18T01:32:15.000Z. */
  acceptedAt: string;
  acceptanceNo: string | null;
  broadbandAccount: string | null;
  cancelsCrmOrderCode: string | null;
  /** Every other order parameter (bandwidth, wanted number, old address of a move, …). */
  parameters: Record<string, string>;
};

export type CrmMessageResult = { ok: true; order: CrmOrder } | { ok: false; reason: string };

/** Largest payload read, in UTF-8 bytes: far above a real order, small enough to parse without harm. */
export const CRM_MESSAGE_MAX_BYTES = 256 * 1024;

/** Assumed UTC offset of an acceptedAt without one: CRM runs on China Standard Time. */
export const CRM_DEFAULT_UTC_OFFSET = '+08:00';

const CODE_MAX_CHARS = 64;
const PARAMETER_NAME_MAX_CHARS = 64;
const PHONE = /^\+?[0-9][0-9-]*$/;
// Past this many problems the message is clearly not an order; list enough to show why.
const MAX_LISTED_PROBLEMS = 20;

/** Parses and validates one inbound CRM order message; every problem found is listed in `reason`. */
export function parseCrmMessage(payload: string, format: CrmMessageFormat, options: { maxBytes?: number } = {}): CrmMessageResult {
  try {
    if (typeof payload !== 'string' || payload.trim() === '') return { ok: false, reason: 'payload is empty' };
    const maxBytes = options.maxBytes !== undefined && Number.isFinite(options.maxBytes) && options.maxBytes > 0 ? options.maxBytes : CRM_MESSAGE_MAX_BYTES;
    const bytes = Buffer.byteLength(payload, 'utf8');
    if (bytes > maxBytes) return { ok: false, reason: `payload is ${describeSize(bytes, maxBytes)}, over the ${describeLimit(maxBytes)} limit` };

    const kind = String(format).trim().toUpperCase();
    if (kind !== 'XML' && kind !== 'JSON') return { ok: false, reason: `message format ${quote(String(format))} is unknown; expected XML or JSON` };
    const read = kind === 'XML' ? readCrmXml(payload) : readCrmJson(payload);
    return read.ok ? validateCrmOrder(read.raw) : read;
  } catch (error) {
    // Not expected, but a message must never crash the poller: it is marked failed with this reason.
    return { ok: false, reason: `message could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function validateCrmOrder(raw: RawCrmOrder): CrmMessageResult {
  const problems = [...raw.problems];
  const text = (path: FieldPath): string | null => raw.fields.get(path) || null;
  const required = (path: FieldPath): string | null => {
    const value = raw.fields.get(path);
    if (raw.reported.has(path)) return null;
    if (value === undefined) problems.push(`${path} is missing`);
    else if (value === '') problems.push(`${path} is empty`);
    return value || null;
  };
  const code = (path: FieldPath, value: string | null): void => {
    if (value === null) return;
    const length = [...value].length;
    if (length > CODE_MAX_CHARS) problems.push(`${path} is ${length} characters long, over the ${CODE_MAX_CHARS}-character limit`);
    if (/\s/.test(value)) problems.push(`${path} ${quote(value)} contains whitespace`);
  };

  const crmOrderCode = required('crmOrderCode');
  code('crmOrderCode', crmOrderCode);
  const businessCode = required('businessCode');
  code('businessCode', businessCode);

  const orderTypeText = required('orderType');
  const orderType = CRM_ORDER_TYPES.find((type) => type === orderTypeText?.toUpperCase()) ?? null;
  if (orderTypeText !== null && orderType === null) problems.push(`orderType ${quote(orderTypeText)} is not one of ${CRM_ORDER_TYPES.join(', ')}`);

  const acceptedAtText = required('acceptedAt');
  const acceptedAt = acceptedAtText === null ? null : parseAcceptedAt(acceptedAtText);
  if (acceptedAtText !== null && acceptedAt === null) problems.push(`acceptedAt ${quote(acceptedAtText)} is not a date and time such as 2024-03-18T09:32:15+08:00`);

  const cancelsCrmOrderCode = text('cancelsCrmOrderCode');
  code('cancelsCrmOrderCode', cancelsCrmOrderCode);
  const isCancel = orderType === 'CANCEL' || businessCode === 'ORDER_CANCEL';
  if (isCancel && cancelsCrmOrderCode === null && !raw.reported.has('cancelsCrmOrderCode')) problems.push('cancelsCrmOrderCode is missing; a cancel order (ORDER_CANCEL / CANCEL) must name the CRM order it cancels');
  if (businessCode === 'ORDER_CANCEL' && orderType !== null && orderType !== 'CANCEL') problems.push(`businessCode ORDER_CANCEL needs orderType CANCEL, not ${orderType}`);
  if (cancelsCrmOrderCode !== null && cancelsCrmOrderCode === crmOrderCode) problems.push('cancelsCrmOrderCode is the order’s own crmOrderCode; an order cannot cancel itself');

  const name = required('customer.name');
  const phone = text('customer.phone');
  if (phone !== null && (!PHONE.test(phone) || phone.length < 5 || phone.length > 20)) problems.push(`customer.phone ${quote(phone)} is not a phone number (5 to 20 characters: digits, "-", a leading "+")`);
  const address = required('customer.address');
  const latitudeText = text('customer.latitude');
  const longitudeText = text('customer.longitude');
  const latitude = latitudeText === null ? null : Number(latitudeText);
  const longitude = longitudeText === null ? null : Number(longitudeText);
  if ((latitudeText === null) !== (longitudeText === null)) problems.push('customer.latitude and customer.longitude go together: give both or neither');
  if (latitude !== null && !(Number.isFinite(latitude) && latitude >= -90 && latitude <= 90)) problems.push(`customer.latitude ${quote(latitudeText!)} is not a latitude from -90 to 90`);
  if (longitude !== null && !(Number.isFinite(longitude) && longitude >= -180 && longitude <= 180)) problems.push(`customer.longitude ${quote(longitudeText!)} is not a longitude from -180 to 180`);

  const counts = new Map<string, number>();
  for (const { name: parameter } of raw.parameters) counts.set(parameter, (counts.get(parameter) ?? 0) + 1);
  for (const [parameter, count] of counts) {
    if (count > 1) problems.push(`parameter ${quote(parameter)} is given ${count} times; give it once`);
    if ([...parameter].length > PARAMETER_NAME_MAX_CHARS) problems.push(`parameter name ${quote(parameter)} is longer than ${PARAMETER_NAME_MAX_CHARS} characters`);
  }

  if (problems.length > 0) return { ok: false, reason: describeProblems(problems) };
  return {
    ok: true,
    order: {
      crmOrderCode: crmOrderCode!,
      businessCode: businessCode!,
      orderType: orderType!,
      customer: { name: name!, phone, address: address!, idCardNo: text('customer.idCardNo'), ...(latitude !== null && longitude !== null ? { latitude, longitude } : {}) },
      areaCode: text('areaCode'),
      productCode: text('productCode'),
      acceptedAt: acceptedAt!,
      acceptanceNo: text('acceptanceNo'),
      broadbandAccount: text('broadbandAccount'),
      cancelsCrmOrderCode,
      // fromEntries defines own properties, so a parameter named "__proto__" stays a plain key.
      parameters: Object.fromEntries(raw.parameters.map(({ name: key, value }) => [key, value])),
    },
  };
}

const DATE_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const COMPACT_DATE_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** ISO 8601 (UTC) of a CRM acceptance time, or null when it is not a real date and time. */
function parseAcceptedAt(value: string): string | null {
  const match = DATE_TIME.exec(value) ?? COMPACT_DATE_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
  const second = Number(match[6] ?? 0);
  const milliseconds = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetMinutes = parseUtcOffset(match[8] ?? CRM_DEFAULT_UTC_OFFSET);
  if (offsetMinutes === null || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // Dates roll over (February 30 becomes March 1): a date that does not come back unchanged does not exist.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  date.setUTCHours(hour, minute, second, milliseconds);
  return new Date(date.getTime() - offsetMinutes * 60_000).toISOString();
}

/** Minutes east of UTC for "Z", "+08:00", "+0800" or "+08". */
function parseUtcOffset(zone: string): number | null {
  if (zone.toUpperCase() === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  if (hours > 14 || minutes > 59) return null;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function describeProblems(problems: string[]): string {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems.join('; ');
  const more = problems.length - MAX_LISTED_PROBLEMS;
  return `${problems.slice(0, MAX_LISTED_PROBLEMS).join('; ')}; and ${more} more ${more === 1 ? 'problem' : 'problems'}`;
}

function describeLimit(maxBytes: number): string {
  return maxBytes % 1024 === 0 ? `${maxBytes / 1024} KiB` : `${maxBytes}-byte`;
}

// In the limit's unit, rounded up so that a payload one byte over never reads as equal to the limit.
function describeSize(bytes: number, maxBytes: number): string {
  return maxBytes % 1024 === 0 ? `${Math.ceil(bytes / 1024)} KiB` : `${bytes} bytes`;
}
