import { ScreenMenuContext } from './session/menu-access';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { LoginPage } from '../modules/auth/routes/login-page';
import { HelpPage } from '../modules/help/routes/help-page';
import { OnlineStaffPage } from '../modules/staff/routes/online-staff-page';
import { RequireAuth } from './components/require-auth';
import { RequireMenu } from './components/require-menu';
import { HomePage } from './routes/home-page';
import { MainLayout } from './routes/main-layout';
import { NotFoundPage } from './routes/not-found-page';

// ag-grid, recharts and exceljs are large: each screen's code is loaded with the screen. The loaders
// are keyed by path so that the screen a page is opened on starts loading at once, alongside the
// viewer query, instead of after it (see `preloadScreen` below).
const screens = {
  '/system/staff': () => import('../modules/staff/routes/staff-list-page').then((m) => ({ default: m.StaffListPage })),
  '/system/staff/permissions': () => import('../modules/staff-permissions/routes/staff-permissions-page').then((m) => ({ default: m.StaffPermissionsPage })),
  '/work-orders/by-position': () => import('../modules/work-orders/routes/work-order-queue-page').then((m) => ({ default: m.WorkOrderQueuePage })),
  '/work-orders/manual-assignment': () => import('../modules/work-orders/routes/manual-assignment-page').then((m) => ({ default: m.ManualAssignmentPage })),
  '/work-orders/manual-exception': () => import('../modules/work-orders/routes/manual-exception-page').then((m) => ({ default: m.ManualExceptionPage })),
  '/monitoring/pre-alarm': () => import('../modules/monitors/routes/pre-alarm-page').then((m) => ({ default: m.PreAlarmPage })),
  '/monitoring/interfaces': () => import('../modules/monitors/routes/interface-monitor-page').then((m) => ({ default: m.InterfaceMonitorPage })),
  '/queries/daily-report': () => import('../modules/reports/routes/daily-report-page').then((m) => ({ default: m.DailyReportPage })),
  '/dashboard': () => import('../modules/reports/routes/dashboard-page').then((m) => ({ default: m.DashboardPage })),
  '/queries/orders': () => import('../modules/queries/routes/order-query-page').then((m) => ({ default: m.OrderQueryPage })),
  '/queries/work-orders': () => import('../modules/queries/routes/work-order-query-page').then((m) => ({ default: m.WorkOrderQueryPage })),
  '/system/audit': () => import('../modules/audit/routes/audit-log-page').then((m) => ({ default: m.AuditLogPage })),
  '/billing/dunning': () => import('../modules/dunning/routes/dunning-page').then((m) => ({ default: m.DunningPage })),
  '/config/dispatch-rules': () => import('../modules/dispatch-rules/routes/dispatch-rules-page').then((m) => ({ default: m.DispatchRulesPage })),
  '/dispatch/todo': () => import('../modules/dispatch-center/routes/dispatch-todo-page').then((m) => ({ default: m.DispatchTodoPage })),
  '/billing/formats': () => import('../modules/billing/routes/bill-formats-page').then((m) => ({ default: m.BillFormatsPage })),
  '/billing/imports': () => import('../modules/billing/routes/bill-imports-page').then((m) => ({ default: m.BillImportsPage })),
  '/billing/bills': () => import('../modules/billing/routes/bills-page').then((m) => ({ default: m.BillsPage })),
  '/billing/operators': () => import('../modules/billing-operators/routes/billing-operators-page').then((m) => ({ default: m.BillingOperatorsPage })),
  '/config/attributes': () => import('../modules/attribute-items/routes/attribute-items-page').then((m) => ({ default: m.AttributeItemsPage })),
  '/config/exception-flows': () => import('../modules/exception-flows/routes/exception-flows-page').then((m) => ({ default: m.ExceptionFlowsPage })),
  '/config/work-order-types': () => import('../modules/work-order-types/routes/work-order-types-page').then((m) => ({ default: m.WorkOrderTypesPage })),
  '/config/business-workflows': () => import('../modules/workflow-mappings/routes/business-workflows-page').then((m) => ({ default: m.BusinessWorkflowsPage })),
  '/config/iom-workflows': () => import('../modules/workflow-mappings/routes/iom-workflows-page').then((m) => ({ default: m.IomWorkflowsPage })),
  '/config/workflows': () => import('../modules/workflow-editor/routes/workflow-editor-page').then((m) => ({ default: m.WorkflowEditorPage })),
  '/config/calendar': () => import('../modules/calendar/routes/calendar-page').then((m) => ({ default: m.CalendarPage })),
  '/config/time-limits': () => import('../modules/time-limits/routes/time-limits-page').then((m) => ({ default: m.TimeLimitsPage })),
  '/config/cache': () => import('../modules/static-data/routes/static-data-page').then((m) => ({ default: m.StaticDataPage })),
  '/system/position-types': () => import('../modules/positions/routes/position-types-page').then((m) => ({ default: m.PositionTypesPage })),
  '/system/positions': () => import('../modules/positions/routes/positions-page').then((m) => ({ default: m.PositionsPage })),
  '/billing/arrears': () => import('../modules/switch-batches/routes/arrears-page').then((m) => ({ default: m.ArrearsPage })),
  '/billing/call-permissions': () => import('../modules/switch-batches/routes/call-permissions-page').then((m) => ({ default: m.CallPermissionsPage })),
  '/billing/prepaid': () => import('../modules/prepaid/routes/prepaid-page').then((m) => ({ default: m.PrepaidPage })),
  '/print/work-orders': () => import('../modules/queries/routes/print-work-orders-page').then((m) => ({ default: m.PrintWorkOrdersPage })),
  '/dispatch/teams': () => import('../modules/teams/routes/teams-page').then((m) => ({ default: m.TeamsPage })),
  '/m': () => import('../modules/installer-mobile/routes/installer-mobile-page').then((m) => ({ default: m.InstallerMobilePage })),
  '/dispatch/map': () => import('../modules/dispatch-map/routes/dispatch-map-page').then((m) => ({ default: m.DispatchMapPage })),
};
const screenAliases: Record<string, keyof typeof screens> = { '/work-orders/by-staff': '/work-orders/by-position' };

