import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ActionDialog } from '../../../components/action-dialog';
import type { StaffPermissionsFieldsFragment } from '../../../generated/graphql';
import { MENU } from '../../../app/menu/menu-definition';
import { useViewer } from '../../../app/session/viewer-context';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { OrganisationsQuery } from '../../organisations/graphql/organisations-query';
import { ManagedPositionsQuery } from '../../positions/graphql/position-documents';
import { accessByLeaf, grantsOf, toggled, type MenuAccess } from '../menu-grants';
import { CopyStaffPermissionsMutation, SetStaffPermissionsMutation, StaffByNumberQuery, StaffPermissionsQuery } from '../graphql/staff-permissions-documents';
import './staff-permissions-page.css';

interface OrgNode {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  children?: readonly OrgNode[] | null;
}

type Message = { kind: 'ok' | 'error'; text: string } | null;

/**
 * `/system/staff/:staffId/permissions` (menu `system.staff`): a staff member's menu permissions
 * (view / operate), data permissions (organisations) and work-order permissions (positions), saved
 * together; and quick copy from another staff member.
 */
export function StaffPermissionsPage() {
  const { t } = useTranslation();
  const { staffId = '' } = useParams();
  const viewer = useViewer();
  const mayChange = viewer.permissions.includes('config:write') && viewer.operableMenus.includes('system.staff');
  const saved = useQuery(StaffPermissionsQuery, { variables: { staffId } });
  const permissions = saved.data?.staffPermissions ?? null;
  const who = permissions ? `${permissions.staff.staffNo} ${permissions.staff.name}` : '';
  useDocumentTitle(t('staffPermissions.title', { staff: who }));

  const [menus, setMenus] = useState<Map<string, MenuAccess>>(new Map());
  const [organisations, setOrganisations] = useState<Set<string>>(new Set());
  const [positions, setPositions] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<Message>(null);
  const load = (record: StaffPermissionsFieldsFragment) => {
    setMenus(accessByLeaf(MENU, record.menus));
    setOrganisations(new Set(record.organisations.map((o) => o.id)));
    setPositions(new Set(record.workOrderPositions.map((p) => p.id)));
  };
  useEffect(() => {
    if (permissions) load(permissions);
  }, [permissions]);

  const [save, saving] = useMutation(SetStaffPermissionsMutation);
  const submit = async () => {
    setMessage(null);
    try {
      const input = { staffId, menus: grantsOf(menus), organisationIds: [...organisations], workOrderPositionIds: [...positions] };
      const outcome = (await save({ variables: { input } })).data?.setStaffPermissions;
      if (outcome?.ok && outcome.permissions) {
        load(outcome.permissions);
        setMessage({ kind: 'ok', text: t('staffPermissions.saved', { staff: who }) });
      } else setMessage({ kind: 'error', text: outcome?.error?.message ?? t('staffPermissions.failed') });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  };

  if (saved.loading && !saved.data) return <p role="status">{t('common.loading')}</p>;
  if (saved.error || !permissions) {
    return (
      <div className="page staff-permissions-page">
        <p className="form-error" role="alert" data-testid="staff-permissions-missing">
          {saved.error ? saved.error.message : t('staffPermissions.notFound')}
        </p>
        <Link to="/system/staff">{t('staffPermissions.back')}</Link>
      </div>
    );
  }

  const shown = [...menus.values()].filter((value) => value !== 'none').length;
  return (
    <div className="page staff-permissions-page">
      <div className="page-header">
        <h1>{t('staffPermissions.title', { staff: who })}</h1>
        <span className="badge" data-testid="staff-permissions-counts">
          {t('staffPermissions.counts', { menus: shown, organisations: organisations.size, positions: positions.size })}
        </span>
        <Link className="page-header-link" to="/system/staff">
          {t('staffPermissions.back')}
        </Link>
      </div>
      <p className="muted">{mayChange ? t('staffPermissions.intro', { staff: who }) : t('staffPermissions.readOnly')}</p>
      {mayChange && <CopyFrom staffId={staffId} to={who} onCopied={(record, from) => (load(record), setMessage({ kind: 'ok', text: t('staffPermissions.copied', { from, to: who }) }))} />}
      {message && (
        <p className={message.kind === 'ok' ? 'notice ok' : 'form-error'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="staff-permissions-message">
          {message.text}
        </p>
      )}
      <form
        className="staff-permissions-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset disabled={!mayChange} className="staff-permissions-sections">
          <MenuSection access={menus} onChange={setMenus} />
          <OrganisationSection chosen={organisations} onChange={setOrganisations} />
          <PositionSection chosen={positions} onChange={setPositions} />
        </fieldset>
        {mayChange && (
          <div className="staff-permissions-actions">
            <button type="submit" className="button primary" disabled={saving.loading} data-testid="staff-permissions-save">
              {t('staffPermissions.save')}
            </button>
          </div>
        )}
      </form>
    </div>
  );
}

function MenuSection({ access, onChange }: { access: Map<string, MenuAccess>; onChange: (next: Map<string, MenuAccess>) => void }) {
  const { t } = useTranslation();
  const set = (code: string, column: 'view' | 'operate', checked: boolean) => {
    const next = new Map(access);
    next.set(code, toggled(access.get(code) ?? 'none', column, checked));
    onChange(next);
  };
  return (
    <section className="staff-permissions-section" aria-labelledby="staff-permissions-menus">
      <h2 id="staff-permissions-menus">{t('staffPermissions.menus')}</h2>
      <p className="muted">{t('staffPermissions.menusHint')}</p>
      <table className="table staff-permissions-menus" data-testid="staff-permissions-menus">
        <thead>
          <tr>
            <th scope="col">{t('staffPermissions.menu')}</th>
            <th scope="col">{t('staffPermissions.view')}</th>
            <th scope="col">{t('staffPermissions.operate')}</th>
          </tr>
        </thead>
        {MENU.map((group) => (
          <tbody key={group.code}>
            <tr className="staff-permissions-group">
              <th scope="colgroup" colSpan={3}>
                {t(group.labelKey)}
              </th>
            </tr>
            {group.leaves.map((leaf) => {
              const value = access.get(leaf.code) ?? 'none';
              const label = t(leaf.labelKey);
              return (
                <tr key={leaf.code} data-testid="menu-permission" data-code={leaf.code} data-access={value}>
                  <td>{label}</td>
                  <td>
                    <input type="checkbox" aria-label={`${label}: ${t('staffPermissions.view')}`} checked={value !== 'none'} onChange={(e) => set(leaf.code, 'view', e.target.checked)} data-testid="menu-view" />
                  </td>
                  <td>
                    <input type="checkbox" aria-label={`${label}: ${t('staffPermissions.operate')}`} checked={value === 'operate'} onChange={(e) => set(leaf.code, 'operate', e.target.checked)} data-testid="menu-operate" />
                  </td>
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </section>
  );
}

function OrganisationSection({ chosen, onChange }: { chosen: Set<string>; onChange: (next: Set<string>) => void }) {
  const { t } = useTranslation();
  const tree = useQuery(OrganisationsQuery);
  const toggle = (id: string, checked: boolean) => {
    const next = new Set(chosen);
    if (checked) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  const render = (nodes: readonly OrgNode[], covered: boolean) => (
    <ul>
      {nodes.map((node) => {
        const included = covered && !chosen.has(node.id);
        return (
          <li key={node.id}>
            <label className={included ? 'muted' : undefined}>
              <input type="checkbox" checked={chosen.has(node.id) || covered} disabled={covered} onChange={(e) => toggle(node.id, e.target.checked)} data-testid="data-permission" data-code={node.code} />
              {localName(node)}
            </label>
            {node.children && node.children.length > 0 && render(node.children, covered || chosen.has(node.id))}
          </li>
        );
      })}
    </ul>
  );
  return (
    <section className="staff-permissions-section" aria-labelledby="staff-permissions-data">
      <h2 id="staff-permissions-data">{t('staffPermissions.data')}</h2>
      <p className="muted">{t('staffPermissions.dataHint')}</p>
      <div className="staff-permissions-tree" data-testid="staff-permissions-organisations">
        {tree.loading && !tree.data ? <p role="status">{t('common.loading')}</p> : render((tree.data?.organisations ?? []) as readonly OrgNode[], false)}
      </div>
    </section>
  );
}

function PositionSection({ chosen, onChange }: { chosen: Set<string>; onChange: (next: Set<string>) => void }) {
  const { t } = useTranslation();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const positions = useQuery(ManagedPositionsQuery, { variables: { filter: { kind: 'WORK_ORDER' } } });
  const text = search.trim().toLowerCase();
  const offered = useMemo(
    () => (positions.data?.managedPositions ?? []).filter((p) => chosen.has(p.id) || !text || `${p.code} ${p.name} ${p.nameEn} ${p.organisation.name}`.toLowerCase().includes(text)),
    [positions.data, chosen, text],
  );
  const toggle = (id: string, checked: boolean) => {
    const next = new Set(chosen);
    if (checked) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <section className="staff-permissions-section" aria-labelledby="staff-permissions-work-orders">
      <h2 id="staff-permissions-work-orders">{t('staffPermissions.workOrders')}</h2>
      <p className="muted">{t('staffPermissions.workOrdersHint')}</p>
      <div className="field">
        <label htmlFor={searchId}>{t('staffPermissions.positionSearch')}</label>
        <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="work-order-permission-search" />
      </div>
      <div className="staff-permissions-positions" data-testid="staff-permissions-positions">
        {positions.loading && !positions.data && <p role="status">{t('common.loading')}</p>}
        {positions.data && offered.length === 0 && <p className="muted">{t('staffPermissions.noPositions')}</p>}
        {offered.map((p) => (
          <label key={p.id}>
            <input type="checkbox" checked={chosen.has(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} data-testid="work-order-permission" data-code={p.code} />
            {localName(p)} <span className="muted">· {localName(p.organisation)}</span>
          </label>
        ))}
      </div>
    </section>
  );
}

/** Quick permission copy: a staff number, a confirmation, and the copy. */
function CopyFrom({ staffId, to, onCopied }: { staffId: string; to: string; onCopied: (record: StaffPermissionsFieldsFragment, from: string) => void }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const inputId = useId();
  const [staffNo, setStaffNo] = useState('');
  const [source, setSource] = useState<{ id: string; label: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copy, copying] = useMutation(CopyStaffPermissionsMutation);

  const find = async () => {
    setError(null);
    const wanted = staffNo.trim().toUpperCase();
    if (!wanted) return;
    const result = await client.query({ query: StaffByNumberQuery, variables: { search: wanted }, fetchPolicy: 'network-only' });
    const match = result.data?.staff.edges.map((edge) => edge.node).find((node) => node.staffNo.toUpperCase() === wanted);
    if (match) setSource({ id: match.id, label: `${match.staffNo} ${match.name}` });
    else setError(t('staffPermissions.noSuchStaff', { staffNo: wanted }));
  };
  const confirm = async () => {
    if (!source) return;
    try {
      const outcome = (await copy({ variables: { input: { fromStaffId: source.id, toStaffId: staffId } } })).data?.copyStaffPermissions;
      if (outcome?.ok && outcome.permissions) {
        onCopied(outcome.permissions, source.label);
        setSource(null);
        setStaffNo('');
      } else setError(outcome?.error?.message ?? t('staffPermissions.failed'));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="toolbar staff-permissions-copy">
      <div className="toolbar-field">
        <label htmlFor={inputId}>{t('staffPermissions.copyFrom')}</label>
        <input
          id={inputId}
          value={staffNo}
          onChange={(e) => setStaffNo(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void find();
            }
          }}
          data-testid="copy-permissions-from"
        />
      </div>
      <button type="button" className="button" onClick={() => void find()} disabled={!staffNo.trim()} data-testid="copy-permissions">
        {t('staffPermissions.copy')}
      </button>
      {error && !source && (
        <span className="form-error" role="alert" data-testid="copy-permissions-error">
          {error}
        </span>
      )}
      {source && (
        <ActionDialog
          title={t('staffPermissions.copy')}
          testId="copy-permissions"
          onClose={() => (setSource(null), setError(null))}
          onSubmit={() => void confirm()}
          submitLabel={t('staffPermissions.copy')}
          submitDisabled={copying.loading}
          error={error}
        >
          <p>{t('staffPermissions.copyConfirm', { from: source.label, to })}</p>
        </ActionDialog>
      )}
    </div>
  );
}
