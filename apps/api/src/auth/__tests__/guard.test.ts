import { loadSchemaSDL } from '@openiom/schema';
import { buildSchema, isObjectType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gqlRequest, wsClient, collect } from '../../testing/graphql-client.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { parentGuardedTypes, rootFieldRules } from '../rules.ts';

const roots = ['Query', 'Mutation', 'Subscription'] as const;

describe('every field is guarded by an auth rule', () => {
  const schema: GraphQLSchema = buildSchema(loadSchemaSDL());

  it('has an explicit rule for every root field, and no rule for a field that does not exist', () => {
    const missing: string[] = [];
    for (const root of roots) {
      const type = schema.getType(root);
      if (!isObjectType(type)) continue;
      for (const field of Object.keys(type.getFields())) if (!rootFieldRules[root][field]) missing.push(`${root}.${field}`);
      for (const field of Object.keys(rootFieldRules[root])) if (!type.getFields()[field]) missing.push(`stale rule ${root}.${field}`);
    }
    expect(missing).toEqual([]);
  });

  it('has every other object type reachable only through guarded fields, by decision', () => {
    const undecided = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__') && !roots.includes(type.name as (typeof roots)[number]))
      .map((type) => type.name)
      .filter((name) => !parentGuardedTypes.has(name));
    expect(undecided).toEqual([]);
  });
});

