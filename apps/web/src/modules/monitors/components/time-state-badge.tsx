import { useTranslation } from 'react-i18next';
import type { TimeState } from '../../../generated/graphql';

/** Normal, warning (green, as supervision marks it) or overdue (red). */
export function TimeStateBadge({ state }: { state: TimeState }) {
  const { t } = useTranslation();
  return (
    <span className={`time-state is-${state.toLowerCase()}`} data-time-state={state}>
      {t(`monitors.timeState.${state}`)}
    </span>
  );
}
