import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewerRecord } from '../../auth/auth.types.ts';
import { createLogin, createOrganisation } from '../../../testing/factories.ts';
import { submitOrders } from '../../../testing/orders.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { gqlRequest } from '../../../testing/graphql-client.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';
import { readGraph } from '../template-editor.service.ts';

describe.each(testBackends())('workflow template editor service (%s)', (backend) => {
  let app: TestApp;
  let admin: ViewerRecord;
  let adminToken: string;
  let general: ViewerRecord;
  let areaCode: string;

  const viewerOf = async (token: string) => {
    const auth = await app.services.auth.authenticate(token);
    if (!auth || !('viewer' in auth)) throw new Error('no viewer');
    return auth.viewer;
  };

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 60_000 } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    areaCode = province.code;
    const adminLogin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN'] }]);
    const generalLogin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['GENERAL'] }]);
    adminToken = await loginAs(app.url, adminLogin.loginName, adminLogin.password);
    admin = await viewerOf(adminToken);
    general = await viewerOf(await loginAs(app.url, generalLogin.loginName, generalLogin.password));
  });
  afterAll(() => app?.close());

  const newest = async (code: string) => (await app.services.templateEditor.list(admin)).find((t) => t.code === code)!;

  it('saves an edited graph as a new version, leaves the old one and its running orders alone, and new orders use it', async () => {
    const [running] = await submitOrders(app, adminToken, [{ businessCode: 'FIXED_NEW', areaCode }]);
    const v1 = await newest('FIXED_NEW');
    const graph = await app.services.templateEditor.graph(admin, v1.id);
    const edited = {
      ...graph,
      steps: [...graph.steps, { code: 'SURVEY', name: '勘察', nameEn: 'Survey', kind: 'MANUAL' as const, workOrderTypeCode: 'INSTALL', joinAll: false }],
      transitions: [...graph.transitions.filter((e) => !(e.from === 'START')), { from: 'START', to: 'SURVEY', kind: 'NORMAL' as const, exceptionType: null }, { from: 'SURVEY', to: 'WIRING', kind: 'NORMAL' as const, exceptionType: null }],
    };
    const saved = await app.services.templateEditor.saveVersion(admin, edited);
    expect(saved).toMatchObject({ ok: true, version: v1.version + 1 });
    if (!saved.ok) return;
    expect((await readGraph(app.prisma, v1.id)).steps.map((s) => s.code)).not.toContain('SURVEY');
    expect((await readGraph(app.prisma, saved.templateId)).steps.map((s) => s.code)).toContain('SURVEY');

    const [fresh] = await submitOrders(app, adminToken, [{ businessCode: 'FIXED_NEW', areaCode }]);
    const orders = await app.prisma.order.findMany({ where: { id: { in: [Number(running.id), Number(fresh.id)] } }, select: { id: true, templateId: true } });
    expect(orders.find((o) => o.id === Number(running.id))?.templateId).toBe(v1.id);
    expect(orders.find((o) => o.id === Number(fresh.id))?.templateId).toBe(saved.templateId);

    const audit = await app.prisma.auditEntry.findFirst({ where: { entityType: 'WorkflowTemplate', entityId: String(saved.templateId) } });
    expect(audit?.action).toBe('workflow-template.save');

    const diff = await app.services.templateEditor.diff(admin, v1.id, saved.templateId);
    expect(diff.stepsAdded).toEqual(['SURVEY']);
    expect(diff.transitionsRemoved).toEqual([{ from: 'START', to: 'WIRING', kind: 'NORMAL', exceptionType: null }]);
  });

  it('queues a step at its fixed handling position and counts its time limit of the chosen type', async () => {
    const holder = await createLogin(app.prisma, [{ organisationId: (await app.prisma.organisation.findUniqueOrThrow({ where: { code: areaCode } })).id, kinds: ['WORK_ORDER'] }]);
    const position = (await app.prisma.staffPosition.findFirstOrThrow({ where: { staffId: holder.staff[0]!.id }, select: { position: { select: { id: true, code: true } } } })).position;
    const v = await newest('BROADBAND_REMOVE');
    const graph = await app.services.templateEditor.graph(admin, v.id);
    const fixed = { ...graph, steps: graph.steps.map((step) => (step.code === 'DISPATCH' ? { ...step, positionCode: position.code, timeLimitTypeCode: 'INSTALL' } : step)) };
    // Automatic steps have no handling position, and the position must be a work-order handling one.
    const onAutomatic = { ...graph, steps: graph.steps.map((step) => (step.code === 'NETWORK' ? { ...step, positionCode: position.code } : step)) };
    expect(await app.services.templateEditor.validate(admin, onAutomatic)).toEqual([expect.objectContaining({ code: 'POSITION_ON_AUTOMATIC_STEP', stepCode: 'NETWORK' })]);
    const unknown = { ...graph, steps: graph.steps.map((step) => (step.code === 'DISPATCH' ? { ...step, positionCode: 'NO.SUCH', timeLimitTypeCode: 'NO_TYPE' } : step)) };
    expect((await app.services.templateEditor.validate(admin, unknown)).map((p) => p.code).sort()).toEqual(['UNKNOWN_POSITION', 'UNKNOWN_TIME_LIMIT_TYPE']);
    const saved = await app.services.templateEditor.saveVersion(admin, fixed);
    expect(saved.ok).toBe(true);
    expect((await app.services.templateEditor.diff(admin, v.id, (saved as { templateId: number }).templateId)).stepsChanged).toEqual([{ code: 'DISPATCH', fields: ['positionCode', 'timeLimitTypeCode'] }]);

    const [order] = await submitOrders(app, adminToken, [{ businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', areaCode }]);
    const network = await app.prisma.workOrder.findFirstOrThrow({ where: { orderId: Number(order!.id) }, select: { id: true }, orderBy: { id: 'asc' } });
    // The holder completes the automatic first step (an administrator has no completion role).
    const holderToken = await loginAs(app.url, holder.loginName, holder.password);
    const done = await gqlRequest(app.url, 'mutation($input: CompleteWorkOrderInput!) { completeWorkOrder(input: $input) { ok } }', { input: { workOrderId: String(network.id) } }, holderToken);
    expect(done.data.completeWorkOrder.ok).toBe(true);
    const dispatch = await app.prisma.workOrder.findFirstOrThrow({ where: { orderId: Number(order!.id), step: { code: 'DISPATCH' } }, select: { positionId: true, createdAt: true, dueAt: true, acceptDueAt: true } });
    expect(dispatch.positionId).toBe(position.id);
    const expected = await app.services.timeLimits.workOrderDueTimes(app.prisma, 'INSTALL', 'DISPATCH', (await app.prisma.order.findUniqueOrThrow({ where: { id: Number(order!.id) } })).organisationId, dispatch.createdAt);
    expect({ dueAt: dispatch.dueAt, acceptDueAt: dispatch.acceptDueAt }).toEqual({ dueAt: expected.dueAt, acceptDueAt: expected.acceptDueAt });
    const log = await app.prisma.orderLog.findFirst({ where: { orderId: Number(order!.id), action: 'AUTO_DISPATCH' }, orderBy: { id: 'desc' } });
    expect(log?.detail).toContain('fixed by the template step');
  });

  it('a handler chosen in advance beats the fixed position; a claim hands the claimer on to the steps taking their handler from it', async () => {
    const area = (await app.prisma.organisation.findUniqueOrThrow({ where: { code: areaCode } })).id;
    const [fixedHolder, chosenHolder] = [await createLogin(app.prisma, [{ organisationId: area, kinds: ['WORK_ORDER'] }]), await createLogin(app.prisma, [{ organisationId: area, kinds: ['WORK_ORDER'] }])];
    const positionOf = async (login: { staff: { id: number }[] }) => (await app.prisma.staffPosition.findFirstOrThrow({ where: { staffId: login.staff[0]!.id }, select: { position: { select: { id: true, code: true } } } })).position;
    const fixed = await positionOf(fixedHolder);
    const chosen = await positionOf(chosenHolder);
    const v = await newest('BROADBAND_REMOVE');
    const graph = await app.services.templateEditor.graph(admin, v.id);
    // The seed's removal takes the removal's handler from the appointment: read back, diffed, kept by the editor.
    expect(graph.steps.find((step) => step.code === 'REMOVE')?.handlerFromStep).toBe('APPOINTMENT');
    const saved = await app.services.templateEditor.saveVersion(admin, { ...graph, steps: graph.steps.map((step) => (step.code === 'APPOINTMENT' ? { ...step, positionCode: fixed.code } : step)) });
    expect(saved.ok).toBe(true);
    const savedId = (saved as { templateId: number }).templateId;
    expect((await app.services.templateEditor.graph(admin, savedId)).steps.find((step) => step.code === 'REMOVE')?.handlerFromStep).toBe('APPOINTMENT');

    const [withHandler, withoutHandler] = await submitOrders(app, adminToken, [
      { businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', areaCode },
      { businessCode: 'BROADBAND_REMOVE', orderType: 'REMOVE', areaCode },
    ]);
    await app.prisma.orderStepHandler.create({ data: { orderId: Number(withHandler!.id), stepCode: 'APPOINTMENT', positionId: chosen.id } });
    const engineOrder = (id: string) => app.prisma.order.findUniqueOrThrow({ where: { id: Number(id) }, select: { id: true, orderNo: true, templateId: true, organisationId: true } });
    const open = (id: string, step: string) => app.prisma.workOrder.findFirstOrThrow({ where: { orderId: Number(id), step: { code: step }, state: { in: ['PENDING', 'IN_PROGRESS'] } }, select: { id: true, positionId: true, staffId: true, state: true } });
    for (const id of [withHandler!.id, withoutHandler!.id]) {
      const order = await engineOrder(id);
      for (const step of ['NETWORK', 'DISPATCH']) {
        const workOrder = await open(id, step);
        await app.prisma.$transaction((tx) => app.services.workflows.engine.complete(tx, order, workOrder.id, { kind: 'NORMAL' }, null, null));
      }
    }
    expect(await open(withHandler!.id, 'APPOINTMENT')).toMatchObject({ positionId: chosen.id, staffId: null, state: 'PENDING' });
    expect(await open(withoutHandler!.id, 'APPOINTMENT')).toMatchObject({ positionId: fixed.id, state: 'PENDING' });
    const log = await app.prisma.orderLog.findFirst({ where: { orderId: Number(withHandler!.id), action: 'AUTO_DISPATCH' }, orderBy: { id: 'desc' } });
    expect(log?.detail).toContain('chosen in advance');

    // Claimed at the chosen position: the claimer becomes the removal's handler, and only they may complete it.
    const claimer = await viewerOf(await loginAs(app.url, chosenHolder.loginName, chosenHolder.password));
    const other = await viewerOf(await loginAs(app.url, fixedHolder.loginName, fixedHolder.password));
    const appointment = await open(withHandler!.id, 'APPOINTMENT');
    expect((await app.services.workOrders.claim(claimer, appointment.id)).ok).toBe(true);
    expect(await app.prisma.orderStepHandler.findUnique({ where: { orderId_stepCode: { orderId: Number(withHandler!.id), stepCode: 'REMOVE' } }, select: { positionId: true, staffId: true } })).toEqual({ positionId: chosen.id, staffId: claimer.staffId });
    expect(await app.services.workOrders.complete(other, { workOrderId: appointment.id, exceptionType: null, note: null })).toMatchObject({ ok: false, error: { code: 'NOT_YOUR_WORK_ORDER' } });
    expect(await app.services.workOrders.complete(claimer, { workOrderId: appointment.id, exceptionType: null, note: null })).toMatchObject({ ok: true });
    expect(await open(withHandler!.id, 'REMOVE')).toMatchObject({ positionId: chosen.id, staffId: claimer.staffId, state: 'IN_PROGRESS' });
    // Without a claim (completed by a holder of the queue), nobody was chosen: the removal follows the dispatch rules.
    expect(await app.prisma.orderStepHandler.count({ where: { orderId: Number(withoutHandler!.id) } })).toBe(0);
  });

  it('refuses an invalid graph with a message per step and saves nothing', async () => {
    const v = await newest('BROADBAND_NEW');
    const graph = await app.services.templateEditor.graph(admin, v.id);
    const broken = { ...graph, steps: [...graph.steps, { code: 'LOOSE', name: '孤立', nameEn: 'Loose', kind: 'MANUAL' as const, workOrderTypeCode: null, joinAll: false }] };
    const result = await app.services.templateEditor.saveVersion(admin, broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.code, p.stepCode])).toEqual([
      ['MANUAL_WITHOUT_WORK_ORDER_TYPE', 'LOOSE'],
      ['DEAD_END', 'LOOSE'],
      ['UNREACHABLE', 'LOOSE'],
    ]);
    expect((await newest('BROADBAND_NEW')).id).toBe(v.id);
  });

  it('exports a version and imports it back as a new version', async () => {
    const v = await newest('BROADBAND_NEW');
    const json = await app.services.templateEditor.exportJson(admin, v.id);
    const imported = await app.services.templateEditor.importJson(admin, json);
    expect(imported).toMatchObject({ ok: true, version: v.version + 1 });
    if (!imported.ok) return;
    const diff = await app.services.templateEditor.diff(admin, v.id, imported.templateId);
    expect(diff).toEqual({ stepsAdded: [], stepsRemoved: [], stepsChanged: [], transitionsAdded: [], transitionsRemoved: [] });
  });

  it('refuses non-admins', async () => {
    await expect(app.services.templateEditor.list(general)).rejects.toThrow();
  });

  it('is reachable through GraphQL: list, graph, validate, save a version, diff, export and import', async () => {
    const gql = (query: string, variables: Record<string, unknown> = {}) => gqlRequest(app.url, query, variables, adminToken);
    const versions = (await gql('{ workflowTemplates { id code version active orderCount } }')).data.workflowTemplates;
    const latest = versions.find((v: { code: string; active: boolean }) => v.code === 'BROADBAND_REMOVE' && v.active);
    const GRAPH = 'query($id: ID!) { workflowTemplateGraph(id: $id) { code name nameEn steps { code name nameEn kind workOrderTypeCode joinAll } transitions { from to kind exceptionType } } }';
    const graph = (await gql(GRAPH, { id: latest.id })).data.workflowTemplateGraph;
    const VALIDATE = 'query($input: TemplateGraphInput!) { validateWorkflowTemplate(input: $input) { code stepCode } }';
    expect((await gql(VALIDATE, { input: graph })).data.validateWorkflowTemplate).toEqual([]);

    // Without its END step the graph is refused, with the problems named.
    const broken = { ...graph, steps: graph.steps.filter((step: { kind: string }) => step.kind !== 'END'), transitions: graph.transitions.filter((t: { to: string }) => graph.steps.find((s: { code: string }) => s.code === t.to)?.kind !== 'END') };
    const problems = (await gql(VALIDATE, { input: broken })).data.validateWorkflowTemplate.map((p: { code: string }) => p.code);
    expect(problems).toContain('NO_END');
    const SAVE = 'mutation($input: TemplateGraphInput!) { saveWorkflowTemplateVersion(input: $input) { ok problems { code } template { id version active } } }';
    expect((await gql(SAVE, { input: broken })).data.saveWorkflowTemplateVersion).toMatchObject({ ok: false, template: null });

    const renamed = { ...graph, steps: graph.steps.map((step: { code: string; kind: string; name: string }) => (step.kind === 'START' ? step : { ...step, name: `${step.name}（新）` })) };
    const saved = (await gql(SAVE, { input: renamed })).data.saveWorkflowTemplateVersion;
    expect(saved).toMatchObject({ ok: true, problems: [], template: { version: latest.version + 1, active: true } });
    const diff = (await gql('query($a: ID!, $b: ID!) { workflowTemplateDiff(fromId: $a, toId: $b) { stepsAdded stepsChanged { code fields } } }', { a: latest.id, b: saved.template.id })).data.workflowTemplateDiff;
    expect(diff.stepsAdded).toEqual([]);
    expect(diff.stepsChanged.every((change: { fields: string[] }) => change.fields.includes('name'))).toBe(true);

    const exported = (await gql('query($id: ID!) { exportWorkflowTemplate(id: $id) }', { id: saved.template.id })).data.exportWorkflowTemplate;
    const imported = (await gql('mutation($json: String!) { importWorkflowTemplate(json: $json) { ok template { version } } }', { json: exported })).data.importWorkflowTemplate;
    expect(imported).toEqual({ ok: true, template: { version: latest.version + 2 } });
    const bad = await gql('mutation($json: String!) { importWorkflowTemplate(json: $json) { ok } }', { json: '{"nope": 1}' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
