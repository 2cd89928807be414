import { useMutation, useQuery } from '@apollo/client/react';
import { OperateOnly } from '../../../app/session/menu-access';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteDialog } from '../../../components/delete-dialog';
import { RowActions } from '../../../components/row-actions';
import type { DispatchRuleRowFragment } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ListStatus } from '../../../components/paged-list/list-status';
import { OrganisationSelect } from '../../organisations/components/organisation-select';
import { WorkOrderTypesQuery } from '../../queries/graphql/work-order-query';
import { DispatchPreviewPanel } from '../components/dispatch-preview-panel';
import { DispatchRuleDialog } from '../components/dispatch-rule-dialog';
import { DeleteDispatchRuleMutation, DispatchRulesQuery } from '../graphql/dispatch-rules-documents';
import { ruleErrorText } from '../rule-error-text';
import './dispatch-rules-page.css';

type Dialog = { kind: 'edit'; rule: DispatchRuleRowFragment | null } | { kind: 'delete'; rule: DispatchRuleRowFragment };

/** `/config/dispatch-rules` (menu `config.dispatch-rules`): area → construction position, with a preview. */
export function DispatchRulesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.config.dispatch-rules'));
  const typeFilterId = useId();
  const [areaId, setAreaId] = useState<string | null>(null);
  const [typeCode, setTypeCode] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const types = useQuery(WorkOrderTypesQuery);
  const rules = useQuery(DispatchRulesQuery, {
    variables: { filter: { organisationId: areaId, workOrderType: typeCode || null } },
    fetchPolicy: 'cache-and-network',
  });
  const [deleteRule] = useMutation(DeleteDispatchRuleMutation);
  const list = rules.data?.dispatchRules ?? rules.previousData?.dispatchRules ?? [];
  const ruleLabel = (rule: DispatchRuleRowFragment) => `${localName(rule.organisation)} · ${rule.workOrderType ? localName(rule.workOrderType) : t('dispatchRules.anyType')}`;

  /** Deletes the rule; a refusal is returned for the dialog to show. */
  const remove = async (rule: DispatchRuleRowFragment): Promise<string | null> => {
    const outcome = (await deleteRule({ variables: { input: { id: rule.id } } })).data?.deleteDispatchRule;
    if (!outcome?.ok) return ruleErrorText(t, outcome?.error);
    setDialog(null);
    setNotice(t('dispatchRules.deleted', { rule: ruleLabel(rule) }));
    await rules.refetch();
    return null;
  };

  return (
    <div className="page dispatch-rules-page">
      <div className="page-header">
        <h1>{t('menu.config.dispatch-rules')}</h1>
        {rules.data && (
          <span className="badge" data-testid="dispatch-rules-count">
            {t('dispatchRules.count', { count: list.length })}
          </span>
        )}
      </div>
      <p className="page-intro muted">{t('dispatchRules.intro')}</p>
      <div className="dispatch-rules-workspace">
        <div>
          <div className="toolbar" role="search" aria-label={t('dispatchRules.filterLabel')}>
            <OrganisationSelect value={areaId} onChange={setAreaId} label={t('dispatchRules.area')} testId="dispatch-rules-area" emptyLabel={t('dispatchRules.allAreas')} />
            <div className="toolbar-field">
              <label htmlFor={typeFilterId}>{t('dispatchRules.workOrderType')}</label>
              <select id={typeFilterId} value={typeCode} onChange={(e) => setTypeCode(e.target.value)} data-testid="dispatch-rules-type">
                <option value="">{t('dispatchRules.allTypes')}</option>
                {(types.data?.workOrderTypes ?? []).map((type) => (
                  <option key={type.code} value={type.code}>
                    {localName(type)}
                  </option>
                ))}
              </select>
            </div>
            <div className="toolbar-actions">
              <OperateOnly>
                <button type="button" className="button primary" onClick={() => setDialog({ kind: 'edit', rule: null })} data-testid="dispatch-rule-new">
                  {t('dispatchRules.new')}
                </button>
              </OperateOnly>
            </div>
          </div>
          {notice && (
            <p className="notice ok" role="status" data-testid="dispatch-rules-notice">
              {notice}
            </p>
          )}
          <ListStatus loading={rules.loading && !rules.data} error={rules.error} empty={!!rules.data && list.length === 0} onRetry={() => void rules.refetch().catch(() => undefined)} />
          {list.length > 0 && (
            <div className="table-scroll">
              <table className="data-table" data-testid="dispatch-rules-table">
                <thead>
                  <tr>
                    <th scope="col">{t('dispatchRules.area')}</th>
                    <th scope="col">{t('dispatchRules.workOrderType')}</th>
                    <th scope="col">{t('dispatchRules.position')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('dispatchRules.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((rule) => (
                    <tr key={rule.id} data-testid="dispatch-rule-row" data-rule-id={rule.id} data-area-id={rule.organisation.id} data-type={rule.workOrderType?.code ?? ''}>
                      <td>{localName(rule.organisation)}</td>
                      <td>{rule.workOrderType ? `${localName(rule.workOrderType)} (${rule.workOrderType.code})` : <span className="muted">{t('dispatchRules.anyType')}</span>}</td>
                      <td data-testid="dispatch-rule-position-cell" data-position-id={rule.position.id}>
                        {localName(rule.position)}
                      </td>
                      <RowActions name={ruleLabel(rule)} onEdit={() => setDialog({ kind: 'edit', rule })} onDelete={() => setDialog({ kind: 'delete', rule })} testIdPrefix="dispatch-rule" />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        <DispatchPreviewPanel />
      </div>
      {dialog?.kind === 'edit' && (
        <DispatchRuleDialog
          rule={dialog.rule}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            setNotice(t('dispatchRules.saved', { rule: ruleLabel(saved) }));
            void rules.refetch().catch(() => undefined);
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteDialog
          title={t('dispatchRules.deleteTitle')}
          question={t('dispatchRules.deleteConfirm', { rule: `${ruleLabel(dialog.rule)} → ${localName(dialog.rule.position)}` })}
          testId="dispatch-rule-delete"
          onClose={() => setDialog(null)}
          onDelete={() => remove(dialog.rule)}
        />
      )}
    </div>
  );
}
