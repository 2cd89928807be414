import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from './action-dialog';

/** Asks before deleting; a refusal (e.g. still in use, with what uses it) stays in the dialog. */
export function DeleteDialog({ title, question, onClose, onDelete, testId = 'delete' }: { title: string; question: string; onClose: () => void; onDelete: () => Promise<string | null>; testId?: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <ActionDialog
      title={title}
      testId={testId}
      onClose={onClose}
      onSubmit={() => {
        setBusy(true);
        setError(null);
        void onDelete()
          .then((refusal) => setError(refusal))
          .catch((e: Error) => setError(e.message))
          .finally(() => setBusy(false));
      }}
      submitLabel={t('common.delete')}
      submitDisabled={busy}
      error={error}
    >
      <p>{question}</p>
    </ActionDialog>
  );
}
