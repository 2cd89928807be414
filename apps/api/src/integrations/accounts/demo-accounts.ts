import { demoArea, demoLogins, demoName, dispatchersPerDistrict, installersPerGrid, phoneFor } from '@openiom/db/seed';
import type { AccountsSnapshot, ExternalPerson, ExternalTeam } from './accounts.adapter.ts';

const personId = (staffNo: string) => `MT-P-${staffNo}`;
const gridCode = (districtCode: string, index: number) => `${districtCode}-${String(index + 1).padStart(2, '0')}`;

/**
 * The simulated maintenance system's data: the demo seed's installation teams and installers (the
 * same codes, staff numbers, names and phones, so a first sync links them), with these changes:
 * - GZ-TH-02 (Wushan) gains a new installer GZ20108;
 * - GZ20207 (Zhujiang New Town) has left: deactivated here, unless they still hold work;
 * - GZ-YX-02's team is renamed 越秀区东山装维一组 (refused while it holds in-flight work);
 * - GZ-HZ-01's leader is now its second member;
 * - GZ-PY-01 is split: a new team GZ-PY-01.TEAM2 takes its last two installers;
 * - GZ21001 has a new phone number.
 * The Shipai team of the demo installer (GZ-TH-01) is left as seeded.
 */
export function demoAccounts(): AccountsSnapshot {
  const people: ExternalPerson[] = [];
  const teams: ExternalTeam[] = [];
  const named = demoLogins.flatMap((login) => login.staff).filter((staff) => staff.positions.includes('INSTALL'));
  let n = 0;
  for (const [d, district] of demoArea.districts.entries()) {
    n += dispatchersPerDistrict;
    for (const [g, [gridName, gridNameEn]] of district.grids.entries()) {
      const grid = gridCode(district.code, g);
      const members: ExternalPerson[] = named.filter((staff) => staff.org === grid).map((staff) => ({ externalId: personId(staff.staffNo), staffNo: staff.staffNo, name: staff.name, phone: phoneFor(staff.staffNo), organisationCode: grid, active: true }));
      for (let i = 0; i < installersPerGrid; i++) {
        const staffNo = `GZ2${d}${g}${String(i + 1).padStart(2, '0')}`;
        members.push({ externalId: personId(staffNo), staffNo, name: demoName(n++), phone: phoneFor(staffNo), organisationCode: grid, active: true });
      }
      members.sort((a, b) => a.staffNo.localeCompare(b.staffNo));
      people.push(...members);
      teams.push({
        externalId: `MT-T-${grid}`,
        code: `${grid}.TEAM`,
        name: `${district.name}${gridName}装维组`,
        nameEn: `${district.nameEn} ${gridNameEn} installation team`,
        organisationCode: grid,
        members: members.map((member, index) => ({ personId: member.externalId, leader: index === 0 })),
      });
    }
  }
  const team = (code: string) => teams.find((t) => t.code === code)!;
  const person = (staffNo: string) => people.find((p) => p.staffNo === staffNo)!;

  const newcomer: ExternalPerson = { externalId: personId('GZ20108'), staffNo: 'GZ20108', name: '钟新', phone: phoneFor('GZ20108'), organisationCode: 'GZ-TH-02', active: true };
  people.push(newcomer);
  team('GZ-TH-02.TEAM').members.push({ personId: newcomer.externalId, leader: false });

  person('GZ20207').active = false;
  team('GZ-TH-03.TEAM').members = team('GZ-TH-03.TEAM').members.filter((m) => m.personId !== personId('GZ20207'));

  team('GZ-YX-02.TEAM').name = '越秀区东山装维一组';
  team('GZ-YX-02.TEAM').nameEn = 'Yuexiu Dongshan installation team 1';

  const haizhu = team('GZ-HZ-01.TEAM');
  haizhu.members = haizhu.members.map((m, index) => ({ ...m, leader: index === 1 }));

  const shiqiao = team('GZ-PY-01.TEAM');
  const moved = shiqiao.members.slice(-2);
  shiqiao.members = shiqiao.members.slice(0, -2);
  teams.push({ externalId: 'MT-T-GZ-PY-01-2', code: 'GZ-PY-01.TEAM2', name: '番禺区市桥装维二组', nameEn: 'Panyu Shiqiao installation team 2', organisationCode: 'GZ-PY-01', members: moved.map((m, index) => ({ personId: m.personId, leader: index === 0 })) });

  person('GZ21001').phone = '13700021001';
  return { teams, people };
}
