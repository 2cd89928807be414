import type { Resolvers } from '../generated/resolvers-types.ts';
import { forceLogout } from '../modules/auth/resolvers/Mutation/forceLogout.ts';
import { login } from '../modules/auth/resolvers/Mutation/login.ts';
import { logout } from '../modules/auth/resolvers/Mutation/logout.ts';
import { selectStaff } from '../modules/auth/resolvers/Mutation/selectStaff.ts';
import { viewer } from '../modules/auth/resolvers/Query/viewer.ts';
import { Viewer } from '../modules/auth/resolvers/Viewer.ts';
import { Organisation } from '../modules/organisations/resolvers/Organisation.ts';
import { organisations } from '../modules/organisations/resolvers/Query/organisations.ts';
import { Position, positions, PositionType } from '../modules/positions/resolvers/Position.ts';
import { OnlineStaff, OnlineStaffEvent } from '../modules/staff/resolvers/OnlineStaff.ts';
import { onlineStaff } from '../modules/staff/resolvers/Query/onlineStaff.ts';
import { staff } from '../modules/staff/resolvers/Query/staff.ts';
import { Staff } from '../modules/staff/resolvers/Staff.ts';
import { onlineStaffChanged } from '../modules/staff/resolvers/Subscription/onlineStaffChanged.ts';
import { ping } from '../modules/system/resolvers/Mutation/ping.ts';
import { health } from '../modules/system/resolvers/Query/health.ts';
import { heartbeat } from '../modules/system/resolvers/Subscription/heartbeat.ts';
import { DateTime } from './date-time.ts';
import { submitCrmMessage } from '../modules/orders/resolvers/Mutation/submitCrmMessage.ts';
import { crmInboundMessage } from '../modules/orders/resolvers/Query/crmInboundMessage.ts';
import { order } from '../modules/orders/resolvers/Query/order.ts';
import { orders } from '../modules/orders/resolvers/Query/orders.ts';
import { CrmInboundMessage, Order, OrderConnection, OrderLogEntry } from '../modules/orders/resolvers/Order.ts';
import { OrderEvent, WorkOrderEvent } from '../modules/orders/resolvers/events.ts';
import { orderChanged } from '../modules/orders/resolvers/Subscription/orderChanged.ts';
import { workOrderChanged } from '../modules/orders/resolvers/Subscription/workOrderChanged.ts';
import { completeWorkOrder } from '../modules/work-orders/resolvers/Mutation/completeWorkOrder.ts';
import { workOrderQuery } from '../modules/work-orders/resolvers/Query/workOrderQuery.ts';
import { workOrderTypes } from '../modules/work-orders/resolvers/Query/workOrderTypes.ts';
import { WorkflowStep, WorkOrder, WorkOrderConnection } from '../modules/work-orders/resolvers/WorkOrder.ts';
import {
  arriveAtWorkOrder,
  assignWorkOrderPosition,
  claimWorkOrder,
  completeWorkOrders,
  dispatchWorkOrders,
  handleManualException,
  positionStaff,
  printWorkOrders,
  unlockWorkOrder,
  WorkOrderSheet,
  workOrderPositions,
  workOrders,
} from '../modules/work-orders/resolvers/handling.ts';
import { configureSimulator, InterfaceRequest, resendInterfaceRequest } from '../modules/interfaces/resolvers/interface-resolvers.ts';
import { advanceClock, AlarmEvent, alarmChanged, clock, deleteOrderTimeLimit, deleteWorkOrderTimeLimit, orderTimeLimits, setCalendarDays, setOrderTimeLimit, setWorkOrderTimeLimit, workingCalendar, workOrderTimeLimits } from '../modules/time-limits/resolvers/time-limits.ts';
import { DailyWorkOrderReportRow, dailyWorkOrderReport, ManagerDashboard, managerDashboard, PositionOverdueCount } from '../modules/reports/resolvers/reports.ts';
import { crmInboundMessages, interfaceMonitor, interfaceRequests, PreAlarmRow, preAlarmMonitor } from '../modules/monitors/resolvers/monitors.ts';
import { cancelDunningSchedule, createDunningSchedule, DunningReminder, DunningSchedule, DunningScheduleConnection, DunningTarget, DunningTargetConnection, dunningHistory, dunningSchedule, dunningScheduleChanged, dunningSchedules, markDunningPaid } from '../modules/dunning/resolvers/dunning.ts';
import { AuditEntry, AuditEntryConnection, auditLog } from '../modules/audit/resolvers/audit.ts';
import { refreshStaticData, staticDataCaches } from '../modules/static-data/resolvers/static-data.ts';
import { exportWorkflowTemplate, importWorkflowTemplate, saveWorkflowTemplateVersion, validateWorkflowTemplate, workflowTemplateDiff, workflowTemplateGraph, workflowTemplates } from '../modules/workflow/resolvers/workflow-templates.ts';
import { copyStaffPermissions, setStaffPermissions, staffPermissions, StaffPermissions } from '../modules/staff-permissions/resolvers/staff-permissions.ts';
import { attributeItems, deleteAttributeItem, saveAttributeItem } from '../modules/attribute-items/resolvers/attribute-items.ts';
import { assignStaffPositions, deletePosition, deletePositionType, managedPositions, positionTypes, savePosition, savePositionType } from '../modules/positions/resolvers/position-admin.ts';
import { deleteExceptionType, exceptionFlowBusinesses, exceptionFlows, exceptionTypes, saveExceptionFlows, saveExceptionType } from '../modules/exception-flows/resolvers/exception-flows.ts';
import { deleteWorkOrderCategory, deleteWorkOrderType, saveWorkOrderCategory, saveWorkOrderType, workOrderCategories } from '../modules/work-order-types/resolvers/work-order-types.ts';
import { businessWorkflows, deleteBusinessWorkflow, deleteIomWorkflow, iomWorkflows, saveBusinessWorkflow, saveIomWorkflow } from '../modules/workflow-mappings/resolvers/workflow-mappings.ts';
import { BillImport, billFormatPreview, billFormats, billImport, billImportChanged, billImports, bills, correctBill, deleteBill, deleteBillFormat, saveBillFormat } from '../modules/billing/resolvers/billing.ts';
import { billingOperators, setBillingLevel } from '../modules/billing-operators/resolvers/billing-operators.ts';
import { arrearsPreview, resendNotCompletedSwitchCommands, submitArrearsCommands, submitCallPermissionCommands, SwitchBatch, switchBatch, switchBatchChanged, switchBatches, SwitchCommand, switchCommands } from '../modules/switch-commands/resolvers/switch-batches.ts';
import { deleteDispatchRule, DispatchPreview, dispatchPreview, DispatchRule, dispatchRules, saveDispatchRule } from '../modules/dispatch-rules/resolvers/dispatch-rules.ts';
import {
  adjustPrepaidBalance,
  CallRecord,
  CallRecordConnection,
  CallRecordResult,
  PrepaidAccount,
  prepaidAccount,
  PrepaidAccountConnection,
  prepaidAccountChanged,
  prepaidAccounts,
  PrepaidLedgerConnection,
  PrepaidLedgerEntry,
  PrepaidSettings,
  prepaidSettings,
  savePrepaidAccount,
  saveTariff,
  submitCallRecords,
  Tariff,
  tariffs,
  topUpPrepaid,
} from '../modules/prepaid/resolvers/prepaid.ts';
import { orderFieldVisit } from '../modules/teams/resolvers/order-field-visit.ts';
import { addTeamMember, deleteTeam, myTeams, removeTeamMember, saveTeam, setStaffActive, syncTeamAccounts, Team, TeamMember, teams, teamStaffChoices } from '../modules/teams/resolvers/teams.ts';

