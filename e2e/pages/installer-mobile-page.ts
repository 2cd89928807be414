import { expect, type Locator, type Page } from '@playwright/test';

/** `/m`: the installers' phone view (their work, their teams' queues). */
export class InstallerMobilePage {
  readonly mine: Locator;
  readonly toClaim: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.mine = page.getByTestId('m-mine');
    this.toClaim = page.getByTestId('m-to-claim');
    this.notice = page.getByTestId('m-notice');
  }

  async goto(): Promise<void> {
    await this.page.goto('/m');
    await expect(this.mine).toBeVisible();
  }

  /** The card of one work order, in whichever section it is. */
  card(workOrderNo: string, section?: Locator): Locator {
    return (section ?? this.page).locator(`[data-testid="m-work-order"][data-work-order-no="${workOrderNo}"]`);
  }
}
