import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';

export interface TrailItem {
  /** Null: the top of the viewer's data permissions (several organisations). */
  id: string | null;
  name: string;
  nameEn: string;
}

/** Where the breakdown stands (province › city › district); earlier steps go back up. */
export function OrganisationTrail({ items, onSelect }: { items: readonly TrailItem[]; onSelect: (id: string | null) => void }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  if (items.length === 0) return null;
  return (
    <nav className="org-trail" aria-label={t('preAlarm.trailLabel')} data-testid="pre-alarm-trail">
      <ol>
        {items.map((item, i) => {
          const last = i === items.length - 1;
          const name = localName(item, lng);
          return (
            <li key={item.id ?? 'top'}>
              {last ? (
                <span aria-current="location" data-testid="pre-alarm-trail-current">
                  {name}
                </span>
              ) : (
                <button type="button" className="org-button" onClick={() => onSelect(item.id)}>
                  {name}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
