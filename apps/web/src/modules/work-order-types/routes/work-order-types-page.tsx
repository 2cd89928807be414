import { useMutation, useQuery } from '@apollo/client/react';
import { OperateOnly } from '../../../app/session/menu-access';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteDialog } from '../../../components/delete-dialog';
import { ListStatus } from '../../../components/paged-list/list-status';
import { RowActions } from '../../../components/row-actions';
import type { WorkOrderCategoryRowFragment, WorkOrderTypeRowFragment } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { WorkOrderCategoryDialog } from '../components/work-order-category-dialog';
import { WorkOrderTypeDialog } from '../components/work-order-type-dialog';
import { DeleteWorkOrderCategoryMutation, DeleteWorkOrderTypeMutation, WorkOrderCategoriesAndTypesQuery } from '../graphql/work-order-types-documents';
import { typeErrorText } from '../type-error-text';
import './work-order-types-page.css';

type Dialog =
  | { kind: 'category'; category: WorkOrderCategoryRowFragment | null }
  | { kind: 'delete-category'; category: WorkOrderCategoryRowFragment }
  | { kind: 'type'; type: WorkOrderTypeRowFragment | null }
  | { kind: 'delete-type'; type: WorkOrderTypeRowFragment };

const named = (record: { code: string; name: string; nameEn: string }) => `${localName(record)} (${record.code})`;

/**
 * `/config/work-order-types` (menu `config.work-order-types`, 工单大类/工单类型): the categories, and
 * the types of the chosen category (or all), each made, changed and deleted in a dialog.
 */
