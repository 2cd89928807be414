import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { BillRecordReader, parseAmount, type BillFormatSpec, type BillRecord } from '../bill-parser.ts';

const delimited: BillFormatSpec = { kind: 'DELIMITED', encoding: 'UTF-8', headerLines: 0, separator: null, phoneColumn: 1, amountColumn: 2, recordLength: null, phoneOffset: null, phoneLength: null, amountOffset: null, amountLength: null, amountScale: 0 };
const fixed: BillFormatSpec = { ...delimited, kind: 'FIXED_WIDTH', phoneColumn: null, amountColumn: null, phoneOffset: 0, phoneLength: 12, amountOffset: 12, amountLength: 8, amountScale: 2 };

/** Reads the bytes in chunks of `chunk` bytes (so lines and GBK characters straddle chunks). */
function read(format: BillFormatSpec, bytes: Buffer, chunk = 7): BillRecord[] {
  const records: BillRecord[] = [];
  const reader = new BillRecordReader(format, (record) => records.push(record));
  for (let i = 0; i < bytes.length; i += chunk) reader.push(bytes.subarray(i, i + chunk));
  reader.end();
  return records;
}
const good = (records: BillRecord[]) => records.filter((r) => r.problem === null).map((r) => [r.lineNo, r.phone, r.amount]);
const bad = (records: BillRecord[]) => records.filter((r) => r.problem !== null).map((r) => [r.lineNo, r.problem]);

