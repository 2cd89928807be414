/** Work orders one print holds at most (the API's printWorkOrders limit). */
export const PRINT_LIMIT = 200;

/** The print page of these work orders. */
export function printPath(workOrderIds: readonly string[]): string {
  return `/print/work-orders?ids=${workOrderIds.join(',')}`;
}

/** The work-order ids of a print page's `ids` parameter, or null when it is not a list of ids. */
export function parsePrintIds(value: string | null): string[] | null {
  const ids = (value ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  if (ids.length === 0 || ids.length > PRINT_LIMIT || ids.some((id) => !/^\d{1,9}$/.test(id))) return null;
  return [...new Set(ids)];
}
