import { describe, expect, it } from 'vitest';
import { createI18nProvider } from '../i18n/index.ts';
import { collectionLabelOf, fieldLabelOf, rememberCollection, rememberFields } from './labels.ts';

describe('names as the user reads them', () => {
  it('gives a collection’s and a field’s name in the user’s language, else the other, else none', () => {
    rememberCollection('units', [
      { language: 'zh-CN', translation: '单位' },
      { language: 'en-US', translation: 'Units' },
    ]);
    rememberFields('units', [
      { field: 'contact_phone', meta: { translations: [{ language: 'zh-CN', translation: '联系电话' }] } },
      { field: 'remark', meta: null },
    ]);
    expect(collectionLabelOf('units', 'zh-CN')).toBe('单位');
    expect(collectionLabelOf('units', 'en-US')).toBe('Units');
    expect(fieldLabelOf('units', 'contact_phone', 'en-US')).toBe('联系电话');
    expect(fieldLabelOf('units', 'remark', 'zh-CN')).toBeNull();
    expect(fieldLabelOf('people', 'name', 'zh-CN')).toBeNull();
    expect(collectionLabelOf('__proto__', 'zh-CN')).toBeNull();
  });

  it('names the collection in Refine’s messages (保存单位失败, not 保存unit失败)', () => {
    rememberCollection('units', [{ language: 'zh-CN', translation: '单位' }]);
    const i18n = createI18nProvider('zh-CN', () => undefined);
    expect(i18n.translate('notifications.editError', { resource: i18n.translate('units.units', 'unit'), statusCode: 400 })).toBe(
      '保存单位失败（状态码：400）',
    );
    expect(i18n.translate('people.people', 'person')).toBe('person');
    expect(i18n.translate('units.people', 'x')).toBe('x');
  });
});
