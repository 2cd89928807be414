import { afterAll, describe, expect, it } from 'vitest';
import { i18n } from '../../../lib/i18n';
import { typeErrorText } from '../type-error-text';

describe('typeErrorText', () => {
  afterAll(() => i18n.changeLanguage('en'));
  const inUse = { code: 'IN_USE', message: 'Work-order type INSTALL cannot be deleted: it is created by 2 workflow steps: BROADBAND_NEW v1 · INSTALL, BROADBAND_MOVE v1 · INSTALL.' };

  it('shows the server’s own message on English screens', async () => {
    await i18n.changeLanguage('en');
    expect(typeErrorText(i18n.t, inUse)).toBe(inUse.message);
    expect(typeErrorText(i18n.t, { code: 'DUPLICATE_CODE', message: 'Work-order type code INSTALL is taken (装机).' })).toBe('Work-order type code INSTALL is taken (装机).');
  });

  it('translates the code on Chinese screens, keeping the server’s list of what uses the record', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(typeErrorText(i18n.t, { code: 'DUPLICATE_CODE', message: 'taken' })).toBe('编码已被使用，请换一个。');
    expect(typeErrorText(i18n.t, inUse)).toBe(`仍在使用，不能删除：${inUse.message}`);
    expect(typeErrorText(i18n.t, { code: 'SOMETHING_NEW', message: 'Something new.' })).toBe('Something new.');
  });

  it('falls back to a generic text when there is no refusal', async () => {
    await i18n.changeLanguage('en');
    expect(typeErrorText(i18n.t, null)).toBe('The change was not saved.');
  });
});