import { DispatchSuggestion, DispatchTeam, DispatchTeamMember, dispatchCenterMutation, dispatchCenterQuery } from '../modules/dispatch-center/resolvers/dispatch-center.ts';
import { LocationDevice, myLocationDevices, registerLocationDevice, registerMyLocationDevice, reportLocations } from '../modules/locations/resolvers/locations.ts';
import { MapStaff, MapWorkOrder, mapItems, mapSettings, mapWorkOrderSearch, markStaffMessagesRead, myStaffMessages, sendStaffMessage, StaffMessage, staffLocationsChanged, staffMessageReceived, StaffTrack, staffTracks, TrackEvent } from '../modules/dispatch-map/resolvers/dispatch-map.ts';
// Supervision lists and install statistics (issue 5).
import { clockChanged, supervision } from '../modules/supervision/resolvers/supervision.ts';
import { installStatistics, installStatisticsOrders } from '../modules/install-statistics/resolvers/install-statistics.ts';

/** Every resolver of the contract, assembled from the feature modules. */
export const resolvers: Resolvers = {
  DateTime,
  Query: { health, viewer, organisations, staff, onlineStaff, crmInboundMessage, order, orders, workOrders, workOrderPositions, positionStaff, workOrderQuery, workOrderTypes, workOrderCategories, positions, workingCalendar, orderTimeLimits, workOrderTimeLimits, clock, preAlarmMonitor, interfaceMonitor, interfaceRequests, crmInboundMessages, dailyWorkOrderReport, managerDashboard, auditLog, dispatchRules, dispatchPreview, staticDataCaches, positionTypes, managedPositions, workflowTemplates, workflowTemplateGraph, validateWorkflowTemplate, workflowTemplateDiff, exportWorkflowTemplate, staffPermissions, attributeItems, businessWorkflows, iomWorkflows, exceptionTypes, exceptionFlowBusinesses, exceptionFlows, billingOperators, dunningSchedules, dunningSchedule, dunningHistory, switchBatches, switchBatch, switchCommands, arrearsPreview, prepaidAccounts, prepaidAccount, tariffs, prepaidSettings, billFormats, billFormatPreview, billImports, billImport, bills },
  Mutation: { ping, login, selectStaff, logout, forceLogout, submitCrmMessage, completeWorkOrder, resendInterfaceRequest, configureSimulator, assignWorkOrderPosition, dispatchWorkOrders, claimWorkOrder, arriveAtWorkOrder, unlockWorkOrder, handleManualException, completeWorkOrders, setCalendarDays, setOrderTimeLimit, setWorkOrderTimeLimit, advanceClock, printWorkOrders, saveDispatchRule, deleteDispatchRule, deleteOrderTimeLimit, deleteWorkOrderTimeLimit, refreshStaticData, savePositionType, deletePositionType, savePosition, deletePosition, assignStaffPositions, saveWorkflowTemplateVersion, importWorkflowTemplate, setStaffPermissions, copyStaffPermissions, saveWorkOrderCategory, deleteWorkOrderCategory, saveWorkOrderType, deleteWorkOrderType, saveAttributeItem, deleteAttributeItem, saveBusinessWorkflow, deleteBusinessWorkflow, saveIomWorkflow, deleteIomWorkflow, saveExceptionType, deleteExceptionType, saveExceptionFlows, setBillingLevel, createDunningSchedule, cancelDunningSchedule, markDunningPaid, submitArrearsCommands, submitCallPermissionCommands, resendNotCompletedSwitchCommands, savePrepaidAccount, topUpPrepaid, adjustPrepaidBalance, saveTariff, submitCallRecords, saveBillFormat, deleteBillFormat, correctBill, deleteBill },
  Subscription: { heartbeat, onlineStaffChanged, workOrderChanged, orderChanged, alarmChanged, switchBatchChanged, prepaidAccountChanged, dunningScheduleChanged, billImportChanged },
  BillImport,
  SwitchBatch,
  SwitchCommand,
  PrepaidAccount,
  PrepaidAccountConnection,
  PrepaidLedgerEntry,
  PrepaidLedgerConnection,
  CallRecord,
  CallRecordConnection,
  CallRecordResult,
  Tariff,
  PrepaidSettings,
  Viewer,
  DunningSchedule,
  DunningScheduleConnection,
  DunningTarget,
  DunningTargetConnection,
  DunningReminder,
  Staff,
  StaffPermissions,
  OnlineStaff,
  OnlineStaffEvent,
  Organisation,
  Position,
  PositionType,
  Order,
  OrderConnection,
  OrderLogEntry,
  CrmInboundMessage,
  WorkOrder,
  WorkOrderConnection,
  WorkflowStep,
  InterfaceRequest,
  WorkOrderEvent,
  OrderEvent,
  AlarmEvent,
  WorkOrderSheet,
  PreAlarmRow,
  DailyWorkOrderReportRow,
  ManagerDashboard,
  PositionOverdueCount,
  AuditEntry,
  AuditEntryConnection,
  DispatchRule,
  DispatchPreview,
  // Dispatch center (issue #5)
  DispatchSuggestion,
  DispatchTeam,
  DispatchTeamMember,
};
// Dispatch center (issue #5): root fields kept out of the long lines above so merges stay mechanical.
Object.assign(resolvers.Query as object, dispatchCenterQuery);
Object.assign(resolvers.Mutation as object, dispatchCenterMutation);

