import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation, unique } from '../../../testing/factories.ts';
import { collect, gqlRequest, wsClient } from '../../../testing/graphql-client.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';

const COUNTS = 'submitted accepted succeeded failed notCompleted waiting';
const SUBMIT_ARREARS = `mutation($input: SubmitArrearsCommandsInput!) { submitArrearsCommands(input: $input) { batch { id kind action description staffNo counts { ${COUNTS} } } error { code message field } } }`;
const SUBMIT_PERMISSIONS = `mutation($input: SubmitCallPermissionCommandsInput!) { submitCallPermissionCommands(input: $input) { batch { id action counts { ${COUNTS} } } error { code message field } } }`;
const RESEND = `mutation($input: ResendNotCompletedSwitchCommandsInput!) { resendNotCompletedSwitchCommands(input: $input) { resent batch { counts { ${COUNTS} } } } }`;
const BATCH = `query($id: ID!) { switchBatch(id: $id) { id counts { ${COUNTS} } } }`;
const BATCHES = `query($kind: SwitchBatchKind!, $first: Int!, $after: String) { switchBatches(kind: $kind, first: $first, after: $after) { edges { node { id action counts { submitted } } } pageInfo { hasNextPage endCursor } } }`;
const COMMANDS = `query($batchId: ID!, $state: SwitchCommandState, $first: Int!, $after: String) { switchCommands(batchId: $batchId, state: $state, first: $first, after: $after) { totalCount edges { node { phone state attempts reason } } pageInfo { hasNextPage endCursor } } }`;

