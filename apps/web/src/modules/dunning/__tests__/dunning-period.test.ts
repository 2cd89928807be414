import { afterAll, describe, expect, it } from 'vitest';
import { i18n } from '../../../lib/i18n';
import { formatPeriod } from '../lib/dunning-period';

describe('formatPeriod', () => {
  afterAll(() => i18n.changeLanguage('en'));

  it('says a period in days, hours or minutes, whichever divides it', async () => {
    await i18n.changeLanguage('en');
    expect([1440, 4320, 60, 120, 90, 1].map((m) => formatPeriod(m, i18n.t))).toEqual(['daily', 'every 3 days', 'hourly', 'every 2 hours', 'every 90 min', 'every 1 min']);
  });

  it('in Chinese too', async () => {
    await i18n.changeLanguage('zh-CN');
    expect([1440, 2880, 60, 180, 45].map((m) => formatPeriod(m, i18n.t))).toEqual(['每天', '每 2 天', '每小时', '每 3 小时', '每 45 分钟']);
  });
});
