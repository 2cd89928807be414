import type { PrismaClient } from '@openiom/db';
import type { ApiConfig } from './config.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { OrganisationsService } from './modules/organisations/organisations.service.ts';
import { PositionsService } from './modules/positions/positions.service.ts';
import { StaffService } from './modules/staff/staff.service.ts';
import { CrmInboundPoller } from './modules/orders/crm-inbound.poller.ts';
import { OrdersService } from './modules/orders/orders.service.ts';
import { WorkOrdersService } from './modules/work-orders/work-orders.service.ts';
import { WorkflowService } from './modules/workflow/workflow.service.ts';
import { TemplateEditorService } from './modules/workflow/template-editor.service.ts';
import { CrmNoticeSimulator } from './integrations/crm/crm-notice.adapter.ts';
import { ProvisioningSimulator } from './integrations/provisioning/provisioning.adapter.ts';
import { ResourceSimulator } from './integrations/resource/resource.adapter.ts';
import { SimulatedBehaviour, type SimulatorSettings } from './integrations/simulator.ts';
import { InterfaceRequestsService } from './modules/interfaces/interface-requests.service.ts';
import { InterfaceRequestsWorker } from './modules/interfaces/interface-requests.worker.ts';
import type { Clock } from './lib/clock.ts';
import { AlarmScanner } from './modules/time-limits/alarm-scanner.ts';
import { TimeLimitsService } from './modules/time-limits/time-limits.service.ts';
import { AttributeItemsService } from './modules/attribute-items/attribute-items.service.ts';
import { StaffPermissionsService } from './modules/staff-permissions/staff-permissions.service.ts';
import { ReportsService } from './modules/reports/reports.service.ts';
// Supervision and install statistics (issue 5).
import { InstallStatisticsService } from './modules/install-statistics/install-statistics.service.ts';
import { SupervisionService } from './modules/supervision/supervision.service.ts';
import { MonitorsService } from './modules/monitors/monitors.service.ts';
import { AuditLog } from './modules/audit/audit.service.ts';
import { BillingService } from './modules/billing/billing.service.ts';
import { StaticDataCaches } from './modules/static-data/static-data.registry.ts';
import { PositionsAdminService } from './modules/positions/positions-admin.service.ts';
import { ExceptionFlowsService } from './modules/exception-flows/exception-flows.service.ts';
import { WorkOrderTypesService } from './modules/work-order-types/work-order-types.service.ts';
import { WorkflowMappingsService } from './modules/workflow-mappings/workflow-mappings.service.ts';
import { SwitchSimulator } from './integrations/switch/switch.adapter.ts';
import { SwitchCommandsService } from './modules/switch-commands/switch-commands.service.ts';
import { SwitchBatchesService } from './modules/switch-commands/switch-batches.service.ts';
import { SwitchCommandsWorker } from './modules/switch-commands/switch-commands.worker.ts';
import { BillingOperatorsService } from './modules/billing-operators/billing-operators.service.ts';
import { PrepaidService } from './modules/prepaid/prepaid.service.ts';
import { CdrSimulator } from './integrations/cdr/cdr.simulator.ts';
import { DispatchRulesService } from './modules/dispatch-rules/dispatch-rules.service.ts';
import { NotificationSimulator } from './integrations/notification/notification.adapter.ts';
import { DunningService } from './modules/dunning/dunning.service.ts';
import { DunningWorker } from './modules/dunning/dunning.worker.ts';
import type { OutboxRelay } from './pubsub/outbox.ts';
import { AccountsSimulator } from './integrations/accounts/accounts.adapter.ts';
import { AccountSyncService } from './modules/teams/account-sync.service.ts';
import { AccountSyncWorker } from './modules/teams/account-sync.worker.ts';
import { TeamsService } from './modules/teams/teams.service.ts';
import { LocationsService } from './modules/locations/locations.service.ts';
import { OrderCoordinates } from './modules/locations/order-coordinates.ts';
import { GeocoderSimulator } from './integrations/geocoder/geocoder.adapter.ts';
import { LocationSimulator } from './integrations/locations/location.simulator.ts';
import { DispatchMapService } from './modules/dispatch-map/dispatch-map.service.ts';
import type { PubSub } from './pubsub/pubsub.ts';
import { DispatchCenterService } from './modules/dispatch-center/dispatch-center.service.ts';

