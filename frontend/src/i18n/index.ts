// Refine's i18nProvider over our two dictionaries. Chinese unless the user chose
// English (kept in localStorage: a preference, not a credential).

import type { I18nProvider } from '@refinedev/core';
import enUS from './en-US.ts';
import zhCN from './zh-CN.ts';

export type Locale = 'zh-CN' | 'en-US';
const DICTIONARIES: Record<Locale, object> = { 'zh-CN': zhCN, 'en-US': enUS };
const STORAGE_KEY = 'zongzhi.locale';

export function storedLocale(): Locale {
  const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return value === 'en-US' ? 'en-US' : 'zh-CN';
}

/** Looks a dotted key up and fills `{{name}}` placeholders; undefined when the key is unknown. */
export function lookup(locale: Locale, key: string, params: Record<string, unknown> = {}): string | undefined {
  let node: unknown = DICTIONARIES[locale];
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== 'string') return undefined;
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

export function createI18nProvider(locale: Locale, onChange: (locale: Locale) => void): I18nProvider {
  return {
    translate: (key, options, defaultMessage) => {
      const params = typeof options === 'object' && options ? (options as Record<string, unknown>) : {};
      const fallback = typeof options === 'string' ? options : defaultMessage;
      return lookup(locale, key, params) ?? fallback ?? key;
    },
    changeLocale: async (next) => {
      const value: Locale = next === 'en-US' ? 'en-US' : 'zh-CN';
      localStorage.setItem(STORAGE_KEY, value);
      onChange(value);
    },
    // From storage, not the closure: Refine may hold on to an earlier provider object.
    getLocale: () => storedLocale(),
  };
}