describe.each(testBackends())('arrears management and call-permission control over GraphQL (%s)', (backend) => {
  let app: TestApp;
  let superUser: string;
  let senior: string;
  let viewer: string;
  let noBilling: string;
  let arrearsOnly: string;

  beforeAll(async () => {
    app = await startTestApp(backend, {
      config: { switch: { enabled: true, pollMs: 50, answerTimeoutMs: 600, batchSize: 500, simulator: { minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 } } },
    });
    const org = await createOrganisation(app.prisma, { level: 'CITY' });
    const login = async (spec: Parameters<typeof createLogin>[1][number]) => {
      const created = await createLogin(app.prisma, [spec]);
      return loginAs(app.url, created.loginName, created.password);
    };
    superUser = await login({ organisationId: org.id, billingLevel: 'SUPER' });
    senior = await login({ organisationId: org.id, billingLevel: 'SENIOR' });
    viewer = await login({ organisationId: org.id, billingLevel: 'NORMAL' });
    noBilling = await login({ organisationId: org.id });
    arrearsOnly = await login({ organisationId: org.id, billingLevel: 'SENIOR', kinds: ['GENERAL'], menus: ['billing.arrears'] });
  });
  afterAll(() => app?.close());

  const gql = (query: string, variables: Record<string, unknown>, token: string) => gqlRequest(app.url, query, variables, token);

  async function until(batchId: string, predicate: (counts: any) => boolean, token = superUser) {
    let counts: any;
    for (let i = 0; i < 200; i++) {
      counts = (await gql(BATCH, { id: batchId }, token)).data.switchBatch.counts;
      if (predicate(counts)) return counts;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`batch ${batchId} never reached the expected counts: ${JSON.stringify(counts)}`);
  }

  it('ends commands succeeded, failed with the switch reason, or not completed; pages them by outcome; re-sends only the not completed', async () => {
    // The switch stays silent: every command runs out of time.
    app.services.simulators.SWITCH.settings = { minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 1 };
    const phones = ['  13800000001 ', '', '12AB', '13800000002', '13800000001'];
    const submitted = await gql(SUBMIT_ARREARS, { input: { action: 'SUSPEND', phones, description: 'overdue list' } }, senior);
    expect(submitted.errors).toBeUndefined();
    const batch = submitted.data.submitArrearsCommands.batch;
    expect(batch).toMatchObject({ kind: 'ARREARS', action: 'SUSPEND', description: 'overdue list' });
    expect(batch.counts.submitted).toBe(3); // trimmed, blank skipped, repeat sent once
    expect(await until(batch.id, (c) => c.notCompleted === 3)).toEqual({ submitted: 3, accepted: 0, succeeded: 0, failed: 0, notCompleted: 3, waiting: 0 });
    const notCompleted = await gql(COMMANDS, { batchId: batch.id, state: 'NOT_COMPLETED', first: 10 }, viewer);
    expect(notCompleted.data.switchCommands.edges[0].node).toMatchObject({ phone: '13800000001', attempts: 1, reason: 'no confirmation from the switch within 0.6 s' });

    // The switch answers again: the re-sent commands succeed, or fail with the switch's reason.
    app.services.simulators.SWITCH.settings = { minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 };
    const resent = await gql(RESEND, { input: { batchId: batch.id } }, senior);
    expect(resent.data.resendNotCompletedSwitchCommands.resent).toBe(3);
    expect(await until(batch.id, (c) => c.waiting === 0 && c.notCompleted === 0)).toEqual({ submitted: 3, accepted: 2, succeeded: 2, failed: 1, notCompleted: 0, waiting: 0 });
    const failed = await gql(COMMANDS, { batchId: batch.id, state: 'FAILED', first: 10 }, viewer);
    expect(failed.data.switchCommands).toMatchObject({ totalCount: 1, edges: [{ node: { phone: '12AB', state: 'FAILED', attempts: 2, reason: expect.stringContaining('invalid number 12AB') } }] });
    expect(app.services.switchSimulator.lineState('13800000002').suspended).toBe(true);

    // Paged: one by one, in submission order.
    const page1 = (await gql(COMMANDS, { batchId: batch.id, state: 'SUCCEEDED', first: 1 }, viewer)).data.switchCommands;
    const page2 = (await gql(COMMANDS, { batchId: batch.id, state: 'SUCCEEDED', first: 1, after: page1.pageInfo.endCursor }, viewer)).data.switchCommands;
    expect([page1.edges[0].node.phone, page2.edges[0].node.phone, page1.pageInfo.hasNextPage, page2.pageInfo.hasNextPage]).toEqual(['13800000001', '13800000002', true, false]);
    // Nothing left to re-send.
    expect((await gql(RESEND, { input: { batchId: batch.id } }, senior)).data.resendNotCompletedSwitchCommands.resent).toBe(0);
  });

  it('delivers fresh counts live to a subscriber of the batch, and only of that batch', async () => {
    // The switch takes half a second to confirm, so the subscriber is there before the answers.
    app.services.simulators.SWITCH.settings = { minLatencyMs: 500, maxLatencyMs: 500, failureRate: 0, timeoutRate: 0 };
    const created = await gql(SUBMIT_PERMISSIONS, { input: { action: 'RESTRICT_OUTGOING', phones: ['02087654321', '02087654322', '0208'] } }, superUser);
    const batchId = created.data.submitCallPermissionCommands.batch.id;
    const client = wsClient(app.wsUrl, viewer);
    const events = collect(client, `subscription($id: ID!) { switchBatchChanged(batchId: $id) { id counts { ${COUNTS} } } }`, { id: batchId });
    // Another batch changing at the same time does not reach this subscriber.
    await gql(SUBMIT_PERMISSIONS, { input: { action: 'ALLOW_INCOMING', phones: ['02087654399'] } }, superUser);
    await events.until(() => events.events.some((e: any) => e.switchBatchChanged.counts.waiting === 0), 5000);
    expect(events.errors).toEqual([]);
    expect(events.events.every((e: any) => e.switchBatchChanged.id === batchId)).toBe(true);
    expect(events.events.at(-1).switchBatchChanged.counts).toEqual({ submitted: 3, accepted: 2, succeeded: 2, failed: 1, notCompleted: 0, waiting: 0 });
    events.unsubscribe();
    await client.dispose();
    app.services.simulators.SWITCH.settings = { minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 };

    // A subscriber arriving after every answer (a fast switch, a slow screen) starts from the batch as
    // it is now, not from the counts it read before subscribing.
    const late = wsClient(app.wsUrl, viewer);
    const lateEvents = collect(late, `subscription($id: ID!) { switchBatchChanged(batchId: $id) { id counts { ${COUNTS} } } }`, { id: batchId });
    await lateEvents.until(() => lateEvents.events.length > 0, 5000);
    expect(lateEvents.events[0].switchBatchChanged.counts).toEqual({ submitted: 3, accepted: 2, succeeded: 2, failed: 1, notCompleted: 0, waiting: 0 });
    lateEvents.unsubscribe();
    await late.dispose();
  });

  it('refuses to follow a batch to a subscriber without billing permission', async () => {
    const created = await gql(SUBMIT_ARREARS, { input: { action: 'SUSPEND', phones: ['13800000055'] } }, superUser);
    const client = wsClient(app.wsUrl, noBilling);
    const events = collect(client, `subscription($id: ID!) { switchBatchChanged(batchId: $id) { id } }`, { id: created.data.submitArrearsCommands.batch.id });
    await events.until(() => events.errors.length > 0, 5000);
    expect(JSON.stringify(events.errors)).toContain('billing:read');
    await client.dispose();
  });

  it('suspends every number in arrears for a month above an amount, selected in the database', async () => {
    const format = await app.prisma.billFormat.upsert({ where: { code: 'TEST_SPACE' }, update: {}, create: { code: 'TEST_SPACE', name: 'test', kind: 'DELIMITED' } });
    const month = `2031-0${1 + Math.floor(Math.random() * 9)}`;
    const old = await app.prisma.billImport.create({ data: { billingMonth: month, formatId: format.id, fileName: 'old.txt', state: 'SUCCEEDED' } });
    const current = await app.prisma.billImport.create({ data: { billingMonth: month, formatId: format.id, fileName: 'new.txt', state: 'SUCCEEDED' } });
    await app.prisma.billMonth.upsert({ where: { billingMonth: month }, update: { importId: current.id }, create: { billingMonth: month, importId: current.id } });
    // The superseded import's bills are not in force.
    await app.prisma.bill.createMany({ data: [{ importId: old.id, phone: '13900000999', amount: 500 }] });
    await app.prisma.bill.createMany({
      data: [
        { importId: current.id, phone: '13900000001', amount: 100 },
        { importId: current.id, phone: '13900000002', amount: 100.01 },
        { importId: current.id, phone: '13900000003', amount: 250.5 },
        { importId: current.id, phone: '13900000004', amount: 12 },
      ],
    });
    const preview = await gql('query($input: ArrearsSelectionInput!) { arrearsPreview(input: $input) { monthLoaded numbers } }', { input: { billingMonth: month, minAmount: 100 } }, viewer);
    expect(preview.data.arrearsPreview).toEqual({ monthLoaded: true, numbers: 2 });
    const submitted = await gql(SUBMIT_ARREARS, { input: { action: 'SUSPEND', arrears: { billingMonth: month, minAmount: 100 } } }, senior);
    const batch = submitted.data.submitArrearsCommands.batch;
    expect(batch).toMatchObject({ description: `arrears ${month} over 100.00`, counts: { submitted: 2 } });
    await until(batch.id, (c) => c.succeeded === 2);
    const phones = (await gql(COMMANDS, { batchId: batch.id, first: 10 }, viewer)).data.switchCommands.edges.map((e: any) => e.node.phone);
    expect(phones).toEqual(['13900000002', '13900000003']);

    const none = await gql(SUBMIT_ARREARS, { input: { action: 'SUSPEND', arrears: { billingMonth: month, minAmount: 1000 } } }, senior);
    expect(none.data.submitArrearsCommands).toMatchObject({ batch: null, error: { code: 'NO_NUMBERS' } });
    const unloaded = await gql(SUBMIT_ARREARS, { input: { action: 'RESUME', arrears: { billingMonth: '2040-01', minAmount: 0 } } }, senior);
    expect(unloaded.data.submitArrearsCommands).toMatchObject({ batch: null, error: { code: 'NO_BILLS_FOR_MONTH', field: 'arrears.billingMonth' } });
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const before = await app.prisma.switchBatch.count();
    const malformed = await gql(SUBMIT_ARREARS, { input: { action: 'SUSPEND', phones: ['13800000001', '138 0000 0002', 'call me'] } }, senior);
    expect(malformed.data.submitArrearsCommands.error).toEqual({ code: 'MALFORMED_NUMBERS', field: 'phones', message: '2 entries are not a phone number: line 2 "138 0000 0002", line 3 "call me".' });
    const empty = await gql(SUBMIT_ARREARS, { input: { action: 'SUSPEND', phones: [' ', ''] } }, senior);
    expect(empty.data.submitArrearsCommands.error.code).toBe('NO_NUMBERS');
    const tooMany = await gql(SUBMIT_PERMISSIONS, { input: { action: 'RESTRICT_INCOMING', phones: Array.from({ length: 50_001 }, (_, i) => String(10_000_000 + i)) } }, senior);
    expect(tooMany.data.submitCallPermissionCommands.error.message).toContain('Too many entries: 50001; at most 50000');
    const wrongAction = await gql(SUBMIT_ARREARS, { input: { action: 'RESTRICT_OUTGOING', phones: ['13800000001'] } }, senior);
    expect(wrongAction.errors?.[0]?.message).toContain('action: RESTRICT_OUTGOING is not an action of arrears management');
    const both = await gql(SUBMIT_ARREARS, { input: { action: 'SUSPEND', phones: ['13800000001'], arrears: { billingMonth: '2026-10', minAmount: 1 } } }, senior);
    expect(both.errors?.[0]?.message).toContain('give either the numbers or a month and amount');
    const badMonth = await gql('query($input: ArrearsSelectionInput!) { arrearsPreview(input: $input) { numbers } }', { input: { billingMonth: '2026-13', minAmount: 1.005 } }, viewer);
    expect(badMonth.errors?.[0]?.message).toBe('input.billingMonth: must be a month as YYYY-MM');
    expect(await app.prisma.switchBatch.count()).toBe(before);
  });

  it('operator levels: normal users only view results; senior and super users submit and re-send; each kind on its own menu', async () => {
    const created = await gql(SUBMIT_ARREARS, { input: { action: 'RESUME', phones: [unique('1').slice(0, 8).replace(/\D/g, '7')] } }, superUser);
    const batchId = created.data.submitArrearsCommands.batch.id;
    const code = (response: any) => response.errors?.[0]?.extensions?.code ?? 'OK';
    const matrix: Record<string, Record<string, string>> = {};
    for (const [who, token] of Object.entries({ superUser, senior, viewer, noBilling })) {
      matrix[who] = {
        list: code(await gql(BATCHES, { kind: 'ARREARS', first: 5 }, token)),
        commands: code(await gql(COMMANDS, { batchId, first: 5 }, token)),
        submit: code(await gql(SUBMIT_PERMISSIONS, { input: { action: 'ALLOW_INCOMING', phones: ['13800000077'] } }, token)),
        resend: code(await gql(RESEND, { input: { batchId } }, token)),
      };
    }
    expect(matrix).toEqual({
      superUser: { list: 'OK', commands: 'OK', submit: 'OK', resend: 'OK' },
      senior: { list: 'OK', commands: 'OK', submit: 'OK', resend: 'OK' },
      viewer: { list: 'OK', commands: 'OK', submit: 'FORBIDDEN', resend: 'FORBIDDEN' },
      noBilling: { list: 'FORBIDDEN', commands: 'FORBIDDEN', submit: 'FORBIDDEN', resend: 'FORBIDDEN' },
    });
    const refused = await gql(RESEND, { input: { batchId } }, viewer);
    expect(refused.errors?.[0]?.message).toBe('You lack the permission "billing:operate".');
    // Holding only the arrears menu: call-permission batches are out of reach.
    expect(code(await gql(BATCHES, { kind: 'ARREARS', first: 5 }, arrearsOnly))).toBe('OK');
    expect(code(await gql(BATCHES, { kind: 'CALL_PERMISSION', first: 5 }, arrearsOnly))).toBe('FORBIDDEN');
    expect(code(await gql(SUBMIT_PERMISSIONS, { input: { action: 'ALLOW_INCOMING', phones: ['13800000077'] } }, arrearsOnly))).toBe('FORBIDDEN');
    // Batches page newest first.
    const page = (await gql(BATCHES, { kind: 'ARREARS', first: 1 }, viewer)).data.switchBatches;
    expect(page.edges[0].node.id).toBe(batchId);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });
});
