import {
  CellStyleModule,
  ColumnApiModule,
  InfiniteRowModelModule,
  LocaleModule,
  ModuleRegistry,
  RowSelectionModule,
  RowStyleModule,
  themeQuartz,
  TooltipModule,
  ValidationModule,
} from 'ag-grid-community';

// Only the features the app's grids use: the whole community bundle is about twice the size and its
// parsing sits on the path to a queue's first rows. A feature whose module is missing silently does
// nothing in production, so development builds add ag-grid's validation, which names it in the
// console (and the e2e journeys exercise every grid feature). Every grid component imports
// `gridTheme` from here, so registration always runs first, and only once.
ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  RowSelectionModule,
  TooltipModule,
  CellStyleModule,
  RowStyleModule,
  LocaleModule,
  ColumnApiModule,
  ...(import.meta.env.DEV ? [ValidationModule] : []),
]);

/** Quartz, made dense for all-day desk work, in the app's font (no web-font download). */
export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  spacing: 5,
  rowHeight: 30,
  headerHeight: 34,
  accentColor: '#1f6feb',
  foregroundColor: '#1c2430',
  headerBackgroundColor: '#f2f4f7',
  borderColor: '#d5dae1',
  wrapperBorderRadius: 4,
  oddRowBackgroundColor: '#fafbfc',
});
