import { useMutation, useQuery } from '@apollo/client/react';
import { OperateOnly } from '../../../app/session/menu-access';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteDialog } from '../../../components/delete-dialog';
import { ListStatus } from '../../../components/paged-list/list-status';
import { RowActions } from '../../../components/row-actions';
import type { AttributeItemRowFragment } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { AttributeItemDialog } from '../components/attribute-item-dialog';
import { AttributeItemsQuery, DeleteAttributeItemMutation } from '../graphql/attribute-items-documents';
import './attribute-items-page.css';

type Dialog = { kind: 'edit'; item: AttributeItemRowFragment | null } | { kind: 'delete'; item: AttributeItemRowFragment };

/** `/config/attributes` (menu `config.attributes`): the order parameters CRM sends and what the intake checks. */
export function AttributeItemsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.config.attributes'));
  const businessId = useId();
  const searchId = useId();
  const [business, setBusiness] = useState('');
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = useQuery(AttributeItemsQuery, { variables: { filter: { businessCode: business.trim() || null, search: search.trim() || null } }, fetchPolicy: 'cache-and-network' });
  const [deleteItem] = useMutation(DeleteAttributeItemMutation);
  const list = items.data?.attributeItems ?? items.previousData?.attributeItems ?? [];
  const label = (item: AttributeItemRowFragment) => `${item.code} · ${localName(item)}`;

  const remove = async (item: AttributeItemRowFragment): Promise<string | null> => {
    const outcome = (await deleteItem({ variables: { input: { id: item.id } } })).data?.deleteAttributeItem;
    if (!outcome?.ok) return outcome?.error?.message ?? t('attributes.failed');
    setDialog(null);
    setNotice(t('attributes.deleted', { item: label(item) }));
    await items.refetch();
    return null;
  };

  return (
    <div className="page attribute-items-page">
      <div className="page-header">
        <h1>{t('menu.config.attributes')}</h1>
        {items.data && (
          <span className="badge" data-testid="attribute-items-count">
            {t('attributes.count', { count: list.length })}
          </span>
        )}
      </div>
      <p className="page-intro muted">{t('attributes.intro')}</p>
      <div className="toolbar" role="search" aria-label={t('attributes.filterLabel')}>
        <div className="toolbar-field">
          <label htmlFor={businessId}>{t('attributes.business')}</label>
          <input id={businessId} value={business} onChange={(e) => setBusiness(e.target.value)} placeholder={t('attributes.anyBusiness')} data-testid="attribute-items-business" />
        </div>
        <div className="toolbar-field">
          <label htmlFor={searchId}>{t('attributes.search')}</label>
          <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="attribute-items-search" />
        </div>
        <div className="toolbar-actions">
          <OperateOnly>
            <button type="button" className="button primary" onClick={() => setDialog({ kind: 'edit', item: null })} data-testid="attribute-item-new">
              {t('attributes.new')}
            </button>
          </OperateOnly>
        </div>
      </div>
      {notice && (
        <p className="notice ok" role="status" data-testid="attribute-items-notice">
          {notice}
        </p>
      )}
      <ListStatus loading={items.loading && !items.data} error={items.error} empty={!!items.data && list.length === 0} onRetry={() => void items.refetch().catch(() => undefined)} />
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="attribute-items-table">
            <thead>
              <tr>
                <th scope="col">{t('attributes.code')}</th>
                <th scope="col">{t('attributes.name')}</th>
                <th scope="col">{t('attributes.valueType')}</th>
                <th scope="col">{t('attributes.business')}</th>
                <th scope="col">{t('attributes.required')}</th>
                <th scope="col">{t('attributes.description')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('attributes.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((item) => (
                <tr key={item.id} data-testid="attribute-item-row" data-code={item.code} data-business={item.businessCode}>
                  <td className="mono">{item.code}</td>
                  <td>{localName(item)}</td>
                  <td>{t(`attributes.types.${item.valueType}`)}</td>
                  <td>{item.businessCode || <span className="muted">{t('attributes.everyBusiness')}</span>}</td>
                  <td>{item.required ? t('attributes.yes') : t('attributes.no')}</td>
                  <td className="muted">{item.description}</td>
                  <RowActions name={label(item)} onEdit={() => setDialog({ kind: 'edit', item })} onDelete={() => setDialog({ kind: 'delete', item })} testIdPrefix="attribute-item" />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog?.kind === 'edit' && (
        <AttributeItemDialog
          item={dialog.item}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            setNotice(t('attributes.saved', { item: label(saved) }));
            void items.refetch().catch(() => undefined);
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteDialog title={t('attributes.deleteTitle')} question={t('attributes.deleteConfirm', { item: label(dialog.item) })} testId="attribute-item-delete" onClose={() => setDialog(null)} onDelete={() => remove(dialog.item)} />
      )}
    </div>
  );
}
