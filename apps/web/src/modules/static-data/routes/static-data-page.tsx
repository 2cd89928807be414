import { useMutation, useQuery } from '@apollo/client/react';
import { OperateOnly } from '../../../app/session/menu-access';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format-date-time';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ListStatus } from '../../../components/paged-list/list-status';
import { RefreshStaticDataMutation, StaticDataCachesQuery } from '../graphql/static-data-documents';

/**
 * `/config/cache` (menu `config.cache`, 静态数据缓存刷新): the configuration the API keeps in memory,
 * and a refresh of chosen caches (or all) on every instance.
 */
export function StaticDataPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.config.cache'));
  const caches = useQuery(StaticDataCachesQuery, { fetchPolicy: 'network-only' });
  const [refresh, refreshing] = useMutation(RefreshStaticDataMutation);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const list = caches.data?.staticDataCaches ?? [];
  const label = (name: string) => t(`staticData.caches.${name}`, { defaultValue: name });

  const run = async (names: string[]) => {
    setMessage(null);
    try {
      const outcome = (await refresh({ variables: { input: { names } } })).data?.refreshStaticData;
      if (outcome?.ok) {
        setMessage({ kind: 'ok', text: t('staticData.refreshed', { names: outcome.refreshed.map(label).join(t('staticData.separator')) }) });
        setChosen(new Set());
        await caches.refetch();
      } else setMessage({ kind: 'error', text: outcome?.error?.message ?? t('staticData.failed') });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  };

  return (
    <div className="page static-data-page">
      <div className="page-header">
        <h1>{t('menu.config.cache')}</h1>
      </div>
      <p className="page-intro muted">{t('staticData.intro')}</p>
      <div className="toolbar">
        <div className="toolbar-actions">
          <OperateOnly>
            <button type="button" className="button primary" disabled={chosen.size === 0 || refreshing.loading} onClick={() => void run([...chosen])} data-testid="static-data-refresh-selected">
              {t('staticData.refreshSelected', { count: chosen.size })}
            </button>
          </OperateOnly>
          <OperateOnly>
            <button type="button" className="button" disabled={refreshing.loading} onClick={() => void run([])} data-testid="static-data-refresh-all">
              {t('staticData.refreshAll')}
            </button>
          </OperateOnly>
        </div>
      </div>
      {message && (
        <p className={message.kind === 'ok' ? 'notice ok' : 'form-error'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="static-data-message">
          {message.text}
        </p>
      )}
      <ListStatus loading={caches.loading && !caches.data} error={caches.error} empty={false} onRetry={() => void caches.refetch().catch(() => undefined)} />
      {list.length > 0 && (
        <table className="data-table" data-testid="static-data-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('staticData.choose')}</span>
              </th>
              <th scope="col">{t('staticData.cache')}</th>
              <th scope="col">{t('staticData.holds')}</th>
              <th scope="col" className="num">
                {t('staticData.entries')}
              </th>
              <th scope="col">{t('staticData.refreshedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((cache) => (
              <tr key={cache.name} data-testid="static-data-row" data-name={cache.name} data-entries={cache.entries} data-refreshed-at={cache.refreshedAt ?? ''}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('staticData.chooseCache', { cache: label(cache.name) })}
                    checked={chosen.has(cache.name)}
                    onChange={(e) =>
                      setChosen((current) => {
                        const next = new Set(current);
                        if (e.target.checked) next.add(cache.name);
                        else next.delete(cache.name);
                        return next;
                      })
                    }
                    data-testid="static-data-choose"
                  />
                </td>
                <td>
                  {label(cache.name)} <span className="muted mono">{cache.name}</span>
                </td>
                <td>{t(`staticData.descriptions.${cache.name}`, { defaultValue: cache.description })}</td>
                <td className="num" data-testid="static-data-entries">
                  {cache.entries > 0 ? cache.entries : <span className="muted">{t('staticData.notLoaded')}</span>}
                </td>
                <td>{cache.refreshedAt ? formatDateTime(cache.refreshedAt) : <span className="muted">{t('staticData.sinceStart')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
