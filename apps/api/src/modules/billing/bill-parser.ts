import iconv from 'iconv-lite';
import { PhoneSet } from './phone-set.ts';

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
 * Where the reader puts what it reads. A good record's phone number is `src[phoneStart, phoneEnd)`
 * (ASCII digits) and its amount `amount[0, amountLength)` in the stored form (`-123.45`); both are
 * only valid during the call (the import copies the bytes straight into its COPY buffer).
 */
export interface BillRecordSink {
  good(lineNo: number, src: Buffer, phoneStart: number, phoneEnd: number, amount: Buffer, amountLength: number): void;
  bad(lineNo: number, problem: string, text: string): void;
}

const SPACE = 32;
const TAB = 9;
const MINUS = 45;
const POINT = 46;
const ZERO = 48;
const NINE = 57;
/** The white space `String.prototype.trim` and `\s` know within ASCII (a line is never split at \n). */
const isSpace = (byte: number) => byte === SPACE || (byte >= TAB && byte <= 13);

/**
 * Reads bill records from a byte stream in chunks: splits lines (or fixed-length records), picks
 * the phone number and the amount by the format and validates them. Holds at most one partial line
 * between chunks plus the numbers seen (to report a number that appears twice), never the file.
 *
 * Lines whose fields are plain ASCII — nearly all of a bill file — are read on the bytes, without
 * decoding or making strings (that is safe for GBK too: below 0x80 a GBK byte is ASCII unless a
 * lead byte, itself ≥ 0x81, came before it on the line). Any other line, and every line the byte
 * path finds wrong, goes through the decoding path (UTF-8 or GBK), which also words the reason.
 */
export class BillRecordReader {
  private carry: Buffer = Buffer.alloc(0);
  private lineNo = 0;
  private skippingLongLine = false;
  private readonly seen = new PhoneSet();
  private readonly decode: (bytes: Buffer) => string;
  private readonly split: RegExp | null;
  private readonly sink: BillRecordSink;
  /** The separator's bytes when the byte path can split on them (ASCII), else null. */
  private readonly separatorBytes: Buffer | null;
  private readonly fastDelimited: boolean;
  private readonly amountOut = Buffer.alloc(32);
  private readonly phoneOut = Buffer.alloc(16);

