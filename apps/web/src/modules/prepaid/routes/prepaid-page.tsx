import { useQuery, useSubscription } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OperateOnly } from '../../../app/session/menu-access';
import { ListPager } from '../../../components/paged-list/list-pager';
import { ListStatus } from '../../../components/paged-list/list-status';
import { useCursorPages } from '../../../components/paged-list/use-cursor-pages';
import type { PrepaidAccountRowFragment } from '../../../generated/graphql';
import { formatDateTime } from '../../../lib/format-date-time';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { PrepaidAccountDialog } from '../components/prepaid-account-dialog';
import { TopUpDialog } from '../components/top-up-dialog';
import { PrepaidAccountChangedSubscription, PrepaidAccountDetailQuery, PrepaidAccountsQuery } from '../graphql/prepaid-documents';
import '../../../components/paged-list/paged-table.css';
import './prepaid-page.css';

const PAGE_SIZE = 20;

type Dialog = { kind: 'edit'; account: PrepaidAccountRowFragment | null } | { kind: 'top-up'; account: PrepaidAccountRowFragment };

/** `/billing/prepaid` (menu `billing.prepaid`): prepaid accounts, top-ups, and each account's ledger and calls as they are rated. */
export function PrepaidPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.billing.prepaid'));
  const searchId = useId();
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const pages = useCursorPages();
  const accounts = useQuery(PrepaidAccountsQuery, { variables: { search: search.trim() || null, first: PAGE_SIZE, after: pages.after }, fetchPolicy: 'cache-and-network', pollInterval: 10_000 });
  const data = accounts.data ?? accounts.previousData;
  const list = data?.prepaidAccounts.edges.map((edge) => edge.node) ?? [];

  const refresh = () => void accounts.refetch().catch(() => undefined);

  return (
    <div className="page prepaid-page">
      <div className="page-header">
        <h1>{t('menu.billing.prepaid')}</h1>
        {data && (
          <span className="badge" data-testid="prepaid-limit">
            {t('prepaid.limit', { limit: data.prepaidSettings.restrictionLimit })}
          </span>
        )}
      </div>
      <p className="page-intro muted">{t('prepaid.intro')}</p>
      <div className="toolbar" role="search" aria-label={t('prepaid.filterLabel')}>
        <div className="toolbar-field">
          <label htmlFor={searchId}>{t('prepaid.search')}</label>
          <input
            id={searchId}
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              pages.reset();
            }}
            data-testid="prepaid-search"
          />
        </div>
        <div className="toolbar-actions">
          <OperateOnly>
            <button type="button" className="button primary" onClick={() => setDialog({ kind: 'edit', account: null })} data-testid="prepaid-new">
              {t('prepaid.new')}
            </button>
          </OperateOnly>
        </div>
      </div>
      {notice && (
        <p className="notice ok" role="status" data-testid="prepaid-notice">
          {notice}
        </p>
      )}
      <div className="prepaid-layout">
        <section aria-label={t('prepaid.accounts')}>
          <ListStatus loading={accounts.loading && !data} error={accounts.error} empty={!!data && list.length === 0} onRetry={refresh} />
          {list.length > 0 && (
            <div className="table-scroll">
              <table className="data-table" data-testid="prepaid-table">
                <thead>
                  <tr>
                    <th scope="col">{t('prepaid.phone')}</th>
                    <th scope="col">{t('prepaid.name')}</th>
                    <th scope="col" className="num">{t('prepaid.credit')}</th>
                    <th scope="col" className="num">{t('prepaid.balance')}</th>
                    <th scope="col">{t('prepaid.state')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('prepaid.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((account) => (
                    <tr key={account.id} data-testid="prepaid-row" data-phone={account.phone} aria-selected={selected === account.id} className={selected === account.id ? 'selected' : undefined}>
                      <td className="mono">
                        <button type="button" className="button link" onClick={() => setSelected(account.id)} data-testid="prepaid-open">
                          {account.phone}
                        </button>
                      </td>
                      <td>{account.name}</td>
                      <td className="num mono">{account.creditAmount}</td>
                      <td className={`num mono${account.balance.startsWith('-') ? ' negative' : ''}`} data-testid="prepaid-balance">
                        {account.balance}
                      </td>
                      <td>
                        {account.restricted ? (
                          <span className="badge prepaid-badge restricted" data-testid="prepaid-restricted">
                            {t('prepaid.restricted')}
                          </span>
                        ) : (
                          <span className="badge prepaid-badge">{t('prepaid.open')}</span>
                        )}
                      </td>
                      <td>
                        <div className="row-actions">
                        <OperateOnly>
                          <button type="button" className="button" onClick={() => setDialog({ kind: 'top-up', account })} aria-label={t('prepaid.topUpOf', { phone: account.phone })} data-testid="prepaid-top-up">
                            {t('prepaid.topUp')}
                          </button>
                          <button type="button" className="button" onClick={() => setDialog({ kind: 'edit', account })} aria-label={t('prepaid.editOf', { phone: account.phone })} data-testid="prepaid-edit">
                            {t('prepaid.edit')}
                          </button>
                        </OperateOnly>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data && (
            <ListPager
              pageIndex={pages.pageIndex}
              pageSize={PAGE_SIZE}
              rows={list.length}
              total={data.prepaidAccounts.totalCount}
              totalCapped={data.prepaidAccounts.totalCountCapped}
              hasNextPage={data.prepaidAccounts.pageInfo.hasNextPage}
              loading={accounts.loading}
              onPrevious={pages.previous}
              onNext={() => pages.next(data.prepaidAccounts.pageInfo.endCursor)}
            />
          )}
        </section>
        {selected && <AccountDetail id={selected} onChanged={refresh} />}
      </div>
      {dialog?.kind === 'edit' && (
        <PrepaidAccountDialog
          account={dialog.account}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            setNotice(t('prepaid.saved', { phone: saved.phone }));
            setSelected(saved.id);
            refresh();
          }}
        />
      )}
      {dialog?.kind === 'top-up' && (
        <TopUpDialog
          account={dialog.account}
          onClose={() => setDialog(null)}
          onDone={(saved) => {
            setDialog(null);
            setNotice(t('prepaid.toppedUp', { phone: saved.phone, balance: saved.balance }));
            setSelected(saved.id);
            refresh();
          }}
        />
      )}
    </div>
  );
}

