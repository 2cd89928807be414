import { readFile } from 'node:fs/promises';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { submitCrmOrder } from '../../fixtures/crm-orders.ts';
import { E2eOrderWorkflowQuery } from '../../fixtures/graphql/order-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { WorkflowEditorPage } from '../../pages/workflow-editor-page.ts';

// Broadband moves: no other journey sends such orders, so their template may get new versions.
const TEMPLATE = 'BROADBAND_MOVE';

test('a step added in the editor and saved as a new version is where the next order runs; older versions compare, export and import', async ({ page, adminApi }) => {
  const editor = new WorkflowEditorPage(page);
  await editor.goto();
  await editor.openTemplate(TEMPLATE);
  const before = Number(await editor.versionBadge.getAttribute('data-version'));

  // A wiring check between port assignment and network management, with its properties in the side panel.
  await editor.addStep({ code: 'WIRING_CHECK', name: '配线复核', nameEn: 'Wiring check', kind: 'RESOURCE_REQUEST', workOrderType: 'WIRING' });
  await expect(editor.node('WIRING_CHECK')).toContainText('Wiring check');
  await expect(page.getByTestId('editor-dirty')).toBeVisible();

  // Not connected yet: validation says so, on the step itself.
  await page.getByTestId('editor-validate').click();
  await expect(editor.problem('WIRING_CHECK', 'UNREACHABLE')).toBeVisible();
  await expect(editor.node('WIRING_CHECK')).toHaveClass(/has-problems/);
  await expect(editor.node('WIRING_CHECK').getByTestId('editor-step-problems')).toContainText('Cannot be reached from the START step');

  // Dragged on the canvas: the check leads to network management; PORT → NETWORK becomes PORT → WIRING_CHECK in the panel.
  await editor.connect('WIRING_CHECK', 'NETWORK');
  await editor.selectStep('WIRING_CHECK');
  await expect(editor.transition('NETWORK')).toBeVisible();
  await editor.selectStep('PORT');
  await editor.transition('NETWORK').getByTestId('editor-transition-remove').click();
  await editor.addTransition('WIRING_CHECK');
  await expect(editor.transition('WIRING_CHECK')).toBeVisible();

  await page.getByTestId('editor-validate').click();
  await expect(editor.notice).toHaveText('No problems: the graph can be saved.');
  await expect(page.getByTestId('editor-step-problems')).toHaveCount(0);

  await page.getByTestId('editor-save').click();
  const version = before + 1;
  await expect(editor.notice).toContainText(`Saved as ${TEMPLATE} v${version}`);
  await expect(editor.notice).toContainText('orders already running keep their version');
  await expect(editor.versionBadge).toHaveAttribute('data-version', String(version));
  await expect(editor.canvasAt(version)).toBeVisible();
  await expect(page.getByTestId('editor-dirty')).toHaveCount(0);
  await expect(editor.node('WIRING_CHECK')).toBeVisible();

  // What changed from the version before, listed and marked on the graph.
  const earlier = page.getByTestId('editor-compare').locator('option', { hasText: new RegExp(`^v${before} `) });
  await page.getByTestId('editor-compare').selectOption((await earlier.getAttribute('value'))!);
  await page.getByTestId('editor-compare-run').click();
  await expect(page.getByTestId('editor-diff-stepsAdded')).toContainText('WIRING_CHECK');
  await expect(page.getByTestId('editor-diff-transitionsRemoved')).toContainText('PORT → NETWORK');
  await expect(page.getByTestId('editor-diff-transitionsAdded')).toContainText('PORT → WIRING_CHECK');
  await expect(editor.node('WIRING_CHECK').getByTestId('editor-step')).toHaveAttribute('data-diff', 'added');
  await page.getByTestId('editor-diff-list').scrollIntoViewIfNeeded();
  await captureScreen(page, 'workflow-editor-diff-en');

  // The next broadband move runs on the new version, through the new step.
  const order = await submitCrmOrder(adminApi, { areaCode: 'GZ-TH-01', businessCode: TEMPLATE, orderType: 'MOVE' });
  await expect
    .poll(async () => {
      const read = (await adminApi.request(E2eOrderWorkflowQuery, { id: order.id })).order!;
      return { version: read.workflow.version, atCheck: read.workOrders.some((wo) => wo.step.code === 'WIRING_CHECK') };
    })
    .toEqual({ version, atCheck: true });

  // Exported, then imported back: the same graph as the next version.
  const download = page.waitForEvent('download');
  await page.getByTestId('editor-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${TEMPLATE}-v${version}.json`);
  const json = await readFile((await file.path())!, 'utf8');
  expect(json).toContain('WIRING_CHECK');
  await page.getByTestId('editor-import').setInputFiles({ name: file.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(json) });
  await expect(editor.notice).toContainText(`Imported as ${TEMPLATE} v${version + 1}`);
  await expect(editor.versionBadge).toHaveAttribute('data-version', String(version + 1));
  await expect(editor.canvasAt(version + 1)).toBeVisible();
  await expect(editor.node('WIRING_CHECK')).toBeVisible();
});

test.describe('in Chinese', () => {
  test.use({ language: 'zh-CN' });
  test('an unreachable step is refused with the reason on the step, and nothing is saved', async ({ page }) => {
    const editor = new WorkflowEditorPage(page);
    await editor.goto();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('流程模板');
    await editor.openTemplate('FIXED_NEW');
    const before = await editor.versionBadge.getAttribute('data-version');
    // A step nothing leads to.
    await page.getByTestId('editor-add-step').click();
    await page.getByTestId('editor-step-type').selectOption('INSTALL');
    await page.getByTestId('editor-save').click();
    await expect(editor.notice).toContainText('未保存');
    await expect(editor.problem('NEW_STEP', 'UNREACHABLE')).toContainText('从开始步骤无法到达');
    await expect(editor.node('NEW_STEP')).toHaveClass(/has-problems/);
    await expect(editor.node('NEW_STEP').getByTestId('editor-step-problems')).toContainText('从开始步骤无法到达');
    // The side panel shows the selected step's problems too, and its form works from the keyboard.
    await expect(page.getByTestId('editor-panel-problems')).toContainText('从开始步骤无法到达');
    await expect(editor.versionBadge).toHaveAttribute('data-version', before!);
    await captureScreen(page, 'workflow-editor-refusal-zh');
    // Led on to the end, then deleted from the keyboard on the canvas with its transition: the template validates again.
    await editor.addTransition('END');
    await expect(editor.transition('END')).toBeVisible();
    await editor.node('NEW_STEP').focus();
    await page.keyboard.press('Delete');
    await expect(editor.node('NEW_STEP')).toHaveCount(0);
    await expect(editor.node('END')).toBeVisible();
    await page.getByTestId('editor-validate').click();
    await expect(editor.notice).toHaveText('没有问题，可以保存。');
  });
});
