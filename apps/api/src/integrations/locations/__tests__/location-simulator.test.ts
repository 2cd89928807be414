import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';
import { demoGridBoxes } from '../../geocoder/demo-area.ts';
import { LocationSimulator } from '../location.simulator.ts';

describe.each(testBackends())('location simulator (%s)', (backend) => {
  let app: TestApp;
  let memberIds: number[];

  beforeAll(async () => {
    app = await startTestApp(backend);
    const created = await createOrganisation(app.prisma, { level: 'GRID' });
    const grid = await app.prisma.organisation.update({ where: { id: created.id }, data: { code: 'GZ-HZ-03' } });
    const login = await createLogin(app.prisma, [{ organisationId: grid.id, kinds: ['WORK_ORDER'] }, { organisationId: grid.id, kinds: ['WORK_ORDER'] }]);
    const position = await app.prisma.position.findFirstOrThrow({ where: { holders: { some: { staffId: login.staff[0]!.id } } } });
    memberIds = login.staff.map((s) => s.id);
    await app.prisma.team.create({ data: { code: unique('TEAM-'), name: '测试组', organisationId: grid.id, positionId: position.id, members: { create: memberIds.map((staffId) => ({ staffId })) } } });
  });
  afterAll(() => app?.close());

  it('moves every team member inside their grid and reports through the ingestion', async () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const simulator = new LocationSimulator(app.prisma, app.services.locations, 60_000, () => app.services.clock.now(), random);
    expect(await simulator.tick()).toBe(2);
    const first = await app.prisma.staffLastLocation.findMany({ where: { staffId: { in: memberIds } }, orderBy: { staffId: 'asc' } });
    for (let i = 0; i < 5; i++) {
      app.clock.advance(60_000);
      await simulator.tick();
    }
    const box = demoGridBoxes['GZ-HZ-03']!;
    const history = await app.prisma.staffLocation.findMany({ where: { staffId: { in: memberIds } } });
    expect(history).toHaveLength(12);
    for (const point of history) {
      expect(point.latitude).toBeGreaterThanOrEqual(box.south);
      expect(point.latitude).toBeLessThanOrEqual(box.north);
      expect(point.longitude).toBeGreaterThanOrEqual(box.west);
      expect(point.longitude).toBeLessThanOrEqual(box.east);
    }
    const last = await app.prisma.staffLastLocation.findMany({ where: { staffId: { in: memberIds } }, orderBy: { staffId: 'asc' } });
    expect(last.some((row, i) => row.latitude !== first[i]!.latitude || row.longitude !== first[i]!.longitude)).toBe(true);
    // Each installer reports through a registered simulated device.
    expect(await app.prisma.locationDevice.count({ where: { staffId: { in: memberIds }, deviceCode: { startsWith: 'SIM-' } } })).toBe(2);
  });
});
