import { appUrl } from '../../fixtures/app-url.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO, DEMO_PASSWORD } from '../../fixtures/demo-accounts.ts';
import { expect, test } from '../../fixtures/test.ts';
import { TEXTS } from '../../fixtures/texts.ts';
import { AppShell } from '../../pages/app-shell.ts';
import { LoginPage } from '../../pages/login-page.ts';

const en = TEXTS.en;
const { login: zhangwei, staffNos } = DEMO.zhangwei;

test.use({ who: 'anonymous' });

test('an account with two staff numbers picks one after the password and works with its menus', async ({ page }) => {
  const login = new LoginPage(page);
  const shell = new AppShell(page);

  await test.step('password first, then the choice of staff number', async () => {
    await login.goto();
    await expect(login.heading).toHaveText(en.loginTitle);
    await captureScreen(page, 'login-en');
    await login.submitCredentials(zhangwei, DEMO_PASSWORD);
    await expect(login.heading).toHaveText(en.chooseStaffTitle);
    await expect(login.staffChoices).toHaveCount(2);
    await expect(login.staffChoice(staffNos.dispatcher)).toContainText('Tianhe');
    await expect(login.staffChoice(staffNos.admin)).toContainText('Guangzhou');
    await expect(login.staffRadio(staffNos.dispatcher)).not.toBeChecked();
    await expect(login.staffRadio(staffNos.admin)).not.toBeChecked();
    await captureScreen(page, 'staff-choice-en');

    // Continuing without a choice is refused on the spot.
    await login.staffChoiceSubmit.click();
    await expect(login.error).toHaveText(en.chooseStaffRequired);
    await expect(page).toHaveURL(appUrl('/login'));
  });

  await test.step('as the Tianhe dispatcher GZ0102: dispatcher menus only', async () => {
    await login.chooseStaff(staffNos.dispatcher);
    await expect(page).toHaveURL(appUrl('/'));
    await expect(shell.currentStaff).toHaveAttribute('data-staff-no', staffNos.dispatcher);
    await expect(shell.welcome).toHaveText(en.welcome('张伟'));
    expect(await shell.menuGroupCodes()).toEqual(['help', 'work-orders', 'monitoring', 'queries', 'dispatch']);
    expect(await shell.menuLeafCodes()).toContain('monitoring.pre-alarm');
    expect(await shell.menuLeafCodes()).not.toContain('monitoring.interfaces');
    await expect(shell.navItem('dispatch.todo')).not.toHaveAttribute('data-planned', 'true');
    await captureScreen(page, 'home-zhangwei-GZ0102-en');
  });

  await test.step('log out', async () => {
    await shell.logout();
    await expect(page).toHaveURL(appUrl('/login?reason=logged-out'));
    await expect(login.notice).toHaveText(en.loggedOut);
  });

  await test.step('as the administrator GZ0002: system management', async () => {
    await login.submitCredentials(zhangwei, DEMO_PASSWORD);
    await login.chooseStaff(staffNos.admin);
    await expect(page).toHaveURL(appUrl('/'));
    await expect(shell.currentStaff).toHaveAttribute('data-staff-no', staffNos.admin);
    expect(await shell.menuGroupCodes()).toEqual(['help', 'system', 'config', 'work-orders', 'monitoring', 'dispatch']);
    await expect(shell.navItem('system')).toContainText(en.systemGroup);
    await expect(shell.navItem('system.staff')).toHaveRole('link');
    await expect(shell.navItem('config.attributes')).toHaveRole('link');

    await shell.navItem('system.staff').click();
    await expect(page).toHaveURL(appUrl('/system/staff'));
    await expect(page.getByTestId('staff-grid')).toBeVisible();
  });
});
