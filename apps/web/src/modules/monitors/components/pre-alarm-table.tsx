import { useTranslation } from 'react-i18next';
import type { AlarmSubject } from '../../../generated/graphql';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import { sameSelection, type PreAlarmSelection } from '../drill-down';
import { measuresOf, type Measure, type PreAlarmOrganisation, type PreAlarmTableRow } from '../pre-alarm-rows';
import { CountButton, type CountTone } from './count-button';

const SUBJECTS: readonly AlarmSubject[] = ['ORDER', 'WORK_ORDER'];

const toneOf: Record<Measure, CountTone> = {
  executing: 'normal',
  warning: 'warning',
  overdue: 'overdue',
  acceptOverdue: 'overdue',
};

interface PreAlarmTableProps {
  rows: readonly PreAlarmTableRow[];
  selection: PreAlarmSelection | null;
  /** Id of the list a count opens. */
  listId: string;
  onSelect: (selection: PreAlarmSelection | null) => void;
  canBreakDown: (organisation: PreAlarmOrganisation) => boolean;
  onBreakDown: (organisationId: string) => void;
  /** The counts are those of the previous organisation while the next one loads. */
  stale?: boolean;
}

/**
 * Pre-alarm counts, one line per organisation: orders (executing, warning, overdue) and work
 * orders (the same, and not accepted in time). A count opens its list; an organisation's name
 * breaks it down into the organisations below it.
 */
export function PreAlarmTable({ rows, selection, listId, onSelect, canBreakDown, onBreakDown, stale = false }: PreAlarmTableProps) {
  const { t } = useTranslation();
  const lng = currentLanguage();

  return (
    <div className={stale ? 'table-scroll is-stale' : 'table-scroll'} aria-busy={stale}>
      <table className="data-table count-table" data-testid="pre-alarm-table">
        <caption className="visually-hidden">{t('preAlarm.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className="org-col">
              {t('preAlarm.columns.organisation')}
            </th>
            {SUBJECTS.map((subject) => (
              <th key={subject} scope="colgroup" colSpan={measuresOf(subject).length} className="group-start">
                {t(`preAlarm.subjects.${subject}`)}
              </th>
            ))}
          </tr>
          <tr>
            {SUBJECTS.flatMap((subject) =>
              measuresOf(subject).map((measure, i) => (
                <th key={`${subject}.${measure}`} scope="col" className={i === 0 ? 'num group-start' : 'num'}>
                  {t(`preAlarm.measures.${measure}`)}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const name = localName(row.organisation, lng);
            return (
              <tr
                key={row.organisation.id}
                className={row.isTotal ? 'is-total' : undefined}
                data-testid="pre-alarm-row"
                data-organisation-id={row.organisation.id}
                data-organisation-code={row.organisation.code}
              >
                <th scope="row" className="org-col">
                  {row.isTotal ? (
                    <>
                      {name} <span className="badge">{t('preAlarm.total')}</span>
                    </>
                  ) : canBreakDown(row.organisation) ? (
                    <button
                      type="button"
                      className="org-button"
                      onClick={() => onBreakDown(row.organisation.id)}
                      title={t('preAlarm.breakDownHint', { organisation: name })}
                      data-testid="pre-alarm-break-down"
                    >
                      {name}
                    </button>
                  ) : (
                    name
                  )}
                </th>
                {SUBJECTS.flatMap((subject) =>
                  measuresOf(subject).map((measure, i) => {
                    const here: PreAlarmSelection = { organisationId: row.organisation.id, subject, measure };
                    const expanded = sameSelection(selection, here);
                    const list = t(`preAlarm.lists.${subject}.${measure}`);
                    return (
                      <td key={`${subject}.${measure}`} className={i === 0 ? 'num group-start' : 'num'}>
                        <CountButton
                          value={row.counts[subject][measure]}
                          tone={toneOf[measure]}
                          label={t('preAlarm.countLabel', { list, organisation: name, count: row.counts[subject][measure] })}
                          expanded={expanded}
                          controls={listId}
                          onClick={() => onSelect(expanded ? null : here)}
                          data={{ 'data-testid': 'pre-alarm-count', 'data-subject': subject, 'data-measure': measure }}
                        />
                      </td>
                    );
                  }),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
