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
});
