import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncTeamAccountsMutation } from '../../../generated/graphql';
import { formatDateTime } from '../../../lib/format-date-time';
import { InFlightList } from './in-flight-list';

type SyncResult = SyncTeamAccountsMutation['syncTeamAccounts'];

/** Applied changes listed open up to this many. */
const OPEN_UP_TO = 20;

/** How many changes of each kind, in the order the kinds first appear. */
export function countsByKind(changes: readonly { kind: string }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const change of changes) counts.set(change.kind, (counts.get(change.kind) ?? 0) + 1);
  return [...counts];
}

/** What the account sync applied and what it refused (people and teams still holding work, with the work). */
export function SyncReport({ result, onClose }: { result: SyncResult; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="panel sync-report" aria-labelledby={titleId} data-testid="sync-report">
      <div className="sync-report-header">
        <h2 id={titleId}>{t('teams.sync.reportTitle')}</h2>
        <button type="button" className="button" onClick={onClose} data-testid="sync-report-close">
          {t('common.close')}
        </button>
      </div>
      {!result.ok ? (
        <p className="form-error" role="alert" data-testid="sync-error">
          {t(`teams.errors.${result.error?.code ?? 'unknown'}`, { defaultValue: result.error?.message ?? t('teams.errors.unknown') })}
        </p>
      ) : (
        <>
          <p role="status" data-testid="sync-summary">
            {t('teams.sync.summary', { at: formatDateTime(result.at, { seconds: true }), applied: result.applied.length, refused: result.refused.length })}
          </p>
          {result.applied.length > 0 && (
            <>
              <p className="sync-counts" data-testid="sync-counts">
                {countsByKind(result.applied).map(([kind, count]) => (
                  <span key={kind} className="badge" data-kind={kind}>
                    {t(`teams.sync.kinds.${kind}`)} × {count}
                  </span>
                ))}
              </p>
              {/* A first sync links every team and person: the full list stays folded when long. */}
              <details open={result.applied.length <= OPEN_UP_TO}>
                <summary>{t('teams.sync.applied', { count: result.applied.length })}</summary>
                <ul className="sync-list" data-testid="sync-applied">
                  {result.applied.map((change, index) => (
                    <li key={index} data-kind={change.kind}>
                      <span className="badge">{t(`teams.sync.kinds.${change.kind}`)}</span> <strong>{change.subject}</strong> — {change.detail}
                    </li>
                  ))}
                </ul>
              </details>
            </>
          )}
          {result.refused.length > 0 && (
            <>
              <h3>{t('teams.sync.refused', { count: result.refused.length })}</h3>
              <ul className="sync-list" data-testid="sync-refused">
                {result.refused.map((refusal, index) => (
                  <li key={index} data-kind={refusal.kind}>
                    <span className="badge danger">{t(`teams.sync.kinds.${refusal.kind}`)}</span> <strong>{refusal.subject}</strong> — {refusal.reason}
                    <InFlightList work={refusal.inFlight} testId="sync-refused-work" />
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
