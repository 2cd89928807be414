import type { TFunction } from 'i18next';
import type { TimeState, WorkOrderState } from '../../generated/graphql';

/** The exception type that parks a work order in manual exception handling (人工异常). */
export const MANUAL_EXCEPTION_TYPE = 'MANUAL';

/** A work-order state in words. */
export const stateLabel = (t: TFunction, state: WorkOrderState) => t(`workOrders.state.${state}`);

/** A time state in words; NORMAL says nothing. */
export const timeStateLabel = (t: TFunction, timeState: TimeState, acceptOverdue = false) =>
  timeState === 'NORMAL' ? (acceptOverdue ? t('workOrders.timeState.ACCEPT_OVERDUE') : '') : t(`workOrders.timeState.${timeState}`);

/** An exception type in words (types without a label show their code). */
export const exceptionTypeLabel = (t: TFunction, type: string) => t(`workOrders.exceptionTypes.${type}`, { defaultValue: type });
