import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { clearToken, getSignOutReason, useAuthToken } from '../../lib/auth-token';
import { ViewerQuery } from '../../modules/auth/graphql/viewer-query';
import { loginPath } from '../../modules/auth/login-path';
import { isActiveViewer, ViewerContext } from '../session/viewer-context';

/**
 * Guards every page behind the login: without a token → /login?next=…; with a session that has
 * not picked a staff number yet → back to step 2 of the login. Provides the viewer below it.
 */
export function RequireAuth() {
  const { t } = useTranslation();
  const token = useAuthToken();
  const location = useLocation();
  const { data, loading, error, refetch } = useQuery(ViewerQuery, { skip: !token });
  const viewer = data?.viewer;

  useEffect(() => {
    if (token && data && data.viewer === null) clearToken('session-ended');
  }, [token, data]);

  if (!token) return <Navigate to={loginPath(location, getSignOutReason())} replace />;

  if (!data) {
    if (loading || !error) {
      return (
        <div className="full-page-status" role="status">
          {t('common.loading')}
        </div>
      );
    }
    return (
      <div className="full-page-status" role="alert">
        <p>{t('common.loadFailed')}</p>
        <button type="button" className="button" onClick={() => void refetch().catch(() => undefined)}>
          {t('common.retry')}
        </button>
      </div>
    );
  }

  if (!viewer) return null; // the effect above is forgetting the token
  if (!isActiveViewer(viewer)) return <Navigate to={loginPath(location, null)} replace />;

  return (
    <ViewerContext.Provider value={viewer}>
      <Outlet />
    </ViewerContext.Provider>
  );
}
