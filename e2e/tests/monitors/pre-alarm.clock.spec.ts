import { captureScreen } from '../../fixtures/capture-screen.ts';
import { submitCrmOrder } from '../../fixtures/crm-orders.ts';
import type { GraphQLClient } from '../../fixtures/graphql-client.ts';
import {
  E2eAdvanceClockMutation,
  E2eClockQuery,
  E2eOrderProgressQuery,
  E2ePreAlarmMonitorQuery,
} from '../../fixtures/graphql/monitor-documents.ts';
import { E2eOrganisationsQuery } from '../../fixtures/graphql/staff-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { TEXTS } from '../../fixtures/texts.ts';
import { AppShell } from '../../pages/app-shell.ts';
import { PreAlarmPage, type AlarmSubject, type Measure } from '../../pages/pre-alarm-page.ts';

const { en, 'zh-CN': zh } = TEXTS;

/** Two weeks: more than the 24 working hours of a removal order, whatever holidays fall in between. */
const TWO_WEEKS = 14 * 24 * 60;

/** A count of the pre-alarm monitor as the API gives it. */
async function apiCount(api: GraphQLClient, breakDown: string, code: string, subject: AlarmSubject, measure: Measure): Promise<number> {
  const { preAlarmMonitor } = await api.request(E2ePreAlarmMonitorQuery, { organisationId: breakDown });
  const row = preAlarmMonitor.find((r) => r.organisation.code === code && r.subject === subject);
  return row ? row[measure] : 0;
}

// Moves the API's clock for everyone: runs in the `clock` project, after the other journeys (a jump
// would end lockouts that a login journey is waiting on).
test('an order past its time limit turns up overdue in its area, live, and in the list behind the count', async ({ page, adminApi }) => {
  const { clock } = await adminApi.request(E2eClockQuery);
  expect(clock.testMode).toBe(true);
  const { organisations } = await adminApi.request(E2eOrganisationsQuery);
  const tianhe = organisations.flatMap((p) => p.children.flatMap((city) => city.children)).find((d) => d.code === 'GZ-TH')!;
  expect(tianhe, 'Tianhe district in the organisation tree').toBeTruthy();

  const monitor = new PreAlarmPage(page);
  await test.step('break the province down to the district by organisation names', async () => {
    await monitor.goto();
    await expect(monitor.trailCurrent).toHaveText('Guangdong');
    await expect(monitor.row('GD')).toHaveClass(/is-total/);
    await monitor.breakDown('GZ');
    await monitor.breakDown('GZ-TH');
    await expect(page).toHaveURL(new RegExp(`\\?org=${tianhe.id}$`));
    await expect(monitor.trailCurrent).toHaveText('Tianhe');
    await expect(monitor.row('GZ-TH-01')).toBeVisible();
  });

  const overdue = monitor.count('GZ-TH-01', 'ORDER', 'overdue');
  const before = Number(await overdue.getAttribute('data-count'));

  const order = await test.step('CRM sends a removal order for the Shipai grid', async () => {
    const created = await submitCrmOrder(adminApi, { areaCode: 'GZ-TH-01', businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', acceptedAt: clock.now });
    // The network step goes through provisioning; then the dispatch center's work order waits.
    await expect
      .poll(async () => (await adminApi.request(E2eOrderProgressQuery, { id: created.id })).order?.workOrders.some((w) => w.step.code === 'DISPATCH' && w.state === 'PENDING'), { timeout: 30_000 })
      .toBe(true);
    return created;
  });

  await test.step('two weeks later the counts turn overdue without a reload', async () => {
    await page.evaluate(() => Object.assign(window, { __e2eNoReload: true }));
    await adminApi.request(E2eAdvanceClockMutation, { minutes: TWO_WEEKS });
    const expected = await apiCount(adminApi, tianhe.id, 'GZ-TH-01', 'ORDER', 'overdue');
    expect(expected).toBeGreaterThan(before);
    // Within the expect timeout (10 s), well before the 30 s re-read: the alarms did it.
    await expect(overdue).toHaveAttribute('data-count', String(expected));
    await expect(overdue).toHaveClass(/is-overdue/);
    await expect(monitor.count('GZ-TH-01', 'WORK_ORDER', 'acceptOverdue')).toHaveAttribute(
      'data-count',
      String(await apiCount(adminApi, tianhe.id, 'GZ-TH-01', 'WORK_ORDER', 'acceptOverdue')),
    );
    expect(await page.evaluate(() => (window as { __e2eNoReload?: boolean }).__e2eNoReload)).toBe(true);
    await captureScreen(page, 'pre-alarm-en');
  });

  await test.step('the overdue count lists the order', async () => {
    await overdue.click();
    await expect(overdue).toHaveAttribute('aria-expanded', 'true');
    await expect(monitor.list.getByRole('heading', { level: 2 })).toHaveText(`${en.overdueOrders} · Tianhe Shipai grid`);
    const row = monitor.orderRows.and(page.locator(`[data-order-no="${order.orderNo}"]`));
    await expect(row).toBeVisible();
    await expect(row.locator('[data-time-state]')).toHaveText(en.overdue);
    await captureScreen(page, 'pre-alarm-overdue-orders-en');
  });

  await test.step('the not-accepted-in-time count lists its dispatch work order, also after a reload', async () => {
    await monitor.count('GZ-TH-01', 'WORK_ORDER', 'acceptOverdue').click();
    await expect(monitor.list.getByRole('heading', { level: 2 })).toHaveText(`${en.notAcceptedInTime} · Tianhe Shipai grid`);
    const row = monitor.workOrderRows.and(page.locator(`[data-order-no="${order.orderNo}"]`));
    await expect(row).toHaveAttribute('data-work-order-no', /-DISPATCH$/);
    await page.reload();
    await expect(row).toBeVisible();
  });

  await test.step('in Chinese', async () => {
    await new AppShell(page).switchLanguage('zh-CN');
    await expect(monitor.trailCurrent).toHaveText('天河区');
    await expect(monitor.list.getByRole('heading', { level: 2 })).toHaveText(`${zh.notAcceptedInTime} · 天河区石牌网格`);
    await expect(monitor.table.getByRole('columnheader', { name: zh.overdue, exact: true }).first()).toBeVisible();
    await captureScreen(page, 'pre-alarm-zh-CN');
  });
});
