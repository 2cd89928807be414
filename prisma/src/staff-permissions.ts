import type { Prisma, PrismaClient } from '../generated/client/client.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Default permissions of position assignment (定岗), replacing whatever the staff members had:
 * - menu permissions: every menu of the position types they hold, with operate;
 * - data permissions: their own organisation (and so its subtree);
 * - work-order permissions: the work-order handling positions they hold.
 * One statement per table, so it is as cheap for 200 seeded staff as for one.
 */
export async function writeDefaultStaffPermissions(db: Db, staffIds: readonly number[]): Promise<void> {
  if (staffIds.length === 0) return;
  const ids = [...staffIds];
  await db.$executeRaw`DELETE FROM staff_menu WHERE staff_id = ANY(${ids}::int[])`;
  await db.$executeRaw`
    INSERT INTO staff_menu (staff_id, menu_code, operate)
    SELECT DISTINCT sp.staff_id, ptm.menu_code, true
    FROM staff_position sp
    JOIN position p ON p.id = sp.position_id
    JOIN position_type_menu ptm ON ptm.position_type_id = p.position_type_id
    WHERE sp.staff_id = ANY(${ids}::int[])`;
  await db.$executeRaw`DELETE FROM staff_data_scope WHERE staff_id = ANY(${ids}::int[])`;
  await db.$executeRaw`
    INSERT INTO staff_data_scope (staff_id, organisation_id)
    SELECT id, organisation_id FROM staff WHERE id = ANY(${ids}::int[])`;
  await db.$executeRaw`DELETE FROM staff_work_order_position WHERE staff_id = ANY(${ids}::int[])`;
  await db.$executeRaw`
    INSERT INTO staff_work_order_position (staff_id, position_id)
    SELECT sp.staff_id, sp.position_id
    FROM staff_position sp
    JOIN position p ON p.id = sp.position_id
    JOIN position_type pt ON pt.id = p.position_type_id
    WHERE pt.kind = 'WORK_ORDER' AND sp.staff_id = ANY(${ids}::int[])`;
}
