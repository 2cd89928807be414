import { useMutation, useQuery } from '@apollo/client/react';
import { OperateOnly } from '../../../app/session/menu-access';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PositionTypeRowFragment } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ListStatus } from '../../../components/paged-list/list-status';
import { DeleteDialog } from '../../../components/delete-dialog';
import { RowActions } from '../../../components/row-actions';
import { PositionTypeDialog } from '../components/position-type-dialog';
import { DeletePositionTypeMutation, PositionTypesQuery } from '../graphql/position-documents';
import './positions.css';

/** `/system/position-types` (menu `system.position-types`, 岗位类型): kinds and the menus holders see. */
export function PositionTypesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.system.position-types'));
  const types = useQuery(PositionTypesQuery, { fetchPolicy: 'cache-and-network' });
  const [remove] = useMutation(DeletePositionTypeMutation);
  const [editing, setEditing] = useState<{ type: PositionTypeRowFragment | null } | null>(null);
  const [deleting, setDeleting] = useState<PositionTypeRowFragment | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = types.data?.positionTypes ?? [];

  return (
    <div className="page positions-page">
      <div className="page-header">
        <h1>{t('menu.system.position-types')}</h1>
        <OperateOnly>
          <button type="button" className="button primary" onClick={() => setEditing({ type: null })} data-testid="position-type-new">
            {t('positions.types.new')}
          </button>
        </OperateOnly>
      </div>
      <p className="page-intro muted">{t('positions.types.intro')}</p>
      {notice && (
        <p className="notice ok" role="status" data-testid="positions-notice">
          {notice}
        </p>
      )}
      <ListStatus loading={types.loading && !types.data} error={types.error} empty={!!types.data && list.length === 0} onRetry={() => void types.refetch().catch(() => undefined)} />
      {list.length > 0 && (
        <table className="data-table" data-testid="position-types-table">
          <thead>
            <tr>
              <th scope="col">{t('positions.code')}</th>
              <th scope="col">{t('positions.name')}</th>
              <th scope="col">{t('positions.kind')}</th>
              <th scope="col" className="num">{t('positions.types.menuCount')}</th>
              <th scope="col" className="num">{t('positions.types.positionCount')}</th>
              <th scope="col"><span className="visually-hidden">{t('positions.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {list.map((type) => (
              <tr key={type.id} data-testid="position-type-row" data-code={type.code}>
                <td className="mono">{type.code}</td>
                <td>{localName(type)}</td>
                <td>{t(`positions.kinds.${type.kind}`)}</td>
                <td className="num">{type.menus.filter((code) => code.includes('.')).length}</td>
                <td className="num">{type.positionCount}</td>
                <RowActions name={localName(type)} onEdit={() => setEditing({ type })} onDelete={() => setDeleting(type)} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <PositionTypeDialog
          type={editing.type}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setNotice(t('positions.saved'));
            void types.refetch().catch(() => undefined);
          }}
        />
      )}
      {deleting && (
        <DeleteDialog
          title={t('positions.types.deleteTitle')}
          question={t('positions.deleteQuestion', { name: `${deleting.code} ${localName(deleting)}` })}
          onClose={() => setDeleting(null)}
          onDelete={async () => {
            const outcome = (await remove({ variables: { input: { id: deleting.id } } })).data?.deletePositionType;
            if (!outcome?.ok) return outcome?.error?.message ?? t('positions.failed');
            setDeleting(null);
            setNotice(t('positions.deleted', { name: deleting.code }));
            await types.refetch();
            return null;
          }}
        />
      )}
    </div>
  );
}
