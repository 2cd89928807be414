import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format-date-time';
import { fieldChanges } from '../audit-filter';

export interface AuditEntryView {
  id: string;
  at: string;
  staffNo: string;
  staffName: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  before?: string | null;
  after?: string | null;
  changedFields: readonly string[];
}

/** One audit entry: who, when, what, and every field of the record before and after. */
export function AuditEntryDetail({ entry }: { entry: AuditEntryView }) {
  const { t } = useTranslation();
  const changes = fieldChanges(entry.before, entry.after, entry.changedFields);
  const kind = !entry.before ? 'created' : !entry.after ? 'deleted' : 'changed';
  return (
    <section className="audit-detail" aria-labelledby="audit-detail-title" data-testid="audit-detail">
      <h2 id="audit-detail-title">
        {entry.entityType} <span className="mono">{entry.entityId}</span>
      </h2>
      <dl className="audit-detail-facts">
        <dt>{t('audit.columns.at')}</dt>
        <dd>{formatDateTime(entry.at)}</dd>
        <dt>{t('audit.columns.staff')}</dt>
        <dd>
          <span className="mono">{entry.staffNo}</span> {entry.staffName}
        </dd>
        <dt>{t('audit.columns.action')}</dt>
        <dd className="mono">{entry.action}</dd>
        <dt>{t('audit.columns.summary')}</dt>
        <dd>{entry.summary || '—'}</dd>
        <dt>{t('audit.kind.label')}</dt>
        <dd data-testid="audit-kind">{t(`audit.kind.${kind}`)}</dd>
      </dl>
      {changes.length === 0 ? (
        <p className="muted">{t('audit.noFields')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table audit-changes" data-testid="audit-changes">
            <caption className="visually-hidden">{t('audit.changesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.field')}</th>
                <th scope="col">{t('audit.before')}</th>
                <th scope="col">{t('audit.after')}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <tr key={change.field} className={change.changed ? 'changed' : undefined} data-testid="audit-change" data-field={change.field} data-changed={change.changed}>
                  <th scope="row" className="mono">
                    {change.field}
                    {change.changed && <span className="visually-hidden"> ({t('audit.changedMark')})</span>}
                  </th>
                  <td className="wrap">{change.before}</td>
                  <td className="wrap">{change.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
