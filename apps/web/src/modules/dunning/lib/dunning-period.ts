import type { TFunction } from 'i18next';

/** A schedule's period as people say it: "daily", "every 2 hours", "every 90 min". */
export function formatPeriod(minutes: number, t: TFunction): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? t('dunning.period.daily') : t('dunning.period.days', { n: minutes / 1440 });
  if (minutes % 60 === 0) return minutes === 60 ? t('dunning.period.hourly') : t('dunning.period.hours', { n: minutes / 60 });
  return t('dunning.period.minutes', { n: minutes });
}
