import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { E2eDunningSchedulesQuery } from '../../fixtures/graphql/dunning-documents.ts';
import { E2eAdvanceClockMutation, E2eClockQuery, E2eConfigureSimulatorMutation } from '../../fixtures/graphql/monitor-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { AppShell } from '../../pages/app-shell.ts';
import { DunningPage } from '../../pages/dunning-page.ts';

test.use({ who: { login: DEMO.billingSenior.login, staffNo: DEMO.billingSenior.staffNo } });

const PERIOD = 60;
/** The server's default SMS / voice gateway (OPENIOM_SIMULATOR_*): now and then busy or silent. */
const USUAL_GATEWAY = { system: 'NOTIFICATION', minLatencyMs: 50, maxLatencyMs: 300, failureRate: 0.05, timeoutRate: 0.02 } as const;

/** The main-screens scan sees the list only: the dialog, the numbers and the history are checked here. */
async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ rule: v.id, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  expect(serious).toEqual([]);
}

test.afterEach(async ({ adminApi }) => {
  await adminApi.request(E2eConfigureSimulatorMutation, { input: USUAL_GATEWAY });
});

// Moves the API's clock for everyone: runs in the `clock` project, after the other journeys.
test('a senior billing user creates a dunning schedule, sees reminders go out live as the clock moves, and stops a number that paid', async ({ page, adminApi, session }) => {
  const { clock } = await adminApi.request(E2eClockQuery);
  expect(clock.testMode).toBe(true);
  // A gateway that accepts every reminder, so that the counts below are exact.
  await adminApi.request(E2eConfigureSimulatorMutation, { input: { ...USUAL_GATEWAY, failureRate: 0, timeoutRate: 0 } });
  // Numbers no other journey uses: 166, six digits of this run, two of the number.
  const run = String(Date.now()).slice(-6);
  const [payer, second, third] = ['01', '02', '03'].map((n) => `166${run}${n}`);
  const name = `E2E dunning ${run}`;
  const good = `${payer} 125.5\n${second}\n\n${third}`;
  const dunning = new DunningPage(page);
  await dunning.goto();

  await test.step('a malformed line is reported by its line number and nothing is created', async () => {
    await dunning.newButton.click();
    await expect(dunning.dialog).toBeVisible();
    await dunning.fillSchedule({ name, periodMinutes: PERIOD, count: 3, numbers: `020-8765 4321\n${good}` });
    await expect(dunning.dialog.getByTestId('dunning-period-hint')).toHaveText('hourly');
    await captureScreen(page, 'dunning-create-dialog-en');
    await dunning.dialog.getByTestId('dunning-schedule-submit').click();
    const problems = dunning.dialog.getByTestId('dunning-problem');
    await expect(problems).toHaveCount(1);
    await expect(problems.first()).toHaveAttribute('data-line', '1');
    await expect(problems.first()).toHaveText('Line 1 “020-8765 4321”: not a phone number (digits, optionally a leading +, 5–20 characters)');
    await expect(dunning.dialog.getByTestId('dunning-problems-summary')).toHaveText('1 line(s) of the number list cannot be used; nothing was created.');
    await expectNoSeriousAxeViolations(page);
    await captureScreen(page, 'dunning-create-problems-en');
    const { dunningSchedules } = await session!.client.request(E2eDunningSchedulesQuery);
    expect(dunningSchedules.edges.filter((e) => e.node.name === name)).toEqual([]);
  });

  await test.step('with the line fixed the schedule is created and its first reminders go out at once', async () => {
    await dunning.dialog.getByTestId('dunning-numbers').fill(good);
    await dunning.dialog.getByTestId('dunning-schedule-submit').click();
    await expect(dunning.dialog).toBeHidden();
    await expect(dunning.notice).toHaveText(`Schedule “${name}” created with 3 number(s).`);
    const row = dunning.schedule(name);
    await expect(row).toHaveAttribute('aria-selected', 'true');
    await expect(row).toContainText('SMS');
    await expect(row).toContainText('hourly × 3');
    await expect(dunning.detail.getByRole('heading', { level: 2 })).toHaveText(`Numbers of “${name}”`);
    for (const phone of [payer, second, third]) await expect(dunning.target(phone).getByTestId('dunning-target-sent')).toHaveText('1 / 3');
    await expect(dunning.target(payer)).toContainText('125.50');
    await expect(dunning.target(payer).getByTestId('dunning-target-last')).toContainText('Sent');
    await expect(row.getByTestId('dunning-schedule-sent')).toHaveText('3');
    const { dunningSchedules } = await session!.client.request(E2eDunningSchedulesQuery);
    expect(dunningSchedules.edges.filter((e) => e.node.name === name).map((e) => e.node.summary.total)).toEqual([3]);
    await captureScreen(page, 'dunning-en');
  });

  await test.step('one period later the second reminders show up without a reload or a refresh', async () => {
    await page.evaluate(() => Object.assign(window, { __e2eNoReload: true }));
    await adminApi.request(E2eAdvanceClockMutation, { minutes: PERIOD });
    for (const phone of [payer, second, third]) await expect(dunning.target(phone).getByTestId('dunning-target-sent')).toHaveText('2 / 3');
    await expect(dunning.schedule(name).getByTestId('dunning-schedule-sent')).toHaveText('6');
  });

  await test.step("the paying number's history lists both reminders with its amount", async () => {
    await dunning.target(payer).getByTestId('dunning-target-history').click();
    await expect(dunning.historyPanel.getByRole('heading', { level: 2 })).toHaveText(`Reminder history of ${payer}`);
    await expect(dunning.historyRows).toHaveCount(2);
    await expect(dunning.historyRows.nth(0)).toHaveAttribute('data-n', '2');
    await expect(dunning.historyRows.nth(1)).toHaveAttribute('data-n', '1');
    for (const reminder of await dunning.historyRows.all()) {
      await expect(reminder).toHaveAttribute('data-state', 'SENT');
      await expect(reminder).toContainText(name);
      await expect(reminder).toContainText(`Your number ${payer} owes 125.50 yuan.`);
    }
    await expectNoSeriousAxeViolations(page);
    await dunning.historyRows.last().scrollIntoViewIfNeeded();
    await captureScreen(page, 'dunning-history-en');
  });

  await test.step('the number pays: it stops while the others are reminded to the end', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await dunning.markPaidButton.click();
    await expect(dunning.paidNote).toHaveText(`${payer} marked paid: 1 active reminder schedule(s) stopped.`);
    await expect(dunning.target(payer).getByTestId('dunning-target-state-cell')).toHaveText('Paid');
    await expect(dunning.target(payer).getByTestId('dunning-target-next')).toHaveText('—');
    await expect(dunning.schedule(name).getByTestId('dunning-schedule-numbers')).toHaveText('3 (2 active, 1 paid)');

    await adminApi.request(E2eAdvanceClockMutation, { minutes: PERIOD });
    for (const phone of [second, third]) {
      await expect(dunning.target(phone).getByTestId('dunning-target-sent')).toHaveText('3 / 3');
      await expect(dunning.target(phone).getByTestId('dunning-target-state-cell')).toHaveText('All sent');
    }
    await expect(dunning.target(payer).getByTestId('dunning-target-sent')).toHaveText('2 / 3');
    await expect(dunning.schedule(name).getByTestId('dunning-schedule-state')).toHaveText('Finished');
    await expect(dunning.schedule(name).getByTestId('dunning-schedule-sent')).toHaveText('8');
    await expect(dunning.historyRows).toHaveCount(2);
    expect(await page.evaluate(() => (window as { __e2eNoReload?: boolean }).__e2eNoReload)).toBe(true);
  });

  await test.step('in Chinese', async () => {
    await new AppShell(page).switchLanguage('zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('语音催缴');
    await expect(dunning.detail.getByRole('heading', { level: 2 })).toHaveText(`“${name}”的号码`);
    await expect(dunning.target(payer).getByTestId('dunning-target-state-cell')).toHaveText('已缴费');
    await expect(dunning.target(second).getByTestId('dunning-target-state-cell')).toHaveText('已发完');
    await expect(dunning.schedule(name)).toContainText('每小时 × 3 次');
    await expect(dunning.notice).toHaveText(`已创建催缴计划“${name}”，共 3 个号码。`);
    await expect(dunning.paidNote).toHaveText(`${payer} 已登记缴费：停止了 1 个进行中的催缴。`);
    await captureScreen(page, 'dunning-zh-CN');
    await dunning.newButton.click();
    await dunning.fillSchedule({ name: `${name} 二`, periodMinutes: 1440, count: 2, numbers: `${second}\n${second} 8` });
    await expect(dunning.dialog.getByTestId('dunning-period-hint')).toHaveText('每天');
    await dunning.dialog.getByTestId('dunning-schedule-submit').click();
    await expect(dunning.dialog.getByTestId('dunning-problem')).toHaveText(`第 2 行“${second} 8”：该号码已在第 1 行`);
    await captureScreen(page, 'dunning-create-problems-zh-CN');
    await dunning.dialog.getByTestId('dunning-schedule-close').click();
    await expect(dunning.dialog).toBeHidden();
  });
});
