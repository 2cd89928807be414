import { ClientSideRowModelModule, ModuleRegistry, type ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupervisionListFieldsFragment } from '../../../generated/graphql';
import { gridTheme } from '../../../lib/ag-grid';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';

// These grids hold a whole (bounded) list in memory; the app's registry has only the infinite model.
ModuleRegistry.registerModules([ClientSideRowModelModule]);

export type SupervisionRow = SupervisionListFieldsFragment['rows'][number];

/** `37 h 05 min`: ages are hours for these lists. */
export function formatAge(minutes: number, t: (key: string, options?: Record<string, unknown>) => string): string {
  return t('supervision.age', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
}

/** One supervision list as a dense grid; rows are keyed by order number (claim timeouts: work-order number). */
export function SupervisionGrid({ rows, list, testId }: { rows: readonly SupervisionRow[]; list: 'OVERDUE' | 'WARNING' | 'CLAIM_TIMEOUT'; testId: string }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const columnDefs = useMemo<ColDef<SupervisionRow>[]>(
    () => [
      // Who to chase comes before the customer: the lists are for following up the team and installer.
      { colId: 'orderNo', field: 'orderNo', headerName: t('supervision.columns.orderNo'), width: 118, cellClass: 'mono' },
      { colId: 'workOrderNo', field: 'workOrderNo', headerName: t('supervision.columns.workOrderNo'), width: 170, cellClass: 'mono', valueFormatter: (p) => p.value ?? '—' },
      {
        colId: 'step',
        headerName: t('supervision.columns.step'),
        valueGetter: (p) => (p.data?.stepName ? localName({ name: p.data.stepName, nameEn: p.data.stepNameEn ?? '' }, lng) : t('supervision.betweenSteps')),
        width: 110,
      },
      {
        colId: 'age',
        headerName: list === 'CLAIM_TIMEOUT' ? t('supervision.columns.unclaimedFor') : t('supervision.columns.age'),
        valueGetter: (p) => (p.data ? formatAge(p.data.ageMinutes, t) : ''),
        width: 112,
        cellClass: list === 'OVERDUE' ? 'supervision-age is-overdue' : 'supervision-age',
      },
      { colId: 'team', headerName: t('supervision.columns.team'), valueGetter: (p) => (p.data?.teamName ? localName({ name: p.data.teamName, nameEn: p.data.teamNameEn ?? '' }, lng) : '—'), width: 150, tooltipValueGetter: (p) => p.value as string },
      {
        colId: 'installer',
        headerName: t('supervision.columns.installer'),
        valueGetter: (p) => (p.data?.installerName ? `${p.data.installerName} (${p.data.installerStaffNo})` : '—'),
        width: 140,
      },
      { colId: 'phone', field: 'installerPhone', headerName: t('supervision.columns.installerPhone'), width: 120, cellClass: 'mono', valueFormatter: (p) => p.value ?? '—' },
      { colId: 'customer', headerName: t('supervision.columns.customer'), valueGetter: (p) => [p.data?.customerName, p.data?.customerPhone].filter(Boolean).join(' · '), width: 190 },
      { colId: 'address', field: 'address', headerName: t('supervision.columns.address'), flex: 1, minWidth: 200, tooltipField: 'address' },
    ],
    [t, lng, list],
  );
  // A height from the row count (header, rows, horizontal scroll bar), up to about ten rows: ag-grid's
  // auto height lags a live list growing by a row, clipping the newest.
  const height = 34 + Math.min(rows.length, 10) * 30 + 18;
  if (rows.length === 0) {
    return (
      <p className="muted supervision-empty" data-testid={testId} data-empty="true">
        {t('supervision.emptyList')}
      </p>
    );
  }
  return (
    <div className="supervision-grid" data-testid={testId} style={{ height }}>
      <AgGridReact<SupervisionRow>
        theme={gridTheme}
        rowData={rows as SupervisionRow[]}
        columnDefs={columnDefs}
        getRowId={(p) => (list === 'CLAIM_TIMEOUT' ? (p.data.workOrderNo ?? p.data.orderNo) : p.data.orderNo)}
        rowClass={list === 'OVERDUE' ? 'supervision-row is-overdue' : list === 'WARNING' ? 'supervision-row is-warning' : 'supervision-row is-claim-timeout'}
        overlayNoRowsTemplate={`<span>${t('supervision.emptyList')}</span>`}
        suppressCellFocus={false}
        enableCellTextSelection
      />
    </div>
  );
}