/**
 * Starts loading the code of the screen at `pathname` (a no-op for screens in the main bundle). The
 * browser keeps the module, so the lazy component finds it loaded; a failure here is left to the
 * component, which shows it when it renders.
 */
export function preloadScreen(pathname: string): void {
  const path = pathname.replace(/\/+$/, '');
  const load = screens[(screenAliases[path] ?? path) as keyof typeof screens];
  load?.().catch(() => undefined);
}

const StaffListPage = lazy(screens['/system/staff']);
const StaffPermissionsPage = lazy(screens['/system/staff/permissions']);
const WorkOrderQueuePage = lazy(screens['/work-orders/by-position']);
const ManualAssignmentPage = lazy(screens['/work-orders/manual-assignment']);
const ManualExceptionPage = lazy(screens['/work-orders/manual-exception']);
const PreAlarmPage = lazy(screens['/monitoring/pre-alarm']);
const InterfaceMonitorPage = lazy(screens['/monitoring/interfaces']);
const DailyReportPage = lazy(screens['/queries/daily-report']);
const DashboardPage = lazy(screens['/dashboard']);
const OrderQueryPage = lazy(screens['/queries/orders']);
const WorkOrderQueryPage = lazy(screens['/queries/work-orders']);
const AuditLogPage = lazy(screens['/system/audit']);
const DispatchRulesPage = lazy(screens['/config/dispatch-rules']);
const DispatchTodoPage = lazy(screens['/dispatch/todo']);
const DunningPage = lazy(screens['/billing/dunning']);
const AttributeItemsPage = lazy(screens['/config/attributes']);
const BillFormatsPage = lazy(screens['/billing/formats']);
const BillImportsPage = lazy(screens['/billing/imports']);
const BillsPage = lazy(screens['/billing/bills']);
const BillingOperatorsPage = lazy(screens['/billing/operators']);
const WorkOrderTypesPage = lazy(screens['/config/work-order-types']);
const BusinessWorkflowsPage = lazy(screens['/config/business-workflows']);
const IomWorkflowsPage = lazy(screens['/config/iom-workflows']);
const ExceptionFlowsPage = lazy(screens['/config/exception-flows']);
const WorkflowEditorPage = lazy(screens['/config/workflows']);
const CalendarPage = lazy(screens['/config/calendar']);
const TimeLimitsPage = lazy(screens['/config/time-limits']);
const StaticDataPage = lazy(screens['/config/cache']);
const PositionTypesPage = lazy(screens['/system/position-types']);
const PositionsPage = lazy(screens['/system/positions']);
const ArrearsPage = lazy(screens['/billing/arrears']);
const CallPermissionsPage = lazy(screens['/billing/call-permissions']);
const PrepaidPage = lazy(screens['/billing/prepaid']);
const PrintWorkOrdersPage = lazy(screens['/print/work-orders']);
const TeamsPage = lazy(screens['/dispatch/teams']);
const InstallerMobilePage = lazy(screens['/m']);
const DispatchMapPage = lazy(screens['/dispatch/map']);

function Loading() {
  const { t } = useTranslation();
  return (
    <div className="full-page-status" role="status">
      {t('common.loading')}
    </div>
  );
}

/** A page behind a menu code, loaded lazily if need be. */
function guarded(code: string, page: ReactNode) {
  return (
    <RequireMenu code={code}>
      <ScreenMenuContext.Provider value={code}>
        <Suspense fallback={<Loading />}>{page}</Suspense>
      </ScreenMenuContext.Provider>
    </RequireMenu>
  );
}

