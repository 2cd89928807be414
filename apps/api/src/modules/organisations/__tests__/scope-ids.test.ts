import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../../testing/factories.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

describe.each(testBackends())('organisation ids of a data scope (%s)', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 60_000 } });
  });
  afterAll(() => app?.close());

  it('lists the scope’s subtrees (under a path when given), kept until the tree is said to have changed', async () => {
    const organisations = app.services.organisations;
    const city = await createOrganisation(app.prisma, { level: 'CITY' });
    const district = await createOrganisation(app.prisma, { parentId: city.id });
    const other = await createOrganisation(app.prisma, { level: 'CITY' });
    const scope = { orgPaths: [city.path] };

    expect(await organisations.idsInScope(scope, null)).toEqual([city.id, district.id]);
    expect(await organisations.idsInScope(scope, district.path)).toEqual([district.id]);
    expect(await organisations.idsInScope({ orgPaths: [city.path, other.path] }, null)).toEqual([city.id, district.id, other.id]);
    expect(await organisations.idsInScope({ orgPaths: [] }, null)).toEqual([]);

    const grid = await createOrganisation(app.prisma, { parentId: district.id });
    expect(await organisations.idsInScope(scope, null)).toEqual([city.id, district.id]);
    organisations.forgetCachedIds();
    expect(await organisations.idsInScope(scope, null)).toEqual([city.id, district.id, grid.id]);
  });
});
