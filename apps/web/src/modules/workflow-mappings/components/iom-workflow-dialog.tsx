import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import { SelectionDialog } from '../../../components/selection-dialog';
import type { IomWorkflowRowFragment } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { SaveIomWorkflowMutation, TemplatesToPickQuery } from '../graphql/workflow-mappings-documents';
import { mappingErrorText, newestTemplates } from '../mapping-error-text';

interface IomWorkflowDialogProps {
  /** The IOM workflow to change; null for a new one. */
  workflow: IomWorkflowRowFragment | null;
  onClose: () => void;
  onSaved: (saved: IomWorkflowRowFragment) => void;
}

/** Makes or changes an IOM workflow: code (fixed once made), names, description and the engine template, picked in a selection dialog. */
export function IomWorkflowDialog({ workflow, onClose, onSaved }: IomWorkflowDialogProps) {
  const { t } = useTranslation();
  const ids = { code: useId(), codeHint: useId(), name: useId(), nameEn: useId(), description: useId(), template: useId() };
  const [code, setCode] = useState(workflow?.code ?? '');
  const [name, setName] = useState(workflow?.name ?? '');
  const [nameEn, setNameEn] = useState(workflow?.nameEn ?? '');
  const [description, setDescription] = useState(workflow?.description ?? '');
  const [templateCode, setTemplateCode] = useState(workflow?.templateCode ?? '');
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [save, saving] = useMutation(SaveIomWorkflowMutation);
  const versions = useQuery(TemplatesToPickQuery, { fetchPolicy: 'cache-and-network' });
  const templates = useMemo(() => newestTemplates(versions.data?.workflowTemplates ?? []), [versions.data]);
  const template = templates.find((x) => x.code === templateCode);
  const templateText = template ? `${localName(template)} (${template.code} v${template.version})` : templateCode;

  const submit = async () => {
    setError(null);
    if (!name.trim() || !templateCode) {
      setError(t(!name.trim() ? 'workflowMappings.errors.nameRequired' : 'workflowMappings.errors.pickTemplate'));
      return;
    }
    try {
      const input = { create: !workflow, code: code.trim(), name: name.trim(), nameEn: nameEn.trim(), description: description.trim(), templateCode };
      const outcome = (await save({ variables: { input } })).data?.saveIomWorkflow;
      if (outcome?.ok && outcome.iomWorkflow) onSaved(outcome.iomWorkflow);
      else setError(mappingErrorText(t, outcome?.error));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <>
      <ActionDialog
        title={t(workflow ? 'workflowMappings.iom.editTitle' : 'workflowMappings.iom.newTitle')}
        testId="iom-workflow"
        onClose={onClose}
        onSubmit={() => void submit()}
        submitLabel={t('workflowMappings.save')}
        submitDisabled={saving.loading}
        error={error}
      >
        <div className="field">
          <label htmlFor={ids.code}>{t('workflowMappings.iom.code')}</label>
          <input
            id={ids.code}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            readOnly={!!workflow}
            required
            maxLength={40}
            pattern="[A-Za-z0-9_\-]+"
            aria-describedby={ids.codeHint}
            className="mono"
            data-testid="iom-workflow-code"
          />
          <p id={ids.codeHint} className="muted field-hint">
            {t(workflow ? 'workflowMappings.codeFixed' : 'workflowMappings.codeHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.name}>{t('workflowMappings.name')}</label>
          <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} data-testid="iom-workflow-name" />
        </div>
        <div className="field">
          <label htmlFor={ids.nameEn}>{t('workflowMappings.nameEn')}</label>
          <input id={ids.nameEn} value={nameEn} onChange={(e) => setNameEn(e.target.value)} maxLength={80} data-testid="iom-workflow-name-en" />
        </div>
        <div className="field">
          <label htmlFor={ids.description}>{t('workflowMappings.description')}</label>
          <textarea id={ids.description} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={200} rows={2} data-testid="iom-workflow-description" />
        </div>
        <div className="field">
          <label htmlFor={ids.template}>{t('workflowMappings.iom.template')}</label>
          <div className="mapping-pick">
            <input id={ids.template} value={templateText} readOnly placeholder={t('workflowMappings.iom.noTemplate')} data-testid="iom-workflow-template" />
            <button type="button" className="button" onClick={() => setPicking(true)} data-testid="iom-workflow-template-pick">
              {t('workflowMappings.pick')}
            </button>
          </div>
        </div>
      </ActionDialog>
      {picking && (
        <SelectionDialog
          title={t('workflowMappings.iom.pickTitle')}
          testId="template-picker"
          loading={versions.loading}
          selected={templateCode || null}
          items={templates.map((x) => ({ key: x.code, label: localName(x), detail: `${x.code} v${x.version}${x.active ? '' : ` · ${t('workflowMappings.inactive')}`}`, searchText: `${x.name} ${x.nameEn}` }))}
          onClose={() => setPicking(false)}
          onPick={(key) => {
            setTemplateCode(key);
            setPicking(false);
          }}
        />
      )}
    </>
  );
}
