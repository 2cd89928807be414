import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import type { PrepaidAccountRowFragment } from '../../../generated/graphql';
import { SavePrepaidAccountMutation } from '../graphql/prepaid-documents';

/** Opens a prepaid account or changes its name, note and credit (the number stays). */
export function PrepaidAccountDialog({ account, onClose, onSaved }: { account: PrepaidAccountRowFragment | null; onClose: () => void; onSaved: (saved: PrepaidAccountRowFragment) => void }) {
  const { t } = useTranslation();
  const ids = { phone: useId(), name: useId(), credit: useId(), note: useId() };
  const [phone, setPhone] = useState(account?.phone ?? '');
  const [name, setName] = useState(account?.name ?? '');
  const [credit, setCredit] = useState(account?.creditAmount ?? '0.00');
  const [note, setNote] = useState(account?.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [save, saving] = useMutation(SavePrepaidAccountMutation);

  const submit = async () => {
    setError(null);
    try {
      const input = { id: account?.id ?? null, phone: phone.trim(), name: name.trim(), note: note.trim(), creditAmount: credit.trim() || '0' };
      const outcome = (await save({ variables: { input } })).data?.savePrepaidAccount;
      if (outcome?.ok && outcome.account) onSaved(outcome.account);
      else setError(outcome?.error ? t(`prepaid.errors.${outcome.error.code}`, { defaultValue: outcome.error.message }) : t('prepaid.failed'));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <ActionDialog title={t(account ? 'prepaid.editTitle' : 'prepaid.newTitle')} testId="prepaid-account" onClose={onClose} onSubmit={() => void submit()} submitLabel={t('prepaid.save')} submitDisabled={saving.loading} error={error}>
      <div className="dialog-columns">
        <div className="field">
          <label htmlFor={ids.phone}>{t('prepaid.phone')}</label>
          <input id={ids.phone} value={phone} onChange={(e) => setPhone(e.target.value)} required readOnly={!!account} inputMode="numeric" pattern="\d{5,20}" maxLength={20} data-testid="prepaid-account-phone" />
        </div>
        <div className="field">
          <label htmlFor={ids.name}>{t('prepaid.name')}</label>
          <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} data-testid="prepaid-account-name" />
        </div>
        <div className="field">
          <label htmlFor={ids.credit}>{t('prepaid.credit')}</label>
          <input id={ids.credit} value={credit} onChange={(e) => setCredit(e.target.value)} inputMode="decimal" data-testid="prepaid-account-credit" />
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.note}>{t('prepaid.note')}</label>
        <input id={ids.note} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} data-testid="prepaid-account-note" />
      </div>
    </ActionDialog>
  );
}
