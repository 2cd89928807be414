import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteDialog } from '../../../components/delete-dialog';
import { ListStatus } from '../../../components/paged-list/list-status';
import { RowActions } from '../../../components/row-actions';
import type { IomWorkflowRowFragment } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { IomWorkflowDialog } from '../components/iom-workflow-dialog';
import { DeleteIomWorkflowMutation, IomWorkflowsQuery } from '../graphql/workflow-mappings-documents';
import { mappingErrorText } from '../mapping-error-text';
import './workflow-mappings.css';

type Dialog = { kind: 'edit'; workflow: IomWorkflowRowFragment | null } | { kind: 'delete'; workflow: IomWorkflowRowFragment };

const named = (record: { code: string; name: string; nameEn: string }) => `${localName(record)} (${record.code})`;

/**
 * `/config/iom-workflows` (menu `config.iom-workflows`, 工作流程与引擎流程关系): the IOM workflows and
 * the engine template each runs (its newest active version is the one new orders use), each made,
 * changed and deleted in a dialog; the template is picked in a selection dialog.
 */
export function IomWorkflowsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.config.iom-workflows'));
  const data = useQuery(IomWorkflowsQuery, { fetchPolicy: 'cache-and-network' });
  const [remove] = useMutation(DeleteIomWorkflowMutation);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const workflows = data.data?.iomWorkflows ?? [];
  const refetch = () => data.refetch().catch(() => undefined);
  const done = (text: string) => {
    setDialog(null);
    setNotice(text);
    void refetch();
  };

  return (
    <div className="page mapping-page">
      <div className="page-header">
        <h1>{t('menu.config.iom-workflows')}</h1>
        <button type="button" className="button primary" onClick={() => setDialog({ kind: 'edit', workflow: null })} data-testid="iom-workflow-new">
          {t('workflowMappings.iom.new')}
        </button>
      </div>
      <p className="page-intro muted">{t('workflowMappings.iom.intro')}</p>
      {notice && (
        <p className="notice ok" role="status" data-testid="iom-workflows-notice">
          {notice}
        </p>
      )}
      <ListStatus loading={data.loading && !data.data} error={data.error} empty={false} onRetry={() => void refetch()} />
      {data.data && (
        <div className="table-scroll">
          <table className="data-table" data-testid="iom-workflows-table">
            <thead>
              <tr>
                <th scope="col">{t('workflowMappings.iom.code')}</th>
                <th scope="col">{t('workflowMappings.nameColumn')}</th>
                <th scope="col">{t('workflowMappings.iom.templateInUse')}</th>
                <th scope="col" className="num">
                  {t('workflowMappings.iom.businessCount')}
                </th>
                <th scope="col">{t('workflowMappings.description')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('workflowMappings.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {workflows.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    {t('workflowMappings.iom.empty')}
                  </td>
                </tr>
              )}
              {workflows.map((w) => (
                <tr key={w.code} data-testid="iom-workflow-row" data-code={w.code}>
                  <td className="mono">{w.code}</td>
                  <td>{localName(w)}</td>
                  <td data-testid="iom-workflow-template-cell">
                    {w.templateName !== null ? localName({ name: w.templateName, nameEn: w.templateNameEn ?? '' }) : <span className="muted">{t('workflowMappings.iom.noActiveVersion')}</span>}{' '}
                    <span className="mono muted">
                      {w.templateCode}
                      {w.templateVersion !== null && ` v${w.templateVersion}`}
                    </span>
                  </td>
                  <td className="num">{w.businessCount}</td>
                  <td className="description">{w.description ?? <span className="muted">—</span>}</td>
                  <RowActions name={named(w)} onEdit={() => setDialog({ kind: 'edit', workflow: w })} onDelete={() => setDialog({ kind: 'delete', workflow: w })} testIdPrefix="iom-workflow" />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog?.kind === 'edit' && <IomWorkflowDialog workflow={dialog.workflow} onClose={() => setDialog(null)} onSaved={(saved) => done(t('workflowMappings.saved', { name: named(saved) }))} />}
      {dialog?.kind === 'delete' && (
        <DeleteDialog
          title={t('workflowMappings.iom.deleteTitle')}
          question={t('workflowMappings.deleteQuestion', { name: named(dialog.workflow) })}
          testId="iom-workflow-delete"
          onClose={() => setDialog(null)}
          onDelete={async () => {
            const outcome = (await remove({ variables: { input: { code: dialog.workflow.code } } })).data?.deleteIomWorkflow;
            if (!outcome?.ok) return mappingErrorText(t, outcome?.error);
            done(t('workflowMappings.deleted', { name: named(dialog.workflow) }));
            return null;
          }}
        />
      )}
    </div>
  );
}