describe('bill record reader', () => {
  it('reads space-delimited lines, skipping header and blank lines, reporting each bad line by number', () => {
    const text = 'PHONE AMOUNT\n13800000001   12.5\r\n\n13800000002 -3\n1380000000x 1.00\n13800000003\n13800000004 1.234\n13800000001 9\n13800000005 7';
    const records = read({ ...delimited, headerLines: 1 }, Buffer.from(text));
    expect(good(records)).toEqual([
      [2, '13800000001', '12.50'],
      [4, '13800000002', '-3.00'],
      [9, '13800000005', '7.00'],
    ]);
    expect(bad(records)).toEqual([
      [5, 'phone number "1380000000x" is not 5–15 digits'],
      [6, '1 field; the amount is field 2'],
      [7, 'amount "1.234" is not a number with at most 2 decimal places'],
      [8, 'number 13800000001 already on line 2'],
    ]);
  });

  it('reads a separator and columns in any order', () => {
    const records = read({ ...delimited, separator: ',', phoneColumn: 3, amountColumn: 1 }, Buffer.from('8.8,x,02012345678\n'));
    expect(good(records)).toEqual([[1, '02012345678', '8.80']]);
  });

  it('decodes GBK (Chinese names between the fields, split across chunks)', () => {
    const bytes = iconv.encode('号码|姓名|金额\n13900000001|张三|100.10\n13900000002|李四|abc\n', 'gbk');
    const records = read({ ...delimited, encoding: 'GBK', separator: '|', amountColumn: 3, headerLines: 1 }, bytes, 3);
    expect(good(records)).toEqual([[2, '13900000001', '100.10']]);
    expect(bad(records)).toEqual([[3, 'amount "abc" is not a number with at most 2 decimal places']]);
    expect(records[1].text).toBe('13900000002|李四|abc');
  });

  it('reads fixed-width lines at byte offsets with an implied scale', () => {
    const records = read(fixed, Buffer.from('13900000001 00012345\n13900000002 -0000005\n139000000031234\n'));
    expect(good(records)).toEqual([
      [1, '13900000001', '123.45'],
      [2, '13900000002', '-0.05'],
    ]);
    expect(bad(records)).toEqual([[3, 'record is 15 bytes; the amount ends at byte 20']]);
  });

  it('reads fixed-length records without newlines, GBK bytes counted as bytes', () => {
    const record = (phone: string, name: string, cents: string) => Buffer.concat([Buffer.from(phone.padEnd(12)), iconv.encode(name, 'gbk'), Buffer.from(cents.padStart(8, '0'))]);
    const bytes = Buffer.concat([record('13900000001', '王五', '100'), record('13900000002', '赵六', '9x'), Buffer.from('1390')]);
    const records = read({ ...fixed, encoding: 'GBK', recordLength: 24, amountOffset: 16 }, bytes, 5);
    expect(good(records)).toEqual([[1, '13900000001', '1.00']]);
    expect(bad(records).map(([line]) => line)).toEqual([2, 3]);
    expect(bad(records)[1][1]).toBe('incomplete record: 4 of 24 bytes');
  });

  it('reports an overlong line once and goes on with the next', () => {
    const records = read(delimited, Buffer.from(`${'9'.repeat(10_000)} 1\n13800000001 2\n`), 1000);
    expect(bad(records)).toEqual([[1, 'line longer than 4096 bytes']]);
    expect(good(records)).toEqual([[2, '13800000001', '2.00']]);
  });

  it('parses amounts: point, implied scale, sign, limits', () => {
    expect(parseAmount('0012.3', 0)).toBe('12.30');
    expect(parseAmount('5', 2)).toBe('0.05');
    expect(parseAmount('-123456', 2)).toBe('-1234.56');
    expect(parseAmount('12.3', 2)).toEqual({ problem: 'amount "12.3" is not whole digits (the format implies 2 decimal places)' });
    expect(parseAmount('12345678901', 0)).toHaveProperty('problem');
    expect(parseAmount('', 0)).toEqual({ problem: 'amount is empty' });
  });

  it('splits GBK lines at the separator, not at a character whose second byte looks like it', () => {
    // 億 is 0x83 0x7C in GBK: its second byte is "|".
    expect(iconv.encode('億', 'gbk')).toEqual(Buffer.from([0x83, 0x7c]));
    const records = read({ ...delimited, encoding: 'GBK', separator: '|', amountColumn: 3 }, iconv.encode('13900000001|億|12.5\n億|13900000002|3|x\n13900000003|5|6|億\n', 'gbk'));
    expect(good(records)).toEqual([
      [1, '13900000001', '12.50'],
      [3, '13900000003', '6.00'],
    ]);
    expect(bad(records)).toEqual([[2, 'phone number "億" is not 5–15 digits']]);
  });

  it('reads plain-ASCII lines on the bytes exactly as the decoding path would (random lines)', () => {
    // The reference: decode, split, trim, the same regular expressions.
    const reference = (line: string, separator: string | null, scale: number) => {
      const fields = separator === null ? line.trim().split(/\s+/) : line.split(separator);
      if (fields.length < 2) return 'bad';
      const phone = fields[0].trim();
      if (!/^\d{5,15}$/.test(phone)) return 'bad';
      const amount = parseAmount(fields[1].trim(), scale);
      return typeof amount === 'string' ? `${phone}=${amount}` : 'bad';
    };
    let seed = 7;
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const pick = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
    for (const separator of [null, ',', '||']) {
      for (const scale of [0, 1, 2]) {
        const lines: string[] = [];
        for (let i = 0; i < 3000; i++) {
          const phone = random(4) === 0 ? pick('0123456789 x', 1 + random(18)) : String(10_000_000 + i * 7919).padStart(5 + random(8), '0');
          const amount = pick(random(3) === 0 ? '0123456789.- \t' : '0123456789', random(14));
          const sep = separator ?? pick(' \t', 1 + random(3));
          lines.push(`${random(5) === 0 ? ' ' : ''}${phone}${sep}${amount}${random(4) === 0 ? `${sep}rest` : ''}`);
        }
        const records = read({ ...delimited, separator, amountScale: scale }, Buffer.from(`${lines.join('\n')}\n`), 97);
        const seen = new Set<string>();
        const expected = lines.map((line) => {
          const outcome = reference(line, separator, scale);
          if (outcome === 'bad') return outcome;
          const phone = outcome.split('=')[0];
          if (seen.has(phone)) return 'bad';
          seen.add(phone);
          return outcome;
        });
        const byLine = new Map(records.map((r) => [r.lineNo, r.problem === null ? `${r.phone}=${r.amount}` : 'bad']));
        // Blank lines (a phone and amount of nothing but spaces) are skipped, not records.
        const actual = lines.map((line, i) => byLine.get(i + 1) ?? (/^[ \t]*$/.test(line) ? 'bad' : 'missing'));
        expect(actual).toEqual(expected);
        expect(records.filter((r) => r.problem === null).length).toBeGreaterThan(100);
      }
    }
  });
});
