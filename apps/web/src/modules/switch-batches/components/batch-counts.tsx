import { useTranslation } from 'react-i18next';
import type { SwitchBatchFieldsFragment } from '../../../generated/graphql';

const ORDER = ['submitted', 'accepted', 'succeeded', 'failed', 'notCompleted', 'waiting'] as const;

/** A batch's counts as a row of figures: submitted vs accepted, then each outcome. */
export function BatchCounts({ counts }: { counts: SwitchBatchFieldsFragment['counts'] }) {
  const { t } = useTranslation();
  return (
    <dl className="switch-batch-counts" data-testid="switch-batch-counts" aria-live="polite">
      {ORDER.map((key) => (
        <div key={key} className={`switch-batch-count ${key}`}>
          <dt>{t(`switchBatches.counts.${key}`)}</dt>
          <dd data-testid={`count-${key}`}>{counts[key]}</dd>
        </div>
      ))}
    </dl>
  );
}
