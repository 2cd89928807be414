import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO, DEMO_PASSWORD } from '../../fixtures/demo-accounts.ts';
import { GraphQLClient } from '../../fixtures/graphql-client.ts';
import { E2eViewerQuery } from '../../fixtures/graphql/auth-documents.ts';
import { TOKEN_KEY } from '../../fixtures/storage-state.ts';
import { expect, test } from '../../fixtures/test.ts';
import { TEXTS } from '../../fixtures/texts.ts';
import { AppShell } from '../../pages/app-shell.ts';
import { LoginPage } from '../../pages/login-page.ts';
import { OnlineStaffPage } from '../../pages/online-staff-page.ts';

const en = TEXTS.en;

/** The count badge agrees with the rows (other journeys may log in meanwhile: read both until they agree). */
async function expectCountMatchesRows(online: OnlineStaffPage): Promise<void> {
  await expect
    .poll(async () => {
      const badge = Number(await online.count.getAttribute('data-count'));
      return badge === (await online.rows.count()) && (await online.count.textContent()) === en.onlineCount(badge);
    })
    .toBe(true);
}

test('the online list shows a login and a logout elsewhere live, without a reload', async ({ page, openSession, baseURL }) => {
  const online = new OnlineStaffPage(page);
  await online.goto();
  await expect(online.liveIndicator).toHaveText(en.live);
  await expect(online.rows.first()).toBeVisible();
  await expect(online.count).toHaveText(/^Online: \d+$/);
  await expectCountMatchesRows(online);
  // A reload would lose this mark: it proves the rows change in place.
  await page.evaluate(() => Object.assign(window, { __e2eNoReload: true }));

  // Someone else logs in, in another browser.
  const other = await openSession('anonymous');
  const login = new LoginPage(other.page);
  await login.goto();
  await login.submitCredentials(DEMO.dispatcher.login, DEMO_PASSWORD);
  await expect(new AppShell(other.page).currentStaff).toHaveAttribute('data-staff-no', DEMO.dispatcher.staffNo);
  const token = await other.page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY);
  const { viewer } = await new GraphQLClient(baseURL!, token).request(E2eViewerQuery);
  const sessionId = viewer!.sessionId;

  const row = online.session(sessionId);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-staff-no', DEMO.dispatcher.staffNo);
  await expect(row).toContainText('李调度');
  await expectCountMatchesRows(online);
  await captureScreen(page, 'online-staff-en');

  // … and logs out there: the row goes away here.
  await new AppShell(other.page).logout();
  await expect(other.page).toHaveURL(/\/login\?reason=logged-out$/);
  await expect(row).toHaveCount(0);

  expect(await page.evaluate(() => (window as { __e2eNoReload?: boolean }).__e2eNoReload)).toBe(true);
  await expect(online.liveIndicator).toHaveAttribute('data-state', 'live');
});
