import iconv from 'iconv-lite';

/** How a bill file lays out its records (a BillFormat row, without its name). */
export interface BillFormatSpec {
  kind: 'DELIMITED' | 'FIXED_WIDTH';
  encoding: string;
  headerLines: number;
  separator: string | null;
  phoneColumn: number | null;
  amountColumn: number | null;
  recordLength: number | null;
  phoneOffset: number | null;
  phoneLength: number | null;
  amountOffset: number | null;
  amountLength: number | null;
  amountScale: number;
}

/** What the reader makes of one record: a phone and amount, or why the line is bad. */
export type BillRecord = { lineNo: number; phone: string; amount: string; problem: null; text: string } | { lineNo: number; phone: null; amount: null; problem: string; text: string };

export const BILL_ENCODINGS = ['UTF-8', 'GBK'] as const;
/** Longest line (or record) accepted; a longer one is reported and skipped, so memory stays bounded. */
export const MAX_LINE_BYTES = 4096;
const PHONE = /^\d{5,15}$/;
const DECIMAL = /^(-?)(\d{1,10})(?:\.(\d{1,2}))?$/;
const SCALED = /^(-?)(\d{1,12})$/;

/**
 * Reads bill records from a byte stream in chunks: splits lines (or fixed-length records),
 * decodes (UTF-8 or GBK), picks the phone number and the amount by the format and validates them.
 * Holds at most one partial line between chunks plus one number per phone seen (to report a number
 * that appears twice), never the file.
 */
export class BillRecordReader {
  private carry: Buffer = Buffer.alloc(0);
  private lineNo = 0;
  private skippingLongLine = false;
  /** phone (as a number, with a leading 1 to keep leading zeros) → line it was first on. */
  private readonly seen = new Map<number, number>();
  private readonly decode: (bytes: Buffer) => string;
  private readonly split: RegExp | null;

  constructor(
    private readonly format: BillFormatSpec,
    private readonly emit: (record: BillRecord) => void,
  ) {
    const encoding = format.encoding.toUpperCase();
    this.decode = encoding === 'GBK' ? (bytes) => iconv.decode(bytes, 'gbk') : (bytes) => bytes.toString('utf8');
    this.split = format.separator === null || format.separator === '' ? /\s+/ : null;
  }

  push(chunk: Buffer): void {
    if (this.format.kind === 'FIXED_WIDTH' && this.format.recordLength) {
      this.pushRecords(chunk, this.format.recordLength);
      return;
    }
    let start = 0;
    let data = chunk;
    if (this.carry.length > 0) {
      data = Buffer.concat([this.carry, chunk]);
      this.carry = Buffer.alloc(0);
    }
    for (;;) {
      const end = data.indexOf(10, start);
      if (end < 0) break;
      if (this.skippingLongLine) this.skippingLongLine = false;
      else this.line(data.subarray(start, end > start && data[end - 1] === 13 ? end - 1 : end));
      start = end + 1;
    }
    if (this.skippingLongLine) return;
    if (data.length - start > MAX_LINE_BYTES) {
      this.lineNo++;
      this.emit({ lineNo: this.lineNo, phone: null, amount: null, problem: `line longer than ${MAX_LINE_BYTES} bytes`, text: this.decode(data.subarray(start, start + 80)) });
      this.skippingLongLine = true;
      return;
    }
    this.carry = Buffer.from(data.subarray(start));
  }

  /** The last line when the file does not end with a newline. */
  end(): void {
    if (this.carry.length > 0 && !this.skippingLongLine) {
      const last = this.carry;
      this.carry = Buffer.alloc(0);
      if (this.format.kind === 'FIXED_WIDTH' && this.format.recordLength) {
        this.lineNo++;
        if (this.lineNo > this.format.headerLines) this.bad(`incomplete record: ${last.length} of ${this.format.recordLength} bytes`, last);
      } else {
        this.line(last[last.length - 1] === 13 ? last.subarray(0, -1) : last);
      }
    }
  }

  private pushRecords(chunk: Buffer, length: number): void {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    let start = 0;
    for (; start + length <= data.length; start += length) this.line(data.subarray(start, start + length), true);
    this.carry = Buffer.from(data.subarray(start));
  }

