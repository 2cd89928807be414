import type { OrderState, TimeState } from '@openiom/db';
import type { ViewerRecord } from '../auth/auth.types.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';

/** A time range as given: from inclusive, to exclusive; either end may be open. */
export interface TimeRange {
  from: Date | null;
  to: Date | null;
}

/** The order query's conditions as parsed from the input (see `orderFilter` in orders.schemas.ts). */
export interface OrderFilterInput {
  organisationId: number | null;
  acceptanceNo: string | null;
  orderNo: string | null;
  customerName: string | null;
  customerPhone: string | null;
  broadbandAccount: string | null;
  address: string | null;
  state: OrderState | null;
  productCode: string | null;
  orderType: string | null;
  changedOrCancelled: boolean | null;
  timeState: TimeState | null;
  acceptedAt: TimeRange | null;
}

/** The conditions ready for the repository: the business area resolved to its path. */
export type OrderCriteria = Omit<OrderFilterInput, 'organisationId'> & { organisationPath: string | null };

export type OrderSortField = 'ACCEPTED_AT' | 'ORDER_NO';

/** Order types that make an order a change/cancellation order (改撤单). */
export const changeOrCancelTypes = ['CHANGE', 'CANCEL'];

/**
 * Resolves the business area of an order filter within the viewer's data permissions; an area the
 * viewer may not see is NOT_FOUND (naming `field`), as if it did not exist.
 */
export async function resolveOrderCriteria(organisations: OrganisationsService, viewer: ViewerRecord, filter: OrderFilterInput | null, field: string): Promise<OrderCriteria | null> {
  if (!filter) return null;
  const { organisationId, ...rest } = filter;
  return { ...rest, organisationPath: await organisations.visiblePath(viewer, organisationId, `${field}.organisationId`) };
}
