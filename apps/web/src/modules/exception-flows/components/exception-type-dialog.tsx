import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import type { ExceptionTypeRowFragment } from '../../../generated/graphql';
import { exceptionErrorText } from '../exception-error-text';
import { SaveExceptionTypeMutation } from '../graphql/exception-flows-documents';

interface ExceptionTypeDialogProps {
  /** The type to change; null for a new one. */
  type: ExceptionTypeRowFragment | null;
  onClose: () => void;
  onSaved: (saved: ExceptionTypeRowFragment) => void;
}

/** Makes or changes an exception type (异常类型): code (fixed once made), names and description. */
export function ExceptionTypeDialog({ type, onClose, onSaved }: ExceptionTypeDialogProps) {
  const { t } = useTranslation();
  const ids = { code: useId(), codeHint: useId(), name: useId(), nameEn: useId(), description: useId() };
  const [code, setCode] = useState(type?.code ?? '');
  const [name, setName] = useState(type?.name ?? '');
  const [nameEn, setNameEn] = useState(type?.nameEn ?? '');
  const [description, setDescription] = useState(type?.description ?? '');
  const [error, setError] = useState<string | null>(null);
  const [save, saving] = useMutation(SaveExceptionTypeMutation);

  const submit = async () => {
    setError(null);
    if (!code.trim() || !name.trim()) {
      setError(t(!code.trim() ? 'exceptionFlows.errors.codeRequired' : 'exceptionFlows.errors.nameRequired'));
      return;
    }
    try {
      const input = { create: !type, code: code.trim().toUpperCase(), name: name.trim(), nameEn: nameEn.trim(), description: description.trim() || null };
      const outcome = (await save({ variables: { input } })).data?.saveExceptionType;
      if (outcome?.ok && outcome.exceptionType) onSaved(outcome.exceptionType);
      else setError(exceptionErrorText(t, outcome?.error));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <ActionDialog
      title={t(type ? 'exceptionFlows.types.editTitle' : 'exceptionFlows.types.newTitle')}
      testId="exception-type"
      onClose={onClose}
      onSubmit={() => void submit()}
      submitLabel={t('exceptionFlows.save')}
      submitDisabled={saving.loading}
      error={error}
    >
      <div className="field">
        <label htmlFor={ids.code}>{t('exceptionFlows.code')}</label>
        <input
          id={ids.code}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          readOnly={!!type}
          required
          maxLength={40}
          pattern="[A-Za-z0-9_]+"
          aria-describedby={ids.codeHint}
          className="mono"
          data-testid="exception-type-code"
        />
        <p id={ids.codeHint} className="muted field-hint">
          {t(type ? 'exceptionFlows.codeFixed' : 'exceptionFlows.codeHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={ids.name}>{t('exceptionFlows.name')}</label>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} data-testid="exception-type-name" />
      </div>
      <div className="field">
        <label htmlFor={ids.nameEn}>{t('exceptionFlows.nameEn')}</label>
        <input id={ids.nameEn} value={nameEn} onChange={(e) => setNameEn(e.target.value)} maxLength={80} data-testid="exception-type-name-en" />
      </div>
      <div className="field">
        <label htmlFor={ids.description}>{t('exceptionFlows.description')}</label>
        <textarea id={ids.description} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={300} rows={3} data-testid="exception-type-description" />
      </div>
    </ActionDialog>
  );
}
