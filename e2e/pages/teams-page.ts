import { expect, type Locator, type Page } from '@playwright/test';

/** `/dispatch/teams`: the teams, a team's members, the team dialogs and the account sync report. */
export class TeamsPage {
  readonly table: Locator;
  readonly notice: Locator;
  readonly panel: Locator;
  readonly members: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('teams-table');
    this.notice = page.getByTestId('teams-notice');
    this.panel = page.getByTestId('team-panel');
    this.members = page.getByTestId('team-member');
  }

  async goto(): Promise<void> {
    await this.page.goto('/dispatch/teams');
    await expect(this.table).toBeVisible();
  }

  row(code: string): Locator {
    return this.page.locator(`[data-testid="team-row"][data-team-code="${code}"]`);
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('teams-search').fill(text);
  }

  async create(team: { organisationId: string; code: string; name: string; nameEn: string }): Promise<void> {
    await this.page.getByTestId('team-new').click();
    const dialog = this.page.getByTestId('team-dialog');
    await expect(dialog).toBeVisible();
    await this.page.getByTestId('team-area').selectOption(team.organisationId);
    await this.page.getByTestId('team-code').fill(team.code);
    await this.page.getByTestId('team-name').fill(team.name);
    await this.page.getByTestId('team-name-en').fill(team.nameEn);
    await this.page.getByTestId('team-submit').click();
    await expect(dialog).toBeHidden();
  }

  async open(code: string): Promise<void> {
    await this.row(code).getByTestId('team-open').click();
    await expect(this.panel).toBeVisible();
  }

  /** Adds a staff member found by staff number to the open team. */
  async addMember(staffNo: string, staffLabel: RegExp): Promise<void> {
    await this.page.getByTestId('team-member-choice-search').fill(staffNo);
    const list = this.page.getByTestId('team-member-choice-list');
    await expect(list.getByRole('option')).toHaveCount(1);
    await list.selectOption({ label: (await list.getByRole('option', { name: staffLabel }).textContent())! });
    await this.page.getByTestId('team-member-add').click();
  }

  member(staffNo: string): Locator {
    return this.members.and(this.page.locator(`[data-staff-no="${staffNo}"]`));
  }
}