// Teams and accounts (dispatch center): one block, so that merges with other modules' fields stay mechanical.
Object.assign(resolvers.Query!, { teams, myTeams, teamStaffChoices });
Object.assign(resolvers.Mutation!, { saveTeam, deleteTeam, addTeamMember, removeTeamMember, setStaffActive, syncTeamAccounts });
Object.assign(resolvers, { Team, TeamMember });
Object.assign(resolvers.Order!, orderFieldVisit);

// Locations and the dispatch map (issue #5): their own block, so merges with other modules stay mechanical.
Object.assign(resolvers.Query!, { mapItems, mapWorkOrderSearch, staffTracks, mapSettings, myLocationDevices, myStaffMessages });
Object.assign(resolvers.Mutation!, { reportLocations, registerMyLocationDevice, registerLocationDevice, sendStaffMessage, markStaffMessagesRead });
Object.assign(resolvers.Subscription!, { staffLocationsChanged, staffMessageReceived });
Object.assign(resolvers, { LocationDevice, MapStaff, MapWorkOrder, StaffTrack, TrackEvent, StaffMessage });

// Supervision lists and install statistics (issue 5): added here so the shared lines above stay untouched.
Object.assign(resolvers.Query as object, { supervision, installStatistics, installStatisticsOrders });
Object.assign(resolvers.Subscription as object, { clockChanged });
