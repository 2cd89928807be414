import type { Action } from './permissions.ts';

/**
 * Who may reach a field:
 * - `public`: anyone, even without a session;
 * - `session`: a valid session, with or without a picked staff number;
 * - `staff`: a valid session with a staff number picked;
 * - `{ can }`: a staff number holding that permission;
 * - `parent`: reachable only through a field that is itself guarded (object types' fields).
 */
export type Rule = 'public' | 'session' | 'staff' | 'parent' | { can: Action };

/** One explicit rule for every root field. The schema-walk test fails on any field missing here. */
export const rootFieldRules: Record<'Query' | 'Mutation' | 'Subscription', Record<string, Rule>> = {
  Query: {
    health: 'public',
    viewer: 'public',
    organisations: 'staff',
    staff: { can: 'staff:read' },
    onlineStaff: { can: 'staff:online' },
    crmInboundMessage: { can: 'crm:submit' },
    order: { can: 'orders:read' },
    orders: { can: 'orders:read' },
    workOrders: { can: 'orders:read' },
    workOrderPositions: { can: 'work-orders:dispatch' },
    positionStaff: { can: 'work-orders:dispatch' },
    workingCalendar: 'staff',
    orderTimeLimits: 'staff',
    workOrderTimeLimits: 'staff',
    clock: 'staff',
    preAlarmMonitor: { can: 'orders:read' },
    interfaceMonitor: { can: 'interfaces:monitor' },
    interfaceRequests: { can: 'interfaces:monitor' },
    crmInboundMessages: { can: 'interfaces:monitor' },
    workOrderQuery: { can: 'orders:read' },
  },
  Mutation: {
    ping: 'staff',
    login: 'public',
    selectStaff: 'session',
    logout: 'session',
    forceLogout: { can: 'session:force-logout' },
    submitCrmMessage: { can: 'crm:submit' },
    completeWorkOrder: { can: 'work-orders:complete' },
    resendInterfaceRequest: { can: 'interfaces:resend' },
    configureSimulator: { can: 'simulators:configure' },
    assignWorkOrderPosition: { can: 'work-orders:dispatch' },
    dispatchWorkOrders: { can: 'work-orders:dispatch' },
    claimWorkOrder: { can: 'work-orders:complete' },
    unlockWorkOrder: { can: 'work-orders:unlock' },
    handleManualException: { can: 'work-orders:dispatch' },
    completeWorkOrders: { can: 'work-orders:complete' },
    setCalendarDays: { can: 'config:write' },
    setOrderTimeLimit: { can: 'config:write' },
    setWorkOrderTimeLimit: { can: 'config:write' },
    advanceClock: { can: 'simulators:configure' },
    printWorkOrders: { can: 'orders:read' },
  },
  Subscription: {
    heartbeat: 'public',
    onlineStaffChanged: { can: 'staff:online' },
    workOrderChanged: { can: 'orders:read' },
    orderChanged: { can: 'orders:read' },
    alarmChanged: { can: 'orders:read' },
  },
};

/**
 * Object types whose fields are guarded by the root field that returns them. Listing a type here is a
 * decision: its fields expose nothing beyond what that root field's rule already allows.
 */
export const parentGuardedTypes = new Set([
  'PageInfo',
  'UserError',
  'Organisation',
  'PositionType',
  'Position',
  'Staff',
  'StaffEdge',
  'StaffConnection',
  'OnlineStaff',
  'OnlineStaffEvent',
  'Viewer',
  'LoginResult',
  'SelectStaffResult',
  'LogoutResult',
  'ForceLogoutResult',
  'CrmInboundMessage',
  'SubmitCrmMessageResult',
  'Order',
  'WorkflowTemplateRef',
  'OrderDemandItem',
  'WorkflowStep',
  'WorkOrder',
  'OrderLogEntry',
  'CompleteWorkOrderResult',
  'InterfaceRequest',
  'ResendInterfaceRequestResult',
  'CalendarDay',
  'OrderTimeLimit',
  'WorkOrderTimeLimit',
  'TimeLimitConfigResult',
  'ClockInfo',
  'AlarmEvent',
  'WorkOrderSheet',
  'PrintWorkOrdersResult',
  'PreAlarmRow',
  'InterfaceMonitorRow',
  'InterfaceRequestConnection',
  'InterfaceRequestEdge',
  'CrmInboundMessageConnection',
  'CrmInboundMessageEdge',
  'SimulatorSettings',
  'WorkOrderEvent',
  'OrderEvent',
  'WorkOrderEdge',
  'WorkOrderConnection',
  'WorkOrderActionResult',
  'OrderFlow',
  'FlowStep',
  'FlowTransition',
  'WorkOrderCompletionRow',
  'CompleteWorkOrdersResult',
  'OrderResource',
  'OrderEdge',
  'OrderConnection',
  'WorkOrderType',
  'WorkOrderCategory',
]);
