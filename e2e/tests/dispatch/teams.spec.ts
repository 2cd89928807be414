import { captureScreen } from '../../fixtures/capture-screen.ts';
import { orderAtStep } from '../../fixtures/crm-orders.ts';
import { E2eConfigureSimulatorMutation } from '../../fixtures/graphql/monitor-documents.ts';
import { E2eDeleteDispatchRuleMutation, E2eSaveDispatchRuleMutation, E2eTeamsQuery } from '../../fixtures/graphql/teams-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { TeamsPage } from '../../pages/teams-page.ts';

// Baiyun's Xinshi grid (GZ-BY-04): no other journey sends orders there, so its rules may change for a moment.
const GRID = 'GZ-BY-04';
/** The grid's first generated installer (district 4, grid 3, number 1). */
const INSTALLER = 'GZ24301';

test.use({ viewport: { width: 1366, height: 768 } });

test('an administrator makes a team, adds a member, and cannot delete it while it holds a work order: the refusal lists it', async ({ page, adminApi }) => {
  const { teams: seeded } = await adminApi.request(E2eTeamsQuery, { search: `${GRID}.TEAM` });
  const gridId = seeded[0]!.organisation.id;
  const code = `${GRID}.E2E${Date.now().toString(36).toUpperCase()}`;

  const screen = new TeamsPage(page);
  await screen.goto();
  await expect(screen.row(`${GRID}.TEAM`)).toBeVisible();
  await screen.create({ organisationId: gridId, code, name: '白云区新市装维二组', nameEn: 'Baiyun Xinshi team 2' });
  await expect(screen.notice).toContainText(`Saved: ${code}`);
  // Made with its own work-order queue (a position of the same code) and opened, still empty.
  await expect(screen.panel).toHaveAttribute('data-team-id', /\d+/);
  await expect(screen.panel).toContainText(code);
  await expect(screen.members).toHaveCount(0);

  await screen.addMember(INSTALLER, new RegExp(INSTALLER));
  await expect(page.getByTestId('team-members-notice')).toContainText(`${INSTALLER}`);
  await expect(screen.member(INSTALLER)).toBeVisible();
  await expect(screen.row(code).getByTestId('team-member-count')).toHaveText('1');

  // The grid's dispatch-center work orders now go to the new team's queue: one lands there.
  const { teams } = await adminApi.request(E2eTeamsQuery, { search: code });
  const team = teams.find((t) => t.code === code)!;
  expect(team.members).toEqual([{ leader: false, staff: { staffNo: INSTALLER } }]);
  const { saveDispatchRule } = await adminApi.request(E2eSaveDispatchRuleMutation, { input: { organisationId: gridId, workOrderType: 'DISPATCH', positionId: team.position.id } });
  expect(saveDispatchRule.ok, saveDispatchRule.error?.message).toBe(true);
  const held = await orderAtStep(adminApi, GRID, 'DISPATCH').finally(async () => {
    await adminApi.request(E2eDeleteDispatchRuleMutation, { input: { id: saveDispatchRule.rule!.id } });
  });

  await screen.open(code);
  await screen.panel.getByTestId('team-delete').click();
  await page.getByTestId('team-delete-submit').click();
  const refusal = page.getByTestId('team-delete-refusal');
  await expect(refusal).toContainText('cannot be deleted');
  const rows = refusal.getByTestId('team-delete-refusal-work-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-work-order-no', held.workOrderNo);
  await expect(rows.first()).toContainText(held.orderNo);
  await expect(rows.first()).toContainText('Pending');
  await captureScreen(page, 'teams-delete-refused-en');
  await page.getByTestId('team-delete-close').click();
  await expect(screen.row(code)).toBeVisible();

  // Removing the member is allowed: they hold none of it.
  await screen.member(INSTALLER).getByTestId('team-member-remove').click();
  await expect(screen.member(INSTALLER)).toHaveCount(0);
  await captureScreen(page, 'teams-en');
});

// The account sync against a maintenance system that refuses: the screen says so and nothing changes.
// (A successful run would change the demo teams other journeys use; the API tests cover it.)
test('an account sync the maintenance system refuses changes nothing and says so', async ({ page, adminApi }) => {
  const before = (await adminApi.request(E2eTeamsQuery, { search: 'GZ-TH-' })).teams;
  await adminApi.request(E2eConfigureSimulatorMutation, { input: { system: 'ACCOUNTS', minLatencyMs: 0, maxLatencyMs: 0, failureRate: 1, timeoutRate: 0 } });
  try {
    const screen = new TeamsPage(page);
    await screen.goto();
    await page.getByTestId('teams-sync').click();
    await expect(page.getByTestId('sync-error')).toContainText('Nothing was changed');
  } finally {
    await adminApi.request(E2eConfigureSimulatorMutation, { input: { system: 'ACCOUNTS', minLatencyMs: 50, maxLatencyMs: 300, failureRate: 0.05, timeoutRate: 0.02 } });
  }
  expect((await adminApi.request(E2eTeamsQuery, { search: 'GZ-TH-' })).teams).toEqual(before);
});

test.describe('in Chinese', () => {
  test.use({ language: 'zh-CN' });
  test('the teams read in Chinese, with a team’s members and leader', async ({ page }) => {
    const screen = new TeamsPage(page);
    await screen.goto();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('装维组与账号');
    await screen.open('GZ-TH-01.TEAM');
    await expect(screen.member('GZ0201')).toContainText('组长');
    await expect(screen.members).toHaveCount(8);
    await captureScreen(page, 'teams-zh-cn');
  });
});
