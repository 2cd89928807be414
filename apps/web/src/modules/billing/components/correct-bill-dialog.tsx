import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import type { BillRowFragment } from '../../../generated/graphql';
import { CorrectBillMutation } from '../graphql/bills-documents';

/**
 * Corrects one bill's amount. It names the import the bill was read from, so a month re-imported
 * in the meantime is refused (REPLACED) instead of changing the new bills; the refusal stays here.
 */
export function CorrectBillDialog({ bill, onClose, onSaved }: { bill: BillRowFragment; onClose: () => void; onSaved: (saved: BillRowFragment) => void }) {
  const { t } = useTranslation();
  const amountId = useId();
  const helpId = useId();
  const [amount, setAmount] = useState(bill.amount);
  const [error, setError] = useState<string | null>(null);
  const [correct, saving] = useMutation(CorrectBillMutation);

  const submit = async () => {
    setError(null);
    try {
      const outcome = (await correct({ variables: { input: { billingMonth: bill.billingMonth, phone: bill.phone, amount: amount.trim(), importId: bill.importId } } })).data?.correctBill;
      if (outcome?.ok && outcome.bill) onSaved(outcome.bill);
      else setError(outcome?.error?.message ?? t('billing.bills.failed'));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <ActionDialog title={t('billing.bills.correctTitle', { phone: bill.phone, month: bill.billingMonth })} testId="bill-correct" onClose={onClose} onSubmit={() => void submit()} submitLabel={t('billing.bills.save')} submitDisabled={saving.loading} error={error}>
      <p className="muted">{t('billing.bills.currentAmount', { amount: bill.amount })}</p>
      <div className="field">
        <label htmlFor={amountId}>{t('billing.bills.newAmount')}</label>
        <input id={amountId} value={amount} onChange={(e) => setAmount(e.target.value)} required inputMode="decimal" pattern="-?\d{1,10}(\.\d{1,2})?" aria-describedby={helpId} data-testid="bill-correct-amount" />
        <span className="muted field-help" id={helpId}>
          {t('billing.bills.amountHelp')}
        </span>
      </div>
    </ActionDialog>
  );
}
