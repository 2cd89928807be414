import { appUrl } from '../../fixtures/app-url.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { E2eViewerQuery } from '../../fixtures/graphql/auth-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { TEXTS } from '../../fixtures/texts.ts';
import { AppShell } from '../../pages/app-shell.ts';
import { LoginPage } from '../../pages/login-page.ts';

const en = TEXTS.en;

// Its own account: logging out ends the session for every test that would share it.
test.use({ who: { login: DEMO.billing.login } });

test('logging out in one tab sends the other tab of the same browser to the login page', async ({ page, context, session }) => {
  const first = new AppShell(page);
  await first.goto('/');
  const secondPage = await context.newPage();
  const second = new AppShell(secondPage);
  await second.goto('/help');
  await expect(second.currentStaff).toHaveAttribute('data-staff-no', DEMO.billing.staffNo);

  await first.logout();
  await expect(page).toHaveURL(appUrl('/login?reason=logged-out'));

  await expect(secondPage).toHaveURL(appUrl('/login?reason=other-tab'));
  await expect(new LoginPage(secondPage).notice).toHaveText(en.otherTab);

  // The server ended the session too: the token is worthless now.
  await expect.poll(async () => (await session!.client.request(E2eViewerQuery)).viewer).toBeNull();
});
