import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../lib/i18n';
import { kindLabelKey, type InterfaceGroup, type InterfaceSelection } from '../interface-rows';
import { CountButton } from './count-button';

interface InterfaceMonitorTableProps {
  groups: readonly InterfaceGroup[];
  selection: InterfaceSelection | null;
  listId: string;
  onSelect: (selection: InterfaceSelection | null) => void;
}

/**
 * Interface monitor counts: per interface and request kind, succeeded, failed and pending. A
 * failed count opens the failing records.
 */
export function InterfaceMonitorTable({ groups, selection, listId, onSelect }: InterfaceMonitorTableProps) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const number = (n: number) => (n === 0 ? <span className="count-zero">0</span> : <span className="count-plain">{n.toLocaleString(lng)}</span>);

  return (
    <div className="table-scroll">
      <table className="data-table count-table" data-testid="interface-monitor-table">
        <caption className="visually-hidden">{t('interfaceMonitor.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="org-col">
              {t('interfaceMonitor.columns.interface')}
            </th>
            <th scope="col" className="kind-col">
              {t('interfaceMonitor.columns.kind')}
            </th>
            <th scope="col" className="num group-start">
              {t('interfaceMonitor.columns.succeeded')}
            </th>
            <th scope="col" className="num">
              {t('interfaceMonitor.columns.failed')}
            </th>
            <th scope="col" className="num">
              {t('interfaceMonitor.columns.pending')}
            </th>
          </tr>
        </thead>
        {groups.map((group) => {
          const name = t(`monitors.interfaces.${group.interface}`);
          return (
            <tbody key={group.interface} data-testid="interface-group" data-interface={group.interface}>
              {group.rows.length === 0 ? (
                <tr data-testid="interface-row" data-interface={group.interface} data-kind="">
                  <th scope="row" className="org-col interface-name">
                    {name}
                  </th>
                  <td colSpan={4} className="muted">
                    {t('interfaceMonitor.noRequests')}
                  </td>
                </tr>
              ) : (
                group.rows.map((row, i) => {
                  const kind = t(kindLabelKey(row.interface, row.kind), { defaultValue: row.kind });
                  const here: InterfaceSelection = { interface: row.interface, kind: row.kind };
                  const expanded = selection?.interface === here.interface && selection.kind === here.kind;
                  return (
                    <tr key={row.kind} data-testid="interface-row" data-interface={row.interface} data-kind={row.kind}>
                      {i === 0 && (
                        <th scope="rowgroup" rowSpan={group.rows.length} className="org-col interface-name">
                          {name}
                        </th>
                      )}
                      <th scope="row" className="kind-col">
                        {kind} {kind !== row.kind && <span className="mono muted">{row.kind}</span>}
                      </th>
                      <td className="num group-start" data-testid="interface-succeeded" data-count={row.succeeded}>
                        {number(row.succeeded)}
                      </td>
                      <td className="num">
                        <CountButton
                          value={row.failed}
                          tone="failed"
                          label={t('interfaceMonitor.failedLabel', { interface: name, kind, count: row.failed })}
                          expanded={expanded}
                          controls={listId}
                          onClick={() => onSelect(expanded ? null : here)}
                          data={{ 'data-testid': 'interface-failed' }}
                        />
                      </td>
                      <td className="num" data-testid="interface-pending" data-count={row.pending}>
                        {number(row.pending)}
                      </td>
                    </tr>
                  );
                })
              )}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
