import { captureScreen } from '../../fixtures/capture-screen.ts';
import { crmOrderPayload, submitCrmMessage } from '../../fixtures/crm-orders.ts';
import { expect, test } from '../../fixtures/test.ts';

// The item is for order cancellations (ORDER_CANCEL), which no other journey sends: making it required
// cannot refuse another journey's orders.
test('an attribute item made required for a business refuses a CRM message without it, naming it; the item is edited and deleted', async ({ page, adminApi }) => {
  const code = `qa${Date.now().toString(36)}`;
  await page.goto('/config/attributes');
  await expect(page.getByTestId('attribute-items-table')).toBeVisible();
  await page.getByTestId('attribute-item-new').click();
  await page.getByTestId('attribute-item-code').fill(code);
  await page.getByTestId('attribute-item-name').fill('撤单原因');
  await page.getByTestId('attribute-item-name-en').fill('Cancellation reason');
  await page.getByTestId('attribute-item-business').fill('ORDER_CANCEL');
  await page.getByTestId('attribute-item-required').check();
  await captureScreen(page, 'attribute-item-dialog-en');
  await page.getByTestId('attribute-item-submit').click();
  await expect(page.getByTestId('attribute-items-notice')).toContainText(code);
  const row = page.locator(`[data-testid="attribute-item-row"][data-code="${code}"]`);
  await expect(row).toContainText('ORDER_CANCEL');
  await expect(row).toContainText('Yes');

  // A broadband order to cancel, and CRM's cancellation of it.
  const install = crmOrderPayload({ areaCode: 'GZ-TH-01', businessCode: 'BROADBAND_NEW', orderType: 'NEW' });
  expect((await submitCrmMessage(adminApi, 'JSON', install)).state).toBe('PROCESSED');
  const cancellation = () => JSON.stringify({ ...JSON.parse(crmOrderPayload({ areaCode: 'GZ-TH-01', businessCode: 'ORDER_CANCEL', orderType: 'CANCEL' })), cancelsCrmOrderCode: JSON.parse(install).crmOrderCode });
  const refused = await submitCrmMessage(adminApi, 'JSON', cancellation());
  expect(refused.state).toBe('FAILED');
  expect(refused.failureReason).toBe(`Parameter "${code}" (撤单原因) is required for business ORDER_CANCEL.`);

  // Optional again: the same message goes through.
  await row.getByTestId('attribute-item-edit').click();
  await page.getByTestId('attribute-item-required').uncheck();
  await page.getByTestId('attribute-item-type').selectOption('NUMBER');
  await page.getByTestId('attribute-item-submit').click();
  await expect(row).toContainText('No');
  await expect(row).toContainText('Number');
  const accepted = await submitCrmMessage(adminApi, 'JSON', cancellation());
  expect(accepted.state, accepted.failureReason ?? '').toBe('PROCESSED');

  // A business that does not exist is refused, naming the field.
  await page.getByTestId('attribute-item-new').click();
  await page.getByTestId('attribute-item-code').fill(`${code}x`);
  await page.getByTestId('attribute-item-name').fill('无');
  await page.getByTestId('attribute-item-business').fill('NO_SUCH_BUSINESS');
  await page.getByTestId('attribute-item-submit').click();
  await expect(page.getByTestId('attribute-item-error')).toContainText('There is no business NO_SUCH_BUSINESS');
  await page.getByTestId('attribute-item-close').click();

  await row.getByTestId('attribute-item-delete').click();
  await page.getByTestId('attribute-item-delete-submit').click();
  await expect(row).toHaveCount(0);
  await captureScreen(page, 'attribute-items-en');
});
