/**
 * Writes `rows` (the first is the header) as a real .xlsx sheet and has the browser download it.
 * exceljs is loaded only when someone exports.
 */
export async function downloadXlsx(fileName: string, sheetName: string, rows: (string | number)[][]): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OpenIOM';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRows(rows);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(rows.length).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = Math.max(8, ...rows.map((row) => String(row[i] ?? '').length + 2));
  });
  const buffer = await workbook.xlsx.writeBuffer();
  const url = URL.createObjectURL(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
