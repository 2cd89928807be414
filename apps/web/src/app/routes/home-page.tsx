import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { MyTeamsQuery } from '../../modules/installer-mobile/graphql/installer-documents';
import { landsOnPhoneView, PHONE_QUERY, preferDesktop, prefersDesktop } from '../../modules/installer-mobile/phone-landing';
import { useMediaQuery } from '../../lib/use-media-query';
import { currentLanguage } from '../../lib/i18n';
import { localName } from '../../lib/local-name';
import { useDocumentTitle } from '../../lib/use-document-title';
import { filterMenu, openableLeaves, plannedLeaves } from '../menu/filter-menu';
import { useViewer } from '../session/viewer-context';
import './home-page.css';

/** `/`: who is working, as what, and what they can open. */
export function HomePage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const { staff } = viewer;
  const groups = useMemo(() => filterMenu(viewer.menus, undefined, viewer.permissions), [viewer.menus, viewer.permissions]);
  const openable = openableLeaves(groups);
  const planned = plannedLeaves(groups);
  const lng = currentLanguage();

  useDocumentTitle(t('home.title'));
  // Installers (team members) on a phone land on their phone view; the desktop stays one tap away.
  const phone = useMediaQuery(PHONE_QUERY);
  const teams = useQuery(MyTeamsQuery);
  const teamCount = teams.data?.myTeams.length ?? 0;
  if (landsOnPhoneView({ phone, teamCount, desktopPreferred: prefersDesktop() })) return <Navigate to="/m" replace />;

  return (
    <div className="page home-page">
      <h1 data-testid="welcome">{t('home.welcome', { name: staff.name })}</h1>
      <section className="panel" aria-labelledby="home-who">
        <h2 id="home-who">{t('home.whoTitle')}</h2>
        <dl className="facts">
          <dt>{t('home.staffNo')}</dt>
          <dd className="mono">{staff.staffNo}</dd>
          <dt>{t('home.loginName')}</dt>
          <dd>{viewer.loginName}</dd>
          <dt>{t('home.organisation')}</dt>
          <dd data-testid="home-organisation">{localName(staff.organisation)}</dd>
          <dt>{t('home.positions')}</dt>
          <dd>
            {staff.positions.length === 0 ? (
              <span className="muted">{t('home.noPositions')}</span>
            ) : (
              <ul className="positions" data-testid="home-positions">
                {staff.positions.map((p) => (
                  <li key={p.id}>
                    {localName(p, lng)}{' '}
                    <span className="badge">{lng === 'en' ? p.positionType.nameEn : p.positionType.name}</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="home-open">
        <h2 id="home-open">{t('home.canOpenTitle')}</h2>
        {openable.length === 0 ? (
          <p className="muted">{t('home.nothingToOpen')}</p>
        ) : (
          <ul className="openable" data-testid="home-openable">
            {openable.map((leaf) => (
              <li key={leaf.code}>
                <Link to={leaf.path!}>{t(leaf.labelKey)}</Link>
              </li>
            ))}
          </ul>
        )}
        {teamCount > 0 && (
          <p>
            <Link to="/m" onClick={() => preferDesktop(false)} data-testid="home-phone-view">
              {t('home.phoneView')}
            </Link>
          </p>
        )}
        {planned.length > 0 && (
          <p className="muted">{t('home.plannedCount', { count: planned.length })}</p>
        )}
      </section>
    </div>
  );
}
