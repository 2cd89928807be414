import ExcelJS from 'exceljs';
import { loginViaApi } from '../../fixtures/api-session.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { submitCrmOrder } from '../../fixtures/crm-orders.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import type { GraphQLClient } from '../../fixtures/graphql-client.ts';
import { E2eClockQuery } from '../../fixtures/graphql/monitor-documents.ts';
import { E2eCompleteWorkOrderMutation } from '../../fixtures/graphql/order-documents.ts';
import { E2eInstallStatisticsQuery, E2eOrderStepsQuery, E2eSupervisionClaimMutation } from '../../fixtures/graphql/supervision-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { AppShell } from '../../pages/app-shell.ts';

/** Texts written out on purpose: a wrong translation must fail the journey. */
const TEXT = {
  en: { title: 'Install statistics', headers: ['Team', 'Installs', 'Moves', 'Removals', 'Completed', 'Received', 'In flight'], total: 'Total', tooLong: /at most 3 months: from \d{4}-\d{2}-\d{2} the last day allowed is \d{4}-\d{2}-\d{2}\./ },
  zh: { title: '装移拆统计', export: '导出 Excel', tooLong: /统计时段最长 3 个月/ },
};
const OPEN = ['PENDING', 'IN_PROGRESS'];
/** Steps people handle; the others (resources, activation, notice) are done by the simulators. */
const MANUAL_KINDS = ['DISPATCH_CENTER', 'FIELD_WORK', 'MANUAL'];

/**
 * Completes an order whatever its chain: the dispatcher completes dispatch-center steps, the installer
 * claims and completes the field work (its team queue is theirs), the simulators do the automatic steps.
 */
async function completeOrder(orderId: string, people: { admin: GraphQLClient; dispatcher: GraphQLClient; installer: GraphQLClient }) {
  await expect
    .poll(
      async () => {
        const { order } = await people.admin.request(E2eOrderStepsQuery, { id: orderId });
        if (!order || order.state !== 'EXECUTING') return order?.state;
        for (const workOrder of order.workOrders.filter((w) => OPEN.includes(w.state) && MANUAL_KINDS.includes(w.step.kind))) {
          const actors = workOrder.step.kind === 'DISPATCH_CENTER' ? [people.dispatcher, people.admin] : workOrder.step.kind === 'FIELD_WORK' ? [people.installer] : [people.admin];
          for (const actor of actors) {
            if (workOrder.state === 'PENDING' && actor === people.installer) await actor.request(E2eSupervisionClaimMutation, { input: { workOrderId: workOrder.id } });
            const { completeWorkOrder } = await actor.request(E2eCompleteWorkOrderMutation, { input: { workOrderId: workOrder.id } });
            if (completeWorkOrder.ok) break;
          }
        }
        return order.state;
      },
      { timeout: 60_000, intervals: [300, 500, 1000], message: `order ${orderId} to complete` },
    )
    .toBe('COMPLETED');
}

// The manager follows the statistics (the administrator has no dispatch menus).
test.use({ who: { login: DEMO.manager.login } });

test('a completed install shows in the statistics by team, drills down to its order and exports as .xlsx', async ({ page, adminApi, session, baseURL }, testInfo) => {
  test.setTimeout(150_000);
  const dispatcher = (await loginViaApi(baseURL!, DEMO.dispatcher.login)).client;
  const installer = (await loginViaApi(baseURL!, DEMO.installer.login)).client;
  const { clock } = await adminApi.request(E2eClockQuery);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(clock.now));

  const order = await submitCrmOrder(adminApi, { areaCode: 'GZ-TH-01', businessCode: 'BROADBAND_NEW', orderType: 'NEW', acceptedAt: clock.now, customer: { name: 'E2E 统计用户' } });
  await completeOrder(order.id, { admin: adminApi, dispatcher, installer });

  const { installStatistics } = await session!.client.request(E2eInstallStatisticsQuery, { input: { from: day, to: day, groupBy: 'TEAM' } });
  expect(installStatistics.ok, installStatistics.error?.message).toBe(true);
  const team = installStatistics.statistics!.rows.find((row) => row.key !== null && row.installsCompleted > 0 && row.name?.includes('石牌'));
  expect(team, JSON.stringify(installStatistics.statistics!.rows)).toBeTruthy();

  await page.goto(`/dispatch/statistics?from=${day}&to=${day}&groupBy=TEAM`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXT.en.title);
  const table = page.getByTestId('statistics-table');
  const row = table.locator(`.ag-row[row-id="${team!.key}"]`);
  const installs = row.locator('[col-id="installsCompleted"]');
  await expect(installs).toHaveText(/^[1-9]\d*$/);
  await expect(table.locator('.ag-row-pinned [col-id="label"]')).toHaveText(TEXT.en.total);
  await expect(page.getByTestId('statistics-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await captureScreen(page, 'statistics-en');

  await test.step('the export is the table, header and total included', async () => {
    const label = await row.locator('[col-id="label"]').innerText();
    const shown = await Promise.all(TEXT.en.headers.slice(1).map((_, i) => row.locator(`[col-id="${['installsCompleted', 'movesCompleted', 'removalsCompleted', 'completed', 'received', 'inFlight'][i]}"]`).innerText()));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statistics-export').click()]);
    expect(download.suggestedFilename()).toBe(`install-statistics-${day}-${day}.xlsx`);
    const file = testInfo.outputPath('statistics.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Install statistics');
    const lines: string[][] = [];
    sheet.eachRow((sheetRow) => lines.push(TEXT.en.headers.map((_, i) => String(sheetRow.getCell(i + 1).value ?? ''))));
    expect(lines[0]).toEqual(TEXT.en.headers);
    expect(lines).toContainEqual([label, ...shown]);
    expect(lines.at(-1)![0]).toBe(TEXT.en.total);
  });

  await test.step('drill down from the count to the orders, and on to the work-order query', async () => {
    await installs.getByRole('button').click();
    const orders = page.getByTestId('statistics-orders');
    const line = orders.locator(`[data-order-no="${order.orderNo}"]`);
    await expect(line).toBeVisible();
    await expect(line).toContainText('E2E 统计用户');
    await expect(line).toContainText(DEMO.installer.staffNo);
    await captureScreen(page, 'statistics-drill-down-en');
    const workOrderLink = line.locator('td').nth(7).getByRole('link');
    const workOrderNo = await workOrderLink.innerText();
    await workOrderLink.click();
    await expect(page).toHaveURL(new RegExp(`/queries/work-orders\\?workOrderNo=${workOrderNo}$`));
    await page.goBack();
  });

  await test.step('a range over 3 months is refused, naming the limit', async () => {
    await page.goto(`/dispatch/statistics?from=2026-01-01&to=2026-04-01&groupBy=TEAM`);
    await expect(page.getByTestId('statistics-refused')).toHaveText(TEXT.en.tooLong);
    await expect(page.getByTestId('statistics-refused')).toHaveAttribute('data-code', 'RANGE_TOO_LONG');
  });

  await test.step('in Chinese', async () => {
    await new AppShell(page).switchLanguage('zh-CN');
    await expect(page.getByTestId('statistics-refused')).toHaveText(TEXT.zh.tooLong);
    await page.goto(`/dispatch/statistics?from=${day}&to=${day}&groupBy=TEAM`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXT.zh.title);
    await expect(page.getByTestId('statistics-export')).toHaveText(TEXT.zh.export);
    await expect(installs).toHaveText(/^[1-9]\d*$/);
    await captureScreen(page, 'statistics-zh-CN');
  });
});
