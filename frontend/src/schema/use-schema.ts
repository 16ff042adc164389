// Loads a collection's field and relation metadata from Directus (what this user
// may read of it) and turns it into FieldModels in the current language.

import { useApiUrl, useCustom, useGetLocale } from '@refinedev/core';
import { useMemo } from 'react';
import { fieldModels, type DirectusField, type DirectusRelation, type FieldModel } from './model.ts';

export function useCollectionSchema(collection: string): { models: FieldModel[]; isLoading: boolean; collectionLabel: string } {
  const apiUrl = useApiUrl();
  const locale = useGetLocale()() ?? 'zh-CN';
  const fields = useCustom<DirectusField[]>({ url: `${apiUrl}/fields/${collection}`, method: 'get', queryOptions: { staleTime: 30_000 } });
  const relations = useCustom<DirectusRelation[]>({ url: `${apiUrl}/relations/${collection}`, method: 'get', queryOptions: { staleTime: 30_000 } });
  const meta = useCustom<{ meta?: { translations?: { language: string; translation: string }[] | null } | null }>({ url: `${apiUrl}/collections/${collection}`, method: 'get', queryOptions: { staleTime: 30_000 } });
  const fieldList = fields.result?.data;
  const relationList = relations.result?.data;
  // Before the answer arrives Refine gives an empty object, not an array.
  const models = useMemo(() => fieldModels(Array.isArray(fieldList) ? fieldList : [], Array.isArray(relationList) ? relationList : [], locale), [fieldList, relationList, locale]);
  const translations = meta.result?.data?.meta?.translations ?? [];
  const collectionLabel = translations.find((t) => t.language === locale)?.translation ?? translations[0]?.translation ?? collection;
  return { models, isLoading: fields.query.isLoading || relations.query.isLoading, collectionLabel };
}
