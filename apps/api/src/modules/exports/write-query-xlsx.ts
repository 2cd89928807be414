import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { exportLabels, type ExportLanguage } from './export-labels.ts';
import type { CellValue, QueryExport } from './query-exports.ts';
import { wallClockDate } from './wall-clock.ts';

/** Rows an export holds at most; the SPA says so next to its Export buttons. */
export const EXPORT_ROW_LIMIT = 10_000;

/** Page size the export reads the query with (the API's largest page). */
const PAGE = 200;

interface Page {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: unknown }[];
}

/**
 * Writes a query's result as an .xlsx to `out` while paging through it: one worksheet, localized
 * headers, at most EXPORT_ROW_LIMIT rows (then a last line saying the export was cut). The first
 * page is given, already read, so that a refused query fails before anything is written.
 */
export async function writeQueryXlsx(
  out: Writable,
  spec: QueryExport,
  options: { lang: ExportLanguage; timeZone: string; firstPage: Page; nextPage: (after: string) => Promise<Page> },
): Promise<{ rows: number; truncated: boolean }> {
  const labels = exportLabels(options.lang);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'OpenIOM';
  const sheet = workbook.addWorksheet(labels.sheet[spec.name], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((column) => ({
    key: column.key,
    header: labels.column[column.key],
    width: column.width,
    style: column.dateTime ? { numFmt: 'yyyy-mm-dd hh:mm' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  let rows = 0;
  let truncated = false;
  let page = options.firstPage;
  for (;;) {
    for (const edge of page.edges) {
      if (rows === EXPORT_ROW_LIMIT) {
        truncated = true;
        break;
      }
      const values = spec.row(edge.node, labels, options.lang).map((value: CellValue) => (value instanceof Date ? wallClockDate(value, options.timeZone) : value));
      sheet.addRow(values).commit();
      rows += 1;
    }
    if (truncated || !page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    if (rows === EXPORT_ROW_LIMIT) {
      truncated = true;
      break;
    }
    page = await options.nextPage(page.pageInfo.endCursor);
  }
  if (truncated) {
    const note = sheet.addRow([labels.truncated(EXPORT_ROW_LIMIT)]);
    note.font = { italic: true };
    note.commit();
  }
  sheet.commit();
  await workbook.commit();
  return { rows, truncated };
}
