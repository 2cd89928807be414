import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import type { BillingLevel, BillingOperatorRowFragment } from '../../../generated/graphql';
import { SetBillingLevelMutation } from '../graphql/billing-operators-documents';

export const BILLING_LEVELS: BillingLevel[] = ['NORMAL', 'SENIOR', 'SUPER'];

/** Appoints a staff member as billing operator (no `operator`) or changes an operator's level. */
export function BillingLevelDialog({ operator, onClose, onSaved }: { operator: BillingOperatorRowFragment | null; onClose: () => void; onSaved: (saved: BillingOperatorRowFragment) => void }) {
  const { t } = useTranslation();
  const ids = { staffNo: useId(), level: useId() };
  const [staffNo, setStaffNo] = useState(operator?.staffNo ?? '');
  const [level, setLevel] = useState<BillingLevel>(operator?.level ?? 'NORMAL');
  const [error, setError] = useState<string | null>(null);
  const [save, saving] = useMutation(SetBillingLevelMutation);

  const submit = async () => {
    setError(null);
    try {
      const outcome = (await save({ variables: { input: { staffNo: staffNo.trim(), level } } })).data?.setBillingLevel;
      if (outcome?.ok && outcome.operator) onSaved(outcome.operator);
      else setError(outcome?.error?.message ?? t('billingOperators.failed'));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <ActionDialog
      title={operator ? t('billingOperators.changeTitle', { staff: `${operator.staffNo} ${operator.name}` }) : t('billingOperators.appointTitle')}
      testId="billing-level"
      onClose={onClose}
      onSubmit={() => void submit()}
      submitLabel={t('billingOperators.save')}
      submitDisabled={saving.loading}
      error={error}
    >
      <div className="dialog-columns">
        <div className="field">
          <label htmlFor={ids.staffNo}>{t('billingOperators.staffNo')}</label>
          <input id={ids.staffNo} value={staffNo} onChange={(e) => setStaffNo(e.target.value)} required maxLength={20} readOnly={!!operator} data-testid="billing-level-staff-no" />
        </div>
        <div className="field">
          <label htmlFor={ids.level}>{t('billingOperators.level')}</label>
          <select id={ids.level} value={level} onChange={(e) => setLevel(e.target.value as BillingLevel)} data-testid="billing-level-level">
            {BILLING_LEVELS.map((value) => (
              <option key={value} value={value}>
                {t(`billingOperators.levels.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="muted">{t(`billingOperators.levelHelp.${level}`)}</p>
    </ActionDialog>
  );
}
