import { hash } from '@node-rs/argon2';
import { type BillingLevel, type PositionKind, type PrismaClient, writeDefaultStaffPermissions } from '@openiom/db';
import { randomBytes } from 'node:crypto';

const passwordHashes = new Map<string, Promise<string>>();
function hashed(password: string): Promise<string> {
  let value = passwordHashes.get(password);
  if (!value) passwordHashes.set(password, (value = hash(password)));
  return value;
}

export const unique = (prefix: string) => `${prefix}${randomBytes(4).toString('hex')}`;

/** An organisation (under `parent` when given) with a correct materialised path. */
export async function createOrganisation(prisma: PrismaClient, options: { parentId?: number; level?: 'PROVINCE' | 'CITY' | 'DISTRICT' | 'GRID'; name?: string } = {}) {
  const parent = options.parentId ? await prisma.organisation.findUniqueOrThrow({ where: { id: options.parentId } }) : null;
  const code = unique('ORG-');
  const row = await prisma.organisation.create({
    data: { code, name: options.name ?? `测试组织${code}`, nameEn: `Test org ${code}`, level: options.level ?? (parent ? 'DISTRICT' : 'PROVINCE'), parentId: parent?.id ?? null, path: '' },
  });
  return prisma.organisation.update({ where: { id: row.id }, data: { path: `${parent?.path ?? '/'}${row.id}/` } });
}

/** A position type of `kind` granting `menus` (menu codes must exist: reference data is seeded). */
export async function createPositionType(prisma: PrismaClient, kind: PositionKind, menus: string[] = []) {
  const code = unique('PT-');
  return prisma.positionType.create({ data: { code, name: `岗位类型${code}`, nameEn: `Type ${code}`, kind, menus: { create: menus.map((menuCode) => ({ menuCode })) } } });
}

export interface StaffSpec {
  organisationId: number;
  kinds?: PositionKind[];
  /**
   * Menus of the position types. Omitted: the types carry none and the staff member is granted every
   * menu with operate, so that only the kinds (and data/work-order permissions) limit them.
   */
  menus?: string[];
  name?: string;
  active?: boolean;
  /** Billing operator level; omitted: none. */
  billingLevel?: BillingLevel;
}

/**
 * A login owning one or more staff numbers, each holding positions of the given kinds in its
 * organisation with the default permissions of position assignment (定岗). Returns the login
 * name, password and staff rows.
 */
export async function createLogin(prisma: PrismaClient, staff: StaffSpec[], password = 'correct horse') {
  const loginName = unique('user-');
  const user = await prisma.userAccount.create({ data: { loginName, passwordHash: await hashed(password) } });
  const rows = [];
  for (const spec of staff) {
    const positionIds: number[] = [];
    for (const kind of spec.kinds ?? []) {
      const type = await createPositionType(prisma, kind, spec.menus ?? []);
      const position = await prisma.position.create({ data: { code: unique('POS-'), name: `岗位${type.code}`, organisationId: spec.organisationId, positionTypeId: type.id } });
      positionIds.push(position.id);
    }
    rows.push(
      await prisma.staff.create({
        data: {
          staffNo: unique('S').toUpperCase(),
          name: spec.name ?? unique('员工'),
          phone: '13900000000',
          active: spec.active ?? true,
          billingLevel: spec.billingLevel ?? null,
          organisationId: spec.organisationId,
          userId: user.id,
          positions: { create: positionIds.map((positionId) => ({ positionId })) },
        },
      }),
    );
    const staffId = rows[rows.length - 1]!.id;
    await writeDefaultStaffPermissions(prisma, [staffId]);
    if (spec.menus === undefined) {
      const menus = await prisma.menu.findMany({ select: { code: true } });
      await prisma.staffMenu.createMany({ data: menus.map((menu) => ({ staffId, menuCode: menu.code, operate: true })) });
    }
  }
  return { loginName, password, userId: user.id, staff: rows };
}
