import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation } from '../../../testing/factories.ts';
import { gqlRequest, type GraphQLResponse } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const STAFF_PAGE = /* GraphQL */ `
  query StaffPage($first: Int!, $after: String, $filter: StaffFilter, $sortBy: StaffSortField!, $sortDirection: SortDirection!) {
    staff(first: $first, after: $after, filter: $filter, sortBy: $sortBy, sortDirection: $sortDirection) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id staffNo name organisation { name } positions { positionType { kind } } } }
    }
  }
`;

describe.each(testBackends())('staff list (%s)', (backend) => {
  let app: TestApp;
  let adminToken: string;
  let districtAdminToken: string;
  let plainToken: string;
  let districtA: number;
  let districtB: number;
  const names = ['张三', '李四', '王五', '赵六', '孙七', '周八', '吴九', '郑十', '陈一', '林二', '黄三', '何四'];

  beforeAll(async () => {
    app = await startTestApp(backend);
    const city = await createOrganisation(app.prisma, { level: 'CITY' });
    districtA = (await createOrganisation(app.prisma, { parentId: city.id })).id;
    districtB = (await createOrganisation(app.prisma, { parentId: city.id })).id;
    for (const [i, name] of names.entries()) await createLogin(app.prisma, [{ organisationId: i % 2 ? districtA : districtB, name }]);
    const admin = await createLogin(app.prisma, [{ organisationId: city.id, kinds: ['SYSTEM_ADMIN'], name: '管理员' }]);
    const districtAdmin = await createLogin(app.prisma, [{ organisationId: districtA, kinds: ['SYSTEM_ADMIN'], name: '区管理员' }]);
    const plain = await createLogin(app.prisma, [{ organisationId: city.id, kinds: ['WORK_ORDER'] }]);
    adminToken = await loginAs(app.url, admin.loginName, admin.password);
    districtAdminToken = await loginAs(app.url, districtAdmin.loginName, districtAdmin.password);
    plainToken = await loginAs(app.url, plain.loginName, plain.password);
  });
  afterAll(() => app?.close());

  async function readAll(token: string, sortBy: string, sortDirection: string, first: number, filter?: object) {
    const seen: { staffNo: string; name: string }[] = [];
    let after: string | null = null;
    let total = 0;
    for (let guard = 0; guard < 100; guard++) {
      const page: GraphQLResponse = await gqlRequest(app.url, STAFF_PAGE, { first, after, sortBy, sortDirection, filter }, token);
      expect(page.errors).toBeUndefined();
      total = page.data!.staff.totalCount;
      seen.push(...page.data!.staff.edges.map((edge: { node: { staffNo: string; name: string } }) => edge.node));
      if (!page.data!.staff.pageInfo.hasNextPage) break;
      after = page.data!.staff.pageInfo.endCursor;
    }
    return { seen, total };
  }

  it('pages through every staff member in the scope exactly once, in order, for each sort', async () => {
    for (const [sortBy, sortDirection] of [['STAFF_NO', 'ASC'], ['STAFF_NO', 'DESC'], ['NAME', 'ASC'], ['NAME', 'DESC']]) {
      const { seen, total } = await readAll(adminToken, sortBy, sortDirection, 5);
      expect(seen).toHaveLength(total);
      expect(total).toBe(names.length + 3);
      expect(new Set(seen.map((s) => s.staffNo)).size).toBe(total);
      const key = sortBy === 'NAME' ? 'name' : 'staffNo';
      const sorted = [...seen].sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
      if (sortDirection === 'DESC') sorted.reverse();
      expect(seen.map((s) => s[key])).toEqual(sorted.map((s) => s[key]));
    }
  });

  it('filters by text and by organisation subtree', async () => {
    const byName = await readAll(adminToken, 'NAME', 'ASC', 50, { search: '王' });
    expect(byName.seen.map((s) => s.name)).toEqual(['王五']);
    // LIKE's wildcards in the search text match themselves, not "anything".
    expect((await readAll(adminToken, 'NAME', 'ASC', 50, { search: '%' })).total).toBe(0);
    expect((await readAll(adminToken, 'NAME', 'ASC', 50, { search: '_' })).total).toBe(0);
    const inA = await readAll(adminToken, 'STAFF_NO', 'ASC', 50, { organisationId: String(districtA) });
    expect(inA.total).toBe(names.length / 2 + 1);
  });

  it('shows a district administrator only the staff of their district (data permissions)', async () => {
    const { seen, total } = await readAll(districtAdminToken, 'STAFF_NO', 'ASC', 50);
    expect(total).toBe(names.length / 2 + 1);
    expect(seen.map((s) => s.name)).not.toContain('张三');
    const outside = await gqlRequest(app.url, STAFF_PAGE, { first: 5, sortBy: 'NAME', sortDirection: 'ASC', filter: { organisationId: String(districtB) } }, districtAdminToken);
    expect(outside.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'filter.organisationId' });
  });

  it('refuses staff without the staff:read permission, and bad paging input', async () => {
    const denied = await gqlRequest(app.url, STAFF_PAGE, { first: 5, sortBy: 'NAME', sortDirection: 'ASC' }, plainToken);
    expect(denied.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(denied.errors?.[0].message).toContain('staff:read');
    const tooMany = await gqlRequest(app.url, STAFF_PAGE, { first: 5000, sortBy: 'NAME', sortDirection: 'ASC' }, adminToken);
    expect(tooMany.errors?.[0].extensions?.code).toMatch(/BAD_USER_INPUT|QUERY_TOO_COMPLEX/);
    const badCursor = await gqlRequest(app.url, STAFF_PAGE, { first: 5, after: 'garbage', sortBy: 'NAME', sortDirection: 'ASC' }, adminToken);
    expect(badCursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const first = await gqlRequest(app.url, STAFF_PAGE, { first: 2, sortBy: 'NAME', sortDirection: 'ASC' }, adminToken);
    const crossSort = await gqlRequest(app.url, STAFF_PAGE, { first: 2, after: first.data!.staff.pageInfo.endCursor, sortBy: 'STAFF_NO', sortDirection: 'ASC' }, adminToken);
    expect(crossSort.errors?.[0].extensions?.field).toBe('after');
  });
});