  constructor(
    private readonly format: BillFormatSpec,
    sink: BillRecordSink | ((record: BillRecord) => void),
  ) {
    const encoding = format.encoding.toUpperCase();
    this.decode = encoding === 'GBK' ? (bytes) => iconv.decode(bytes, 'gbk') : (bytes) => bytes.toString('utf8');
    this.split = format.separator === null || format.separator === '' ? /\s+/ : null;
    this.sink = typeof sink === 'function' ? recordSink(sink) : sink;
    const separator = this.split ? null : Buffer.from(format.separator!, 'latin1');
    this.separatorBytes = separator && /^[\x00-\x7f]+$/.test(format.separator!) ? separator : null;
    this.fastDelimited = this.split !== null || this.separatorBytes !== null;
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
      else this.line(data, start, end > start && data[end - 1] === 13 ? end - 1 : end, false);
      start = end + 1;
    }
    if (this.skippingLongLine) return;
    if (data.length - start > MAX_LINE_BYTES) {
      this.lineNo++;
      this.sink.bad(this.lineNo, `line longer than ${MAX_LINE_BYTES} bytes`, this.decode(data.subarray(start, start + 80)));
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
        this.line(last, 0, last[last.length - 1] === 13 ? last.length - 1 : last.length, false);
      }
    }
  }

  private pushRecords(chunk: Buffer, length: number): void {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    let start = 0;
    for (; start + length <= data.length; start += length) this.line(data, start, start + length, true);
    this.carry = Buffer.from(data.subarray(start));
  }

  private line(data: Buffer, start: number, end: number, record: boolean): void {
    this.lineNo++;
    if (this.lineNo <= this.format.headerLines) return;
    // Blank lines (e.g. a trailing one) are no records; fixed-length records are never blank.
    if (!record && isBlank(data, start, end)) return;
    if (this.format.kind === 'DELIMITED' ? this.fastDelimited && this.delimitedBytes(data, start, end) : this.fixedWidthBytes(data, start, end)) return;
    this.decoded(data.subarray(start, end));
  }

  /** The byte path of a delimited line: true when it was a good record and went to the sink. */
  private delimitedBytes(data: Buffer, start: number, end: number): boolean {
    const phoneColumn = this.format.phoneColumn ?? 1;
    const amountColumn = this.format.amountColumn ?? 2;
    const needed = phoneColumn > amountColumn ? phoneColumn : amountColumn;
    let phoneStart = -1;
    let phoneEnd = -1;
    let amountStart = -1;
    let amountEnd = -1;
    let field = 0;
    let i = start;
    const separator = this.separatorBytes;
    if (separator === null) {
      while (i < end && isSpace(data[i])) i++;
      while (i < end && field < needed) {
        const from = i;
        while (i < end && !isSpace(data[i])) {
          if (data[i] >= 0x80) return false;
          i++;
        }
        field++;
        if (field === phoneColumn) (phoneStart = from), (phoneEnd = i);
        else if (field === amountColumn) (amountStart = from), (amountEnd = i);
        while (i < end && isSpace(data[i])) i++;
      }
    } else {
      const first = separator[0];
      const width = separator.length;
      let from = i;
      for (; field < needed; i++) {
        const atEnd = i >= end;
        if (!atEnd) {
          const byte = data[i];
          if (byte >= 0x80) return false;
          if (byte !== first || (width > 1 && (i + width > end || data.compare(separator, 0, width, i, i + width) !== 0))) continue;
        }
        field++;
        if (field === phoneColumn) (phoneStart = from), (phoneEnd = i);
        else if (field === amountColumn) (amountStart = from), (amountEnd = i);
        if (atEnd) break;
        i += width - 1;
        from = i + 1;
      }
    }
    if (field < needed) return false;
    return this.accept(data, phoneStart, phoneEnd, amountStart, amountEnd);
  }

  /** The byte path of a fixed-width record: true when it was a good record and went to the sink. */
  private fixedWidthBytes(data: Buffer, start: number, end: number): boolean {
    const f = this.format;
    const phoneStart = start + (f.phoneOffset ?? 0);
    const phoneEnd = phoneStart + (f.phoneLength ?? 0);
    const amountStart = start + (f.amountOffset ?? 0);
    const amountEnd = amountStart + (f.amountLength ?? 0);
    if (phoneEnd > end || amountEnd > end) return false;
    return this.accept(data, phoneStart, phoneEnd, amountStart, amountEnd);
  }

  /** Trims and checks the phone number and the amount on the bytes; false sends the line to the decoding path. */
  private accept(data: Buffer, phoneStart: number, phoneEnd: number, amountStart: number, amountEnd: number): boolean {
    while (phoneStart < phoneEnd && isSpace(data[phoneStart])) phoneStart++;
    while (phoneEnd > phoneStart && isSpace(data[phoneEnd - 1])) phoneEnd--;
    const digits = phoneEnd - phoneStart;
    if (digits < 5 || digits > 15) return false;
    let key = 1;
    for (let i = phoneStart; i < phoneEnd; i++) {
      const byte = data[i];
      if (byte < ZERO || byte > NINE) return false;
      key = key * 10 + (byte - ZERO);
    }
    while (amountStart < amountEnd && isSpace(data[amountStart])) amountStart++;
    while (amountEnd > amountStart && isSpace(data[amountEnd - 1])) amountEnd--;
    const amountLength = amountBytes(data, amountStart, amountEnd, this.format.amountScale, this.amountOut);
    if (amountLength === 0) return false;
    // A repeated number: the decoding path words it (it finds the number again).
    if (this.seen.add(key, this.lineNo) !== 0) return false;
    this.sink.good(this.lineNo, data, phoneStart, phoneEnd, this.amountOut, amountLength);
    return true;
  }

  /** The decoding path: every field as text, and the reason when the line is bad. */
  private decoded(bytes: Buffer): void {
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
    const first = this.seen.add(Number(`1${phone}`), this.lineNo);
    if (first !== 0) {
      this.bad(`number ${phone} already on line ${first}`, bytes);
      return;
    }
    const phoneLength = this.phoneOut.write(phone, 'latin1');
    this.sink.good(this.lineNo, this.phoneOut, 0, phoneLength, this.amountOut, this.amountOut.write(amount, 'latin1'));
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
    this.sink.bad(this.lineNo, problem, clip(this.decode(bytes.subarray(0, 400)), 200));
  }
}

