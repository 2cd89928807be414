import { appUrl } from '../../fixtures/app-url.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO_PASSWORD, generatedInstallerLogin } from '../../fixtures/demo-accounts.ts';
import { expect, test } from '../../fixtures/test.ts';
import { TEXTS } from '../../fixtures/texts.ts';
import { AppShell } from '../../pages/app-shell.ts';
import { LoginPage } from '../../pages/login-page.ts';

const en = TEXTS.en;
const WRONG = 'not-the-password';

// Generated installers, not the shared demo logins: failures count against the account.
test.use({ who: 'anonymous' });

test('a wrong password is refused with a message, the right one still gets in', async ({ page }) => {
  const login = new LoginPage(page);
  const account = generatedInstallerLogin(2);
  await login.goto();

  await login.submitCredentials(account, WRONG);
  await login.expectRefused('INVALID_CREDENTIALS');
  await expect(login.error).toHaveText(en.invalidCredentials);
  await expect(login.loginName).toHaveValue(account);
  await expect(page).toHaveURL(appUrl('/login'));
  await captureScreen(page, 'login-error-en');

  // An unknown login name reads the same, so that names cannot be probed.
  await login.submitCredentials('nobody-here', WRONG);
  await login.expectRefused('INVALID_CREDENTIALS');

  await login.submitCredentials(account, DEMO_PASSWORD);
  await expect(new AppShell(page).currentStaff).toHaveAttribute('data-staff-no', account.toUpperCase());
});

test('five wrong passwords in a row lock the account', async ({ page }, testInfo) => {
  const login = new LoginPage(page);
  // A retry must not meet the account the first attempt locked.
  const account = generatedInstallerLogin(3 + testInfo.retry);
  await login.goto();

  for (let attempt = 1; attempt <= 4; attempt++) {
    await login.submitCredentials(account, `${WRONG}-${attempt}`);
    await login.expectRefused('INVALID_CREDENTIALS');
  }
  await login.submitCredentials(account, `${WRONG}-5`);
  await login.expectRefused('ACCOUNT_LOCKED');
  await expect(login.error).toHaveText(en.accountLocked);

  // Locked means locked: the right password is refused too.
  await login.submitCredentials(account, DEMO_PASSWORD);
  await login.expectRefused('ACCOUNT_LOCKED');
  await expect(page).toHaveURL(appUrl('/login'));
  await captureScreen(page, 'login-locked-en');
});
