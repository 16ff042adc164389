// Loads a collection's field and relation metadata from Directus (what this user
// may read of it) and turns it into FieldModels in the current language.
// Metadata is kept in localStorage too (it holds no personal data), so a phone
// that opens the app offline still has its form labels and choices.

import { useApiUrl, useCustom, useGetLocale } from '@refinedev/core';
import { useEffect, useMemo } from 'react';
import { keep, readKept } from './kept.ts';
import { rememberCollection, rememberFields } from './labels.ts';
import {
  COLLECTIONS_PATH,
  type CollectionInfo,
  displayTemplates,
  fieldModels,
  presetLayout,
  type ListPreset,
  type StudioPreset,
  allowedFrom,
  readableFrom,
  type DirectusField,
  type DirectusRelation,
  type FieldModel,
  type Readable,
} from './model.ts';

/** GET of reference data: the server's answer, else the last one kept on this device. */
export function useCachedGet<T>(
  path: string,
  enabled = true,
): { data: T | undefined; isLoading: boolean; error: { statusCode?: number; message?: string } | null } {
  const apiUrl = useApiUrl();
  const { result, query } = useCustom<any>({
    url: `${apiUrl}${path}`,
    method: 'get',
    errorNotification: false,
    queryOptions: {
      enabled,
      staleTime: 30_000,
      initialData: () => {
        const kept = readKept(path);
        return kept === undefined ? undefined : { data: kept };
      },
      initialDataUpdatedAt: 0,
    },
  });
  useEffect(() => {
    if (query.isSuccess && query.dataUpdatedAt > 0 && !query.isPlaceholderData) keep(path, result.data);
  }, [query.dataUpdatedAt]);
  // Before any answer Refine gives an empty object.
  const data = result?.data;
  return {
    data: data && !(typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0) ? (data as T) : undefined,
    isLoading: query.isLoading,
    error: query.isError ? ((query.error as { statusCode?: number; message?: string } | null) ?? {}) : null,
  };
}

/**
 * A collection's field models. `ready` once both its fields and its relations are known (from
 * the server or kept on this device): before that, many-to-one fields are missing from the models.
 */
export function useCollectionSchema(collection: string): {
  models: FieldModel[];
  ready: boolean;
  isLoading: boolean;
  collectionLabel: string;
  /** Why the metadata could not be had (refused, or the server failed), when it could not and none is kept: the screen says so. */
  problem: { statusCode?: number; message?: string } | null;
  /** The collection's primary key field, once its fields are known. */
  primaryKey: string | undefined;
} {
  const locale = useGetLocale()() ?? 'zh-CN';
  const fields = useCachedGet<DirectusField[]>(`/fields/${collection}`);
  const relations = useCachedGet<DirectusRelation[]>(`/relations/${collection}`);
  const meta = useCachedGet<{ meta?: { translations?: { language: string; translation: string }[] | null } | null }>(
    `/collections/${collection}`,
  );
  // Relations without a template of their own show their records by their collection's display template.
  const collections = useCachedGet<CollectionInfo[]>(COLLECTIONS_PATH);
  const models = useMemo(
    () =>
      fieldModels(
        Array.isArray(fields.data) ? fields.data : [],
        Array.isArray(relations.data) ? relations.data : [],
        locale,
        displayTemplates(collections.data),
      ),
    [fields.data, relations.data, locale, collections.data],
  );
  // Remembered for messages written outside the screen (a refusal naming a field, Refine's 保存…失败).
  useEffect(() => {
    if (Array.isArray(fields.data)) rememberFields(collection, fields.data);
    rememberCollection(collection, meta.data?.meta?.translations);
  }, [collection, fields.data, meta.data]);
  const translations = meta.data?.meta?.translations ?? [];
  const collectionLabel = translations.find((t) => t.language === locale)?.translation ?? translations[0]?.translation ?? collection;
  const ready = Array.isArray(fields.data) && Array.isArray(relations.data) && models.length > 0;
  // Directus answers a collection the user may not read with no fields at all (or a 403).
  const problem = !Array.isArray(fields.data)
    ? fields.error
    : fields.data.length === 0
      ? { statusCode: 403 }
      : !Array.isArray(relations.data)
        ? relations.error
        : null;
  const primaryKey = Array.isArray(fields.data) ? fields.data.find((f) => f.schema?.is_primary_key)?.field : undefined;
  return { models, ready, isLoading: fields.isLoading || relations.isLoading, collectionLabel, problem, primaryKey };
}

const ALL: Readable = () => ['*'];

/** What this user may read of each collection (GET /permissions/me), for the fields a request asks for; null while loading. */
export function useReadable(): Readable | null {
  const apiUrl = useApiUrl();
  const me = useCustom<any>({ url: `${apiUrl}/permissions/me`, method: 'get', queryOptions: { staleTime: 60_000 } });
  const data = me.query.isSuccess ? me.result?.data : undefined;
  const readable = useMemo(() => (data ? readableFrom(data) : null), [data]);
  // Without an answer, ask as before: the server still refuses what the user may not read.
  return me.query.isError ? ALL : readable;
}

/** Whether this user may change a field of some items of a collection (GET /permissions/me): what to offer, the server decides. */
export function useMayUpdate(collection: string, field: string): boolean {
  const apiUrl = useApiUrl();
  const me = useCustom<any>({ url: `${apiUrl}/permissions/me`, method: 'get', queryOptions: { staleTime: 60_000 } });
  const data = me.query.isSuccess ? me.result?.data : undefined;
  const fields = data ? allowedFrom(data, 'update')(collection) : null;
  return Boolean(fields && (fields.includes('*') || fields.includes(field)));
}

/** Values the server presets on create for this user (GET /permissions/me), such as their own unit; null while loading. */
export function useCreatePresets(collection: string): Record<string, unknown> | null {
  const apiUrl = useApiUrl();
  const me = useCustom<any>({ url: `${apiUrl}/permissions/me`, method: 'get', queryOptions: { staleTime: 60_000 } });
  // Only an answer counts: a query not yet started is not "no presets" (the form would start without the user's unit).
  if (!me.query.isSuccess && !me.query.isError) return null;
  const presets = (me.result?.data as Record<string, { create?: { presets?: Record<string, unknown> | null } }> | undefined)?.[collection]
    ?.create?.presets;
  return presets && typeof presets === 'object' ? presets : {};
}

/** The list's columns, order and filter as saved in Studio for this collection (its table layout preset); null while loading. */
export function useListPreset(collection: string): ListPreset | null {
  const presets = useCachedGet<StudioPreset[]>(
    `/presets?filter[collection][_eq]=${encodeURIComponent(collection)}&filter[bookmark][_null]=true&fields=id,user,role,filter,layout_query&limit=-1`,
  );
  if (Array.isArray(presets.data)) return presetLayout(presets.data);
  // No answer to wait for (refused, failed): the defaults.
  return presets.isLoading ? null : { fields: null, sort: null, filter: null };
}