/** The services of one API process, built once and shared by every request. */
export interface Services {
  auth: AuthService;
  organisations: OrganisationsService;
  positions: PositionsService;
  staff: StaffService;
  workflows: WorkflowService;
  orders: OrdersService;
  workOrders: WorkOrdersService;
  crmPoller: CrmInboundPoller;
  interfaces: InterfaceRequestsService;
  interfaceWorker: InterfaceRequestsWorker;
  timeLimits: TimeLimitsService;
  alarmScanner: AlarmScanner;
  monitors: MonitorsService;
  reports: ReportsService;
  /** Supervision lists (督办) and install statistics of the dispatch center (issue 5). */
  supervision: SupervisionService;
  installStatistics: InstallStatisticsService;
  /** The audit log of system management and configuration changes. */
  audit: AuditLog;
  /** The configuration this process keeps in memory, refreshed here and on every instance. */
  staticData: StaticDataCaches;
  positionsAdmin: PositionsAdminService;
  staffPermissions: StaffPermissionsService;
  attributeItems: AttributeItemsService;
  /** Bill formats, bill imports and bill query/maintenance. */
  billing: BillingService;
  dispatchRules: DispatchRulesService;
  /** Work-order categories and types (configuration). */
  workOrderTypes: WorkOrderTypesService;
  /** Business code → IOM workflow → engine template mappings (configuration). */
  workflowMappings: WorkflowMappingsService;
  /** The workflow template editor (versions, validation, diff, import/export). */
  templateEditor: TemplateEditorService;
  exceptionFlows: ExceptionFlowsService;
  /** Billing operators and their levels. */
  billingOperators: BillingOperatorsService;
  /** Commands to the switch and their outcomes (billing). */
  switchCommands: SwitchCommandsService;
  switchWorker: SwitchCommandsWorker;
  /** The built-in switch (its line states show what it did). */
  switchSimulator: SwitchSimulator;
  /** Dunning schedules and the reminders they send. */
  dunning: DunningService;
  dunningWorker: DunningWorker;
  /** The built-in SMS / voice gateway (dunning reminders). */
  notifications: NotificationSimulator;
  /** Arrears management and call-permission control: batches of switch commands submitted by operators. */
  switchBatches: SwitchBatchesService;
  /** Prepaid accounts, top-ups and real-time rating of call records (billing). */
  prepaid: PrepaidService;
  /** The built-in call-record stream (started when `config.prepaid.cdrSimulator.enabled`). */
  cdrSimulator: CdrSimulator;
  /** Location ingestion (devices, fixes, retention purge). */
  locations: LocationsService;
  /** The built-in movement of the demo installers (started when `config.locations.simulator.enabled`). */
  locationSimulator: LocationSimulator;
  /** Orders' map positions (CRM's or the geocoder's). */
  orderCoordinates: OrderCoordinates;
  /** The dispatch map: box queries, search, tracks, staff messages. */
  dispatchMap: DispatchMapService;
  config: ApiConfig;
  clock: Clock;
  /** The built-in simulators' behaviour, by system (process-local). */
  simulators: Record<'RESOURCE' | 'PROVISIONING' | 'CRM' | 'SWITCH' | 'NOTIFICATION' | 'ACCOUNTS', SimulatedBehaviour>;
  /** Installation teams and their members (dispatch center). */
  teams: TeamsService;
  /** Teams and staff accounts synced from the external maintenance system, on demand and hourly. */
  accountSync: AccountSyncService;
  accountSyncWorker: AccountSyncWorker;
  /** The built-in maintenance system the accounts are synced from. */
  accountsSimulator: AccountsSimulator;
  pubsub: PubSub;
  relay: OutboxRelay;
  /** Dispatch center (issue #5): the dispatchers' to-do and the assignment to a team. */
  dispatchCenter: DispatchCenterService;
}

