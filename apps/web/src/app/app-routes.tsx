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

// ag-grid is large: load it with the first page that needs it.
const StaffListPage = lazy(() =>
  import('../modules/staff/routes/staff-list-page').then((m) => ({ default: m.StaffListPage })),
);
const WorkOrderQueuePage = lazy(() =>
  import('../modules/work-orders/routes/work-order-queue-page').then((m) => ({ default: m.WorkOrderQueuePage })),
);
const ManualAssignmentPage = lazy(() =>
  import('../modules/work-orders/routes/manual-assignment-page').then((m) => ({ default: m.ManualAssignmentPage })),
);
const ManualExceptionPage = lazy(() =>
  import('../modules/work-orders/routes/manual-exception-page').then((m) => ({ default: m.ManualExceptionPage })),
);
// The monitors are a dispatcher's and manager's screens: not everyone needs their code.
const PreAlarmPage = lazy(() =>
  import('../modules/monitors/routes/pre-alarm-page').then((m) => ({ default: m.PreAlarmPage })),
);
const InterfaceMonitorPage = lazy(() =>
  import('../modules/monitors/routes/interface-monitor-page').then((m) => ({ default: m.InterfaceMonitorPage })),
);
// Reports and the dashboard carry recharts (and exceljs on export): loaded when opened.
const DailyReportPage = lazy(() =>
  import('../modules/reports/routes/daily-report-page').then((m) => ({ default: m.DailyReportPage })),
);
const DashboardPage = lazy(() =>
  import('../modules/reports/routes/dashboard-page').then((m) => ({ default: m.DashboardPage })),
);
const OrderQueryPage = lazy(() => import('../modules/queries/routes/order-query-page').then((m) => ({ default: m.OrderQueryPage })));
const WorkOrderQueryPage = lazy(() => import('../modules/queries/routes/work-order-query-page').then((m) => ({ default: m.WorkOrderQueryPage })));
const PrintWorkOrdersPage = lazy(() => import('../modules/queries/routes/print-work-orders-page').then((m) => ({ default: m.PrintWorkOrdersPage })));

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
      <Suspense fallback={<Loading />}>{page}</Suspense>
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
        <Route element={<MainLayout />}>
          <Route index element={<HomePage />} />
          <Route path="help" element={guarded('help.about', <HelpPage />)} />
          <Route path="system/staff" element={guarded('system.staff', <StaffListPage />)} />
          <Route path="system/online-staff" element={guarded('system.online-staff', <OnlineStaffPage />)} />
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
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
