import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface DrillPanelProps {
  id: string;
  title: string;
  /** Shown next to the title, e.g. the organisation. */
  subtitle?: string;
  testId: string;
  /** Extra attributes that tell tests which list this is. */
  data?: Record<`data-${string}`, string>;
  onClose: () => void;
  children: ReactNode;
}

/** The list behind a clicked count, below the count table. */
export function DrillPanel({ id, title, subtitle, testId, data, onClose, children }: DrillPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const ref = useRef<HTMLElement>(null);

  // Opening a list from a count near the bottom of the screen: bring the list into view.
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [title, subtitle]);

  return (
    <section ref={ref} id={id} className="panel drill-panel" aria-labelledby={headingId} data-testid={testId} {...data}>
      <div className="drill-header">
        <h2 id={headingId}>
          {title}
          {subtitle && <span className="drill-subtitle"> · {subtitle}</span>}
        </h2>
        <button type="button" className="button" onClick={onClose} data-testid="drill-close">
          {t('monitors.closeList')}
        </button>
      </div>
      {children}
    </section>
  );
}
