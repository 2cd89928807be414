import { captureScreen } from '../../fixtures/capture-screen.ts';
import { orderAtStep } from '../../fixtures/crm-orders.ts';
import { E2eWorkOrderPositionsQuery } from '../../fixtures/graphql/config-documents.ts';
import { E2eOrderWorkOrdersQuery } from '../../fixtures/graphql/order-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { DispatchRulesPage } from '../../pages/dispatch-rules-page.ts';

// Panyu's Luopu grid (GZ-PY-03): no other journey sends orders there, so its rules may change.
const GRID = 'GZ-PY-03';

test('a dispatch rule made and edited in the screen decides where the next order’s work order goes', async ({ page, adminApi }) => {
  const { positions } = await adminApi.request(E2eWorkOrderPositionsQuery);
  const byCode = (code: string) => positions.find((p) => p.code === code)!;
  const gridTeam = byCode(`${GRID}.INSTALL`);
  const districtDispatch = byCode('GZ-PY.DISPATCH');
  const gridId = gridTeam.organisation.id;
  /** Where the dispatch-center work order of a new broadband order in the grid is queued. */
  const dispatchedTo = async () => {
    const order = await orderAtStep(adminApi, GRID, 'DISPATCH');
    const { order: read } = await adminApi.request(E2eOrderWorkOrdersQuery, { id: order.orderId });
    return read!.workOrders.find((wo) => wo.id === order.workOrderId)!.position?.id ?? null;
  };

  const rules = new DispatchRulesPage(page);
  await rules.goto();
  // Before: the district's rule for dispatch-center steps decides.
  await rules.preview(gridId, 'DISPATCH');
  await expect(rules.previewAnswer()).toHaveAttribute('data-position-id', districtDispatch.id);

  // A rule of the grid itself for dispatch-center steps, to its installation team.
  await page.getByTestId('dispatch-rule-new').click();
  await expect(rules.dialog).toBeVisible();
  await rules.fillRule({ organisationId: gridId, typeCode: 'DISPATCH', positionId: gridTeam.id });
  await expect(rules.dialog).toBeHidden();
  await expect(rules.notice).toContainText('Saved');
  await rules.filterArea(gridId);
  const rule = rules.rule(gridId, 'DISPATCH');
  await expect(rule.getByTestId('dispatch-rule-position-cell')).toHaveAttribute('data-position-id', gridTeam.id);
  await rules.preview(gridId, 'INSTALL');
  await rules.preview(gridId, 'DISPATCH');
  await expect(rules.previewAnswer()).toHaveAttribute('data-position-id', gridTeam.id);
  await captureScreen(page, 'dispatch-rules-en');
  expect(await dispatchedTo()).toBe(gridTeam.id);

  // The same area and type again is refused, with the reason, and nothing changes.
  await page.getByTestId('dispatch-rule-new').click();
  await rules.fillRule({ organisationId: gridId, typeCode: 'DISPATCH', positionId: districtDispatch.id });
  await expect(page.getByTestId('dispatch-rule-error')).toContainText('already has a dispatch rule');
  await page.getByTestId('dispatch-rule-close').click();

  // Edited to the district's dispatchers: the next order follows at once.
  await rule.getByTestId('dispatch-rule-edit').click();
  await rules.fillRule({ positionId: districtDispatch.id });
  await expect(rule.getByTestId('dispatch-rule-position-cell')).toHaveAttribute('data-position-id', districtDispatch.id);
  expect(await dispatchedTo()).toBe(districtDispatch.id);

  // Deleted: the grid falls back to the district's rule.
  await rule.getByTestId('dispatch-rule-delete').click();
  await page.getByTestId('dispatch-rule-delete-submit').click();
  await expect(rule).toHaveCount(0);
  await expect(rules.notice).toContainText('Deleted');
});

test.describe('in Chinese', () => {
  test.use({ language: 'zh-CN' });
  test('the dispatch rules read in Chinese, with a preview for an area without a rule', async ({ page, adminApi }) => {
    const { positions } = await adminApi.request(E2eWorkOrderPositionsQuery);
    const district = positions.find((p) => p.code === 'GZ-PY.DISPATCH')!.organisation.id;
    const rules = new DispatchRulesPage(page);
    await rules.goto();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('分派规则');
    await rules.filterArea(district);
    await expect(rules.rule(district, 'DISPATCH')).toBeVisible();
    // Field work in the district itself (not in one of its grids) has no rule.
    await rules.preview(district, 'INSTALL');
    await expect(rules.previewAnswer()).toHaveText('没有适用的规则：工单等待人工派施工岗位。');
    await captureScreen(page, 'dispatch-rules-zh');
  });
});
