import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OperateOnly, useMayOperate } from '../../../app/session/menu-access';
import { useViewer } from '../../../app/session/viewer-context';
import { DeleteDialog } from '../../../components/delete-dialog';
import { ListStatus } from '../../../components/paged-list/list-status';
import { RowActions } from '../../../components/row-actions';
import type { BillingOperatorRowFragment } from '../../../generated/graphql';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { BillingLevelDialog } from '../components/billing-level-dialog';
import { BillingOperatorsQuery, SetBillingLevelMutation } from '../graphql/billing-operators-documents';

type Dialog = { kind: 'edit'; operator: BillingOperatorRowFragment | null } | { kind: 'remove'; operator: BillingOperatorRowFragment };

const APPOINT = 'billing:operators';

/** `/billing/operators` (menu `billing.operators`): who uses the billing services, at which level. */
export function BillingOperatorsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.billing.operators'));
  const searchId = useId();
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mayAppoint = useMayOperate(APPOINT);
  const viewer = useViewer();
  const operators = useQuery(BillingOperatorsQuery, { variables: { search: search.trim() || null }, fetchPolicy: 'cache-and-network' });
  const [setLevel] = useMutation(SetBillingLevelMutation);
  const list = operators.data?.billingOperators ?? operators.previousData?.billingOperators ?? [];
  const label = (operator: BillingOperatorRowFragment) => `${operator.staffNo} ${operator.name}`;

  const remove = async (operator: BillingOperatorRowFragment): Promise<string | null> => {
    const outcome = (await setLevel({ variables: { input: { staffNo: operator.staffNo, level: null } } })).data?.setBillingLevel;
    if (!outcome?.ok) return outcome?.error?.message ?? t('billingOperators.failed');
    setDialog(null);
    setNotice(t('billingOperators.removed', { staff: label(operator) }));
    await operators.refetch();
    return null;
  };

  return (
    <div className="page billing-operators-page">
      <div className="page-header">
        <h1>{t('menu.billing.operators')}</h1>
        {operators.data && (
          <span className="badge" data-testid="billing-operators-count">
            {t('billingOperators.count', { count: list.length })}
          </span>
        )}
      </div>
      <p className="page-intro muted">{t(mayAppoint ? 'billingOperators.intro' : 'billingOperators.introOwn')}</p>
      <div className="toolbar" role="search" aria-label={t('billingOperators.filterLabel')}>
        <div className="toolbar-field">
          <label htmlFor={searchId}>{t('billingOperators.search')}</label>
          <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="billing-operators-search" />
        </div>
        <div className="toolbar-actions">
          <OperateOnly permission={APPOINT}>
            <button type="button" className="button primary" onClick={() => setDialog({ kind: 'edit', operator: null })} data-testid="billing-operator-appoint">
              {t('billingOperators.appoint')}
            </button>
          </OperateOnly>
        </div>
      </div>
      {notice && (
        <p className="notice ok" role="status" data-testid="billing-operators-notice">
          {notice}
        </p>
      )}
      <ListStatus loading={operators.loading && !operators.data} error={operators.error} empty={!!operators.data && list.length === 0} onRetry={() => void operators.refetch().catch(() => undefined)} />
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="billing-operators-table">
            <thead>
              <tr>
                <th scope="col">{t('billingOperators.staffNo')}</th>
                <th scope="col">{t('billingOperators.name')}</th>
                <th scope="col">{t('billingOperators.organisation')}</th>
                <th scope="col">{t('billingOperators.level')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('billingOperators.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((operator) => (
                <tr key={operator.staffId} data-testid="billing-operator-row" data-staff-no={operator.staffNo} data-level={operator.level}>
                  <td className="mono">{operator.staffNo}</td>
                  <td>{operator.name}</td>
                  <td>{operator.organisationName}</td>
                  <td>
                    <span className={`badge level-${operator.level.toLowerCase()}`}>{t(`billingOperators.levels.${operator.level}`)}</span>
                  </td>
                  {/* Nobody changes their own level (the API refuses it too). */}
                  {operator.staffNo === viewer.staff.staffNo ? <td className="row-actions" /> : <RowActions name={label(operator)} permission={APPOINT} onEdit={() => setDialog({ kind: 'edit', operator })} onDelete={() => setDialog({ kind: 'remove', operator })} testIdPrefix="billing-operator" />}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog?.kind === 'edit' && (
        <BillingLevelDialog
          operator={dialog.operator}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            setNotice(t('billingOperators.saved', { staff: label(saved), level: t(`billingOperators.levels.${saved.level}`) }));
            void operators.refetch().catch(() => undefined);
          }}
        />
      )}
      {dialog?.kind === 'remove' && (
        <DeleteDialog title={t('billingOperators.removeTitle')} question={t('billingOperators.removeConfirm', { staff: label(dialog.operator) })} testId="billing-operator-remove" onClose={() => setDialog(null)} onDelete={() => remove(dialog.operator)} />
      )}
    </div>
  );
}
