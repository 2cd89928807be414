import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { filterMenu } from '../menu/filter-menu';
import type { MenuGroup } from '../menu/menu-definition';
import { useViewer } from '../session/viewer-context';
import './side-nav.css';

/** The left menu: the static menu tree cut down to `viewer.menus`. */
export function SideNav() {
  const { t } = useTranslation();
  const { menus } = useViewer();
  const groups = useMemo(() => filterMenu(menus), [menus]);

  return (
    <nav className="side-nav" aria-label={t('nav.label')}>
      <NavLink to="/" end className="nav-leaf nav-home" data-testid="nav-home">
        {t('nav.home')}
      </NavLink>
      {groups.map((group) => (
        <NavGroup key={group.code} group={group} />
      ))}
    </nav>
  );
}

function NavGroup({ group }: { group: MenuGroup }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  const listId = `nav-group-${group.code}`;

  return (
    <section className="nav-group" data-testid={`nav-${group.code}`}>
      <h2 className="nav-group-title">
        <button type="button" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
          <span className="nav-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {t(group.labelKey)}
        </button>
      </h2>
      <ul id={listId} hidden={!open}>
        {group.leaves.map((leaf) => (
          <li key={leaf.code}>
            {leaf.path ? (
              <NavLink to={leaf.path} className="nav-leaf" data-testid={`nav-${leaf.code}`}>
                {t(leaf.labelKey)}
              </NavLink>
            ) : (
              <span
                className="nav-leaf is-planned"
                aria-disabled="true"
                data-testid={`nav-${leaf.code}`}
                data-planned="true"
                title={t('nav.plannedHint')}
              >
                <span className="nav-leaf-label">{t(leaf.labelKey)}</span>
                <span className="badge">{t('nav.planned')}</span>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
