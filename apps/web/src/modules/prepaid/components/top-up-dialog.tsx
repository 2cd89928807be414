import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import type { PrepaidAccountRowFragment } from '../../../generated/graphql';
import { TopUpPrepaidMutation } from '../graphql/prepaid-documents';

/** Pays money into a prepaid account (a ledger entry); a top-up back to the limit lifts the outgoing bar. */
export function TopUpDialog({ account, onClose, onDone }: { account: PrepaidAccountRowFragment; onClose: () => void; onDone: (saved: PrepaidAccountRowFragment) => void }) {
  const { t } = useTranslation();
  const ids = { amount: useId(), note: useId() };
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [topUp, running] = useMutation(TopUpPrepaidMutation);

  const submit = async () => {
    setError(null);
    try {
      const outcome = (await topUp({ variables: { input: { accountId: account.id, amount: amount.trim(), note: note.trim() } } })).data?.topUpPrepaid;
      if (outcome?.ok && outcome.account) onDone(outcome.account);
      else setError(outcome?.error?.message ?? t('prepaid.failed'));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <ActionDialog title={t('prepaid.topUpTitle', { phone: account.phone })} testId="prepaid-top-up" onClose={onClose} onSubmit={() => void submit()} submitLabel={t('prepaid.topUp')} submitDisabled={running.loading} error={error}>
      <p className="muted">{t('prepaid.topUpBalance', { balance: account.balance, available: account.available })}</p>
      <div className="field">
        <label htmlFor={ids.amount}>{t('prepaid.amount')}</label>
        <input id={ids.amount} value={amount} onChange={(e) => setAmount(e.target.value)} required inputMode="decimal" data-testid="prepaid-top-up-amount" />
      </div>
      <div className="field">
        <label htmlFor={ids.note}>{t('prepaid.reason')}</label>
        <input id={ids.note} value={note} onChange={(e) => setNote(e.target.value)} required maxLength={200} data-testid="prepaid-top-up-note" />
      </div>
    </ActionDialog>
  );
}
