import { currentLanguage } from '../../../lib/i18n';

export type CountTone = 'normal' | 'warning' | 'overdue' | 'failed';

interface CountButtonProps {
  value: number;
  tone: CountTone;
  /** Accessible name, e.g. "Overdue orders, Tianhe: 3". */
  label: string;
  /** Its list is open. */
  expanded: boolean;
  /** Id of the list it opens. */
  controls: string;
  onClick: () => void;
  data?: Record<`data-${string}`, string>;
}

/**
 * A count that opens its list: a button (keyboard reachable), coloured by what it counts. Zero has
 * no list worth opening: it is plain, muted text.
 */
export function CountButton({ value, tone, label, expanded, controls, onClick, data }: CountButtonProps) {
  const text = value.toLocaleString(currentLanguage());
  if (value === 0) {
    return (
      <span className="count-zero" data-count={0} {...data}>
        {text}
      </span>
    );
  }
  return (
    <button
      type="button"
      className={`count-button is-${tone}`}
      aria-label={label}
      aria-expanded={expanded}
      aria-controls={expanded ? controls : undefined}
      data-count={value}
      onClick={onClick}
      {...data}
    >
      {text}
    </button>
  );
}
