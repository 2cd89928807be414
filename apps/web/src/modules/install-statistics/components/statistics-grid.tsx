import { ClientSideRowModelModule, ModuleRegistry, PinnedRowModule, type ColDef, type ICellRendererParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstallKind, InstallStatisticsMeasure } from '../../../generated/graphql';
import { gridTheme } from '../../../lib/ag-grid';
import { COUNT_COLUMNS, type StatisticsTableRow } from '../statistics-rows';

// A whole (small) table in memory with its total pinned below; the app's registry has only the infinite model.
ModuleRegistry.registerModules([ClientSideRowModelModule, PinnedRowModule]);

/** A cell to drill into: the row's key and which count. */
export interface StatisticsCell {
  key: string | null;
  label: string;
  measure: InstallStatisticsMeasure;
  kind: InstallKind | null;
  count: number;
}

/** The statistics table: one row per group, the total pinned below; a count above zero opens its orders. */
export function StatisticsGrid({ rows, total, groupLabel, onDrill }: { rows: StatisticsTableRow[]; total: StatisticsTableRow; groupLabel: string; onDrill: (cell: StatisticsCell) => void }) {
  const { t } = useTranslation();
  const columnDefs = useMemo<ColDef<StatisticsTableRow>[]>(
    () => [
      { colId: 'label', field: 'label', headerName: groupLabel, flex: 1, minWidth: 200, sortable: true },
      ...COUNT_COLUMNS.map(
        (column): ColDef<StatisticsTableRow> => ({
          colId: column.field,
          field: column.field,
          headerName: t(`installStatistics.columns.${column.field}`),
          width: 120,
          type: 'numericColumn',
          sortable: true,
          cellRenderer: (p: ICellRendererParams<StatisticsTableRow, number>) => {
            const row = p.data;
            const value = p.value ?? 0;
            if (!row || row.isTotal || value === 0) return <span className={value === 0 ? 'is-zero' : undefined}>{value}</span>;
            return (
              <button
                type="button"
                className="button link statistics-drill"
                data-column={column.field}
                aria-label={t('installStatistics.drillLabel', { count: value, column: t(`installStatistics.columns.${column.field}`), group: row.label })}
                onClick={() => onDrill({ key: row.key, label: row.label, measure: column.measure, kind: column.kind, count: value })}
              >
                {value}
              </button>
            );
          },
        }),
      ),
    ],
    [t, groupLabel, onDrill],
  );
  if (rows.length === 0) {
    return (
      <p className="muted" data-testid="statistics-table" data-empty="true">
        {t('installStatistics.empty')}
      </p>
    );
  }
  return (
    <div className="statistics-grid" data-testid="statistics-table">
      <AgGridReact<StatisticsTableRow>
        theme={gridTheme}
        rowData={rows}
        pinnedBottomRowData={[total]}
        columnDefs={columnDefs}
        domLayout={rows.length > 14 ? 'normal' : 'autoHeight'}
        getRowId={(p) => (p.data.isTotal ? 'total' : (p.data.key ?? 'none'))}
        getRowClass={(p) => (p.data?.isTotal ? 'statistics-total' : undefined)}
        enableCellTextSelection
      />
    </div>
  );
}
