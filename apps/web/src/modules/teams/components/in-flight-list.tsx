import { useTranslation } from 'react-i18next';
import type { InFlightWorkFieldsFragment } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';

/** The in-flight work a refusal names: order, work order (none yet for a planned handler), step, state, holder. */
export function InFlightList({ work, testId = 'in-flight' }: { work: readonly InFlightWorkFieldsFragment[]; testId?: string }) {
  const { t } = useTranslation();
  if (work.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="data-table compact" data-testid={testId}>
        <caption className="visually-hidden">{t('teams.inFlight.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('teams.inFlight.workOrder')}</th>
            <th scope="col">{t('teams.inFlight.order')}</th>
            <th scope="col">{t('teams.inFlight.step')}</th>
            <th scope="col">{t('teams.inFlight.state')}</th>
            <th scope="col">{t('teams.inFlight.handler')}</th>
          </tr>
        </thead>
        <tbody>
          {work.map((w) => (
            <tr key={`${w.orderNo}-${w.workOrderNo ?? w.stepCode}`} data-testid={`${testId}-row`} data-work-order-no={w.workOrderNo ?? ''}>
              <td className="mono">{w.workOrderNo ?? <span className="muted">{t('teams.inFlight.planned')}</span>}</td>
              <td className="mono">{w.orderNo}</td>
              <td>{localName({ name: w.stepName, nameEn: w.stepNameEn })}</td>
              <td>{t(`teams.inFlight.states.${w.state}`)}</td>
              <td>{w.handler ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
