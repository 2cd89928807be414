import type { GraphQLClient } from '../../fixtures/graphql-client.ts';
import { E2eOrganisationsQuery, E2eStaffHeadQuery } from '../../fixtures/graphql/staff-documents.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { expect, test } from '../../fixtures/test.ts';
import { TEXTS } from '../../fixtures/texts.ts';
import type { StaffFilter, StaffSortField, SortDirection } from '../../generated/graphql.ts';
import { StaffListPage } from '../../pages/staff-list-page.ts';

const en = TEXTS.en;

/** What the admin's list should show for a filter and order, read through the API. */
async function expected(api: GraphQLClient, filter: StaffFilter, sortBy: StaffSortField = 'STAFF_NO', sortDirection: SortDirection = 'ASC') {
  const { staff } = await api.request(E2eStaffHeadQuery, { first: 5, filter, sortBy, sortDirection });
  return { total: staff.totalCount, staff: staff.edges.map((e) => e.node) };
}

test('the admin sees every staff member of the province with the total', async ({ page, adminApi }) => {
  const all = await expected(adminApi, {});
  // The demo area has ~190 staff; the admin (province level) sees all of them.
  expect(all.total).toBeGreaterThan(150);

  const list = new StaffListPage(page);
  await list.goto();
  await expect(list.total).toHaveText(en.staffTotal(all.total));
  await expect(list.cell(0, 'staffNo')).toHaveText(all.staff[0].staffNo);
  await expect(list.cell(1, 'staffNo')).toHaveText(all.staff[1].staffNo);
  await expect(list.cell(0, 'name')).toHaveText(all.staff[0].name);
  expect(await list.rows.count()).toBeGreaterThan(5);
  await expect(list.columnHeader(en.staffNoColumn)).toHaveAttribute('aria-sort', 'ascending');
  await captureScreen(page, 'staff-list-en');
});

test('search and the organisation filter narrow the list', async ({ page, adminApi }) => {
  const list = new StaffListPage(page);
  await list.goto();
  await expect(list.total).toHaveText(/^Total: \d+$/);

  await test.step('by staff number, case-insensitive', async () => {
    const found = await expected(adminApi, { search: 'gz000' });
    expect(found.total).toBe(2);
    await list.search.fill('gz000');
    await expect(list.total).toHaveText(en.staffTotal(2));
    await expect(list.rows).toHaveCount(2);
    expect(await list.visibleStaffNos()).toEqual(found.staff.map((s) => s.staffNo));
  });

  await test.step('by name', async () => {
    await list.search.fill('李调度');
    await expect(list.total).toHaveText(en.staffTotal(1));
    await expect(list.rows).toHaveCount(1);
    await expect(list.cell(0, 'staffNo')).toHaveText('GZ0101');
    await captureScreen(page, 'staff-list-search-en');
  });

  await test.step('Escape clears the search', async () => {
    await list.search.press('Escape');
    await expect(list.search).toHaveValue('');
    await expect(list.total).toHaveText(en.staffTotal((await expected(adminApi, {})).total));
  });

  await test.step('by organisation: Tianhe district and below', async () => {
    const { organisations } = await adminApi.request(E2eOrganisationsQuery);
    const district = organisations
      .flatMap((province) => [province, ...province.children, ...province.children.flatMap((city) => city.children)])
      .find((org) => org.code === 'GZ-TH');
    expect(district, 'Tianhe district in the organisation tree').toBeTruthy();
    const inTianhe = await expected(adminApi, { organisationId: district!.id });
    await list.organisationFilter.selectOption(district!.id);
    await expect(list.total).toHaveText(en.staffTotal(inTianhe.total));
    await expect(list.cell(0, 'staffNo')).toHaveText(inTianhe.staff[0].staffNo);
  });
});

test('sorting by staff number and by name is done by the server', async ({ page, adminApi }) => {
  const list = new StaffListPage(page);
  await list.goto();
  await expect(list.cell(0, 'staffNo')).toHaveText(/^GZ\d+$/);

  await test.step('staff number, descending', async () => {
    const desc = await expected(adminApi, {}, 'STAFF_NO', 'DESC');
    await list.columnHeader(en.staffNoColumn).click();
    await expect(list.columnHeader(en.staffNoColumn)).toHaveAttribute('aria-sort', 'descending');
    await expect(list.cell(0, 'staffNo')).toHaveText(desc.staff[0].staffNo);
    await expect(list.cell(1, 'staffNo')).toHaveText(desc.staff[1].staffNo);
  });

  await test.step('name, ascending', async () => {
    const byName = await expected(adminApi, {}, 'NAME', 'ASC');
    await list.columnHeader(en.nameColumn).click();
    await expect(list.columnHeader(en.nameColumn)).toHaveAttribute('aria-sort', 'ascending');
    await expect(list.cell(0, 'name')).toHaveText(byName.staff[0].name);
    await expect(list.cell(0, 'staffNo')).toHaveText(byName.staff[0].staffNo);
    await expect(list.cell(2, 'staffNo')).toHaveText(byName.staff[2].staffNo);
  });
});
