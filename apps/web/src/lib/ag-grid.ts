import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';

// Without registered modules the grid renders, but filters and the infinite row model silently
// do nothing. Every grid component imports `gridTheme` from here, so registration always runs
// first, and only once (ES modules are evaluated once).
ModuleRegistry.registerModules([AllCommunityModule]);

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
