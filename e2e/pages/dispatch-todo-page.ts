import { expect, type Locator, type Page } from '@playwright/test';
import { clickUntilSelected, gridRow, revealGridRow } from './grid-rows.ts';

/** /dispatch/todo: the dispatchers' to-do (我的待办), its area filter and search, and the assign dialog. */
export class DispatchTodoPage {
  readonly grid: Locator;
  readonly liveIndicator: Locator;
  readonly message: Locator;
  readonly search: Locator;
  readonly area: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByTestId('dispatch-todo-grid');
    this.liveIndicator = page.getByTestId('live-indicator');
    this.message = page.getByTestId('queue-message');
    this.search = page.getByTestId('dispatch-todo-search');
    this.area = page.getByTestId('dispatch-todo-area');
    this.dialog = page.getByTestId('assign-dispatch-dialog');
  }

  async goto(): Promise<void> {
    await this.page.goto('/dispatch/todo');
    // The first visit loads the grid's code: slow on a busy two-core machine.
    await expect(this.grid).toBeVisible({ timeout: 30_000 });
    await expect(this.liveIndicator).toHaveAttribute('data-state', 'live');
  }

  row(workOrderNo: string): Locator {
    return gridRow(this.grid, workOrderNo);
  }

  async reveal(workOrderNo: string): Promise<void> {
    await revealGridRow(this.grid, workOrderNo);
  }

  /** Selects a to-do's row and opens its assignment with the keyboard (Enter on the row). */
  async openAssignByKeyboard(workOrderNo: string): Promise<Locator> {
    await this.reveal(workOrderNo);
    // Enter acts on the focused row; a live re-read may take the focus away between the click and
    // the key, as it would from a person, who clicks the row again.
    await expect(async () => {
      if (await this.dialog.isVisible()) return;
      await clickUntilSelected(this.row(workOrderNo), 'customer');
      await this.page.keyboard.press('Enter');
      await expect(this.dialog).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 20_000 });
    return this.dialog;
  }

  field(name: 'appointment' | 'team' | 'customer' | 'members'): Locator {
    return this.dialog.getByTestId(`assign-dispatch-${name}`);
  }

  step(code: string): Locator {
    return this.dialog.getByTestId(`assign-dispatch-step-${code}`);
  }
}
