import { useApolloClient, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '../../../components/language-switch';
import type { ViewerFieldsFragment } from '../../../generated/graphql';
import { clearToken, getToken, setToken, useAuthToken } from '../../../lib/auth-token';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { LoginForm } from '../components/login-form';
import { StaffChoiceForm } from '../components/staff-choice-form';
import { ViewerQuery } from '../graphql/viewer-query';
import { useSignOut } from '../hooks/use-sign-out';
import { parseSignOutReason, safeNextPath } from '../login-path';
import './login-page.css';

/**
 * /login: step 1 checks the password; accounts that own several staff numbers then pick one in
 * step 2. Afterwards the user lands on the page they first asked for (`?next=`), else home.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const client = useApolloClient();
  const signOut = useSignOut();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const reason = parseSignOutReason(params.get('reason'));
  const token = useAuthToken();

  // A session may already exist (reload during step 2, or a page sent us here to pick a staff
  // number). Asked once: after a fresh login the result is written into the cache instead.
  const [tokenAtStart] = useState(getToken);
  const existing = useQuery(ViewerQuery, { skip: !tokenAtStart });
  const [viewer, setViewer] = useState<ViewerFieldsFragment | null>(null);
  const current = token ? (viewer ?? existing.data?.viewer ?? null) : null;

  useDocumentTitle(t('login.title'));

  useEffect(() => {
    // The stored token is no longer valid: start from step 1.
    if (tokenAtStart && existing.data && existing.data.viewer === null) clearToken('session-ended');
  }, [tokenAtStart, existing.data]);

  function remember(session: ViewerFieldsFragment) {
    client.writeQuery({ query: ViewerQuery, data: { viewer: session } });
    setViewer(session);
  }

  if (current?.staff) return <Navigate to={next} replace />;

  const checking = !!tokenAtStart && !!token && existing.loading && !viewer;
  const step = current ? 'choose-staff' : 'credentials';

  return (
    <div className="login-screen">
      <header className="login-top">
        <LanguageSwitch />
      </header>
      <main className="login-card" aria-labelledby="login-title">
        <div className="login-brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-subtitle">{t('app.subtitle')}</span>
        </div>
        <h1 id="login-title">{step === 'credentials' ? t('login.title') : t('login.chooseStaff.title')}</h1>
        {reason && step === 'credentials' && !checking && (
          <p className="notice" role="status" data-testid="login-notice" data-reason={reason}>
            {t(`login.reasons.${reason}`)}
          </p>
        )}
        {checking ? (
          <p role="status">{t('common.loading')}</p>
        ) : step === 'credentials' ? (
          <LoginForm
            onLoggedIn={(newToken, loggedIn) => {
              setToken(newToken);
              remember(loggedIn);
            }}
          />
        ) : (
          <>
            <p className="hint">{t('login.chooseStaff.hint', { loginName: current?.loginName })}</p>
            <StaffChoiceForm
              choices={current?.staffChoices ?? []}
              onSelected={remember}
              onCancel={() => {
                setViewer(null);
                signOut('logged-out');
              }}
            />
          </>
        )}
      </main>
      <footer className="login-footer">{t('login.footer')}</footer>
    </div>
  );
}
