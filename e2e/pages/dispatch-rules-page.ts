import type { Locator, Page } from '@playwright/test';

/** `/config/dispatch-rules`: the rules, the rule dialog and the preview. */
export class DispatchRulesPage {
  readonly rows: Locator;
  readonly notice: Locator;
  readonly dialog: Locator;
  readonly previewResult: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('dispatch-rule-row');
    this.notice = page.getByTestId('dispatch-rules-notice');
    this.dialog = page.getByTestId('dispatch-rule-dialog');
    this.previewResult = page.getByTestId('dispatch-preview-result');
  }

  async goto(): Promise<void> {
    await this.page.goto('/config/dispatch-rules');
  }

  async filterArea(organisationId: string): Promise<void> {
    await this.page.getByTestId('dispatch-rules-area').selectOption(organisationId);
  }

  /** The rule of an area for a type ('' for any type). */
  rule(organisationId: string, typeCode: string): Locator {
    return this.page.locator(`[data-testid="dispatch-rule-row"][data-area-id="${organisationId}"][data-type="${typeCode}"]`);
  }

  async fillRule(rule: { organisationId?: string; typeCode?: string; positionId: string }): Promise<void> {
    if (rule.organisationId) await this.page.getByTestId('dispatch-rule-area').selectOption(rule.organisationId);
    if (rule.typeCode !== undefined) await this.page.getByTestId('dispatch-rule-type').selectOption(rule.typeCode);
    await this.page.getByTestId('dispatch-rule-position').selectOption(rule.positionId);
    await this.page.getByTestId('dispatch-rule-submit').click();
  }

  async preview(organisationId: string, typeCode: string): Promise<void> {
    await this.page.getByTestId('dispatch-preview-area').selectOption(organisationId);
    await this.page.getByTestId('dispatch-preview-type').selectOption(typeCode);
  }

  previewAnswer(): Locator {
    return this.previewResult.locator('.dispatch-preview-answer');
  }
}