/** Adapts a callback taking whole records (previews, tests) to the reader's sink. */
export function recordSink(emit: (record: BillRecord) => void): BillRecordSink {
  return {
    good: (lineNo, src, phoneStart, phoneEnd, amount, amountLength) => emit({ lineNo, phone: src.toString('latin1', phoneStart, phoneEnd), amount: amount.toString('latin1', 0, amountLength), problem: null, text: '' }),
    bad: (lineNo, problem, text) => emit({ lineNo, phone: null, amount: null, problem, text }),
  };
}

/**
 * `parseAmount` on bytes: writes the stored form of `src[start, end)` into `out` and answers its
 * length, or 0 when the amount is not valid (the decoding path then says why).
 */
function amountBytes(src: Buffer, start: number, end: number, scale: number, out: Buffer): number {
  let i = start;
  let n = 0;
  if (i < end && src[i] === MINUS) {
    out[n++] = MINUS;
    i++;
  }
  const digitsStart = i;
  while (i < end && src[i] >= ZERO && src[i] <= NINE) i++;
  const digitsEnd = i;
  const count = digitsEnd - digitsStart;
  if (count === 0) return 0;
  let wholeEnd: number;
  let fractionStart: number;
  let fractionEnd: number;
  if (scale > 0) {
    if (i !== end || count > 12) return 0;
    wholeEnd = digitsEnd - scale;
    fractionStart = wholeEnd;
    fractionEnd = digitsEnd;
  } else {
    if (count > 10) return 0;
    wholeEnd = digitsEnd;
    fractionStart = fractionEnd = digitsEnd;
    if (i < end) {
      if (src[i] !== POINT) return 0;
      fractionStart = ++i;
      while (i < end && src[i] >= ZERO && src[i] <= NINE) i++;
      fractionEnd = i;
      if (i !== end || fractionEnd - fractionStart < 1 || fractionEnd - fractionStart > 2) return 0;
    }
  }
  // The whole part without leading zeros (at least one digit); with a scale the digits may be fewer than the scale.
  let w = digitsStart;
  while (w < wholeEnd - 1 && src[w] === ZERO) w++;
  if (wholeEnd - w > 10) return 0;
  if (w >= wholeEnd) out[n++] = ZERO;
  for (; w < wholeEnd; w++) out[n++] = src[w];
  out[n++] = POINT;
  // Fraction digits: with a scale, the last `scale` digits padded on the left with zeros.
  const fraction = fractionEnd - fractionStart;
  if (scale > 0) {
    for (let k = scale; k > 0; k--) {
      const at = digitsEnd - k;
      out[n++] = at >= digitsStart ? src[at] : ZERO;
    }
    for (let k = scale; k < 2; k++) out[n++] = ZERO;
  } else {
    for (let k = 0; k < 2; k++) out[n++] = k < fraction ? src[fractionStart + k] : ZERO;
  }
  return n;
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

function isBlank(data: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (data[i] !== 32 && data[i] !== 9 && data[i] !== 13) return false;
  return true;
}

function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Text as the format's encoding would store it (previews of a pasted sample go through the same reader). */
export function encodeSample(text: string, encoding: string): Buffer {
  return encoding.toUpperCase() === 'GBK' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
}
