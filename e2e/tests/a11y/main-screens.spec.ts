import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { MAIN_SCREENS } from '../../fixtures/main-screens.ts';
import { expect, test } from '../../fixtures/test.ts';

/** What the scan holds a screen to: WCAG 2.1 A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The screens are independent: both workers share them (the file would otherwise run on one).
test.describe.configure({ mode: 'parallel' });

async function scan(page: Page, path: string, shot: string): Promise<void> {
  // Let late content (grid rows, live counts) settle before scanning.
  await page.waitForLoadState('networkidle');
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ rule: violation.id, help: violation.help, targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')) }));
  expect(serious, `axe violations on ${path} (${shot})`).toEqual([]);
  await captureScreen(page, shot);
}

for (const screen of MAIN_SCREENS) {
  test.describe('accessibility', () => {
    test.use({ language: 'en', ...(screen.who ? { who: screen.who } : {}) });

    // One page per screen, scanned in English, then switched to Chinese (as a user would) and scanned again.
    test(`${screen.name} has no serious or critical axe violations in English and Chinese`, async ({ page }) => {
      await page.goto(screen.path);
      await expect(page.getByTestId(screen.readyTestId)).toBeVisible();
      await scan(page, screen.path, `${screen.name}-en`);
      await page.getByTestId('lang-switch-zh-CN').click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await expect(page.getByTestId(screen.readyTestId)).toBeVisible();
      await scan(page, screen.path, `${screen.name}-zh-cn`);
    });
  });
}
