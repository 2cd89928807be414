import type { TFunction } from 'i18next';
import type { TimeState, WorkOrderState } from '../../generated/graphql';

/** A work-order state in words. */
export const stateLabel = (t: TFunction, state: WorkOrderState) => t(`workOrders.state.${state}`);

/** A time state in words; NORMAL says nothing. */
export const timeStateLabel = (t: TFunction, timeState: TimeState, acceptOverdue = false) =>
  timeState === 'NORMAL' ? (acceptOverdue ? t('workOrders.timeState.ACCEPT_OVERDUE') : '') : t(`workOrders.timeState.${timeState}`);
