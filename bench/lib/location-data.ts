import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';

/** Demo grid boxes (apps/api/src/integrations/geocoder/demo-area.ts), as SQL-friendly rows. */
export interface StaffDevice {
  staffId: number;
  deviceCode: string;
  token: string;
  latitude: number;
  longitude: number;
}

/**
 * `count` generated installers in the demo grids (round robin), each with a session of its own (a
 * token as a login would give: only its SHA-256 is stored) and a registered device. One login
 * account owns them all (sessions pick the staff number), so no password hashing is needed.
 */
export async function generateStaffDevices(client: pg.Client, count: number, boxes: Record<string, { west: number; south: number; east: number; north: number }>): Promise<StaffDevice[]> {
  const grids = await client.query<{ id: number; code: string }>(`SELECT id, code FROM organisation WHERE code = ANY($1::text[]) ORDER BY code`, [Object.keys(boxes)]);
  if (grids.rows.length === 0) throw new Error('the demo grids are missing: seed the demo data first');
  const tag = randomBytes(3).toString('hex');
  const user = await client.query<{ id: number }>(`INSERT INTO user_account (login_name, password_hash) VALUES ($1, 'x') RETURNING id`, [`bench-loc-${tag}`]);
  const staffNos = Array.from({ length: count }, (_, i) => `BL${tag}${String(i).padStart(5, '0')}`);
  const orgIds = staffNos.map((_, i) => grids.rows[i % grids.rows.length]!.id);
  const staff = await client.query<{ id: number; staff_no: string }>(
    `INSERT INTO staff (staff_no, name, organisation_id, user_id) SELECT s, '定位测试' || s, o, $3 FROM unnest($1::text[], $2::int[]) AS t (s, o) RETURNING id, staff_no`,
    [staffNos, orgIds, user.rows[0]!.id],
  );
  const rows = staff.rows.sort((a, b) => a.staff_no.localeCompare(b.staff_no));
  const tokens = rows.map(() => randomBytes(32).toString('base64url'));
  await client.query(
    `INSERT INTO session (id, token_hash, user_id, staff_id, login_at, last_seen_at) SELECT gen_random_uuid(), h, $3, s, now(), now() FROM unnest($1::text[], $2::int[]) AS t (h, s)`,
    [tokens.map((token) => createHash('sha256').update(token).digest('hex')), rows.map((r) => r.id), user.rows[0]!.id],
  );
  const codes = rows.map((r) => `DEV-${r.staff_no}`);
  await client.query(`INSERT INTO location_device (device_code, staff_id) SELECT c, s FROM unnest($1::text[], $2::int[]) AS t (c, s)`, [codes, rows.map((r) => r.id)]);
  return rows.map((row, i) => {
    const box = boxes[grids.rows[i % grids.rows.length]!.code]!;
    return { staffId: row.id, deviceCode: codes[i]!, token: tokens[i]!, latitude: box.south + (box.north - box.south) * Math.random(), longitude: box.west + (box.east - box.west) * Math.random() };
  });
}