/**
 * Routes. Every page but /login needs a session with a staff number; pages of the menu also
 * need their menu code in `viewer.menus`.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        {/* Sheets to print: no app chrome. The API checks the permission to print. */}
        <Route
          path="print/work-orders"
          element={
            <Suspense fallback={<Loading />}>
              <PrintWorkOrdersPage />
            </Suspense>
          }
        />
        {/* The installers' phone view: its own layout, no desktop menu. The API checks every action. */}
        <Route
          path="m"
          element={
            <Suspense fallback={<Loading />}>
              <InstallerMobilePage />
            </Suspense>
          }
        />
        <Route element={<MainLayout />}>
          <Route index element={<HomePage />} />
          <Route path="help" element={guarded('help.about', <HelpPage />)} />
          <Route path="system/staff" element={guarded('system.staff', <StaffListPage />)} />
          <Route path="system/staff/:staffId/permissions" element={guarded('system.staff', <StaffPermissionsPage />)} />
          <Route path="system/online-staff" element={guarded('system.online-staff', <OnlineStaffPage />)} />
          <Route path="system/audit" element={guarded('system.audit', <AuditLogPage />)} />
          <Route path="billing/prepaid" element={guarded('billing.prepaid', <PrepaidPage />)} />
          <Route path="config/dispatch-rules" element={guarded('config.dispatch-rules', <DispatchRulesPage />)} />
          <Route path="dispatch/todo" element={guarded('dispatch.todo', <DispatchTodoPage />)} />
          <Route path="billing/dunning" element={guarded('billing.dunning', <DunningPage />)} />
          <Route path="config/attributes" element={guarded('config.attributes', <AttributeItemsPage />)} />
          <Route path="billing/formats" element={guarded('billing.formats', <BillFormatsPage />)} />
          <Route path="billing/imports" element={guarded('billing.imports', <BillImportsPage />)} />
          <Route path="billing/bills" element={guarded('billing.bills', <BillsPage />)} />
          <Route path="billing/operators" element={guarded('billing.operators', <BillingOperatorsPage />)} />
          <Route path="config/work-order-types" element={guarded('config.work-order-types', <WorkOrderTypesPage />)} />
          <Route path="config/business-workflows" element={guarded('config.business-workflows', <BusinessWorkflowsPage />)} />
          <Route path="config/iom-workflows" element={guarded('config.iom-workflows', <IomWorkflowsPage />)} />
          <Route path="config/exception-flows" element={guarded('config.exception-flows', <ExceptionFlowsPage />)} />
          <Route path="config/workflows" element={guarded('config.workflows', <WorkflowEditorPage />)} />
          <Route path="config/calendar" element={guarded('config.calendar', <CalendarPage />)} />
          <Route path="config/time-limits" element={guarded('config.time-limits', <TimeLimitsPage />)} />
          <Route path="config/cache" element={guarded('config.cache', <StaticDataPage />)} />
          <Route path="system/position-types" element={guarded('system.position-types', <PositionTypesPage />)} />
          <Route path="system/positions" element={guarded('system.positions', <PositionsPage />)} />
          <Route path="billing/arrears" element={guarded('billing.arrears', <ArrearsPage />)} />
          <Route path="billing/call-permissions" element={guarded('billing.call-permissions', <CallPermissionsPage />)} />
          <Route path="work-orders/by-position" element={guarded('work-orders.by-position', <WorkOrderQueuePage key="position" mode="position" />)} />
          <Route path="work-orders/by-staff" element={guarded('work-orders.by-staff', <WorkOrderQueuePage key="staff" mode="staff" />)} />
          <Route path="work-orders/manual-assignment" element={guarded('work-orders.manual-assignment', <ManualAssignmentPage />)} />
          <Route path="work-orders/manual-exception" element={guarded('work-orders.manual-exception', <ManualExceptionPage />)} />
          <Route path="monitoring/pre-alarm" element={guarded('monitoring.pre-alarm', <PreAlarmPage />)} />
          <Route path="monitoring/interfaces" element={guarded('monitoring.interfaces', <InterfaceMonitorPage />)} />
          <Route path="dashboard" element={guarded('monitoring.dashboard', <DashboardPage />)} />
          <Route path="queries/daily-report" element={guarded('queries.daily-report', <DailyReportPage />)} />
          <Route path="queries/orders" element={guarded('queries.orders', <OrderQueryPage />)} />
          <Route path="queries/work-orders" element={guarded('queries.work-orders', <WorkOrderQueryPage />)} />
          <Route path="dispatch/teams" element={guarded('dispatch.teams', <TeamsPage />)} />
          <Route path="dispatch/map" element={guarded('dispatch.map', <DispatchMapPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