describe('guarded fields refuse callers without a session', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite');
  });
  afterAll(() => app?.close());

  const calls: Record<string, string> = {
    'Query.organisations': '{ organisations { id } }',
    'Query.staff': '{ staff(first: 1) { totalCount } }',
    'Query.onlineStaff': '{ onlineStaff { sessionId } }',
    'Mutation.ping': 'mutation { ping }',
    'Mutation.selectStaff': 'mutation { selectStaff(input: { staffId: "1" }) { ok } }',
    'Mutation.logout': 'mutation { logout { ok } }',
    'Mutation.forceLogout': 'mutation { forceLogout(input: { sessionId: "00000000-0000-0000-0000-000000000000" }) { ok } }',
    'Query.crmInboundMessage': '{ crmInboundMessage(id: "1") { id } }',
    'Query.order': '{ order(id: "1") { id } }',
    'Mutation.submitCrmMessage': 'mutation { submitCrmMessage(input: { format: JSON, payload: "{}" }) { ok } }',
    'Mutation.completeWorkOrder': 'mutation { completeWorkOrder(input: { workOrderId: "1" }) { ok } }',
    'Query.workOrders': '{ workOrders(filter: { mine: true }) { edges { cursor } } }',
    'Query.orders': '{ orders { edges { cursor } } }',
    'Query.workOrderPositions': '{ workOrderPositions { id } }',
    'Query.positionStaff': '{ positionStaff(positionId: "1") { id } }',
    'Query.workOrderQuery': '{ workOrderQuery { edges { cursor } } }',
    'Mutation.assignWorkOrderPosition': 'mutation { assignWorkOrderPosition(input: { workOrderId: "1", positionId: "1" }) { ok } }',
    'Mutation.dispatchWorkOrders': 'mutation { dispatchWorkOrders(input: { workOrderIds: ["1"], staffId: "1" }) { ok } }',
    'Mutation.claimWorkOrder': 'mutation { claimWorkOrder(input: { workOrderId: "1" }) { ok } }',
    'Mutation.unlockWorkOrder': 'mutation { unlockWorkOrder(input: { workOrderId: "1" }) { ok } }',
    'Mutation.handleManualException': 'mutation { handleManualException(input: { workOrderId: "1", action: CUSTOMER_CONTACT }) { ok } }',
    'Mutation.completeWorkOrders': 'mutation { completeWorkOrders(input: { workOrderIds: ["1"] }) { completed } }',
    'Mutation.resendInterfaceRequest': 'mutation { resendInterfaceRequest(input: { id: "1" }) { ok } }',
    'Query.workingCalendar': '{ workingCalendar(from: "2026-01-01", to: "2026-01-02") { date } }',
    'Query.orderTimeLimits': '{ orderTimeLimits { orderType } }',
    'Query.workOrderTimeLimits': '{ workOrderTimeLimits { id } }',
    'Query.workOrderTypes': '{ workOrderTypes { code } }',
    'Query.workOrderCategories': '{ workOrderCategories { code } }',
    'Mutation.saveWorkOrderCategory': 'mutation { saveWorkOrderCategory(input: { create: true, code: "X", name: "x" }) { ok } }',
    'Query.businessWorkflows': '{ businessWorkflows { businessCode } }',
    'Query.iomWorkflows': '{ iomWorkflows { code } }',
    'Mutation.saveBusinessWorkflow': 'mutation { saveBusinessWorkflow(input: { create: true, businessCode: "X", name: "x", iomWorkflowCode: "X" }) { ok } }',
    'Mutation.deleteBusinessWorkflow': 'mutation { deleteBusinessWorkflow(input: { businessCode: "X" }) { ok } }',
    'Mutation.saveIomWorkflow': 'mutation { saveIomWorkflow(input: { create: true, code: "X", name: "x", templateCode: "X" }) { ok } }',
    'Mutation.deleteIomWorkflow': 'mutation { deleteIomWorkflow(input: { code: "X" }) { ok } }',
    'Mutation.deleteWorkOrderCategory': 'mutation { deleteWorkOrderCategory(input: { code: "X" }) { ok } }',
    'Mutation.saveWorkOrderType': 'mutation { saveWorkOrderType(input: { create: true, code: "X", name: "x", categoryCode: "FIELD" }) { ok } }',
    'Mutation.deleteWorkOrderType': 'mutation { deleteWorkOrderType(input: { code: "X" }) { ok } }',
    'Query.exceptionTypes': '{ exceptionTypes { code } }',
    'Query.exceptionFlowBusinesses': '{ exceptionFlowBusinesses { businessCode } }',
    'Query.exceptionFlows': '{ exceptionFlows(businessCode: "FIXED_NEW") { templateCode } }',
    'Mutation.saveExceptionType': 'mutation { saveExceptionType(input: { create: true, code: "X", name: "x" }) { ok } }',
    'Mutation.deleteExceptionType': 'mutation { deleteExceptionType(input: { code: "X" }) { ok } }',
    'Mutation.saveExceptionFlows': 'mutation { saveExceptionFlows(input: { templateCode: "FIXED_NEW", routes: [] }) { ok } }',
    'Query.billingOperators': '{ billingOperators { staffNo } }',
    'Mutation.setBillingLevel': 'mutation { setBillingLevel(input: { staffNo: "X", level: NORMAL }) { ok } }',
    'Query.positions': '{ positions { id } }',
    'Query.clock': '{ clock { now } }',
    'Query.preAlarmMonitor': '{ preAlarmMonitor { executing } }',
    'Query.interfaceMonitor': '{ interfaceMonitor { kind } }',
    'Query.interfaceRequests': '{ interfaceRequests { edges { cursor } } }',
    'Query.crmInboundMessages': '{ crmInboundMessages { edges { cursor } } }',
    'Query.dailyWorkOrderReport': '{ dailyWorkOrderReport(date: "2026-01-01") { date } }',
    'Query.managerDashboard': '{ managerDashboard { ordersInFlight { count } } }',
    'Query.auditLog': '{ auditLog { totalCount } }',
    'Query.dispatchRules': '{ dispatchRules { id } }',
    'Query.staticDataCaches': '{ staticDataCaches { name } }',
    'Query.positionTypes': '{ positionTypes { id } }',
    'Query.managedPositions': '{ managedPositions { id } }',
    'Query.workflowTemplates': '{ workflowTemplates { id } }',
    'Query.workflowTemplateGraph': '{ workflowTemplateGraph(id: "1") { id } }',
    'Query.validateWorkflowTemplate': '{ validateWorkflowTemplate(input: { code: "X", name: "x", nameEn: "x", steps: [], transitions: [] }) { code } }',
    'Query.workflowTemplateDiff': '{ workflowTemplateDiff(fromId: "1", toId: "2") { stepsAdded } }',
    'Query.exportWorkflowTemplate': '{ exportWorkflowTemplate(id: "1") }',
    'Query.attributeItems': '{ attributeItems { id } }',
    'Mutation.saveAttributeItem': 'mutation { saveAttributeItem(input: { code: "x", name: "x", valueType: TEXT, required: false }) { ok } }',
    'Mutation.deleteAttributeItem': 'mutation { deleteAttributeItem(input: { id: "1" }) { ok } }',
    'Query.billFormats': '{ billFormats { id } }',
    'Query.billFormatPreview': '{ billFormatPreview(spec: { kind: DELIMITED, encoding: "UTF-8", headerLines: 0, amountScale: 0, phoneColumn: 1, amountColumn: 2 }, sample: "") { lineNo } }',
    'Query.billImports': '{ billImports { id } }',
    'Query.billImport': '{ billImport(id: "1") { id } }',
    'Query.bills': '{ bills(filter: { phone: "13800000000" }) { phone } }',
    'Mutation.saveBillFormat': 'mutation { saveBillFormat(input: { code: "x", name: "x", spec: { kind: DELIMITED, encoding: "UTF-8", headerLines: 0, amountScale: 0, phoneColumn: 1, amountColumn: 2 } }) { ok } }',
    'Mutation.deleteBillFormat': 'mutation { deleteBillFormat(input: { id: "1" }) { ok } }',
    'Mutation.correctBill': 'mutation { correctBill(input: { billingMonth: "2026-11", phone: "13800000000", amount: "1" }) { ok } }',
    'Mutation.deleteBill': 'mutation { deleteBill(input: { billingMonth: "2026-11", phone: "13800000000" }) { ok } }',
    'Query.staffPermissions': '{ staffPermissions(staffId: "1") { menus { menuCode } } }',
    'Mutation.setStaffPermissions': 'mutation { setStaffPermissions(input: { staffId: "1", menus: [] }) { ok } }',
    'Mutation.copyStaffPermissions': 'mutation { copyStaffPermissions(input: { fromStaffId: "1", toStaffId: "2" }) { ok } }',
    'Query.dispatchPreview': '{ dispatchPreview(organisationId: "1") { candidates { id } } }',
    'Mutation.setCalendarDays': 'mutation { setCalendarDays(input: { days: [{ date: "2026-01-01", working: true }] }) { ok } }',
    'Mutation.setOrderTimeLimit': 'mutation { setOrderTimeLimit(input: { orderType: "NEW", warningHours: 1, processHours: 2 }) { ok } }',
    'Mutation.setWorkOrderTimeLimit': 'mutation { setWorkOrderTimeLimit(input: { workOrderType: "PORT", acceptHours: 1, warningHours: 1, processHours: 2 }) { ok } }',
    'Mutation.printWorkOrders': 'mutation { printWorkOrders(input: { workOrderIds: ["1"] }) { ok } }',
    'Mutation.saveDispatchRule': 'mutation { saveDispatchRule(input: { organisationId: "1", positionId: "1" }) { ok } }',
    'Mutation.deleteDispatchRule': 'mutation { deleteDispatchRule(input: { id: "1" }) { ok } }',
    'Mutation.savePositionType': 'mutation { savePositionType(input: { code: "X", name: "x", kind: GENERAL, menus: [] }) { ok } }',
    'Mutation.deletePositionType': 'mutation { deletePositionType(input: { id: "1" }) { ok } }',
    'Mutation.savePosition': 'mutation { savePosition(input: { code: "X", name: "x", organisationId: "1", positionTypeId: "1" }) { ok } }',
    'Mutation.deletePosition': 'mutation { deletePosition(input: { id: "1" }) { ok } }',
    'Mutation.saveWorkflowTemplateVersion': 'mutation { saveWorkflowTemplateVersion(input: { code: "X", name: "x", nameEn: "x", steps: [], transitions: [] }) { ok } }',
    'Mutation.importWorkflowTemplate': 'mutation { importWorkflowTemplate(json: "{}") { ok } }',
    'Mutation.assignStaffPositions': 'mutation { assignStaffPositions(input: { staffId: "1", positionIds: [] }) { ok } }',
    'Mutation.refreshStaticData': 'mutation { refreshStaticData(input: {}) { ok } }',
    'Mutation.deleteOrderTimeLimit': 'mutation { deleteOrderTimeLimit(input: { orderType: "NEW" }) { ok } }',
    'Mutation.deleteWorkOrderTimeLimit': 'mutation { deleteWorkOrderTimeLimit(input: { id: "1" }) { ok } }',
    'Mutation.advanceClock': 'mutation { advanceClock(minutes: 1) { now } }',
    'Mutation.configureSimulator': 'mutation { configureSimulator(input: { system: CRM, minLatencyMs: 0, maxLatencyMs: 0, failureRate: 0, timeoutRate: 0 }) { system } }',
  };

  it('answers UNAUTHENTICATED for every non-public query and mutation', async () => {
    for (const [root, fields] of Object.entries(rootFieldRules)) {
      if (root === 'Subscription') continue;
      for (const [field, rule] of Object.entries(fields)) {
        if (rule === 'public') continue;
        const query = calls[`${root}.${field}`];
        expect(query, `add a call for ${root}.${field} to this test`).toBeDefined();
        const result = await gqlRequest(app.url, query);
        expect(result.errors?.[0].extensions?.code, `${root}.${field}`).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('answers UNAUTHENTICATED for a guarded subscription on an unauthenticated WebSocket', async () => {
    const client = wsClient(app.wsUrl);
    const events = collect(client, 'subscription { onlineStaffChanged { change } }');
    await events.until(() => events.errors.length > 0);
    expect(JSON.stringify(events.errors)).toContain('UNAUTHENTICATED');
    await client.dispose();
  });

  it('serves the public fields without a session', async () => {
    expect((await gqlRequest(app.url, '{ health viewer { sessionId } }')).data).toEqual({ health: 'ok', viewer: null });
    const client = wsClient(app.wsUrl);
    const beats = collect(client, 'subscription { heartbeat(intervalSeconds: 1) }');
    await beats.until(() => beats.events.length > 0);
    expect(Date.parse(beats.events[0].heartbeat)).toBeGreaterThan(0);
    beats.unsubscribe();
    await client.dispose();
  });
});
