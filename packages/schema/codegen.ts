import type { CodegenConfig } from '@graphql-codegen/cli';

// One config for the whole contract: typed resolvers for the API, typed documents for web and e2e.
const scalars = { DateTime: { input: 'string', output: 'Date | string' } };

const config: CodegenConfig = {
  schema: 'schema.graphql',
  emitLegacyCommonJSImports: false,
  ignoreNoDocuments: true,
  generates: {
    '../../apps/api/src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        contextType: '../context.ts#GraphQLContext',
        useIndexSignature: true,
        enumsAsTypes: true,
        scalars,
        mappers: {
          Staff: '../modules/staff/staff.types.ts#StaffRecord',
          AttributeItem: '../modules/attribute-items/attribute-items.types.ts#AttributeItemRecord',
          BillFormat: '../modules/billing/billing.types.ts#BillFormatRecord',
          BillImport: '../modules/billing/billing.types.ts#BillImportRecord',
          Bill: '../modules/billing/billing.types.ts#BillRecordRow',
          StaffPermissions: '../modules/staff-permissions/staff-permissions.types.ts#StaffPermissionsRecord',
          Organisation: '../modules/organisations/organisations.types.ts#OrganisationRecord',
          Position: '../modules/positions/positions.types.ts#PositionRecord',
          PositionType: '../modules/positions/positions.types.ts#PositionTypeRecord',
          Viewer: '../modules/auth/auth.types.ts#ViewerRecord',
          OnlineStaff: '../modules/staff/staff.types.ts#OnlineStaffRecord',
          OnlineStaffEvent: '../modules/staff/staff.types.ts#OnlineStaffEventRecord',
          Order: '../modules/orders/orders.types.ts#OrderRecord',
          CrmInboundMessage: '../modules/orders/orders.types.ts#CrmInboundMessageRecord',
          WorkOrder: '../modules/work-orders/work-orders.types.ts#WorkOrderRecord',
          WorkflowStep: '../modules/workflow/workflow.types.ts#StepNode',
          OrderLogEntry: '../modules/orders/orders.types.ts#OrderLogRecord',
          WorkOrderEvent: '../modules/orders/orders.types.ts#WorkOrderEventRecord',
          OrderEvent: '../modules/orders/orders.types.ts#OrderEventRecord',
          InterfaceRequest: '../modules/interfaces/interface-requests.types.ts#InterfaceRequestRecord',
          AlarmEvent: '../modules/time-limits/time-limits.types.ts#AlarmEventRecord',
          WorkOrderSheet: '../modules/work-orders/work-orders.types.ts#WorkOrderSheetRecord',
          PreAlarmRow: '../modules/monitors/monitors.types.ts#PreAlarmRowRecord',
          OrderConnection: '../modules/orders/orders.types.ts#OrderConnectionRecord',
          WorkOrderConnection: '../modules/work-orders/work-orders.types.ts#WorkOrderConnectionRecord',
          WorkOrderType: '../modules/work-orders/work-orders.types.ts#WorkOrderTypeRecord',
          OrderResource: '../modules/orders/order-resources.ts#OrderResourceRecord',
          DailyWorkOrderReportRow: '../modules/reports/reports.types.ts#DailyReportRowRecord',
          ManagerDashboard: '../modules/reports/reports.types.ts#ManagerDashboardRecord',
          PositionOverdueCount: '../modules/reports/reports.types.ts#PositionOverdueRecord',
          AuditEntry: '../modules/audit/audit.service.ts#AuditEntryRecord',
          DispatchRule: '../modules/dispatch-rules/dispatch-rules.types.ts#DispatchRuleRecord',
          StaticDataCache: '../modules/static-data/static-data.registry.ts#StaticDataCacheState',
          DispatchPreview: '../modules/dispatch-rules/dispatch-rules.types.ts#DispatchPreviewRecord',
          AuditEntryConnection: '../modules/audit/audit.service.ts#AuditEntryConnectionRecord',
        },
      },
    },
    '../../apps/web/src/generated/': {
      preset: 'client',
      documents: ['../../apps/web/src/**/*.{ts,tsx}', '!../../apps/web/src/generated/**'],
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, scalars: { DateTime: 'string' }, useTypeImports: true },
    },
    '../../e2e/generated/': {
      preset: 'client',
      documents: ['../../e2e/**/*.ts', '!../../e2e/generated/**', '!../../e2e/node_modules/**'],
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, scalars: { DateTime: 'string' }, useTypeImports: true },
    },
  },
};

export default config;
