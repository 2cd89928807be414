import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { useMediaQuery } from '../../lib/use-media-query';
import { AppHeader } from '../components/app-header';
import { IdleLogout } from '../components/idle-logout';
import { SideNav } from '../components/side-nav';
import { useViewer } from '../session/viewer-context';
import { COMPACT_LAYOUT_QUERY } from '../styles/breakpoints';
import './main-layout.css';

const NAV_ID = 'main-nav';

/**
 * Header on top, menu on the left, the page in the rest. On narrow screens the menu is a drawer
 * over the page, opened by the menu button in the header.
 */
export function MainLayout() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const compact = useMediaQuery(COMPACT_LAYOUT_QUERY);
  const [navOpen, setNavOpen] = useState(false);
  const drawerOpen = compact && navOpen;
  const navRef = useRef<HTMLElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();

  const closeNav = useCallback(() => setNavOpen(false), []);
  const toggleNav = useCallback(() => setNavOpen((open) => !open), []);

  // Back to the wide layout: the drawer is gone, do not reopen it when the window narrows again.
  useEffect(() => {
    if (!compact) setNavOpen(false);
  }, [compact]);

  // Any navigation (a menu link, a link in the page, back/forward) closes the drawer.
  useEffect(() => {
    setNavOpen(false);
  }, [pathname]);

  // Escape closes the drawer.
  useEffect(() => {
    if (!drawerOpen) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) setNavOpen(false);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [drawerOpen]);

  // Focus follows the drawer: into it when it opens (the current page's entry, else the first
  // one), back to the menu button when it closes with focus inside it (or lost to the body).
  const wasOpen = useRef(false);
  useEffect(() => {
    const nav = navRef.current;
    if (drawerOpen && nav) {
      const target = nav.querySelector<HTMLElement>('a[aria-current="page"]') ?? nav.querySelector<HTMLElement>('a, button');
      target?.focus();
    } else if (wasOpen.current) {
      const active = document.activeElement;
      if (!active || active === document.body || nav?.contains(active)) toggleRef.current?.focus();
    }
    wasOpen.current = drawerOpen;
  }, [drawerOpen]);

  return (
    <div className={drawerOpen ? 'main-layout is-nav-open' : 'main-layout'}>
      <a href="#main-content" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <IdleLogout minutes={viewer.idleTimeoutMinutes} />
      <AppHeader navId={NAV_ID} navOpen={drawerOpen} onToggleNav={toggleNav} navToggleRef={toggleRef} />
      <div className="main-body">
        <SideNav id={NAV_ID} ref={navRef} open={drawerOpen} onNavigate={closeNav} />
        {drawerOpen && <div className="nav-backdrop" aria-hidden="true" data-testid="nav-backdrop" onClick={closeNav} />}
        <main id="main-content" className="main-content" tabIndex={-1} inert={drawerOpen}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
