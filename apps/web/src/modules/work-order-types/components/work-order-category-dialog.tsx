import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import type { WorkOrderCategoryRowFragment } from '../../../generated/graphql';
import { SaveWorkOrderCategoryMutation } from '../graphql/work-order-types-documents';
import { typeErrorText } from '../type-error-text';

/** Makes or changes a work-order category (工单大类): code (fixed once made), names. */
export function WorkOrderCategoryDialog({ category, onClose, onSaved }: { category: WorkOrderCategoryRowFragment | null; onClose: () => void; onSaved: (saved: WorkOrderCategoryRowFragment) => void }) {
  const { t } = useTranslation();
  const ids = { code: useId(), codeHint: useId(), name: useId(), nameEn: useId() };
  const [code, setCode] = useState(category?.code ?? '');
  const [name, setName] = useState(category?.name ?? '');
  const [nameEn, setNameEn] = useState(category?.nameEn ?? '');
  const [error, setError] = useState<string | null>(null);
  const [save, saving] = useMutation(SaveWorkOrderCategoryMutation);

  const submit = async () => {
    setError(null);
    if (!name.trim()) {
      setError(t('workOrderTypes.errors.nameRequired'));
      return;
    }
    try {
      const outcome = (await save({ variables: { input: { create: !category, code: code.trim(), name: name.trim(), nameEn: nameEn.trim() } } })).data?.saveWorkOrderCategory;
      if (outcome?.ok && outcome.category) onSaved(outcome.category);
      else setError(typeErrorText(t, outcome?.error));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <ActionDialog
      title={t(category ? 'workOrderTypes.categories.editTitle' : 'workOrderTypes.categories.newTitle')}
      testId="work-order-category"
      onClose={onClose}
      onSubmit={() => void submit()}
      submitLabel={t('workOrderTypes.save')}
      submitDisabled={saving.loading}
      error={error}
    >
      <div className="field">
        <label htmlFor={ids.code}>{t('workOrderTypes.code')}</label>
        <input
          id={ids.code}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          readOnly={!!category}
          required
          maxLength={40}
          pattern="[A-Za-z0-9_\-]+"
          aria-describedby={ids.codeHint}
          className="mono"
          data-testid="work-order-category-code"
        />
        <p id={ids.codeHint} className="muted field-hint">
          {t(category ? 'workOrderTypes.codeFixed' : 'workOrderTypes.codeHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={ids.name}>{t('workOrderTypes.name')}</label>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} data-testid="work-order-category-name" />
      </div>
      <div className="field">
        <label htmlFor={ids.nameEn}>{t('workOrderTypes.nameEn')}</label>
        <input id={ids.nameEn} value={nameEn} onChange={(e) => setNameEn(e.target.value)} maxLength={80} data-testid="work-order-category-name-en" />
      </div>
    </ActionDialog>
  );
}
