import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import type { WorkOrderCategoryRowFragment, WorkOrderTypeRowFragment } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { SaveWorkOrderTypeMutation } from '../graphql/work-order-types-documents';
import { typeErrorText } from '../type-error-text';

interface WorkOrderTypeDialogProps {
  /** The type to change; null for a new one. */
  type: WorkOrderTypeRowFragment | null;
  categories: readonly WorkOrderCategoryRowFragment[];
  /** Category preselected for a new type (the one the screen shows). */
  categoryCode: string | null;
  onClose: () => void;
  onSaved: (saved: WorkOrderTypeRowFragment) => void;
}

/** Makes or changes a work-order type (工单类型): code (fixed once made), names and its category. */
export function WorkOrderTypeDialog({ type, categories, categoryCode, onClose, onSaved }: WorkOrderTypeDialogProps) {
  const { t } = useTranslation();
  const ids = { code: useId(), codeHint: useId(), name: useId(), nameEn: useId(), category: useId() };
  const [code, setCode] = useState(type?.code ?? '');
  const [name, setName] = useState(type?.name ?? '');
  const [nameEn, setNameEn] = useState(type?.nameEn ?? '');
  const [category, setCategory] = useState(type?.category.code ?? categoryCode ?? '');
  const [error, setError] = useState<string | null>(null);
  const [save, saving] = useMutation(SaveWorkOrderTypeMutation);

  const submit = async () => {
    setError(null);
    if (!name.trim() || !category) {
      setError(t(!name.trim() ? 'workOrderTypes.errors.nameRequired' : 'workOrderTypes.errors.pickCategory'));
      return;
    }
    try {
      const input = { create: !type, code: code.trim(), name: name.trim(), nameEn: nameEn.trim(), categoryCode: category };
      const outcome = (await save({ variables: { input } })).data?.saveWorkOrderType;
      if (outcome?.ok && outcome.workOrderType) onSaved(outcome.workOrderType);
      else setError(typeErrorText(t, outcome?.error));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <ActionDialog
      title={t(type ? 'workOrderTypes.types.editTitle' : 'workOrderTypes.types.newTitle')}
      testId="work-order-type"
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
          readOnly={!!type}
          required
          maxLength={40}
          pattern="[A-Za-z0-9_\-]+"
          aria-describedby={ids.codeHint}
          className="mono"
          data-testid="work-order-type-code"
        />
        <p id={ids.codeHint} className="muted field-hint">
          {t(type ? 'workOrderTypes.codeFixed' : 'workOrderTypes.codeHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={ids.name}>{t('workOrderTypes.name')}</label>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} data-testid="work-order-type-name" />
      </div>
      <div className="field">
        <label htmlFor={ids.nameEn}>{t('workOrderTypes.nameEn')}</label>
        <input id={ids.nameEn} value={nameEn} onChange={(e) => setNameEn(e.target.value)} maxLength={80} data-testid="work-order-type-name-en" />
      </div>
      <div className="field">
        <label htmlFor={ids.category}>{t('workOrderTypes.category')}</label>
        <select id={ids.category} value={category} onChange={(e) => setCategory(e.target.value)} required data-testid="work-order-type-category">
          <option value="">{t('workOrderTypes.pickCategory')}</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {localName(c)} ({c.code})
            </option>
          ))}
        </select>
      </div>
    </ActionDialog>
  );
}
