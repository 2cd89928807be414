import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import type { AttributeItemRowFragment, AttributeValueType } from '../../../generated/graphql';
import { SaveAttributeItemMutation } from '../graphql/attribute-items-documents';

export const VALUE_TYPES: AttributeValueType[] = ['TEXT', 'NUMBER', 'DATE', 'BOOLEAN'];

/** Makes or changes an attribute item. */
export function AttributeItemDialog({ item, onClose, onSaved }: { item: AttributeItemRowFragment | null; onClose: () => void; onSaved: (saved: AttributeItemRowFragment) => void }) {
  const { t } = useTranslation();
  const ids = { code: useId(), name: useId(), nameEn: useId(), type: useId(), business: useId(), description: useId() };
  const [code, setCode] = useState(item?.code ?? '');
  const [name, setName] = useState(item?.name ?? '');
  const [nameEn, setNameEn] = useState(item?.nameEn ?? '');
  const [valueType, setValueType] = useState<AttributeValueType>(item?.valueType ?? 'TEXT');
  const [businessCode, setBusinessCode] = useState(item?.businessCode ?? '');
  const [required, setRequired] = useState(item?.required ?? false);
  const [description, setDescription] = useState(item?.description ?? '');
  const [error, setError] = useState<string | null>(null);
  const [save, saving] = useMutation(SaveAttributeItemMutation);

  const submit = async () => {
    setError(null);
    try {
      const input = { id: item?.id ?? null, code: code.trim(), name: name.trim(), nameEn: nameEn.trim(), valueType, businessCode: businessCode.trim(), required, description: description.trim() };
      const outcome = (await save({ variables: { input } })).data?.saveAttributeItem;
      if (outcome?.ok && outcome.attributeItem) onSaved(outcome.attributeItem);
      else setError(outcome?.error?.message ?? t('attributes.failed'));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <ActionDialog title={t(item ? 'attributes.editTitle' : 'attributes.newTitle')} testId="attribute-item" onClose={onClose} onSubmit={() => void submit()} submitLabel={t('attributes.save')} submitDisabled={saving.loading} error={error}>
      <div className="dialog-columns">
        <div className="field">
          <label htmlFor={ids.code}>{t('attributes.code')}</label>
          <input id={ids.code} value={code} onChange={(e) => setCode(e.target.value)} required maxLength={60} pattern="[A-Za-z0-9_.\-]+" data-testid="attribute-item-code" />
        </div>
        <div className="field">
          <label htmlFor={ids.type}>{t('attributes.valueType')}</label>
          <select id={ids.type} value={valueType} onChange={(e) => setValueType(e.target.value as AttributeValueType)} data-testid="attribute-item-type">
            {VALUE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`attributes.types.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.name}>{t('attributes.name')}</label>
          <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} data-testid="attribute-item-name" />
        </div>
        <div className="field">
          <label htmlFor={ids.nameEn}>{t('attributes.nameEn')}</label>
          <input id={ids.nameEn} value={nameEn} onChange={(e) => setNameEn(e.target.value)} maxLength={80} data-testid="attribute-item-name-en" />
        </div>
        <div className="field">
          <label htmlFor={ids.business}>{t('attributes.business')}</label>
          <input id={ids.business} value={businessCode} onChange={(e) => setBusinessCode(e.target.value)} maxLength={40} placeholder={t('attributes.everyBusiness')} data-testid="attribute-item-business" />
        </div>
        <label className="attribute-item-required">
          <input type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} data-testid="attribute-item-required" />
          {t('attributes.requiredLabel')}
        </label>
      </div>
      <div className="field">
        <label htmlFor={ids.description}>{t('attributes.description')}</label>
        <input id={ids.description} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={200} data-testid="attribute-item-description" />
      </div>
    </ActionDialog>
  );
}