export function WorkOrderTypesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.config.work-order-types'));
  const data = useQuery(WorkOrderCategoriesAndTypesQuery, { fetchPolicy: 'cache-and-network' });
  const [deleteCategory] = useMutation(DeleteWorkOrderCategoryMutation);
  const [deleteType] = useMutation(DeleteWorkOrderTypeMutation);
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const categories = data.data?.workOrderCategories ?? [];
  const allTypes = data.data?.workOrderTypes ?? [];
  const chosen = categories.find((c) => c.code === selected) ?? null;
  const types = chosen ? allTypes.filter((type) => type.category.code === chosen.code) : allTypes;
  const typeCount = (code: string) => allTypes.filter((type) => type.category.code === code).length;
  const refetch = () => data.refetch().catch(() => undefined);

  const done = (text: string) => {
    setDialog(null);
    setNotice(text);
    void refetch();
  };

  return (
    <div className="page work-order-types-page">
      <div className="page-header">
        <h1>{t('menu.config.work-order-types')}</h1>
      </div>
      <p className="page-intro muted">{t('workOrderTypes.intro')}</p>
      {notice && (
        <p className="notice ok" role="status" data-testid="work-order-types-notice">
          {notice}
        </p>
      )}
      <ListStatus loading={data.loading && !data.data} error={data.error} empty={false} onRetry={() => void refetch()} />
      {data.data && (
        <div className="work-order-types-workspace">
          <section className="work-order-types-panel" aria-labelledby="work-order-categories-title">
            <div className="panel-header">
              <h2 id="work-order-categories-title">{t('workOrderTypes.categories.title')}</h2>
              <OperateOnly>
                <button type="button" className="button" onClick={() => setDialog({ kind: 'category', category: null })} data-testid="work-order-category-new">
                  {t('workOrderTypes.categories.new')}
                </button>
              </OperateOnly>
            </div>
            <div className="table-scroll">
              <table className="data-table" data-testid="work-order-categories-table">
                <thead>
                  <tr>
                    <th scope="col">{t('workOrderTypes.category')}</th>
                    <th scope="col" className="num">
                      {t('workOrderTypes.categories.typeCount')}
                    </th>
                    <th scope="col">
                      <span className="visually-hidden">{t('workOrderTypes.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <tr className={chosen ? undefined : 'selected'}>
                    <td>
                      <button type="button" className="button link" aria-pressed={!chosen} onClick={() => setSelected(null)} data-testid="work-order-category-all">
                        {t('workOrderTypes.categories.all')}
                      </button>
                    </td>
                    <td className="num">{allTypes.length}</td>
                    <td />
                  </tr>
                  {categories.map((category) => (
                    <tr key={category.code} className={chosen?.code === category.code ? 'selected' : undefined} data-testid="work-order-category-row" data-code={category.code}>
                      <td>
                        <button type="button" className="button link" aria-pressed={chosen?.code === category.code} onClick={() => setSelected(category.code)} data-testid="work-order-category-select">
                          {localName(category)} <span className="mono muted">{category.code}</span>
                        </button>
                      </td>
                      <td className="num">{typeCount(category.code)}</td>
                      <RowActions
                        name={named(category)}
                        onEdit={() => setDialog({ kind: 'category', category })}
                        onDelete={() => setDialog({ kind: 'delete-category', category })}
                        testIdPrefix="work-order-category"
                      />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="work-order-types-panel" aria-labelledby="work-order-types-title">
            <div className="panel-header">
              <h2 id="work-order-types-title" data-testid="work-order-types-title">
                {chosen ? t('workOrderTypes.types.titleOf', { category: localName(chosen) }) : t('workOrderTypes.types.title')}
              </h2>
              <OperateOnly>
                <button type="button" className="button primary" onClick={() => setDialog({ kind: 'type', type: null })} disabled={categories.length === 0} data-testid="work-order-type-new">
                  {t('workOrderTypes.types.new')}
                </button>
              </OperateOnly>
            </div>
            <div className="table-scroll">
              <table className="data-table" data-testid="work-order-types-table">
                <thead>
                  <tr>
                    <th scope="col">{t('workOrderTypes.code')}</th>
                    <th scope="col">{t('workOrderTypes.name')}</th>
                    <th scope="col">{t('workOrderTypes.nameEn')}</th>
                    <th scope="col">{t('workOrderTypes.category')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('workOrderTypes.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {types.length === 0 && (
                    <tr>
                      <td colSpan={5} className="muted" data-testid="work-order-types-empty">
                        {t('workOrderTypes.types.empty')}
                      </td>
                    </tr>
                  )}
                  {types.map((type) => (
                    <tr key={type.code} data-testid="work-order-type-row" data-code={type.code} data-category={type.category.code}>
                      <td className="mono">{type.code}</td>
                      <td data-testid="work-order-type-name-cell">{type.name}</td>
                      <td>{type.nameEn || <span className="muted">—</span>}</td>
                      <td>{localName(type.category)}</td>
                      <RowActions name={named(type)} onEdit={() => setDialog({ kind: 'type', type })} onDelete={() => setDialog({ kind: 'delete-type', type })} testIdPrefix="work-order-type" />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      )}
      {dialog?.kind === 'category' && (
        <WorkOrderCategoryDialog category={dialog.category} onClose={() => setDialog(null)} onSaved={(saved) => done(t('workOrderTypes.saved', { name: named(saved) }))} />
      )}
      {dialog?.kind === 'type' && (
        <WorkOrderTypeDialog
          type={dialog.type}
          categories={categories}
          categoryCode={chosen?.code ?? null}
          onClose={() => setDialog(null)}
          onSaved={(saved) => done(t('workOrderTypes.saved', { name: named(saved) }))}
        />
      )}
      {dialog?.kind === 'delete-category' && (
        <DeleteDialog
          title={t('workOrderTypes.categories.deleteTitle')}
          question={t('workOrderTypes.deleteQuestion', { name: named(dialog.category) })}
          testId="work-order-category-delete"
          onClose={() => setDialog(null)}
          onDelete={async () => {
            const outcome = (await deleteCategory({ variables: { input: { code: dialog.category.code } } })).data?.deleteWorkOrderCategory;
            if (!outcome?.ok) return typeErrorText(t, outcome?.error);
            if (selected === dialog.category.code) setSelected(null);
            done(t('workOrderTypes.deleted', { name: named(dialog.category) }));
            return null;
          }}
        />
      )}
      {dialog?.kind === 'delete-type' && (
        <DeleteDialog
          title={t('workOrderTypes.types.deleteTitle')}
          question={t('workOrderTypes.deleteQuestion', { name: named(dialog.type) })}
          testId="work-order-type-delete"
          onClose={() => setDialog(null)}
          onDelete={async () => {
            const outcome = (await deleteType({ variables: { input: { code: dialog.type.code } } })).data?.deleteWorkOrderType;
            if (!outcome?.ok) return typeErrorText(t, outcome?.error);
            done(t('workOrderTypes.deleted', { name: named(dialog.type) }));
            return null;
          }}
        />
      )}
    </div>
  );
}
