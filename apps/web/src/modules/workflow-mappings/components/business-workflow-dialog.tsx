import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import { SelectionDialog } from '../../../components/selection-dialog';
import type { BusinessWorkflowRowFragment } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { IomWorkflowsQuery, SaveBusinessWorkflowMutation } from '../graphql/workflow-mappings-documents';
import { mappingErrorText } from '../mapping-error-text';

interface BusinessWorkflowDialogProps {
  /** The mapping to change; null for a new one. */
  business: BusinessWorkflowRowFragment | null;
  onClose: () => void;
  onSaved: (saved: BusinessWorkflowRowFragment) => void;
}

/** Makes or changes a business mapping: business code (fixed once made), names, description and the IOM workflow, picked in a selection dialog. */
export function BusinessWorkflowDialog({ business, onClose, onSaved }: BusinessWorkflowDialogProps) {
  const { t } = useTranslation();
  const ids = { code: useId(), codeHint: useId(), name: useId(), nameEn: useId(), description: useId(), workflow: useId() };
  const [code, setCode] = useState(business?.businessCode ?? '');
  const [name, setName] = useState(business?.name ?? '');
  const [nameEn, setNameEn] = useState(business?.nameEn ?? '');
  const [description, setDescription] = useState(business?.description ?? '');
  const [workflowCode, setWorkflowCode] = useState(business?.iomWorkflow.code ?? '');
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [save, saving] = useMutation(SaveBusinessWorkflowMutation);
  const workflows = useQuery(IomWorkflowsQuery, { fetchPolicy: 'cache-and-network' });
  const list = workflows.data?.iomWorkflows ?? [];
  const workflow = list.find((w) => w.code === workflowCode);
  const workflowText = workflow ? `${localName(workflow)} (${workflow.code})` : workflowCode;

  const submit = async () => {
    setError(null);
    if (!name.trim() || !workflowCode) {
      setError(t(!name.trim() ? 'workflowMappings.errors.nameRequired' : 'workflowMappings.errors.pickWorkflow'));
      return;
    }
    try {
      const input = { create: !business, businessCode: code.trim(), name: name.trim(), nameEn: nameEn.trim(), description: description.trim(), iomWorkflowCode: workflowCode };
      const outcome = (await save({ variables: { input } })).data?.saveBusinessWorkflow;
      if (outcome?.ok && outcome.businessWorkflow) onSaved(outcome.businessWorkflow);
      else setError(mappingErrorText(t, outcome?.error));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <>
      <ActionDialog
        title={t(business ? 'workflowMappings.business.editTitle' : 'workflowMappings.business.newTitle')}
        testId="business-workflow"
        onClose={onClose}
        onSubmit={() => void submit()}
        submitLabel={t('workflowMappings.save')}
        submitDisabled={saving.loading}
        error={error}
      >
        <div className="field">
          <label htmlFor={ids.code}>{t('workflowMappings.business.code')}</label>
          <input
            id={ids.code}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            readOnly={!!business}
            required
            maxLength={64}
            pattern="\S+"
            aria-describedby={ids.codeHint}
            className="mono"
            data-testid="business-workflow-code"
          />
          <p id={ids.codeHint} className="muted field-hint">
            {t(business ? 'workflowMappings.business.codeFixed' : 'workflowMappings.business.codeHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.name}>{t('workflowMappings.name')}</label>
          <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} data-testid="business-workflow-name" />
        </div>
        <div className="field">
          <label htmlFor={ids.nameEn}>{t('workflowMappings.nameEn')}</label>
          <input id={ids.nameEn} value={nameEn} onChange={(e) => setNameEn(e.target.value)} maxLength={80} data-testid="business-workflow-name-en" />
        </div>
        <div className="field">
          <label htmlFor={ids.description}>{t('workflowMappings.description')}</label>
          <textarea id={ids.description} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={200} rows={2} data-testid="business-workflow-description" />
        </div>
        <div className="field">
          <label htmlFor={ids.workflow}>{t('workflowMappings.business.workflow')}</label>
          <div className="mapping-pick">
            <input id={ids.workflow} value={workflowText} readOnly placeholder={t('workflowMappings.business.noWorkflow')} data-testid="business-workflow-workflow" />
            <button type="button" className="button" onClick={() => setPicking(true)} data-testid="business-workflow-workflow-pick">
              {t('workflowMappings.pick')}
            </button>
          </div>
        </div>
      </ActionDialog>
      {picking && (
        <SelectionDialog
          title={t('workflowMappings.business.pickTitle')}
          testId="iom-workflow-picker"
          loading={workflows.loading}
          selected={workflowCode || null}
          items={list.map((w) => ({ key: w.code, label: localName(w), detail: `${w.code} → ${w.templateCode}`, searchText: `${w.name} ${w.nameEn} ${w.templateName ?? ''}` }))}
          onClose={() => setPicking(false)}
          onPick={(key) => {
            setWorkflowCode(key);
            setPicking(false);
          }}
        />
      )}
    </>
  );
}
