import type { WorkOrderRow } from './components/work-order-grid';

/**
 * Where a batch of work orders is queued: the position whose staff the dispatch dialog offers (the
 * first work order's) and how many positions the batch spans. The server refuses batches across
 * positions (MIXED_POSITIONS); the dialog says so beforehand and shows the server's answer.
 */
export function dispatchTarget(rows: readonly Pick<WorkOrderRow, 'position'>[]): { position: WorkOrderRow['position']; positionCount: number; unqueued: number } {
  const ids = new Set(rows.map((row) => row.position?.id ?? null));
  return {
    position: rows.find((row) => row.position !== null)?.position ?? null,
    positionCount: [...ids].filter((id) => id !== null).length,
    unqueued: rows.filter((row) => row.position === null).length,
  };
}
