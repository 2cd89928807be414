import { afterAll, describe, expect, it } from 'vitest';
import { i18n } from '../../../lib/i18n';
import { refusalText } from '../refusal-text';

describe('refusalText', () => {
  afterAll(() => i18n.changeLanguage('en'));
  const refusal = { code: 'MIXED_POSITIONS', message: 'Batch dispatch needs work orders of one position; these are not: A (position 2), B (position 11).' };

  it('shows the server’s own detailed message on English screens', async () => {
    await i18n.changeLanguage('en');
    expect(refusalText(i18n.t, refusal)).toBe(`${refusal.message} (MIXED_POSITIONS)`);
  });

  it('shows the code’s Chinese text on Chinese screens, and the server’s message for a code it does not know', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(refusalText(i18n.t, refusal)).toBe('批量派发只能选择同一岗位的工单。（MIXED_POSITIONS）');
    expect(refusalText(i18n.t, { code: 'SOMETHING_NEW', message: 'Something new went wrong.' })).toBe('Something new went wrong.（SOMETHING_NEW）');
  });

  it('falls back to the generic failure text when there is no refusal', async () => {
    await i18n.changeLanguage('en');
    expect(refusalText(i18n.t, null)).toBe(i18n.t('common.loadFailed'));
  });
});
