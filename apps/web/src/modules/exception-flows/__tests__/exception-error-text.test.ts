import { afterAll, describe, expect, it } from 'vitest';
import { i18n } from '../../../lib/i18n';
import { exceptionErrorText } from '../exception-error-text';

describe('exceptionErrorText', () => {
  afterAll(() => i18n.changeLanguage('en'));
  const inUse = { code: 'IN_USE', message: 'Exception type LINE_FAULT cannot be deleted: 1 exception transition uses it: FIXED_NEW v1 · INSTALL → WIRING.' };

  it('shows the server’s own message on English screens', async () => {
    await i18n.changeLanguage('en');
    expect(exceptionErrorText(i18n.t, inUse)).toBe(inUse.message);
    expect(exceptionErrorText(i18n.t, null)).toBe('The change was not saved.');
  });

  it('translates the code on Chinese screens, keeping the server’s list of the transitions that use the type', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(exceptionErrorText(i18n.t, inUse)).toBe(`仍被异常流程使用，不能删除：${inUse.message}`);
    expect(exceptionErrorText(i18n.t, { code: 'MANUAL_TYPE', message: 'manual' })).toBe('人工异常不能删除，也不能配置流程。');
    expect(exceptionErrorText(i18n.t, { code: 'SOMETHING_NEW', message: 'Something new.' })).toBe('Something new.');
  });
});
