import { seedDatabase } from '@openiom/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';

const SYNC = 'mutation { syncTeamAccounts { ok error { code message } applied { kind subject detail } refused { kind subject reason } } }';

// The demo data set against the demo seed (embedded database only: seeding the demo area takes a while).
describe('account sync of the demo data set against the demo seed', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp('pglite', { config: { crmPollMs: 60_000, accountSync: { enabled: false, intervalMinutes: 60, timeoutMs: 5000 } } });
    await seedDatabase(app.prisma, { demo: true });
    app.services.simulators.ACCOUNTS.settings = { minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 };
    admin = await loginAs(app.url, 'admin', 'openiom123');
  }, 120_000);
  afterAll(() => app?.close());

  it('links every seeded team and installer on the first run and applies exactly the simulator’s few changes', async () => {
    const result = (await gqlRequest(app.url, SYNC, {}, admin)).data.syncTeamAccounts;
    expect(result.ok).toBe(true);
    expect(result.refused).toEqual([]);
    const of = (kind: string) => result.applied.filter((c: { kind: string }) => c.kind === kind);
    expect(of('TEAM_CREATED').map((c: { subject: string }) => c.subject)).toEqual(['GZ-PY-01.TEAM2 番禺区市桥装维二组']);
    expect(of('STAFF_CREATED').map((c: { subject: string }) => c.subject)).toEqual(['GZ20108 钟新']);
    expect(of('STAFF_DEACTIVATED').map((c: { subject: string }) => c.subject.split(' ')[0])).toEqual(['GZ20207']);
    expect(of('TEAM_UPDATED').find((c: { subject: string }) => c.subject.startsWith('GZ-YX-02.TEAM'))?.detail).toContain('越秀区东山装维一组');
    // Every seeded team linked (24), every installer linked: names and phones already matched.
    expect(of('TEAM_UPDATED')).toHaveLength(24);
    expect(of('STAFF_UPDATED').filter((c: { detail: string }) => c.detail.includes('phone'))).toEqual([expect.objectContaining({ subject: expect.stringContaining('GZ21001'), detail: expect.stringContaining('13700021001') })]);
    expect(of('STAFF_UPDATED').filter((c: { detail: string }) => c.detail.includes('name'))).toEqual([]);
    expect(await app.prisma.team.count({ where: { externalId: null } })).toBe(0);

    const team = (code: string) => app.prisma.team.findUniqueOrThrow({ where: { code }, select: { name: true, members: { select: { leader: true, staff: { select: { staffNo: true } } }, orderBy: { staff: { staffNo: 'asc' } } } } });
    expect((await team('GZ-PY-01.TEAM')).members).toHaveLength(5);
    expect((await team('GZ-PY-01.TEAM2')).members.map((m) => m.staff.staffNo)).toEqual(['GZ25006', 'GZ25007']);
    expect((await team('GZ-TH-02.TEAM')).members.map((m) => m.staff.staffNo)).toContain('GZ20108');
    expect((await team('GZ-HZ-01.TEAM')).members.filter((m) => m.leader).map((m) => m.staff.staffNo)).toEqual(['GZ22002']);
    const shipai = await team('GZ-TH-01.TEAM');
    expect(shipai.members).toHaveLength(8);
    expect(shipai.members.find((m) => m.leader)?.staff.staffNo).toBe('GZ0201');

    // Nothing left to do: a second run changes nothing.
    const again = (await gqlRequest(app.url, SYNC, {}, admin)).data.syncTeamAccounts;
    expect(again).toMatchObject({ ok: true, applied: [], refused: [] });
  });
});
