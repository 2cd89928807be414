import { hash } from '@node-rs/argon2';
import { seedDemoBillFormats } from './billing.ts';
import type { PrismaClient } from '../generated/client/client.ts';
import { demoArea, demoLogins, demoName, demoPassword, demoPositionTypes, type DemoPositionTypeCode } from './demo-data.ts';
import { writeDefaultStaffPermissions } from '../src/staff-permissions.ts';
import { seedAttributeItems } from './attributes.ts';
import { seedDemoBills } from './bills.ts';
import { menuTree } from './menus.ts';
import { seedTimeLimits } from './time-limits.ts';
import { seedDemoPrepaid, seedTariffs } from './prepaid.ts';
import { seedWorkflows } from './workflows.ts';

export { demoLogins, demoPassword, demoPositionTypes } from './demo-data.ts';
export { demoBills } from './bills.ts';
export { templates as workflowTemplateSpecs, type TemplateSpec } from './workflows.ts';
// The demo area's generation rules: the account-sync simulator's data set mirrors the seeded teams, the map draws the area.
export { demoArea, demoName } from './demo-data.ts';

/** Installers generated per grid, and dispatchers per district (≈ 200 staff in all). */
export const installersPerGrid = 7;
export const dispatchersPerDistrict = 2;

/**
 * Writes the menu tree (always, idempotently: it is reference data the SPA needs) and, when the
 * database has no organisation yet, the demo service area with ~200 staff. Returns what it did.
 */
export async function seedDatabase(prisma: PrismaClient, options: { demo?: boolean } = {}): Promise<{ menus: number; demo: boolean }> {
  await seedMenus(prisma);
  await seedWorkflows(prisma);
  await seedTimeLimits(prisma);
  await seedAttributeItems(prisma);
  await seedTariffs(prisma);
  const demo = options.demo !== false && (await prisma.organisation.count()) === 0;
  if (demo) {
    await seedDemoArea(prisma);
    // The bill formats first: the arrears demo month reads with SPACE.
    await seedDemoBillFormats(prisma);
    await seedDemoBills(prisma);
    await seedDemoPrepaid(prisma);
    // Statistics for the tables just filled: autovacuum analyses a table only after 50 changed
    // rows, so the 32 demo organisations would never get any, and without them the planner takes
    // a data scope (`path LIKE '/1/2/%'`) for a tiny one and sorts every work order in it.
    await prisma.$executeRawUnsafe('ANALYZE');
  }
  return { menus: menuTree.reduce((sum, entry) => sum + 1 + entry.children.length, 0), demo };
}

async function seedMenus(prisma: PrismaClient) {
  let order = 0;
  for (const entry of menuTree) {
    for (const [code, route, parentCode] of [[entry.code, entry.route, null], ...entry.children.map((child) => [child.code, child.route, entry.code])] as [string, string | null, string | null][]) {
      order += 10;
      await prisma.menu.upsert({ where: { code }, create: { code, route, parentCode, sortOrder: order }, update: { route, parentCode, sortOrder: order } });
    }
  }
}

