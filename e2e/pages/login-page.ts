import { expect, type Locator, type Page } from '@playwright/test';
import type { Language } from '../fixtures/storage-state.ts';
import { TEXTS } from '../fixtures/texts.ts';

/** /login: step 1 (login name + password) and, for accounts with several staff numbers, step 2. */
export class LoginPage {
  readonly heading: Locator;
  readonly loginName: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly notice: Locator;
  readonly staffChoiceList: Locator;
  readonly staffChoices: Locator;
  readonly staffChoiceSubmit: Locator;

  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {
    const texts = TEXTS[language];
    this.heading = page.getByRole('heading', { level: 1 });
    this.loginName = page.getByLabel(texts.loginName, { exact: true });
    this.password = page.getByLabel(texts.password, { exact: true });
    this.submit = page.getByTestId('login-submit');
    this.error = page.getByTestId('login-error');
    this.notice = page.getByTestId('login-notice');
    this.staffChoiceList = page.getByTestId('staff-choice-list');
    this.staffChoices = page.getByTestId('staff-choice-option');
    this.staffChoiceSubmit = page.getByTestId('staff-choice-submit');
  }

  async goto(): Promise<void> {
    await this.page.goto('/login');
    await expect(this.loginName).toBeVisible();
  }

  /** Step 1: fills both fields and submits (callers wait for what should follow). */
  async submitCredentials(loginName: string, password: string): Promise<void> {
    await this.loginName.fill(loginName);
    await this.password.fill(password);
    await this.submit.click();
  }

  /**
   * Waits for the refusal of the last submit, with `code` (INVALID_CREDENTIALS, ACCOUNT_LOCKED, …).
   * The form empties the password once the server has answered: that tells this answer apart from
   * the previous attempt's message.
   */
  async expectRefused(code: string): Promise<void> {
    await expect(this.password).toHaveValue('');
    await expect(this.error).toHaveAttribute('data-code', code);
  }

  /** The row of one staff number in step 2 (number, name, organisation). */
  staffChoice(staffNo: string): Locator {
    return this.staffChoices.and(this.page.locator(`[data-staff-no="${staffNo}"]`));
  }

  /** The radio button of one staff number in step 2, found by its accessible name. */
  staffRadio(staffNo: string): Locator {
    return this.staffChoiceList.getByRole('radio', { name: staffNo });
  }

  /** Step 2: pick `staffNo` and continue. */
  async chooseStaff(staffNo: string): Promise<void> {
    await this.staffRadio(staffNo).check();
    await this.staffChoiceSubmit.click();
  }
}