export function createServices(prisma: PrismaClient, pubsub: PubSub, relay: OutboxRelay, config: ApiConfig, clock: Clock): Services {
  const now = clock.now;
  const organisations = new OrganisationsService(prisma);
  const audit = new AuditLog(prisma, now);
  const alarmScanner = new AlarmScanner(prisma, relay, now, config.alarms.scanMs);
  const timeLimits = new TimeLimitsService(prisma, config.timeZone, organisations, audit, now);
  const staticData = new StaticDataCaches(now);
  staticData.publish = (caches) => void pubsub.publish('config.changed', { caches });
  timeLimits.onChanged = () => staticData.publish(['time-limits']);
  timeLimits.onRetimed = () => void (config.alarms.enabled ? alarmScanner.kick() : undefined);
  const workflows = new WorkflowService(prisma, timeLimits, now);
  const auth = new AuthService(prisma, relay, config.auth, now);
  const staffPermissions = new StaffPermissionsService(prisma, audit);
  const positionsAdmin = new PositionsAdminService(prisma, organisations, audit, staffPermissions);
  // Staff whose positions or permissions changed see them on their next request, on every instance.
  positionsAdmin.onMenusChanged = () => void staticData.refresh(['sessions']);
  staffPermissions.onPermissionsChanged = () => void staticData.refresh(['sessions']);
  staticData.register({ name: 'time-limits', description: 'Working-day calendar, area chains, order and work-order time limits', entries: () => timeLimits.cachedEntries(), forget: () => timeLimits.refresh() });
  staticData.register({ name: 'organisation-scopes', description: 'Organisation ids of each data-permission scope', entries: () => organisations.cachedScopes(), forget: () => organisations.forgetCachedIds() });
  staticData.register({ name: 'workflow-graphs', description: 'Workflow template versions as graphs', entries: () => workflows.repository.cachedGraphs(), forget: () => workflows.repository.forgetGraphs() });
  staticData.register({ name: 'sessions', description: 'Sessions with their menus and permissions', entries: () => auth.cachedSessions(), forget: () => auth.forgetCachedSessions() });
  const attributeItems = new AttributeItemsService(prisma, audit);
  attributeItems.onChanged = () => staticData.publish(['attribute-items']);
  staticData.register({ name: 'attribute-items', description: 'Attribute items the CRM intake checks order parameters by', entries: () => attributeItems.cachedEntries(), forget: () => attributeItems.forget() });
  const orders = new OrdersService(prisma, relay, workflows.engine, organisations, timeLimits, now);
  orders.parameterProblems = (tx, businessCode, parameters) => attributeItems.problems(tx, businessCode, parameters);
  const crmPoller = new CrmInboundPoller(orders, config.crmPollMs);
  orders.onMessageStored = () => void crmPoller.kick();
  const behaviour = (): SimulatedBehaviour => new SimulatedBehaviour({ ...config.interfaces.simulator } satisfies SimulatorSettings);
  const simulators = { RESOURCE: behaviour(), PROVISIONING: behaviour(), CRM: behaviour(), SWITCH: new SimulatedBehaviour({ ...config.switch.simulator }), NOTIFICATION: behaviour(), ACCOUNTS: behaviour() };
  const switchSimulator = new SwitchSimulator(simulators.SWITCH);
  const switchCommands = new SwitchCommandsService(prisma, pubsub, switchSimulator, config.switch, now);
  const interfaces = new InterfaceRequestsService(
    prisma,
    relay,
    workflows.engine,
    { resource: new ResourceSimulator(simulators.RESOURCE), provisioning: new ProvisioningSimulator(simulators.PROVISIONING), crm: new CrmNoticeSimulator(simulators.CRM) },
    config.interfaces,
    now,
  );
  const templateEditor = new TemplateEditorService(prisma, audit);
  const billingOperators = new BillingOperatorsService(prisma, audit);
  billingOperators.onChanged = () => void staticData.refresh(['sessions']);
  const notifications = new NotificationSimulator(simulators.NOTIFICATION);
  const dunning = new DunningService(prisma, pubsub, notifications, config.dunning, now);
  const dunningWorker = new DunningWorker(dunning, config.dunning.pollMs);
  dunning.onDue = () => void (config.dunning.enabled ? dunningWorker.kick() : undefined);
  const teams = new TeamsService(prisma, audit);
  const accountsSimulator = new AccountsSimulator(simulators.ACCOUNTS);
  const accountSync = new AccountSyncService(prisma, accountsSimulator, audit, now, config.accountSync.timeoutMs);
  // Members who joined or left a team can claim (or no longer claim) its work orders at once, on every instance.
  teams.onPermissionsChanged = () => void staticData.refresh(['sessions']);
  accountSync.onPermissionsChanged = () => void staticData.refresh(['sessions']);
  // A deactivated staff number cannot be picked again; whoever is working as it is logged out.
  const endSessionsOf = async (staffIds: number[]) => {
    for (const session of await prisma.session.findMany({ where: { staffId: { in: staffIds }, endedAt: null }, select: { id: true } })) await auth.forceLogout(session.id);
  };
  teams.onStaffDeactivated = (staffIds) => void endSessionsOf(staffIds).catch(() => undefined);
  accountSync.onStaffDeactivated = (staffIds) => void endSessionsOf(staffIds).catch(() => undefined);
  const prepaid = new PrepaidService(prisma, pubsub, switchCommands, audit, config.prepaid.limit, now);
  const locations = new LocationsService(prisma, pubsub, audit, config.locations, now);
  const orderCoordinates = new OrderCoordinates(prisma, new GeocoderSimulator());
  orders.locateOrder = (tx, customer, organisationId) => orderCoordinates.locate(tx, customer, organisationId);
  return {
    teams,
    accountSync,
    accountSyncWorker: new AccountSyncWorker(accountSync, config.accountSync.intervalMinutes),
    accountsSimulator,
    locations,
    locationSimulator: new LocationSimulator(prisma, locations, config.locations.simulator.intervalMs, now),
    orderCoordinates,
    dispatchMap: new DispatchMapService(prisma, relay, organisations, audit),
    billingOperators,
    dunning,
    dunningWorker,
    notifications,
    prepaid,
    cdrSimulator: new CdrSimulator(() => prepaid.callablePhones(), config.prepaid.cdrSimulator.intervalMs, now),
    interfaces,
    interfaceWorker: new InterfaceRequestsWorker(interfaces, pubsub, config.interfaces.pollMs),
    simulators,
    switchSimulator,
    switchCommands,
    switchBatches: new SwitchBatchesService(prisma, switchCommands),
    switchWorker: new SwitchCommandsWorker(switchCommands, config.switch.batchSize, config.switch.pollMs),
    workflows,
    timeLimits,
    alarmScanner,
    clock,
    monitors: new MonitorsService(prisma, organisations),
    reports: new ReportsService(prisma, config.timeZone, now),
    // Supervision lists and install statistics (issue 5).
    supervision: new SupervisionService(prisma, config.supervision, organisations, now),
    installStatistics: new InstallStatisticsService(prisma, config.timeZone),
    config,
    orders,
    workOrders: new WorkOrdersService(prisma, relay, workflows.engine, organisations, now),
    crmPoller,
    auth,
    organisations,
    positions: new PositionsService(prisma),
    staff: new StaffService(prisma, organisations, now),
    audit,
    staticData,
    positionsAdmin,
    staffPermissions,
    attributeItems,
    billing: new BillingService(prisma, audit, pubsub, now),
    dispatchRules: new DispatchRulesService(prisma, organisations, audit),
    workOrderTypes: new WorkOrderTypesService(prisma, audit),
    workflowMappings: new WorkflowMappingsService(prisma, audit),
    templateEditor,
    exceptionFlows: new ExceptionFlowsService(prisma, audit, templateEditor),
    pubsub,
    relay,
    dispatchCenter: new DispatchCenterService(prisma, relay, workflows, organisations, audit, now),
  };
}
