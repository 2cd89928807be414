import AxeBuilder from '@axe-core/playwright';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { MAIN_SCREENS } from '../../fixtures/main-screens.ts';
import { expect, test } from '../../fixtures/test.ts';

/** What the scan holds a screen to: WCAG 2.1 A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

for (const language of ['en', 'zh-CN'] as const) {
  for (const screen of MAIN_SCREENS) {
    test.describe(`accessibility (${language})`, () => {
      test.use({ language, ...(screen.who ? { who: screen.who } : {}) });

      test(`${screen.name} has no serious or critical axe violations`, async ({ page }) => {
        await page.goto(screen.path);
        await expect(page.getByTestId(screen.readyTestId)).toBeVisible();
        // Let late content (grid rows, live counts) settle before scanning.
        await page.waitForLoadState('networkidle');
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        const serious = results.violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map((violation) => ({ rule: violation.id, help: violation.help, targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')) }));
        expect(serious, `axe violations on ${screen.path}`).toEqual([]);
        await captureScreen(page, `${screen.name}-${language.toLowerCase()}`);
      });
    });
  }
}
