import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewerFieldsFragment } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { SelectStaffMutation } from '../graphql/select-staff-mutation';
import { loginErrorMessage } from '../login-error-message';

type StaffChoice = ViewerFieldsFragment['staffChoices'][number];

interface StaffChoiceFormProps {
  choices: readonly StaffChoice[];
  /** Called once the staff number was selected, with the session after selection. */
  onSelected: (viewer: ViewerFieldsFragment) => void;
  /** Leaves step 2 and starts over with another account. */
  onCancel: () => void;
}

/** Step 2, for accounts that own several staff numbers: pick the one to work as. */
export function StaffChoiceForm({ choices, onSelected, onCancel }: StaffChoiceFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [staffId, setStaffId] = useState<string | null>(null);
  const [errorText, setErrorText] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<string | null>(null);
  const [selectStaff, { loading }] = useMutation(SelectStaffMutation);

  function fail(code: string, text: string) {
    setErrorCode(code);
    setErrorText(text);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    if (!staffId) {
      fail('REQUIRED', t('login.chooseStaff.required'));
      return;
    }
    setErrorText(null);
    setErrorCode(null);
    try {
      const { data } = await selectStaff({ variables: { input: { staffId } } });
      const result = data?.selectStaff;
      if (result?.ok && result.viewer) {
        onSelected(result.viewer);
        return;
      }
      const error = result?.error ?? { code: 'UNKNOWN', message: '' };
      fail(error.code, loginErrorMessage(t, error));
    } catch {
      fail('NETWORK', t('login.errors.network'));
    }
  }

  return (
    <form className="login-form" onSubmit={submit} noValidate>
      <fieldset className="staff-choices" data-testid="staff-choice-list">
        <legend>{t('login.chooseStaff.legend')}</legend>
        {choices.map((choice) => {
          const inputId = `${id}-${choice.id}`;
          return (
            <div
              key={choice.id}
              className={choice.active ? 'staff-choice' : 'staff-choice is-inactive'}
              data-testid="staff-choice-option"
              data-staff-no={choice.staffNo}
            >
              <input
                type="radio"
                id={inputId}
                name="staffId"
                value={choice.id}
                checked={staffId === choice.id}
                disabled={!choice.active}
                onChange={() => setStaffId(choice.id)}
              />
              <label htmlFor={inputId}>
                <span className="staff-choice-no">{choice.staffNo}</span>
                <span className="staff-choice-name">{choice.name}</span>
                <span className="staff-choice-org">{localName(choice.organisation)}</span>
                {!choice.active && <span className="badge">{t('login.chooseStaff.inactive')}</span>}
              </label>
            </div>
          );
        })}
      </fieldset>
      {errorText && (
        <p className="form-error" role="alert" data-testid="login-error" data-code={errorCode ?? undefined}>
          {errorText}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={loading} data-testid="staff-choice-submit">
          {loading ? t('login.chooseStaff.submitting') : t('login.chooseStaff.submit')}
        </button>
        <button type="button" className="button link" onClick={onCancel} data-testid="staff-choice-cancel">
          {t('login.chooseStaff.cancel')}
        </button>
      </div>
    </form>
  );
}
