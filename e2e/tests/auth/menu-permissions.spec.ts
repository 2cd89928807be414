import { appUrl } from '../../fixtures/app-url.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { GraphQLRequestError } from '../../fixtures/graphql-client.ts';
import { E2eStaffHeadQuery } from '../../fixtures/graphql/staff-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { TEXTS } from '../../fixtures/texts.ts';
import { AppShell } from '../../pages/app-shell.ts';

const en = TEXTS.en;

test.use({ who: { login: DEMO.installer.login } });

test('an installer sees exactly the menus of its positions', async ({ page }) => {
  const shell = new AppShell(page);
  await shell.goto('/');
  await expect(shell.currentStaff).toHaveAttribute('data-staff-no', DEMO.installer.staffNo);

  expect(await shell.menuGroupCodes()).toEqual(['help', 'work-orders', 'dispatch']);
  expect(await shell.menuLeafCodes()).toEqual(['help.about', 'work-orders.by-position', 'work-orders.by-staff', 'dispatch.todo']);
  for (const hidden of ['system', 'config', 'billing', 'monitoring', 'queries']) {
    await expect(shell.navItem(hidden)).toHaveCount(0);
  }
  await expect(shell.navItem('work-orders.by-staff')).not.toHaveAttribute('data-planned', 'true');
  await expect(shell.navItem('dispatch.todo')).not.toHaveAttribute('data-planned', 'true');
  await expect(shell.main.getByRole('link', { name: 'About OpenIOM' })).toBeVisible();
  await captureScreen(page, 'home-installer-en');
});

test('an installer who opens the staff list directly gets the no-permission page', async ({ page, session }) => {
  const shell = new AppShell(page);
  await shell.goto('/system/staff');
  const noPermission = page.getByTestId('no-permission');
  await expect(noPermission).toHaveAttribute('data-menu-code', 'system.staff');
  await expect(noPermission.getByRole('heading', { level: 1 })).toHaveText(en.noPermissionTitle);
  await expect(noPermission).toContainText(en.noPermissionBody(en.staffLeaf));
  await expect(page.getByTestId('staff-grid')).toHaveCount(0);
  await captureScreen(page, 'no-permission-en');

  // The screen is not the only guard: the API refuses the installer's staff query as well.
  const refusal = await session!.client
    .request(E2eStaffHeadQuery, { first: 1, sortBy: 'STAFF_NO', sortDirection: 'ASC' })
    .then(() => null, (error: unknown) => error);
  expect(refusal).toBeInstanceOf(GraphQLRequestError);
  expect((refusal as GraphQLRequestError).errors[0]?.extensions?.code).toBe('FORBIDDEN');

  await noPermission.getByRole('link', { name: 'Back to the home page' }).click();
  await expect(page).toHaveURL(appUrl('/'));
});

test('an unknown address shows the not-found page inside the shell', async ({ page }) => {
  const shell = new AppShell(page);
  await shell.goto('/no/such/screen');
  await expect(page.getByTestId('not-found').getByRole('heading', { level: 1 })).toHaveText(en.notFoundTitle);
  await expect(shell.nav).toBeVisible();
  await captureScreen(page, 'not-found-en');
});
