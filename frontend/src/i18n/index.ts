// Refine's i18nProvider over our two dictionaries. Chinese unless the user chose
// English (kept in localStorage: a preference, not a credential).

import type { I18nProvider } from '@refinedev/core';
import zhCN from './zh-CN.ts';
import { collectionLabelOf } from '../schema/labels.ts';

export type Locale = 'zh-CN' | 'en-US';
/** Chinese is part of the first load; English is fetched by those who choose it (loadLocale). */
const DICTIONARIES: Partial<Record<Locale, object>> = { 'zh-CN': zhCN };

/** Makes the locale's dictionary ready: the app waits for it before drawing, and before switching. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'en-US' && !DICTIONARIES['en-US']) DICTIONARIES['en-US'] = (await import('./en-US.ts')).default;
}
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

/**
 * The current locale's text for a key, outside React's hooks (pure modules, the
 * phone app): the locale is read when called, so a screen drawn after the switch
 * speaks the new language.
 */
export function say(key: string, params?: Record<string, unknown>): string {
  return lookup(storedLocale(), key, params) ?? key;
}

/**
 * A word of a vocabulary the code owns (levels, jobs, document kinds …): Chinese
 * from the code's own table (its one source), English from `words.<vocabulary>.<value>`
 * of the English dictionary. An unknown value is shown as it is.
 */
export function word(vocabulary: string, table: Readonly<Record<string, string>>, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const english = storedLocale() === 'en-US' ? lookup('en-US', `words.${vocabulary}.${value}`) : undefined;
  return english ?? table[value] ?? value;
}

/** A refusal of a posted action in the user's words: 403 not allowed, 409 could not be done, otherwise a bad submission; `reason` is the server's. */
export function refusal(statusCode: number | undefined, reason: string): string {
  return say(statusCode === 403 ? 'errors.refusedForbidden' : statusCode === 409 ? 'errors.refusedConflict' : 'errors.refusedInvalid', {
    reason,
  });
}

/** A refused request's error (toHttpError) in the user's words, the server's reason without Directus's wrapping. */
export function refusalOf(error: { statusCode?: number; message?: string }): string {
  return refusal(error.statusCode, (error.message ?? '').replace(/^Invalid payload\. /, '').replace(/\.$/, ''));
}

export function createI18nProvider(locale: Locale, onChange: (locale: Locale) => void): I18nProvider {
  return {
    translate: (key, options, defaultMessage) => {
      const params = typeof options === 'object' && options ? (options as Record<string, unknown>) : {};
      const fallback = typeof options === 'string' ? options : defaultMessage;
      // Refine names a collection by the key `units.units`: its name as the schema gives it (labels.ts).
      const collection = /^([a-z][a-z0-9_]*)\.\1$/.exec(key)?.[1];
      const named = collection ? collectionLabelOf(collection, locale) : null;
      return lookup(locale, key, params) ?? named ?? fallback ?? key;
    },
    changeLocale: async (next) => {
      const value: Locale = next === 'en-US' ? 'en-US' : 'zh-CN';
      await loadLocale(value);
      localStorage.setItem(STORAGE_KEY, value);
      onChange(value);
    },
    // From storage, not the closure: Refine may hold on to an earlier provider object.
    getLocale: () => storedLocale(),
  };
}

/** 中文 ⇄ English for the light screens (the phone's, the office's first screen): kept, then the page drawn again in it. */
export function switchLanguageAndReload(): void {
  void createI18nProvider(storedLocale(), () => window.location.reload()).changeLocale(storedLocale() === 'zh-CN' ? 'en-US' : 'zh-CN');
}
