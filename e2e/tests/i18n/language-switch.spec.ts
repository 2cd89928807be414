import type { Page } from '@playwright/test';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { LANGUAGE_KEY } from '../../fixtures/storage-state.ts';
import { expect, test } from '../../fixtures/test.ts';
import { TEXTS } from '../../fixtures/texts.ts';
import { AppShell } from '../../pages/app-shell.ts';
import { LoginPage } from '../../pages/login-page.ts';

const { en, 'zh-CN': zh } = TEXTS;

function storedLanguage(page: Page): Promise<string | null> {
  return page.evaluate((key) => localStorage.getItem(key), LANGUAGE_KEY);
}

test.describe('behind the login', () => {
  test.use({ language: 'zh-CN' });

  test('switching zh-CN ↔ en changes the texts and survives a reload', async ({ page }) => {
    const shell = new AppShell(page);
    await shell.goto('/');

    await test.step('Chinese', async () => {
      await expect(shell.languageSwitch).toHaveAttribute('data-lang', 'zh-CN');
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await expect(shell.welcome).toHaveText(zh.welcome('系统管理员'));
      await expect(shell.homeLink).toHaveText(zh.home);
      await expect(shell.navItem('system')).toContainText(zh.systemGroup);
      await expect(shell.navItem('system.staff')).toHaveText(zh.staffLeaf);
      await expect(shell.logoutButton).toHaveText(zh.logout);
      await expect(page.getByRole('navigation', { name: zh.navLabel })).toBeVisible();
      await expect(page.getByRole('heading', { name: zh.canOpenTitle })).toBeVisible();
      await captureScreen(page, 'home-admin-zh-CN');
    });

    await test.step('to English, and after a reload', async () => {
      await shell.switchLanguage('en');
      await expect(shell.welcome).toHaveText(en.welcome('系统管理员'));
      await expect(shell.navItem('system.staff')).toHaveText(en.staffLeaf);
      await expect(shell.logoutButton).toHaveText(en.logout);
      expect(await storedLanguage(page)).toBe('en');

      await page.reload();
      await expect(shell.languageSwitch).toHaveAttribute('data-lang', 'en');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(shell.homeLink).toHaveText(en.home);
      await expect(shell.navItem('system')).toContainText(en.systemGroup);
      await expect(page.getByRole('navigation', { name: en.navLabel })).toBeVisible();
      await captureScreen(page, 'home-admin-en');
    });

    await test.step('back to Chinese on another screen, and after a reload', async () => {
      await shell.navItem('system.staff').click();
      await expect(page.getByTestId('staff-total')).toHaveText(/^Total: \d+$/);
      await shell.switchLanguage('zh-CN');
      await expect(page.getByTestId('staff-total')).toHaveText(/^共 \d+ 人$/);
      await expect(page.getByTestId('staff-grid').getByRole('columnheader', { name: zh.staffNoColumn, exact: true })).toBeVisible();
      await page.reload();
      await expect(shell.languageSwitch).toHaveAttribute('data-lang', 'zh-CN');
      await expect(shell.navItem('system.staff')).toHaveText(zh.staffLeaf);
      await expect(page.getByTestId('staff-total')).toHaveText(/^共 \d+ 人$/);
      await expect(page.getByTestId('staff-grid').locator('.ag-row[row-index="0"] [col-id="staffNo"]')).toHaveText(/^GZ\d+$/);
      expect(await storedLanguage(page)).toBe('zh-CN');
      await captureScreen(page, 'staff-list-zh-CN');
    });
  });
});

test.describe('at the login page', () => {
  test.use({ who: 'anonymous', language: 'zh-CN' });

  test('the login page follows the switch before anyone logs in', async ({ page }) => {
    const zhLogin = new LoginPage(page, 'zh-CN');
    await zhLogin.goto();
    await expect(zhLogin.heading).toHaveText(zh.loginTitle);
    await expect(zhLogin.submit).toHaveText(zh.loginSubmit);
    await captureScreen(page, 'login-zh-CN');

    await page.getByTestId('lang-switch-en').click();
    const enLogin = new LoginPage(page, 'en');
    await expect(enLogin.loginName).toBeVisible();
    await expect(enLogin.password).toBeVisible();
    await expect(enLogin.heading).toHaveText(en.loginTitle);
    await page.reload();
    await expect(enLogin.submit).toHaveText(en.loginSubmit);
  });
});
