import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StaffFilter } from '../../../generated/graphql';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { OrganisationSelect } from '../../organisations/components/organisation-select';
import { useViewer } from '../../../app/session/viewer-context';
import { AssignPositionsDialog } from '../components/assign-positions-dialog';
import { StaffGrid } from '../components/staff-grid';
import type { StaffRow } from '../staff-datasource';
import { useDebouncedValue } from '../hooks/use-debounced-value';
import './staff-list-page.css';

/** `/system/staff` (menu `system.staff`). */
export function StaffListPage() {
  const { t, i18n } = useTranslation();
  const searchId = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState('');
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const debouncedSearch = useDebouncedValue(search.trim(), 300);
  const viewer = useViewer();
  // Position assignment (定岗) and permissions are configuration: only for those who may change them.
  const mayAssign = viewer.permissions.includes('config:write') && viewer.operableMenus.includes('system.staff');
  const [selected, setSelected] = useState<StaffRow | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const onSelect = useCallback((row: StaffRow | null) => setSelected(row), []);

  useDocumentTitle(t('menu.system.staff'));

  const filter = useMemo<StaffFilter>(
    () => ({
      ...(debouncedSearch ? { search: debouncedSearch } : {}),
      ...(organisationId ? { organisationId } : {}),
    }),
    [debouncedSearch, organisationId],
  );

  useEffect(() => {
    setError(null);
    setTotal(null);
  }, [filter, reloadKey]);

  // "/" jumps to the search box (unless the user is typing somewhere).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onTotal = useCallback((n: number) => setTotal(n), []);
  const onError = useCallback((e: unknown) => setError(e), []);

  return (
    <div className="page staff-list-page">
      <div className="page-header">
        <h1>{t('menu.system.staff')}</h1>
        <span className="badge" data-testid="staff-total" aria-live="polite">
          {total === null ? t('staff.totalUnknown') : t('staff.total', { total: total.toLocaleString(i18n.language) })}
        </span>
      </div>
      <div className="toolbar" role="search">
        <div className="toolbar-field">
          <label htmlFor={searchId}>{t('staff.search')}</label>
          <input
            id={searchId}
            ref={searchRef}
            type="search"
            data-testid="staff-search"
            placeholder={t('staff.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setSearch('');
            }}
          />
        </div>
        <OrganisationSelect value={organisationId} onChange={setOrganisationId} />
        <div className="toolbar-actions">
          {mayAssign && (
            <button type="button" className="button primary" disabled={!selected} onClick={() => setAssigning(true)} data-testid="staff-assign">
              {selected ? t('staff.assign.button', { staff: selected.staffNo }) : t('staff.assign.pick')}
            </button>
          )}
          {selected && (
            <Link className="button" to={`/system/staff/${selected.id}/permissions`} data-testid="staff-permissions">
              {t('staff.permissionsButton', { staff: selected.staffNo })}
            </Link>
          )}
        </div>
      </div>
      {notice && (
        <p className="notice ok" role="status" data-testid="staff-notice">
          {notice}
        </p>
      )}
      {error !== null && (
        <div className="form-error" role="alert" data-testid="staff-error">
          {t('staff.loadFailed')}{' '}
          <button type="button" className="button link" onClick={() => setReloadKey((k) => k + 1)}>
            {t('common.retry')}
          </button>
        </div>
      )}
      <StaffGrid filter={filter} reloadKey={reloadKey} onTotal={onTotal} onError={onError} onSelect={onSelect} />
      {assigning && selected && (
        <AssignPositionsDialog
          staff={selected}
          onClose={() => setAssigning(false)}
          onSaved={() => {
            setAssigning(false);
            setNotice(t('staff.assign.saved', { staff: `${selected.staffNo} ${selected.name}` }));
            setReloadKey((k) => k + 1);
          }}
        />
      )}
    </div>
  );
}
