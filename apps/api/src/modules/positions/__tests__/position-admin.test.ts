import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const SAVE_TYPE = 'mutation($input: SavePositionTypeInput!) { savePositionType(input: $input) { ok error { code message field } positionType { id code kind menus positionCount } } }';
const DELETE_TYPE = 'mutation($input: DeleteByIdInput!) { deletePositionType(input: $input) { ok error { code message field } } }';
const SAVE = 'mutation($input: SavePositionInput!) { savePosition(input: $input) { ok error { code message field } position { id code name organisation { id } positionType { id } holderCount } } }';
const DELETE = 'mutation($input: DeleteByIdInput!) { deletePosition(input: $input) { ok error { code message field } } }';

describe.each(testBackends())('position types and positions management (%s)', (backend) => {
  let app: TestApp;
  let admin: string;
  let district: { id: number; path: string };
  let elsewhere: { id: number };
  let heldPosition: number;
  let holderLogin: { loginName: string; password: string };

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 60_000 } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    const city = await createOrganisation(app.prisma, { parentId: province.id, level: 'CITY' });
    district = await createOrganisation(app.prisma, { parentId: city.id });
    elsewhere = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    const adminLogin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN'] }]);
    const holder = await createLogin(app.prisma, [{ organisationId: district.id, kinds: ['GENERAL'], menus: ['help', 'help.about'] }]);
    holderLogin = holder;
    heldPosition = (await app.prisma.staffPosition.findFirstOrThrow({ where: { staffId: holder.staff[0]!.id } })).positionId;
    admin = await loginAs(app.url, adminLogin.loginName, adminLogin.password);
  });
  afterAll(() => app?.close());

  const run = async (query: string, input: object) => {
    const result = await gqlRequest(app.url, query, { input }, admin);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return Object.values(result.data)[0] as { ok: boolean; error: { code: string; message: string; field: string } | null; [key: string]: unknown };
  };

  it('makes a general position type with menus and a position of it, then changes both (audited)', async () => {
    const code = unique('PT_');
    const made = await run(SAVE_TYPE, { code, name: '质检岗', nameEn: 'Quality checks', kind: 'GENERAL', menus: ['queries.orders', 'queries', 'queries.orders'] });
    expect(made).toMatchObject({ ok: true, positionType: { code, kind: 'GENERAL', menus: ['queries', 'queries.orders'], positionCount: 0 } });
    const typeId = (made.positionType as { id: string }).id;

    const position = await run(SAVE, { code: `${code}.POS`, name: '天河质检岗', organisationId: String(district.id), positionTypeId: typeId });
    expect(position).toMatchObject({ ok: true, position: { code: `${code}.POS`, organisation: { id: String(district.id) }, positionType: { id: typeId }, holderCount: 0 } });
    const positionId = (position.position as { id: string }).id;

    const renamed = await run(SAVE, { id: positionId, code: `${code}.POS`, name: '天河区质检岗', nameEn: 'Tianhe QA', organisationId: String(district.id), positionTypeId: typeId });
    expect(renamed).toMatchObject({ ok: true, position: { name: '天河区质检岗' } });

    const listed = await gqlRequest(app.url, 'query($filter: PositionFilter) { managedPositions(filter: $filter) { id } }', { filter: { organisationId: String(district.id), search: 'qa' } }, admin);
    expect(listed.data.managedPositions).toEqual([{ id: positionId }]);
    const types = await gqlRequest(app.url, '{ positionTypes { id positionCount } }', {}, admin);
    expect(types.data.positionTypes.find((type: { id: string }) => type.id === typeId)).toEqual({ id: typeId, positionCount: 1 });

    // Used by a position: the type cannot go, nor become a work-order type.
    expect(await run(DELETE_TYPE, { id: typeId })).toMatchObject({ ok: false, error: { code: 'IN_USE', field: 'id' } });
    expect((await run(DELETE_TYPE, { id: typeId })).error!.message).toContain(`${code}.POS`);
    expect(await run(SAVE_TYPE, { id: typeId, code, name: '质检岗', kind: 'WORK_ORDER', menus: [] })).toMatchObject({ ok: false, error: { code: 'IN_USE', field: 'kind' } });

    expect(await run(DELETE, { id: positionId })).toEqual({ ok: true, error: null });
    expect(await run(DELETE_TYPE, { id: typeId })).toEqual({ ok: true, error: null });
    const audit = await gqlRequest(app.url, 'query($filter: AuditFilter) { auditLog(filter: $filter, first: 10) { edges { node { action } } } }', { filter: { entityType: 'Position', entityId: positionId } }, admin);
    expect(audit.data.auditLog.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual(['position.delete', 'position.update', 'position.create']);
  });

  it('keeps menus for system-administration and general types, known menus and unique codes, naming the field', async () => {
    expect(await run(SAVE_TYPE, { code: unique('PT_'), name: '装维', kind: 'WORK_ORDER', menus: ['queries'] })).toMatchObject({ ok: false, error: { code: 'MENUS_NOT_ALLOWED', field: 'menus' } });
    expect(await run(SAVE_TYPE, { code: unique('PT_'), name: '装维', kind: 'GENERAL', menus: ['no.such.menu'] })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_MENU', field: 'menus' } });
    const code = unique('PT_');
    expect((await run(SAVE_TYPE, { code, name: 'A', kind: 'GENERAL', menus: [] })).ok).toBe(true);
    expect(await run(SAVE_TYPE, { code, name: 'B', kind: 'GENERAL', menus: [] })).toMatchObject({ ok: false, error: { code: 'DUPLICATE_CODE', field: 'code' } });
    const bad = await gqlRequest(app.url, SAVE_TYPE, { input: { code: 'has space', name: '', kind: 'GENERAL', menus: [] } }, admin);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/code|name/);
  });

  it('refuses to delete a held position with who holds it, and positions outside the data permissions', async () => {
    const refused = await run(DELETE, { id: String(heldPosition) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'IN_USE', field: 'id' } });
    expect(refused.error!.message).toContain('held by 1 staff');
    const types = (await gqlRequest(app.url, '{ positionTypes { id kind } }', {}, admin)).data.positionTypes;
    const general = types.find((type: { kind: string }) => type.kind === 'GENERAL').id;
    expect(await run(SAVE, { code: unique('P_'), name: 'x', organisationId: String(elsewhere.id), positionTypeId: general })).toMatchObject({ ok: false, error: { code: 'NO_SUCH_ORGANISATION', field: 'organisationId' } });
  });

  it('changes holders’ menus at once only when asked to apply the type’s menus to them', async () => {
    const holder = await loginAs(app.url, holderLogin.loginName, holderLogin.password);
    const menus = async () => (await gqlRequest(app.url, '{ viewer { menus } }', {}, holder)).data.viewer.menus;
    expect(await menus()).toEqual(['help', 'help.about']);
    const position = await app.prisma.position.findUniqueOrThrow({ where: { id: heldPosition }, select: { positionType: { select: { id: true, code: true, name: true } } } });
    const type = position.positionType;
    const save = (menus: string[], applyMenusToHolders: boolean) => run(SAVE_TYPE, { id: String(type.id), code: type.code, name: type.name, kind: 'GENERAL', menus, applyMenusToHolders });
    // The type's menus are the defaults of the next assignment: the holder's permissions stay.
    expect((await save(['help', 'help.about', 'monitoring', 'monitoring.dashboard'], false)).ok).toBe(true);
    expect(await menus()).toEqual(['help', 'help.about']);
    // Applied: the menus added are granted and the ones removed are taken away, at once.
    expect((await save(['help', 'queries', 'queries.orders'], true)).ok).toBe(true);
    await expect.poll(menus).toEqual(['help', 'queries', 'queries.orders']);
  });

  it('assigns positions to a staff member (定岗): their menus follow, and positions off their organisation line are refused', async () => {
    const holder = await loginAs(app.url, holderLogin.loginName, holderLogin.password);
    const viewer = async () => (await gqlRequest(app.url, '{ viewer { menus staff { id positions { id } } } }', {}, holder)).data.viewer;
    const before = await viewer();
    const code = unique('PT_');
    const type = await run(SAVE_TYPE, { code, name: '报表岗', kind: 'GENERAL', menus: ['monitoring', 'monitoring.dashboard'] });
    const typeId = (type.positionType as { id: string }).id;
    const inDistrict = await run(SAVE, { code: `${code}.D`, name: '报表岗', organisationId: String(district.id), positionTypeId: typeId });
    const outside = await run(SAVE, { code: `${code}.E`, name: '外区岗', organisationId: String(elsewhere.id), positionTypeId: typeId });
    const ASSIGN = 'mutation($input: AssignStaffPositionsInput!) { assignStaffPositions(input: $input) { ok error { code message field } staff { positions { id } } } }';
    const districtPositionId = (inDistrict.position as { id: string }).id;

    const assigned = await run(ASSIGN, { staffId: before.staff.id, positionIds: [String(heldPosition), districtPositionId] });
    expect(assigned).toMatchObject({ ok: true, error: null });
    await expect.poll(async () => (await viewer()).menus).toEqual(expect.arrayContaining(['monitoring', 'monitoring.dashboard']));

    // A position of another province is off the staff member's organisation line (and here also outside the data permissions).
    expect(outside.ok).toBe(false);
    expect(await run(ASSIGN, { staffId: before.staff.id, positionIds: ['999999'] })).toMatchObject({ ok: false, error: { code: 'NO_SUCH_POSITION', field: 'positionIds' } });

    // Taken away again: the menus go with it.
    expect((await run(ASSIGN, { staffId: before.staff.id, positionIds: [String(heldPosition)] })).ok).toBe(true);
    await expect.poll(async () => (await viewer()).menus).not.toContain('monitoring.dashboard');
  });
});
