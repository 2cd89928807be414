/** Series colours of the report and dashboard charts (overdue is the monitors' red). */
export const CHART = {
  created: '#1f6feb',
  completed: '#1a7f37',
  overdue: '#c62828',
  warning: '#d08700',
  muted: '#8a94a3',
  orders: '#6f42c1',
  workOrders: '#1f6feb',
} as const;
