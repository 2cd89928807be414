import { useMutation, useQuery } from '@apollo/client/react';
import { OperateOnly } from '../../../app/session/menu-access';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedPositionRowFragment } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ListStatus } from '../../../components/paged-list/list-status';
import { OrganisationSelect } from '../../organisations/components/organisation-select';
import { useDebouncedValue } from '../../staff/hooks/use-debounced-value';
import { DeleteDialog } from '../../../components/delete-dialog';
import { RowActions } from '../../../components/row-actions';
import { PositionDialog } from '../components/position-dialog';
import { DeletePositionMutation, ManagedPositionsQuery, PositionTypesQuery } from '../graphql/position-documents';
import './positions.css';

/** `/system/positions` (menu `system.positions`, 岗位管理): positions in the organisation tree. */
export function PositionsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.system.positions'));
  const searchId = useId();
  const typeId = useId();
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [positionTypeId, setPositionTypeId] = useState('');
  const debounced = useDebouncedValue(search.trim(), 300);
  const filter = useMemo(() => ({ organisationId, search: debounced || null, positionTypeId: positionTypeId || null }), [organisationId, debounced, positionTypeId]);
  const positions = useQuery(ManagedPositionsQuery, { variables: { filter }, fetchPolicy: 'cache-and-network' });
  const types = useQuery(PositionTypesQuery);
  const [remove] = useMutation(DeletePositionMutation);
  const [editing, setEditing] = useState<{ position: ManagedPositionRowFragment | null } | null>(null);
  const [deleting, setDeleting] = useState<ManagedPositionRowFragment | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = positions.data?.managedPositions ?? positions.previousData?.managedPositions ?? [];

  return (
    <div className="page positions-page">
      <div className="page-header">
        <h1>{t('menu.system.positions')}</h1>
        {positions.data && (
          <span className="badge" data-testid="positions-count">
            {t('positions.list.count', { count: list.length })}
          </span>
        )}
      </div>
      <div className="toolbar" role="search">
        <OrganisationSelect value={organisationId} onChange={setOrganisationId} label={t('positions.organisation')} testId="positions-organisation" />
        <div className="toolbar-field">
          <label htmlFor={searchId}>{t('positions.list.search')}</label>
          <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="positions-search" />
        </div>
        <div className="toolbar-field">
          <label htmlFor={typeId}>{t('positions.type')}</label>
          <select id={typeId} value={positionTypeId} onChange={(e) => setPositionTypeId(e.target.value)} data-testid="positions-type">
            <option value="">{t('positions.list.allTypes')}</option>
            {(types.data?.positionTypes ?? []).map((type) => (
              <option key={type.id} value={type.id}>
                {localName(type)}
              </option>
            ))}
          </select>
        </div>
        <div className="toolbar-actions">
          <OperateOnly>
            <button type="button" className="button primary" onClick={() => setEditing({ position: null })} data-testid="position-new">
              {t('positions.list.new')}
            </button>
          </OperateOnly>
        </div>
      </div>
      {notice && (
        <p className="notice ok" role="status" data-testid="positions-notice">
          {notice}
        </p>
      )}
      <ListStatus loading={positions.loading && !positions.data && !positions.previousData} error={positions.error} empty={!!positions.data && list.length === 0} onRetry={() => void positions.refetch().catch(() => undefined)} />
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="positions-table">
            <thead>
              <tr>
                <th scope="col">{t('positions.code')}</th>
                <th scope="col">{t('positions.name')}</th>
                <th scope="col">{t('positions.organisation')}</th>
                <th scope="col">{t('positions.type')}</th>
                <th scope="col" className="num">{t('positions.list.holders')}</th>
                <th scope="col"><span className="visually-hidden">{t('positions.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.map((position) => (
                <tr key={position.id} data-testid="position-row" data-code={position.code} data-position-id={position.id}>
                  <td className="mono">{position.code}</td>
                  <td>{localName(position)}</td>
                  <td>{localName(position.organisation)}</td>
                  <td>{localName(position.positionType)}</td>
                  <td className="num">{position.holderCount}</td>
                  <RowActions name={localName(position)} onEdit={() => setEditing({ position })} onDelete={() => setDeleting(position)} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <PositionDialog
          position={editing.position}
          defaultOrganisationId={organisationId}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setNotice(t('positions.saved'));
            void positions.refetch().catch(() => undefined);
          }}
        />
      )}
      {deleting && (
        <DeleteDialog
          title={t('positions.list.deleteTitle')}
          question={t('positions.deleteQuestion', { name: `${deleting.code} ${localName(deleting)}` })}
          onClose={() => setDeleting(null)}
          onDelete={async () => {
            const outcome = (await remove({ variables: { input: { id: deleting.id } } })).data?.deletePosition;
            if (!outcome?.ok) return outcome?.error?.message ?? t('positions.failed');
            setDeleting(null);
            setNotice(t('positions.deleted', { name: deleting.code }));
            await positions.refetch();
            return null;
          }}
        />
      )}
    </div>
  );
}
