import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewerFieldsFragment } from '../../../generated/graphql';
import { LoginMutation } from '../graphql/login-mutation';
import { loginErrorMessage } from '../login-error-message';

interface LoginFormProps {
  /** Called once the password was accepted, with the new token and session. */
  onLoggedIn: (token: string, viewer: ViewerFieldsFragment) => void;
}

type FormError = { kind: 'code'; code: string; message: string } | { kind: 'network' } | { kind: 'required' };

/** Step 1: login name and password. */
export function LoginForm({ onLoggedIn }: LoginFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [loginName, setLoginName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [login, { loading }] = useMutation(LoginMutation);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    if (!loginName.trim() || !password) {
      setError({ kind: 'required' });
      return;
    }
    setError(null);
    try {
      const { data } = await login({ variables: { input: { loginName: loginName.trim(), password } } });
      const result = data?.login;
      if (result?.ok && result.token && result.viewer) {
        onLoggedIn(result.token, result.viewer);
        return;
      }
      const code = result?.error?.code ?? 'UNKNOWN';
      setError({ kind: 'code', code, message: result?.error?.message ?? '' });
      setPassword('');
    } catch {
      setError({ kind: 'network' });
    }
  }

  const errorText =
    error?.kind === 'code'
      ? loginErrorMessage(t, error)
      : error?.kind === 'network'
        ? t('login.errors.network')
        : error?.kind === 'required'
          ? t('login.errors.required')
          : null;

  return (
    <form className="login-form" onSubmit={submit} noValidate aria-describedby={errorText ? `${id}-error` : undefined}>
      <div className="field">
        <label htmlFor={`${id}-login-name`}>{t('login.loginName')}</label>
        <input
          id={`${id}-login-name`}
          name="loginName"
          autoComplete="username"
          autoFocus
          value={loginName}
          onChange={(e) => setLoginName(e.target.value)}
          aria-invalid={error?.kind === 'required' && !loginName.trim() ? true : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('login.password')}</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error?.kind === 'required' && !password ? true : undefined}
        />
      </div>
      {errorText && (
        <p
          id={`${id}-error`}
          className="form-error"
          role="alert"
          data-testid="login-error"
          data-code={error?.kind === 'code' ? error.code : error?.kind.toUpperCase()}
        >
          {errorText}
        </p>
      )}
      <button type="submit" className="button primary" disabled={loading} data-testid="login-submit">
        {loading ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  );
}
