import PDFDocument from 'pdfkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { exportLabels, localName, type ExportLabels, type ExportLanguage } from './export-labels.ts';
import { formatWallClock } from './wall-clock.ts';

const require = createRequire(import.meta.url);

/**
 * Noto Sans SC (OFL) as full TrueType files from the npm registry: Latin and Chinese in one font.
 * pdfkit embeds only the glyphs a sheet uses, so a PDF stays small. Read once per process.
 */
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function sheetFonts() {
  if (!fonts) {
    const dir = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
    fonts = {
      regular: readFileSync(path.join(dir, '400Regular', 'NotoSansSC_400Regular.ttf')),
      bold: readFileSync(path.join(dir, '700Bold', 'NotoSansSC_700Bold.ttf')),
    };
  }
  return fonts;
}

type Named = { name: string; nameEn: string } | null;

/** One sheet as `printWorkOrders` returns it (the fields the PDF shows). */
export interface SheetData {
  copy: number;
  printedAt: string;
  printedBy: { name: string; staffNo: string } | null;
  workOrder: {
    workOrderNo: string;
    state: keyof ExportLabels['workOrderState'];
    createdAt: string;
    dueAt: string | null;
    step: { name: string; nameEn: string };
    position: Named;
    handler: { name: string; staffNo: string } | null;
  };
  order: {
    orderNo: string;
    acceptanceNo: string | null;
    businessCode: string;
    orderType: string;
    productCode: string | null;
    customerName: string;
    customerPhone: string | null;
    broadbandAccount: string | null;
    address: string;
    acceptedAt: string;
    organisation: Named;
    demand: { key: string; value: string; oldValue: string | null }[];
    resources: { key: string; oldValue: string | null; newValue: string }[];
  };
}

const MARGIN = 48;

/** Writes the work-order sheets as a PDF to `out`, one A4 page per sheet, in `lang`. */
export function writeWorkOrderSheetsPdf(out: Writable, sheets: SheetData[], options: { lang: ExportLanguage; timeZone: string }): Promise<void> {
  const labels = exportLabels(options.lang);
  const { regular, bold } = sheetFonts();
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, autoFirstPage: false, info: { Title: labels.sheetTitle, Creator: 'OpenIOM' } });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);
  const time = (value: string | null) => formatWallClock(value, options.timeZone) || '—';
  for (const sheet of sheets) {
    doc.addPage();
    const width = doc.page.width - 2 * MARGIN;
    const { workOrder, order } = sheet;
    doc.font('bold').fontSize(18).text(labels.sheetTitle, MARGIN, MARGIN, { width, continued: false });
    doc.font('regular').fontSize(10).text(labels.copy(sheet.copy), MARGIN, MARGIN + 6, { width, align: 'right' });
    doc.font('bold').fontSize(14).text(workOrder.workOrderNo, MARGIN, MARGIN + 30, { width });
    doc.moveTo(MARGIN, MARGIN + 52).lineTo(MARGIN + width, MARGIN + 52).lineWidth(1).stroke();

    const c = labels.column;
    const fields: [string, string][] = [
      [c.orderNo, order.orderNo],
      [c.acceptanceNo, order.acceptanceNo ?? '—'],
      [c.step, localName(workOrder.step, options.lang)],
      [c.state, labels.workOrderState[workOrder.state] ?? workOrder.state],
      [c.position, localName(workOrder.position, options.lang) || '—'],
      [c.handler, workOrder.handler ? `${workOrder.handler.name} (${workOrder.handler.staffNo})` : '—'],
      [c.createdAt, time(workOrder.createdAt)],
      [c.dueAt, time(workOrder.dueAt)],
      [c.customer, order.customerName],
      [c.phone, order.customerPhone ?? '—'],
      [c.broadbandAccount, order.broadbandAccount ?? '—'],
      [c.area, localName(order.organisation, options.lang) || '—'],
      [c.businessCode, `${order.businessCode} · ${labels.orderType[order.orderType] ?? order.orderType}`],
      [c.productCode, order.productCode ?? '—'],
      [c.acceptedAt, time(order.acceptedAt)],
    ];
    let y = MARGIN + 62;
    const half = width / 2;
    fields.forEach(([label, value], i) => {
      const x = MARGIN + (i % 2) * half;
      if (i % 2 === 0 && i > 0) y += 20;
      doc.font('regular').fontSize(9).fillColor('#555555').text(label, x, y, { width: 90 });
      doc.font('regular').fontSize(10).fillColor('#000000').text(value, x + 92, y - 1, { width: half - 96, lineBreak: false, ellipsis: true });
    });
    y += 24;
    doc.font('regular').fontSize(9).fillColor('#555555').text(c.address, MARGIN, y, { width: 90 });
    doc.font('bold').fontSize(11).fillColor('#000000').text(order.address, MARGIN + 92, y - 1, { width: width - 92 });
    y = doc.y + 14;

    y = table(doc, labels.resources, [labels.resource, labels.oldValue, labels.newValue], order.resources.map((r) => [r.key, r.oldValue ?? '', r.newValue]), y, width);
    y = table(doc, labels.demand, [labels.parameter, labels.value, labels.oldValue], order.demand.map((d) => [d.key, d.value, d.oldValue ?? '']), y + 10, width);

    const bottom = doc.page.height - MARGIN - 60;
    const signY = Math.max(y + 24, bottom);
    doc.font('regular').fontSize(10).fillColor('#000000');
    doc.text(`${labels.signature}: ____________________`, MARGIN, signY, { width: half, lineBreak: false });
    doc.text(`${labels.customerSignature}: ____________________`, MARGIN + half, signY, { width: half, lineBreak: false });
    const printedBy = sheet.printedBy ? ` ${labels.printedBy} ${sheet.printedBy.name} (${sheet.printedBy.staffNo})` : '';
    doc.fontSize(8).fillColor('#555555').text(`${labels.printed} ${time(sheet.printedAt)}${printedBy} · ${labels.copy(sheet.copy)}`, MARGIN, signY + 30, { width, lineBreak: false });
    doc.fillColor('#000000');
  }
  if (sheets.length === 0) doc.addPage();
  doc.end();
  return done;
}

/** A small three-column table with a caption; returns the y below it. */
function table(doc: PDFKit.PDFDocument, caption: string, headers: string[], rows: string[][], top: number, width: number): number {
  if (rows.length === 0) return top;
  const widths = [width * 0.34, width * 0.33, width * 0.33];
  doc.font('bold').fontSize(10).fillColor('#000000').text(caption, MARGIN, top, { width });
  let y = doc.y + 4;
  const line = (cells: string[], font: 'regular' | 'bold') => {
    let x = MARGIN;
    cells.forEach((cell, i) => {
      doc.font(font).fontSize(9).text(cell, x + 2, y, { width: widths[i] - 4, lineBreak: false, ellipsis: true });
      x += widths[i];
    });
    y += 15;
    doc.moveTo(MARGIN, y - 2).lineTo(MARGIN + width, y - 2).lineWidth(0.5).strokeColor('#cccccc').stroke().strokeColor('#000000');
  };
  line(headers, 'bold');
  // Keep a sheet on one page: a very long demand is cut with its count.
  const room = Math.floor((doc.page.height - MARGIN - 110 - y) / 15);
  const shown = rows.length > room ? rows.slice(0, Math.max(room - 1, 0)) : rows;
  for (const row of shown) line(row, 'regular');
  if (shown.length < rows.length) line([`… +${rows.length - shown.length}`, '', ''], 'regular');
  return y;
}
