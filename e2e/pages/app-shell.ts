import { expect, type Locator, type Page } from '@playwright/test';
import type { Language } from '../fixtures/storage-state.ts';

/** The frame around every page behind the login: header (staff, language, logout) and the side menu. */
export class AppShell {
  readonly currentStaff: Locator;
  readonly languageSwitch: Locator;
  readonly logoutButton: Locator;
  readonly nav: Locator;
  readonly homeLink: Locator;
  readonly welcome: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.currentStaff = page.getByTestId('current-staff');
    this.languageSwitch = page.getByTestId('lang-switch');
    this.logoutButton = page.getByTestId('logout');
    this.nav = page.getByRole('navigation');
    this.homeLink = page.getByTestId('nav-home');
    this.welcome = page.getByTestId('welcome');
    this.main = page.getByRole('main');
  }

  async goto(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.currentStaff).toBeVisible();
  }

  /** A menu group (`system`) or leaf (`system.staff`) of the side menu. */
  navItem(code: string): Locator {
    return this.page.getByTestId(`nav-${code}`);
  }

  /** Codes of the menu groups shown, in menu order. */
  async menuGroupCodes(): Promise<string[]> {
    await expect(this.homeLink).toBeVisible();
    const ids = await this.nav.locator('section[data-testid^="nav-"]').evaluateAll((sections) =>
      sections.map((s) => s.getAttribute('data-testid') ?? ''),
    );
    return ids.map((id) => id.slice('nav-'.length));
  }

  /** Codes of the menu leaves shown (screens and planned ones), in menu order. */
  async menuLeafCodes(): Promise<string[]> {
    await expect(this.homeLink).toBeVisible();
    const ids = await this.nav.locator('li [data-testid^="nav-"]').evaluateAll((leaves) =>
      leaves.map((l) => l.getAttribute('data-testid') ?? ''),
    );
    return ids.map((id) => id.slice('nav-'.length));
  }

  async switchLanguage(language: Language): Promise<void> {
    await this.page.getByTestId(`lang-switch-${language}`).click();
    await expect(this.languageSwitch).toHaveAttribute('data-lang', language);
  }

  async logout(): Promise<void> {
    await this.logoutButton.click();
  }
}
