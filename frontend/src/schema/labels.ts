// The names of collections and fields as the user reads them, kept as the app learns them
// (the menu's collections, each form's fields), for messages written outside a screen:
// Refine's 保存{{resource}}失败 and a validation refusal naming a field ("contact_phone"
// becomes 联系电话). In the user's language when it has one, else the other, else the name.

type Translations = readonly { language: string; translation: string }[] | null | undefined;

const collections = new Map<string, Translations>();
const fields = new Map<string, Map<string, Translations>>();

export function rememberCollection(collection: string, translations: Translations): void {
  if (translations?.length) collections.set(collection, translations);
}

export function rememberFields(
  collection: string,
  list: readonly { field: string; meta?: { translations?: Translations } | null }[],
): void {
  fields.set(collection, new Map(list.map((f) => [f.field, f.meta?.translations])));
}

const inLanguage = (translations: Translations, locale: string) =>
  translations?.find((t) => t.language === locale)?.translation ?? translations?.[0]?.translation ?? null;

export const collectionLabelOf = (collection: string, locale: string): string | null => inLanguage(collections.get(collection), locale);

export const fieldLabelOf = (collection: string, field: string, locale: string): string | null =>
  inLanguage(fields.get(collection)?.get(field), locale);
