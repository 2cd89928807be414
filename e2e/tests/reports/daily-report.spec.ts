import ExcelJS from 'exceljs';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { submitCrmOrder } from '../../fixtures/crm-orders.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import type { GraphQLClient } from '../../fixtures/graphql-client.ts';
import { E2eDailyReportQuery } from '../../fixtures/graphql/report-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { TEXTS } from '../../fixtures/texts.ts';
import { AppShell } from '../../pages/app-shell.ts';
import { DailyReportPage } from '../../pages/daily-report-page.ts';

const { en, 'zh-CN': zh } = TEXTS;
/** A grid no other journey orders in, so that this journey's counts are exact. */
const AREA = 'GZ-HZ-02';

/** Today's report row of the area and work-order type, as the API counts it for `api`'s viewer. */
async function reportRow(api: GraphQLClient, typeCode: string) {
  const { dailyWorkOrderReport } = await api.request(E2eDailyReportQuery, { date: null });
  const row = dailyWorkOrderReport.rows.find((r) => r.organisation?.code === AREA && r.workOrderType?.code === typeCode);
  return { today: dailyWorkOrderReport.today, row };
}

test.use({ who: { login: DEMO.manager.login } });

test('the manager sees today\'s new orders in the daily report, moves between days and exports the table as .xlsx', async ({ page, session, adminApi }, testInfo) => {
  // Three orders, a download and two languages: slow when the shared machine is busy.
  test.setTimeout(120_000);
  const manager = session!.client;
  const before = (await reportRow(manager, 'NETWORK_MGMT')).row?.created ?? 0;
  // Three removals: each starts with one network-management work order (综合网管).
  for (let i = 0; i < 3; i += 1) await submitCrmOrder(adminApi, { areaCode: AREA, businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE' });
  const { today, row } = await reportRow(manager, 'NETWORK_MGMT');
  expect(row?.created).toBe(before + 3);

  const report = new DailyReportPage(page);
  await report.goto();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.dailyReportTitle);
  await expect(report.date).toHaveValue(today);
  const line = report.row(row!.organisation!.id, 'NETWORK_MGMT');
  await expect(report.cell(line, 'created')).toHaveText(String(before + 3));
  await expect(report.total.locator('th')).toHaveText(en.dailyReportTotal);
  await expect(report.chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await captureScreen(page, 'daily-report-en');

  // The export: a real workbook whose lines are the table's, header and total included.
  const shown = await report.texts();
  const [download] = await Promise.all([page.waitForEvent('download'), report.exportButton.click()]);
  expect(download.suggestedFilename()).toBe(`daily-work-order-report-${today}.xlsx`);
  const file = testInfo.outputPath('daily-report.xlsx');
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  expect(sheet.name).toBe('Daily report');
  const lines: string[][] = [];
  sheet.eachRow((sheetRow) => lines.push(shown[0].map((_, i) => String(sheetRow.getCell(i + 1).value ?? ''))));
  expect(lines).toEqual(shown);
  expect(lines.length).toBeGreaterThanOrEqual(3);

  // Days are in the URL: the day before, then back to today.
  await page.getByRole('button', { name: 'Previous day' }).click();
  await expect(page).toHaveURL(/[?&]date=\d{4}-\d{2}-\d{2}/);
  const yesterday = new URL(page.url()).searchParams.get('date')!;
  expect(yesterday < today).toBe(true);
  await expect(report.date).toHaveValue(yesterday);
  await expect(line).toHaveCount(0);
  await page.getByRole('button', { name: 'Today', exact: true }).click();
  await expect(page).not.toHaveURL(/date=/);
  await expect(report.cell(line, 'created')).toHaveText(String(before + 3));

  await new AppShell(page).switchLanguage('zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh.dailyReportTitle);
  await expect(report.exportButton).toHaveText(zh.dailyReportExport);
  await captureScreen(page, 'daily-report-zh-CN');
});