/** One account: balance, ledger history and recent calls, refreshed live as calls are rated. */
function AccountDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const detail = useQuery(PrepaidAccountDetailQuery, { variables: { id }, fetchPolicy: 'cache-and-network' });
  useSubscription(PrepaidAccountChangedSubscription, {
    variables: { id },
    onData: () => {
      void detail.refetch().catch(() => undefined);
      onChanged();
    },
  });
  const account = (detail.data ?? detail.previousData)?.prepaidAccount;
  if (!account) return <ListStatus loading={detail.loading} error={detail.error} empty={!detail.loading && !detail.error} onRetry={() => void detail.refetch()} />;
  return (
    <section className="prepaid-detail" aria-labelledby="prepaid-detail-title" data-testid="prepaid-detail">
      <h2 id="prepaid-detail-title">
        {account.phone} · {account.name}
      </h2>
      <dl className="prepaid-figures">
        <div>
          <dt>{t('prepaid.balance')}</dt>
          <dd className="mono" data-testid="prepaid-detail-balance">
            {account.balance}
          </dd>
        </div>
        <div>
          <dt>{t('prepaid.credit')}</dt>
          <dd className="mono">{account.creditAmount}</dd>
        </div>
        <div>
          <dt>{t('prepaid.available')}</dt>
          <dd className="mono">{account.available}</dd>
        </div>
        <div>
          <dt>{t('prepaid.state')}</dt>
          <dd>{account.restricted ? t('prepaid.restricted') : t('prepaid.open')}</dd>
        </div>
      </dl>
      {account.note && <p className="muted">{account.note}</p>}
      <h3>{t('prepaid.ledger', { count: account.ledger.totalCount })}</h3>
      <div className="table-scroll">
        <table className="data-table compact" data-testid="prepaid-ledger">
          <thead>
            <tr>
              <th scope="col">{t('prepaid.at')}</th>
              <th scope="col">{t('prepaid.kind')}</th>
              <th scope="col" className="num">{t('prepaid.amount')}</th>
              <th scope="col" className="num">{t('prepaid.balanceAfter')}</th>
              <th scope="col">{t('prepaid.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {account.ledger.edges.map(({ node }) => (
              <tr key={node.id} data-testid="prepaid-ledger-row" data-kind={node.kind}>
                <td className="mono">{formatDateTime(node.at)}</td>
                <td>{t(`prepaid.kinds.${node.kind}`)}</td>
                <td className="num mono">{node.amount}</td>
                <td className="num mono">{node.balanceAfter}</td>
                <td>
                  {node.note}
                  {node.staffNo && <span className="muted"> · {node.staffNo}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('prepaid.calls', { count: account.calls.totalCount })}</h3>
      {account.calls.edges.length === 0 ? (
        <p className="muted">{t('prepaid.noCalls')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table compact" data-testid="prepaid-calls">
            <thead>
              <tr>
                <th scope="col">{t('prepaid.startedAt')}</th>
                <th scope="col">{t('prepaid.called')}</th>
                <th scope="col" className="num">{t('prepaid.duration')}</th>
                <th scope="col">{t('prepaid.tariff')}</th>
                <th scope="col" className="num">{t('prepaid.charge')}</th>
              </tr>
            </thead>
            <tbody>
              {account.calls.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td className="mono">{formatDateTime(node.startedAt)}</td>
                  <td className="mono">{node.calledNumber}</td>
                  <td className="num mono">{node.durationSeconds}</td>
                  <td>{node.tariffCode ?? node.reason}</td>
                  <td className="num mono">{node.charge}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
