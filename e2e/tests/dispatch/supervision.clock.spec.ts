import { captureScreen } from '../../fixtures/capture-screen.ts';
import { submitCrmOrder } from '../../fixtures/crm-orders.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { E2eAdvanceClockMutation, E2eClockQuery } from '../../fixtures/graphql/monitor-documents.ts';
import { E2eSupervisionQuery } from '../../fixtures/graphql/supervision-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { AppShell } from '../../pages/app-shell.ts';

/** Texts written out on purpose: a wrong translation must fail the journey. */
const TEXT = {
  en: { title: 'Supervision', overdue: 'Overdue', warning: 'Warning', claimTimeout: 'Claim timeout' },
  zh: { title: '督办', overdue: '超时', warning: '预警', claimTimeout: '签收超时' },
};

// The manager supervises (the administrator has no dispatch menus).
test.use({ who: { login: DEMO.manager.login } });

// Moves the API's clock for everyone: runs in the `exclusive` project, after the other journeys.
test('a broadband order turns up on the warning list at 36 hours and moves to the overdue list at 48, live', async ({ page, adminApi, session }) => {
  const manager = session!.client;
  test.setTimeout(120_000);
  const { clock } = await adminApi.request(E2eClockQuery);
  expect(clock.testMode).toBe(true);
  const { supervision: before } = await manager.request(E2eSupervisionQuery);
  const { warningHours, overdueHours } = before.thresholds;

  // Any flow with a dispatch-center step is supervised; a removal is the shortest.
  const order = await submitCrmOrder(adminApi, { areaCode: 'GZ-TH-01', businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', acceptedAt: clock.now, customer: { name: 'E2E 督办用户' } });

  await page.goto('/dispatch/supervision');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXT.en.title);
  const overdueList = page.getByTestId('supervision-overdue');
  const warningList = page.getByTestId('supervision-warning');
  const inWarning = warningList.locator(`[row-id="${order.orderNo}"]`);
  const inOverdue = overdueList.locator(`[row-id="${order.orderNo}"]`);
  await expect(page.locator('#supervision-claimTimeout-heading')).toHaveText(new RegExp(`^${TEXT.en.claimTimeout}\\d+$`));
  await expect(inWarning).toHaveCount(0);
  await expect(inOverdue).toHaveCount(0);
  // Every journey's orders are older than this one: the lists show the oldest first, so find it.
  await page.getByTestId('supervision-search').fill(order.orderNo);
  await page.evaluate(() => Object.assign(window, { __e2eNoReload: true }));

  await test.step('a minute past the warning age it is on the warning list, without a reload', async () => {
    await adminApi.request(E2eAdvanceClockMutation, { minutes: warningHours * 60 + 1 });
    await expect(inWarning).toBeVisible();
    await expect(inWarning).toContainText('E2E 督办用户');
    await expect(inWarning.locator('[col-id="age"]')).toHaveText(new RegExp(`^${warningHours} h 0[0-9] min$`));
    await expect(inOverdue).toHaveCount(0);
    await expect(page.getByTestId('supervision-warning-count')).toHaveAttribute('data-count', '1');
    await captureScreen(page, 'supervision-warning-en');
  });

  await test.step('past the overdue age it moves to the overdue list, in red', async () => {
    await adminApi.request(E2eAdvanceClockMutation, { minutes: (overdueHours - warningHours) * 60 });
    await expect(inOverdue).toBeVisible();
    await expect(inOverdue).toHaveClass(/is-overdue/);
    await expect(inWarning).toHaveCount(0);
    await expect(page.getByTestId('supervision-overdue-count')).toHaveAttribute('data-count', '1');
    const { supervision } = await manager.request(E2eSupervisionQuery, { filter: { search: order.orderNo } });
    expect(supervision.overdue.rows.map((row) => row.orderNo)).toEqual([order.orderNo]);
    expect(await page.evaluate(() => (window as { __e2eNoReload?: boolean }).__e2eNoReload)).toBe(true);
    await captureScreen(page, 'supervision-overdue-en');
  });

  await test.step('in Chinese', async () => {
    await new AppShell(page).switchLanguage('zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TEXT.zh.title);
    for (const [list, name] of [['overdue', TEXT.zh.overdue], ['warning', TEXT.zh.warning], ['claimTimeout', TEXT.zh.claimTimeout]]) {
      await expect(page.locator(`#supervision-${list}-heading`)).toHaveText(new RegExp(`^${name}\\d+$`));
    }
    await expect(inOverdue.locator('[col-id="age"]')).toHaveText(new RegExp(`^${overdueHours} 小时 0[0-9] 分$`));
    await captureScreen(page, 'supervision-zh-CN');
  });
});
