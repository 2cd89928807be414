import { useTranslation } from 'react-i18next';
import type { OnlineStaffQuery } from '../../../generated/graphql';
import { formatDateTime } from '../../../lib/format-date-time';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';

type OnlineStaffRow = OnlineStaffQuery['onlineStaff'][number];

export function OnlineStaffTable({ rows }: { rows: readonly OnlineStaffRow[] }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="online-staff-table">
        <caption className="visually-hidden">{t('onlineStaff.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('onlineStaff.columns.staffNo')}</th>
            <th scope="col">{t('onlineStaff.columns.name')}</th>
            <th scope="col">{t('onlineStaff.columns.organisation')}</th>
            <th scope="col">{t('onlineStaff.columns.hostAddress')}</th>
            <th scope="col">{t('onlineStaff.columns.loginAt')}</th>
            <th scope="col">{t('onlineStaff.columns.lastSeenAt')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.sessionId}
              data-testid="online-staff-row"
              data-staff-no={row.staff.staffNo}
              data-session-id={row.sessionId}
            >
              <td className="mono">{row.staff.staffNo}</td>
              <td>{row.staff.name}</td>
              <td>{localName(row.staff.organisation, lng)}</td>
              <td className="mono">{row.hostAddress ?? '—'}</td>
              <td>{formatDateTime(row.loginAt)}</td>
              <td>{formatDateTime(row.lastSeenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && (
        <p className="empty muted" data-testid="online-staff-empty">
          {t('onlineStaff.empty')}
        </p>
      )}
    </div>
  );
}
