import type { BillFormatSpec } from './bill-parser.ts';

export interface BillFormatRecord extends BillFormatSpec {
  id: number;
  code: string;
  name: string;
  note: string;
}

export type BillFormatInput = Omit<BillFormatRecord, 'id'> & { id: number | null };

export interface BillImportRecord {
  id: number;
  billingMonth: string;
  formatId: number;
  fileName: string;
  state: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  totalLines: number;
  loadedLines: number;
  badLines: number;
  error: string | null;
  staffId: number | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface BillImportProblemRecord {
  lineNo: number;
  reason: string;
  text: string;
}

export interface BillRecordRow {
  billingMonth: string;
  phone: string;
  amount: string;
  importId: number;
}

export interface BillPreviewLineRecord {
  lineNo: number;
  phone: string | null;
  amount: string | null;
  problem: string | null;
  text: string;
}
