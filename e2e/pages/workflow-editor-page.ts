import type { Locator, Page } from '@playwright/test';

/** `/config/workflows`: the template editor (canvas, side panel, problems, diff). */
export class WorkflowEditorPage {
  readonly notice: Locator;
  readonly panel: Locator;
  readonly versionBadge: Locator;

  constructor(readonly page: Page) {
    this.notice = page.getByTestId('editor-notice');
    this.panel = page.getByTestId('editor-panel');
    this.versionBadge = page.getByTestId('editor-version-badge');
  }

  async goto(): Promise<void> {
    await this.page.goto('/config/workflows');
    await this.page.getByTestId('editor-canvas').waitFor();
  }

  async openTemplate(code: string): Promise<void> {
    await this.page.getByTestId('editor-template').selectOption(code);
    await this.page.locator(`[data-testid="editor-canvas"][data-code="${code}"]`).waitFor();
  }

  /** A step's node on the canvas. */
  /** The canvas once it shows the given version. */
  canvasAt(version: number): Locator {
    return this.page.locator(`[data-testid="editor-canvas"][data-version="${version}"]`);
  }

  node(code: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${code}"]`);
  }

  /** Drags from one step's outgoing handle to another's incoming handle (a new transition). */
  async connect(from: string, to: string): Promise<void> {
    await this.node(from).locator('.react-flow__handle.source:not(.exception-handle)').dragTo(this.node(to).locator('.react-flow__handle.target:not(.exception-handle)'));
  }

  async selectStep(code: string): Promise<void> {
    await this.page.getByTestId('editor-step-select').selectOption(code);
  }

  /** Adds a step and gives it properties in the side panel. */
  async addStep(step: { code: string; name: string; nameEn: string; kind: string; workOrderType: string }): Promise<void> {
    await this.page.getByTestId('editor-add-step').click();
    const code = this.page.getByTestId('editor-step-code');
    await code.fill(step.code);
    await code.press('Enter');
    await this.page.getByTestId('editor-step-name').fill(step.name);
    await this.page.getByTestId('editor-step-name-en').fill(step.nameEn);
    await this.page.getByTestId('editor-step-kind').selectOption(step.kind);
    await this.page.getByTestId('editor-step-type').selectOption(step.workOrderType);
  }

  transition(to: string): Locator {
    return this.panel.locator(`[data-testid="editor-transition"][data-to="${to}"]`);
  }

  async addTransition(to: string): Promise<void> {
    await this.page.getByTestId('editor-transition-target').selectOption(to);
    await this.page.getByTestId('editor-transition-add').click();
  }

  problem(stepCode: string, code: string): Locator {
    return this.page.locator(`[data-testid="editor-problem"][data-step="${stepCode}"][data-code="${code}"]`);
  }
}