async function seedDemoArea(prisma: PrismaClient) {
  // One hash for all demo accounts: argon2 is deliberately slow, and this is demo data.
  const passwordHash = await hash(demoPassword);

  await prisma.$transaction(
    async (tx) => {
      const orgIds = new Map<string, { id: number; path: string }>();
      const addOrg = async (code: string, name: string, nameEn: string, level: 'PROVINCE' | 'CITY' | 'DISTRICT' | 'GRID', parent: string | null, sortOrder: number) => {
        const parentRow = parent ? orgIds.get(parent)! : null;
        const row = await tx.organisation.create({ data: { code, name, nameEn, level, parentId: parentRow?.id ?? null, path: '', sortOrder }, select: { id: true } });
        const path = `${parentRow?.path ?? '/'}${row.id}/`;
        await tx.organisation.update({ where: { id: row.id }, data: { path } });
        orgIds.set(code, { id: row.id, path });
      };
      await addOrg(demoArea.province.code, demoArea.province.name, demoArea.province.nameEn, 'PROVINCE', null, 0);
      await addOrg(demoArea.city.code, demoArea.city.name, demoArea.city.nameEn, 'CITY', demoArea.province.code, 0);
      for (const [d, district] of demoArea.districts.entries()) {
        await addOrg(district.code, district.name, district.nameEn, 'DISTRICT', demoArea.city.code, d);
        for (const [g, [name, nameEn]] of district.grids.entries()) {
          await addOrg(gridCode(district.code, g), `${district.name}${name}网格`, `${district.nameEn} ${nameEn} grid`, 'GRID', district.code, g);
        }
      }

      const typeIds = new Map<DemoPositionTypeCode, number>();
      for (const type of demoPositionTypes) {
        const row = await tx.positionType.create({
          data: { code: type.code, name: type.name, nameEn: type.nameEn, kind: type.kind, menus: { create: type.menus.map((menuCode) => ({ menuCode })) } },
          select: { id: true },
        });
        typeIds.set(type.code, row.id);
      }

      // Positions are named as the seed does: "<city>.<district><type>" (e.g. 广州.天河区调度岗).
      const positionIds = new Map<string, number>();
      const positionFor = async (orgCode: string, typeCode: DemoPositionTypeCode) => {
        const key = `${orgCode}:${typeCode}`;
        const existing = positionIds.get(key);
        if (existing) return existing;
        const org = await tx.organisation.findUniqueOrThrow({ where: { code: orgCode }, select: { name: true, nameEn: true } });
        const type = demoPositionTypes.find((entry) => entry.code === typeCode)!;
        // Below the city, names start with the city as the seed's naming rule says ("广州.天河区…").
        const belowCity = orgCode !== demoArea.province.code && orgCode !== demoArea.city.code;
        const cityPrefix = belowCity ? '广州.' : '';
        const cityPrefixEn = belowCity ? 'Guangzhou ' : '';
        const row = await tx.position.create({
          data: { code: `${orgCode}.${typeCode}`, name: `${cityPrefix}${org.name}${type.name}`, nameEn: `${cityPrefixEn}${org.nameEn} ${type.nameEn}`, organisationId: orgIds.get(orgCode)!.id, positionTypeId: typeIds.get(typeCode)! },
          select: { id: true },
        });
        positionIds.set(key, row.id);
        return row.id;
      };

      const staffIds: number[] = [];
      const addStaff = async (login: string, staff: { staffNo: string; name: string; org: string; positions: readonly DemoPositionTypeCode[]; billingLevel?: 'NORMAL' | 'SENIOR' | 'SUPER' }[]) => {
        const user = await tx.userAccount.create({ data: { loginName: login, passwordHash }, select: { id: true } });
        for (const entry of staff) {
          const positions = [];
          for (const typeCode of entry.positions) positions.push({ positionId: await positionFor(entry.org, typeCode) });
          const created = await tx.staff.create({
            data: {
              staffNo: entry.staffNo,
              name: entry.name,
              phone: phoneFor(entry.staffNo),
              organisationId: orgIds.get(entry.org)!.id,
              userId: user.id,
              billingLevel: entry.billingLevel ?? null,
              positions: { create: positions },
            },
            select: { id: true },
          });
          staffIds.push(created.id);
        }
      };

      for (const entry of demoLogins) await addStaff(entry.login, entry.staff);
      let n = 0;
      for (const [d, district] of demoArea.districts.entries()) {
        for (let i = 0; i < dispatchersPerDistrict; i++) {
          const staffNo = `GZ1${d}${String(i + 1).padStart(2, '0')}`;
          await addStaff(staffNo.toLowerCase(), [{ staffNo, name: demoName(n++), org: district.code, positions: ['DISPATCH', 'DISPATCH_GENERAL'] }]);
        }
        for (let g = 0; g < district.grids.length; g++) {
          for (let i = 0; i < installersPerGrid; i++) {
            const staffNo = `GZ2${d}${g}${String(i + 1).padStart(2, '0')}`;
            await addStaff(staffNo.toLowerCase(), [{ staffNo, name: demoName(n++), org: gridCode(district.code, g), positions: ['INSTALL', 'INSTALL_GENERAL'] }]);
          }
        }
      }
      // Position assignment with default permissions, as an administrator's 定岗 would write them.
      await writeDefaultStaffPermissions(tx, staffIds);
      // Installation teams (装维组): each grid's installer position is its team's queue, its installers the members.
      for (const district of demoArea.districts) {
        for (const [g, [gridName, gridNameEn]] of district.grids.entries()) {
          const grid = gridCode(district.code, g);
          const members = await tx.staff.findMany({ where: { organisation: { code: grid }, positions: { some: { position: { positionType: { code: 'INSTALL' } } } } }, orderBy: { staffNo: 'asc' }, select: { id: true } });
          await tx.team.create({
            data: {
              code: `${grid}.TEAM`,
              name: `${district.name}${gridName}装维组`,
              nameEn: `${district.nameEn} ${gridNameEn} installation team`,
              organisationId: orgIds.get(grid)!.id,
              positionId: await positionFor(grid, 'INSTALL'),
              members: { create: members.map((member, index) => ({ staffId: member.id, leader: index === 0 })) },
            },
          });
        }
      }
      // Dispatch rules: a district's dispatch-center and activation-failure steps go to its dispatchers; a grid's field work to
      // its installation team.
      for (const district of demoArea.districts) {
        // The district's dispatchers also review activation failures and activate offline.
        for (const workOrderTypeCode of ['DISPATCH', 'ACTIVATION_REVIEW', 'OFFLINE_ACTIVATION']) {
          await tx.dispatchRule.create({ data: { organisationId: orgIds.get(district.code)!.id, workOrderTypeCode, positionId: await positionFor(district.code, 'DISPATCH') } });
        }
        for (let g = 0; g < district.grids.length; g++) {
          const grid = gridCode(district.code, g);
          // Field work only: a rule for any type would also win the dispatch-center step (the nearest area wins).
          for (const workOrderTypeCode of ['APPOINTMENT', 'INSTALL', 'ONSITE_TEST', 'REMOVE']) {
            await tx.dispatchRule.create({ data: { organisationId: orgIds.get(grid)!.id, workOrderTypeCode, positionId: await positionFor(grid, 'INSTALL') } });
          }
        }
      }
    },
    { timeout: 120_000, maxWait: 120_000 },
  );
}

function gridCode(districtCode: string, index: number): string {
  return `${districtCode}-${String(index + 1).padStart(2, '0')}`;
}

/** A believable, deterministic mobile number for a staff number. */
export function phoneFor(staffNo: string): string {
  const digits = staffNo.replace(/\D/g, '').padStart(8, '0').slice(-8);
  return `139${digits}`;
}
