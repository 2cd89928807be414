import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from './action-dialog';
import './selection-dialog.css';

export interface SelectionItem {
  /** What is picked (e.g. a code). */
  key: string;
  /** The option's main text. */
  label: string;
  /** Secondary text after it (e.g. the code, a version). */
  detail?: string;
  /** Extra text the search also matches (e.g. the other language's name). */
  searchText?: string;
}

interface SelectionDialogProps {
  title: string;
  testId: string;
  items: readonly SelectionItem[];
  /** The key picked so far, preselected. */
  selected: string | null;
  loading?: boolean;
  onPick: (key: string) => void;
  onClose: () => void;
}

/**
 * A selection dialog (选择对话框): a search box over a list of options, one of which is picked with
 * Choose. Opened from another dialog, it is rendered next to it (not inside its form) and sits on top.
 */
export function SelectionDialog({ title, testId, items, selected, loading, onPick, onClose }: SelectionDialogProps) {
  const { t } = useTranslation();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string | null>(selected);
  const [error, setError] = useState<string | null>(null);
  const text = search.trim().toLowerCase();
  const shown = useMemo(() => items.filter((item) => !text || `${item.key} ${item.label} ${item.detail ?? ''} ${item.searchText ?? ''}`.toLowerCase().includes(text)), [items, text]);

  return (
    <ActionDialog
      title={title}
      testId={testId}
      onClose={onClose}
      onSubmit={() => {
        if (chosen === null) setError(t('selection.pickOne'));
        else onPick(chosen);
      }}
      submitLabel={t('selection.choose')}
      error={error}
    >
      <div className="field">
        <label htmlFor={searchId}>{t('selection.search')}</label>
        <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid={`${testId}-search`} />
      </div>
      <fieldset className="selection-list" data-testid={`${testId}-list`}>
        <legend>{t('selection.options', { shown: shown.length, total: items.length })}</legend>
        {loading && items.length === 0 && <p role="status">{t('common.loading')}</p>}
        {!loading && shown.length === 0 && (
          <p className="muted" data-testid={`${testId}-none`}>
            {t('selection.none')}
          </p>
        )}
        {shown.map((item) => (
          <label key={item.key} className={chosen === item.key ? 'selected' : undefined}>
            <input
              type="radio"
              name={`${testId}-option`}
              value={item.key}
              checked={chosen === item.key}
              onChange={() => {
                setChosen(item.key);
                setError(null);
              }}
              data-testid={`${testId}-option`}
              data-key={item.key}
            />
            <span>{item.label}</span>
            {item.detail && <span className="mono muted">{item.detail}</span>}
          </label>
        ))}
      </fieldset>
    </ActionDialog>
  );
}
