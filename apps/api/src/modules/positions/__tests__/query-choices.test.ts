import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

describe.each(testBackends())('choices of the query conditions: positions and work-order types (%s)', (backend) => {
  let app: TestApp;
  let cityToken: string;
  let districtToken: string;
  let positions: { city: number; district: number; general: number };

  beforeAll(async () => {
    app = await startTestApp(backend);
    const city = await createOrganisation(app.prisma, { level: 'CITY' });
    const district = await createOrganisation(app.prisma, { parentId: city.id });
    const cityLogin = await createLogin(app.prisma, [{ organisationId: city.id, kinds: ['WORK_ORDER', 'GENERAL'] }]);
    const districtLogin = await createLogin(app.prisma, [{ organisationId: district.id, kinds: ['WORK_ORDER'] }]);
    const held = async (staffId: number) => app.prisma.staffPosition.findMany({ where: { staffId }, select: { positionId: true, position: { select: { positionType: { select: { kind: true } } } } } });
    const cityHeld = await held(cityLogin.staff[0].id);
    positions = {
      city: cityHeld.find((p) => p.position.positionType.kind === 'WORK_ORDER')!.positionId,
      general: cityHeld.find((p) => p.position.positionType.kind === 'GENERAL')!.positionId,
      district: (await held(districtLogin.staff[0].id))[0].positionId,
    };
    cityToken = await loginAs(app.url, cityLogin.loginName, cityLogin.password);
    districtToken = await loginAs(app.url, districtLogin.loginName, districtLogin.password);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists the positions within the data permissions, optionally of one kind', async () => {
    const ids = async (token: string, kind?: string) =>
      ((await gqlRequest(app.url, 'query($kind: PositionKind) { positions(kind: $kind) { id positionType { kind } } }', { kind }, token)).data.positions as { id: string }[]).map((p) => Number(p.id));
    const workOrder = await ids(cityToken, 'WORK_ORDER');
    expect(workOrder).toEqual(expect.arrayContaining([positions.city, positions.district]));
    expect(workOrder).not.toContain(positions.general);
    expect(await ids(cityToken)).toEqual(expect.arrayContaining([positions.city, positions.district, positions.general]));
    // The district's staff do not see the city's positions above them.
    expect(await ids(districtToken, 'WORK_ORDER')).toEqual([positions.district]);
  });

  it('lists every work-order type with its category, by category then code', async () => {
    const types = (await gqlRequest(app.url, '{ workOrderTypes { code name nameEn category { code nameEn } } }', {}, cityToken)).data.workOrderTypes as { code: string; category: { code: string } }[];
    expect(types.find((type) => type.code === 'INSTALL')).toMatchObject({ name: '装机', nameEn: 'Installation', category: { code: 'FIELD', nameEn: 'Field work' } });
    const keys = types.map((type) => `${type.category.code}/${type.code}`);
    expect(keys).toEqual([...keys].sort());
  });
});
