import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteDialog } from '../../../components/delete-dialog';
import { ListStatus } from '../../../components/paged-list/list-status';
import { RowActions } from '../../../components/row-actions';
import type { BusinessWorkflowRowFragment } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { BusinessWorkflowDialog } from '../components/business-workflow-dialog';
import { BusinessWorkflowsQuery, DeleteBusinessWorkflowMutation } from '../graphql/workflow-mappings-documents';
import { mappingErrorText } from '../mapping-error-text';
import './workflow-mappings.css';

type Dialog = { kind: 'edit'; business: BusinessWorkflowRowFragment | null } | { kind: 'delete'; business: BusinessWorkflowRowFragment };

const named = (record: { businessCode: string; name: string; nameEn: string }) => `${localName(record)} (${record.businessCode})`;

/**
 * `/config/business-workflows` (menu `config.business-workflows`, 业务与工作流程关系): which IOM
 * workflow (and so which engine template) each CRM business code runs, each mapping made, changed and
 * deleted in a dialog; the IOM workflow is picked in a selection dialog.
 */
export function BusinessWorkflowsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.config.business-workflows'));
  const data = useQuery(BusinessWorkflowsQuery, { fetchPolicy: 'cache-and-network' });
  const [remove] = useMutation(DeleteBusinessWorkflowMutation);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const businesses = data.data?.businessWorkflows ?? [];
  const refetch = () => data.refetch().catch(() => undefined);
  const done = (text: string) => {
    setDialog(null);
    setNotice(text);
    void refetch();
  };

  return (
    <div className="page mapping-page">
      <div className="page-header">
        <h1>{t('menu.config.business-workflows')}</h1>
        <button type="button" className="button primary" onClick={() => setDialog({ kind: 'edit', business: null })} data-testid="business-workflow-new">
          {t('workflowMappings.business.new')}
        </button>
      </div>
      <p className="page-intro muted">{t('workflowMappings.business.intro')}</p>
      {notice && (
        <p className="notice ok" role="status" data-testid="business-workflows-notice">
          {notice}
        </p>
      )}
      <ListStatus loading={data.loading && !data.data} error={data.error} empty={false} onRetry={() => void refetch()} />
      {data.data && (
        <div className="table-scroll">
          <table className="data-table" data-testid="business-workflows-table">
            <thead>
              <tr>
                <th scope="col">{t('workflowMappings.business.code')}</th>
                <th scope="col">{t('workflowMappings.nameColumn')}</th>
                <th scope="col">{t('workflowMappings.business.workflow')}</th>
                <th scope="col">{t('workflowMappings.iom.template')}</th>
                <th scope="col">{t('workflowMappings.description')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('workflowMappings.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {businesses.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    {t('workflowMappings.business.empty')}
                  </td>
                </tr>
              )}
              {businesses.map((b) => (
                <tr key={b.businessCode} data-testid="business-workflow-row" data-code={b.businessCode}>
                  <td className="mono">{b.businessCode}</td>
                  <td>{localName(b)}</td>
                  <td data-testid="business-workflow-workflow-cell">
                    {localName(b.iomWorkflow)} <span className="mono muted">{b.iomWorkflow.code}</span>
                  </td>
                  <td>
                    <span className="mono">{b.iomWorkflow.templateCode}</span>
                    {b.iomWorkflow.templateVersion !== null ? <span className="muted"> v{b.iomWorkflow.templateVersion}</span> : <span className="muted"> · {t('workflowMappings.iom.noActiveVersion')}</span>}
                  </td>
                  <td className="description">{b.description ?? <span className="muted">—</span>}</td>
                  <RowActions name={named(b)} onEdit={() => setDialog({ kind: 'edit', business: b })} onDelete={() => setDialog({ kind: 'delete', business: b })} testIdPrefix="business-workflow" />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog?.kind === 'edit' && <BusinessWorkflowDialog business={dialog.business} onClose={() => setDialog(null)} onSaved={(saved) => done(t('workflowMappings.saved', { name: named(saved) }))} />}
      {dialog?.kind === 'delete' && (
        <DeleteDialog
          title={t('workflowMappings.business.deleteTitle')}
          question={t('workflowMappings.deleteQuestion', { name: named(dialog.business) })}
          testId="business-workflow-delete"
          onClose={() => setDialog(null)}
          onDelete={async () => {
            const outcome = (await remove({ variables: { input: { businessCode: dialog.business.businessCode } } })).data?.deleteBusinessWorkflow;
            if (!outcome?.ok) return mappingErrorText(t, outcome?.error);
            done(t('workflowMappings.deleted', { name: named(dialog.business) }));
            return null;
          }}
        />
      )}
    </div>
  );
}
