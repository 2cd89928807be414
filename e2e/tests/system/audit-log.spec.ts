import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { E2eSetOrderTimeLimitMutation } from '../../fixtures/graphql/audit-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { AuditLogPage } from '../../pages/audit-log-page.ts';

test('a configuration change shows in the audit log with who made it and the record before and after', async ({ page, adminApi }) => {
  // Two changes of one limit: the second entry's before is the first's after.
  const warningHours = 30 + Math.floor(Math.random() * 20);
  for (const hours of [warningHours, warningHours + 1]) {
    const { setOrderTimeLimit } = await adminApi.request(E2eSetOrderTimeLimitMutation, { input: { orderType: 'CHANGE', warningHours: hours, processHours: 96 } });
    expect(setOrderTimeLimit.ok).toBe(true);
  }

  const audit = new AuditLogPage(page);
  await audit.goto();
  await audit.filter('entityType').fill('OrderTimeLimit');
  await audit.filter('staffNo').fill(DEMO.admin.staffNo.toLowerCase());
  await audit.search();
  await expect(page).toHaveURL(/entityType=OrderTimeLimit/);
  const latest = audit.entries.first();
  await expect(latest).toContainText('order-time-limit.set');
  await expect(latest).toContainText(DEMO.admin.staffNo);
  await expect(latest).toContainText('warningHours');

  await audit.open(latest);
  await expect(audit.detail).toBeVisible();
  await expect(audit.page.getByTestId('audit-kind')).toHaveText('Changed');
  await expect(audit.change('warningHours')).toHaveAttribute('data-changed', 'true');
  await expect(audit.change('warningHours').locator('td').nth(0)).toHaveText(String(warningHours));
  await expect(audit.change('warningHours').locator('td').nth(1)).toHaveText(String(warningHours + 1));
  await expect(audit.change('processHours')).toHaveAttribute('data-changed', 'false');
  await captureScreen(page, 'audit-log-detail-en');

  // The search is in the URL: a reload shows the same entries.
  await page.reload();
  await expect(audit.filter('entityType')).toHaveValue('OrderTimeLimit');
  await expect(audit.entries.first()).toContainText('order-time-limit.set');
});

test.describe('in Chinese', () => {
  test.use({ language: 'zh-CN' });
  test('the audit log reads in Chinese', async ({ page, adminApi }) => {
    await adminApi.request(E2eSetOrderTimeLimitMutation, { input: { orderType: 'REMOVE', warningHours: 20, processHours: 48 } });
    const audit = new AuditLogPage(page);
    await audit.goto('?entityType=OrderTimeLimit');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('操作日志');
    await audit.open(audit.entries.first());
    await expect(audit.page.getByTestId('audit-kind')).toHaveText(/新增|修改/);
    await captureScreen(page, 'audit-log-detail-zh');
  });
});
