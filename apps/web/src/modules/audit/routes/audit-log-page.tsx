import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDateTime } from '../../../lib/format-date-time';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { PagedTable } from '../../../components/paged-list/paged-table';
import { useCursorPages } from '../../../components/paged-list/use-cursor-pages';
import { auditFilter, auditParamNames, auditParams, type AuditParams } from '../audit-filter';
import { AuditEntryDetail, type AuditEntryView } from '../components/audit-entry-detail';
import { AuditLogQuery } from '../graphql/audit-log-query';
import './audit-log-page.css';

const PAGE_SIZE = 50;

/** `/system/audit` (menu `system.audit`): who changed what in system management and configuration. */
export function AuditLogPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.system.audit'));
  const [search, setSearch] = useSearchParams();
  const applied = useMemo(() => auditParams(search), [search]);
  const key = JSON.stringify(applied);
  return (
    <div className="page audit-log-page">
      <div className="page-header">
        <h1>{t('menu.system.audit')}</h1>
      </div>
      <AuditSearchForm
        applied={applied}
        onSearch={(params) => {
          const next = new URLSearchParams();
          for (const name of auditParamNames) if (params[name]?.trim()) next.set(name, params[name].trim());
          setSearch(next);
        }}
      />
      <AuditResults key={key} params={applied} />
    </div>
  );
}

function AuditSearchForm({ applied, onSearch }: { applied: AuditParams; onSearch: (params: AuditParams) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<AuditParams>(applied);
  useEffect(() => setDraft(applied), [applied]);
  const field = (name: (typeof auditParamNames)[number], type: 'date' | 'search') => (
    <div className="toolbar-field">
      <label htmlFor={`${id}-${name}`}>{t(`audit.filter.${name}`)}</label>
      <input id={`${id}-${name}`} type={type} data-testid={`audit-filter-${name}`} value={draft[name] ?? ''} onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value }))} />
    </div>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(draft);
  };
  return (
    <form className="toolbar" role="search" onSubmit={submit} aria-label={t('audit.searchLabel')}>
      {field('from', 'date')}
      {field('to', 'date')}
      {field('staffNo', 'search')}
      {field('entityType', 'search')}
      {field('action', 'search')}
      {field('text', 'search')}
      <div className="toolbar-actions">
        <button type="submit" className="button primary" data-testid="audit-search">
          {t('audit.search')}
        </button>
        <button type="button" className="button" onClick={() => onSearch({})}>
          {t('audit.reset')}
        </button>
      </div>
    </form>
  );
}

function AuditResults({ params }: { params: AuditParams }) {
  const { t, i18n } = useTranslation();
  const pages = useCursorPages();
  const filter = useMemo(() => auditFilter(params), [params]);
  const { data, previousData, loading, error, refetch } = useQuery(AuditLogQuery, {
    variables: { filter, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  const connection = (data ?? previousData)?.auditLog;
  const [selected, setSelected] = useState<AuditEntryView | null>(null);

  return (
    <div className={selected ? 'audit-workspace with-detail' : 'audit-workspace'}>
      <div className="audit-list">
        {connection && (
          <p className="muted audit-total" data-testid="audit-total" aria-live="polite">
            {t('audit.total', { total: `${connection.totalCount.toLocaleString(i18n.language)}${connection.totalCountCapped ? '+' : ''}` })}
          </p>
        )}
        <PagedTable
          testId="audit-entries"
          pages={pages}
          pageSize={PAGE_SIZE}
          connection={connection}
          loaded={!!data}
          loading={loading}
          error={error}
          onRetry={() => void refetch().catch(() => undefined)}
          head={
            <>
              <th scope="col">{t('audit.columns.at')}</th>
              <th scope="col">{t('audit.columns.staff')}</th>
              <th scope="col">{t('audit.columns.action')}</th>
              <th scope="col">{t('audit.columns.entity')}</th>
              <th scope="col">{t('audit.columns.summary')}</th>
              <th scope="col">{t('audit.columns.changedFields')}</th>
            </>
          }
          row={(node) => (
            <tr key={node.id} data-testid="audit-entry" data-entry-id={node.id} aria-selected={selected?.id === node.id} className={selected?.id === node.id ? 'selected' : undefined}>
              <td className="nowrap">
                <button type="button" className="button link" onClick={() => setSelected(node)} data-testid="audit-open" aria-label={t('audit.open', { action: node.action, at: formatDateTime(node.at) })}>
                  {formatDateTime(node.at)}
                </button>
              </td>
              <td className="nowrap">
                <span className="mono">{node.staffNo}</span> {node.staffName}
              </td>
              <td className="mono">{node.action}</td>
              <td>
                {node.entityType} <span className="mono">{node.entityId}</span>
              </td>
              <td className="wrap">{node.summary}</td>
              <td className="wrap mono">{node.changedFields.join(', ')}</td>
            </tr>
          )}
        />
      </div>
      {selected && (
        <aside className="audit-side">
          <button type="button" className="button audit-close" onClick={() => setSelected(null)} data-testid="audit-close">
            {t('audit.close')}
          </button>
          <AuditEntryDetail entry={selected} />
        </aside>
      )}
    </div>
  );
}
