import AxeBuilder from '@axe-core/playwright';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { expect, test } from '../../fixtures/test.ts';

test.describe('a billing senior user', () => {
  test.use({ who: DEMO.billingSenior });

  test('makes a fixed-width GBK format, tries it on a sample line by line, saves it, tries a file with another format and deletes the new one', async ({ page }) => {
    const code = `E2E${Date.now() % 1_000_000}`;
    await page.goto('/billing/formats');
    const table = page.getByTestId('bill-formats-table');
    await expect(table.locator('[data-code="SPACE"]')).toBeVisible();

    await page.getByTestId('bill-format-new').click();
    const dialog = page.getByTestId('bill-format-dialog');
    await page.getByTestId('bill-format-code').fill(code);
    await page.getByTestId('bill-format-name').fill('定长 GBK 帐单');
    await page.getByTestId('bill-format-kind-FIXED_WIDTH').check();
    await page.getByTestId('bill-format-encoding').selectOption('GBK');
    await page.getByTestId('bill-format-headerLines').fill('1');
    await page.getByTestId('bill-format-scale').selectOption('2');
    await page.getByTestId('bill-format-phoneOffset').fill('0');
    await page.getByTestId('bill-format-phoneLength').fill('11');
    // A wrong layout first: the amount overlapping the phone number is refused, naming the field.
    await page.getByTestId('bill-format-amountOffset').fill('5');
    await page.getByTestId('bill-format-amountLength').fill('6');
    // The name takes 4 bytes in GBK (2 characters): the amount starts at byte 15.
    await page.getByTestId('bill-format-sample').fill('号码 姓名 金额(分)\n13900000001张三000123\n13900000002李四00x123\n13900000003王五\n');
    await page.getByTestId('bill-format-preview-run').click();
    await expect(page.getByTestId('bill-format-preview-error')).toHaveText('spec.amountOffset: the amount overlaps the phone number');

    await page.getByTestId('bill-format-amountOffset').fill('15');
    await page.getByTestId('bill-format-preview-run').click();
    await expect(page.getByTestId('bill-format-preview-counts')).toHaveText('1 good, 2 bad (first 3 records)');
    const line = (n: number) => dialog.locator(`[data-testid="bill-format-preview-line"][data-line="${n}"]`);
    await expect(line(2)).toHaveAttribute('data-ok', 'true');
    await expect(line(2)).toContainText('13900000001');
    await expect(line(2)).toContainText('1.23');
    await expect(line(3)).toContainText('amount "00x123" is not whole digits (the format implies 2 decimal places)');
    await expect(line(4)).toContainText('record is 15 bytes; the amount ends at byte 21');
    // The open dialog with its preview passes the same accessibility scan as the main screens.
    const axe = await new AxeBuilder({ page }).include('[data-testid="bill-format-dialog"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.getByTestId('bill-format-preview-table').scrollIntoViewIfNeeded();
    await captureScreen(page, 'bill-format-dialog-en');
    await page.getByTestId('bill-format-submit').click();
    await expect(page.getByTestId('bill-formats-notice')).toHaveText(`Bill format ${code} saved.`);
    const row = table.locator(`[data-code="${code}"]`);
    await expect(row).toContainText('phone at byte 0 (11 bytes), amount at byte 15 (6 bytes)');

    // Another format tried on a chosen file (GBK bytes, as the billing system writes them).
    await table.locator('[data-code="SPACE"]').getByTestId('bill-format-try').click();
    await expect(page.getByTestId('bill-format-code')).toBeDisabled();
    await expect(page.getByTestId('bill-format-submit')).toHaveCount(0);
    // 十元 in GBK: CA AE D4 AA.
    const gbk = Buffer.concat([Buffer.from('13900000001 12.5\n13900000002 '), Buffer.from([0xca, 0xae, 0xd4, 0xaa]), Buffer.from('\n')]);
    await page.getByTestId('bill-format-sample-file').setInputFiles({ name: 'bills.txt', mimeType: 'text/plain', buffer: gbk });
    await expect(page.getByTestId('bill-format-sample')).toHaveValue('13900000001 12.5\n13900000002 十元\n');
    await page.getByTestId('bill-format-preview-run').click();
    await expect(page.getByTestId('bill-format-preview-counts')).toHaveText('1 good, 1 bad (first 2 records)');
    await expect(line(2)).toContainText('amount "十元" is not a number with at most 2 decimal places');
    await page.getByTestId('bill-format-close').click();

    await row.getByTestId('bill-format-delete').click();
    await page.getByTestId('bill-format-delete-submit').click();
    await expect(row).toHaveCount(0);
    await expect(page.getByTestId('bill-formats-notice')).toHaveText(`Bill format ${code} deleted.`);
  });
});

test.describe('a billing normal user', () => {
  test.use({ who: DEMO.billingViewer });

  test('has no bill-format screen (it needs billing:operate)', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('nav-billing.bills')).toBeVisible();
    await expect(page.getByTestId('nav-billing.formats')).toHaveCount(0);
    await page.goto('/billing/formats');
    await expect(page.getByTestId('no-permission')).toContainText('billing:operate');
  });
});