  private line(bytes: Buffer, record = false): void {
    this.lineNo++;
    if (this.lineNo <= this.format.headerLines) return;
    // Blank lines (e.g. a trailing one) are no records; fixed-length records are never blank.
    if (!record && isBlank(bytes)) return;
    const fields = this.format.kind === 'DELIMITED' ? this.delimited(bytes) : this.fixedWidth(bytes);
    if (typeof fields === 'string') {
      this.bad(fields, bytes);
      return;
    }
    const phone = fields.phone.trim();
    if (!PHONE.test(phone)) {
      this.bad(phone === '' ? 'phone number is empty' : `phone number "${clip(phone)}" is not 5–15 digits`, bytes);
      return;
    }
    const amount = parseAmount(fields.amount.trim(), this.format.amountScale);
    if (typeof amount !== 'string') {
      this.bad(amount.problem, bytes);
      return;
    }
    const key = Number(`1${phone}`);
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.bad(`number ${phone} already on line ${first}`, bytes);
      return;
    }
    this.seen.set(key, this.lineNo);
    this.emit({ lineNo: this.lineNo, phone, amount, problem: null, text: '' });
  }

  private delimited(bytes: Buffer): { phone: string; amount: string } | string {
    const text = this.decode(bytes);
    const fields = this.split ? text.trim().split(this.split) : text.split(this.format.separator!);
    const phoneColumn = this.format.phoneColumn ?? 1;
    const amountColumn = this.format.amountColumn ?? 2;
    const needed = Math.max(phoneColumn, amountColumn);
    if (fields.length < needed) return `${fields.length} field${fields.length === 1 ? '' : 's'}; the ${phoneColumn > amountColumn ? 'phone number' : 'amount'} is field ${needed}`;
    return { phone: fields[phoneColumn - 1], amount: fields[amountColumn - 1] };
  }

  private fixedWidth(bytes: Buffer): { phone: string; amount: string } | string {
    const f = this.format;
    const phoneEnd = (f.phoneOffset ?? 0) + (f.phoneLength ?? 0);
    const amountEnd = (f.amountOffset ?? 0) + (f.amountLength ?? 0);
    const needed = Math.max(phoneEnd, amountEnd);
    if (bytes.length < needed) return `record is ${bytes.length} bytes; the ${phoneEnd > amountEnd ? 'phone number' : 'amount'} ends at byte ${needed}`;
    return { phone: this.decode(bytes.subarray(f.phoneOffset ?? 0, phoneEnd)), amount: this.decode(bytes.subarray(f.amountOffset ?? 0, amountEnd)) };
  }

  private bad(problem: string, bytes: Buffer): void {
    this.emit({ lineNo: this.lineNo, phone: null, amount: null, problem, text: clip(this.decode(bytes.subarray(0, 400)), 200) });
  }
}

/**
 * An amount as the database stores it ("-12.30"), or why not. With a scale the text is whole
 * digits with the point implied (scale 2: "1234" is 12.34). Negative amounts are credits and are kept.
 */
export function parseAmount(text: string, scale: number): string | { problem: string } {
  if (text === '') return { problem: 'amount is empty' };
  if (scale > 0) {
    const match = SCALED.exec(text);
    if (!match) return { problem: `amount "${clip(text)}" is not whole digits (the format implies ${scale} decimal places)` };
    const digits = match[2].padStart(scale + 1, '0');
    const whole = digits.slice(0, digits.length - scale).replace(/^0+(?=\d)/, '');
    if (whole.length > 10) return { problem: `amount "${clip(text)}" is too large` };
    return `${match[1]}${whole}.${digits.slice(digits.length - scale).padEnd(2, '0').slice(0, 2)}`;
  }
  const match = DECIMAL.exec(text);
  if (!match) return { problem: `amount "${clip(text)}" is not a number with at most 2 decimal places` };
  return `${match[1]}${match[2].replace(/^0+(?=\d)/, '')}.${(match[3] ?? '').padEnd(2, '0')}`;
}

function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte !== 32 && byte !== 9 && byte !== 13) return false;
  return true;
}

function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Text as the format's encoding would store it (previews of a pasted sample go through the same reader). */
export function encodeSample(text: string, encoding: string): Buffer {
  return encoding.toUpperCase() === 'GBK' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
}
