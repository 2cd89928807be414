import { useMemo, useState, type MouseEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { filterMenu } from '../menu/filter-menu';
import { MENU, type MenuGroup } from '../menu/menu-definition';
import { useViewer } from '../session/viewer-context';
import './side-nav.css';

interface SideNavProps {
  id?: string;
  ref?: Ref<HTMLElement>;
  /** Shown as a drawer (narrow screens only; on wide screens the menu is always there). */
  open?: boolean;
  /** A link of the menu was followed (the drawer closes, also when it is the current page). */
  onNavigate?: () => void;
  /** The menu tree to cut down (the product's by default). */
  menu?: readonly MenuGroup[];
}

/** The left menu: the static menu tree cut down to `viewer.menus`. */
export function SideNav({ id, ref, open = false, onNavigate, menu = MENU }: SideNavProps) {
  const { t } = useTranslation();
  const { menus, permissions } = useViewer();
  const groups = useMemo(() => filterMenu(menus, menu, permissions), [menus, menu, permissions]);

  const onClick = (e: MouseEvent<HTMLElement>) => {
    if (onNavigate && (e.target as Element).closest('a[href]')) onNavigate();
  };

  return (
    <nav id={id} ref={ref} className={open ? 'side-nav is-open' : 'side-nav'} aria-label={t('nav.label')} onClick={onClick}>
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
        {group.leaves.map((leaf) => {
          const label = t(leaf.labelKey);
          return (
            <li key={leaf.code}>
              {leaf.path ? (
                <NavLink to={leaf.path} className="nav-leaf" data-testid={`nav-${leaf.code}`}>
                  <span className="nav-leaf-label">{label}</span>
                </NavLink>
              ) : (
                <span
                  className="nav-leaf is-planned"
                  aria-disabled="true"
                  data-testid={`nav-${leaf.code}`}
                  data-planned="true"
                  title={t('nav.plannedTitle', { label, hint: t('nav.plannedHint') })}
                >
                  <span className="nav-leaf-label">{label}</span>
                  <span className="badge">{t('nav.planned')}</span>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
