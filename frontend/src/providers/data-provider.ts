// Refine's data provider on @directus/sdk. Works for our collections
// (`/items/<collection>`) and Directus's own (`directus_users` → `/users`).
//
// meta of a call: `fields` (Directus field list, relations with dots: `category.name`),
// `deep`, `search`; for lists `primaryKey` (count distinct keys) or `countless` (no total asked:
// the page and whether another follows). A filter on field `q` is free-text search too.

import { customEndpoint, isDirectusError, type RestClient } from '@directus/sdk';
import type { BaseRecord, DataProvider, HttpError } from '@refinedev/core';
import { lookup, storedLocale } from '../i18n/index.ts';
import { fieldLabelOf } from '../schema/labels.ts';
import { rememberDetail } from './error-details.ts';
import { errorText } from './error-text.ts';
import { countlessPage, countlessResult, searchOf, toDirectusFilter, toDirectusPage, toDirectusSort } from './filters.ts';

type Client = RestClient<any>;
type Query = Record<string, unknown>;
type Id = string | number;

function collectionPath(resource: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(resource)) throw new Error(`not a collection name: ${resource}`);
  return resource.startsWith('directus_') ? `/${resource.slice('directus_'.length)}` : `/items/${resource}`;
}

/**
 * An SDK error as Refine's HttpError: the status, the error code, the message in the
 * user's language (error-text.ts) and the server's own words as `detail`.
 */
export function toHttpError(error: unknown, collection?: string): HttpError & { code?: string; detail?: string } {
  const locale = storedLocale();
  const say = (key: string, params?: Record<string, unknown>) => lookup(locale, key, params) ?? key;
  const label = (field: string) => (collection ? fieldLabelOf(collection, field, locale) : null);
  const explained = (statusCode: number, detail: string, code?: string) => {
    const message = errorText({ statusCode, code, message: detail }, say, label);
    rememberDetail(message, { statusCode, code, detail: detail === 'network' ? '' : detail });
    return {
      message,
      statusCode,
      code,
      detail,
      errors: undefined,
    } as HttpError & {
      code?: string;
      detail?: string;
    };
  };
  if (isDirectusError(error)) {
    const response = (error as { response?: Response }).response;
    const first = error.errors?.[0];
    return explained(response?.status ?? 500, first?.message ?? error.message, first?.extensions?.code as string | undefined);
  }
  if (error instanceof TypeError) return explained(0, 'network');
  return explained(500, error instanceof Error ? error.message : String(error));
}

export function createDataProvider(client: Client, apiUrl: string): DataProvider {
  const call = async <T>(method: string, path: string, query?: Query, body?: unknown): Promise<T> => {
    const collection = path.startsWith('/items/') ? path.slice('/items/'.length).split('/')[0] : `directus_${path.slice(1).split('/')[0]}`;
    try {
      return (await client.request(() => ({
        method: method as 'GET',
        path,
        params: query ?? {},
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }))) as T;
    } catch (error) {
      throw toHttpError(error, collection);
    }
  };
  const fieldsOf = (meta?: Record<string, any>) => (meta?.fields as string[] | undefined) ?? ['*'];

  return {
    getApiUrl: () => apiUrl,

    async getList({ resource, pagination, sorters, filters, meta }) {
      // meta.filter: a Directus filter of the list itself (the Studio preset's), under the user's own.
      const own = toDirectusFilter(filters);
      const fixed = meta?.filter as Record<string, unknown> | undefined;
      const filter = fixed && own ? { _and: [fixed, own] } : (fixed ?? own);
      const search = (meta?.search as string | undefined) || searchOf(filters);
      const query: Query = {
        fields: fieldsOf(meta),
        ...toDirectusPage(pagination),
        sort: toDirectusSort(sorters),
        filter,
        search,
        deep: meta?.deep,
      };
      // A list that asks no total (meta.countless) gets its page and whether another follows.
      if (meta?.countless && query.limit !== -1) {
        const { limit, offset } = countlessPage(pagination);
        const rows = await call<BaseRecord[]>('GET', collectionPath(resource), { ...query, page: undefined, limit, offset });
        return countlessResult(rows, pagination) as { data: any; total: number };
      }
      // The count of everything the filter matches, in the same round trip time. A list that knows its
      // collection's key (meta.primaryKey) counts distinct keys: a rule that reaches through a one-to-many
      // relation (a matter seen as a unit it passed through) joins its rows, and a plain count would count
      // a matter once per such row.
      const key = meta?.primaryKey as string | undefined;
      const countOf = async () => {
        if (!key) {
          const rows = await call<{ count: number | string }[]>('GET', collectionPath(resource), {
            filter,
            search,
            aggregate: { count: '*' },
          });
          return Number(rows[0]?.count ?? 0);
        }
        const rows = await call<{ countDistinct: Record<string, number | string> }[]>('GET', collectionPath(resource), {
          filter,
          search,
          aggregate: { countDistinct: key },
        });
        return Number(rows[0]?.countDistinct?.[key] ?? 0);
      };
      const [data, total] = await Promise.all([call<BaseRecord[]>('GET', collectionPath(resource), query), countOf()]);
      return { data: data as any, total };
    },

    async getMany({ resource, ids, meta }) {
      const data = await call<BaseRecord[]>('GET', collectionPath(resource), {
        fields: fieldsOf(meta),
        filter: { id: { _in: ids } },
        limit: -1,
      });
      return { data: data as any };
    },

    async getOne({ resource, id, meta }) {
      return {
        data: await call<any>('GET', `${collectionPath(resource)}/${encodeURIComponent(String(id))}`, {
          fields: fieldsOf(meta),
          deep: meta?.deep,
        }),
      };
    },

    async create({ resource, variables, meta }) {
      return { data: await call<any>('POST', collectionPath(resource), { fields: fieldsOf(meta) }, variables) };
    },

    async createMany({ resource, variables, meta }) {
      return { data: await call<any[]>('POST', collectionPath(resource), { fields: fieldsOf(meta) }, variables) };
    },

    async update({ resource, id, variables, meta }) {
      return {
        data: await call<any>(
          'PATCH',
          `${collectionPath(resource)}/${encodeURIComponent(String(id))}`,
          { fields: fieldsOf(meta) },
          variables,
        ),
      };
    },

    async updateMany({ resource, ids, variables, meta }) {
      return { data: await call<any[]>('PATCH', collectionPath(resource), { fields: fieldsOf(meta) }, { keys: ids, data: variables }) };
    },

    async deleteOne({ resource, id }) {
      await call('DELETE', `${collectionPath(resource)}/${encodeURIComponent(String(id))}`);
      return { data: { id } as any };
    },

    async deleteMany({ resource, ids }) {
      await call('DELETE', collectionPath(resource), undefined, ids as Id[]);
      return { data: ids.map((id) => ({ id })) as any };
    },

    async custom({ url, method, payload, query }) {
      const path = url.startsWith(apiUrl) ? url.slice(apiUrl.length) : url;
      try {
        const data = await client.request(
          customEndpoint({
            path,
            method: method.toUpperCase() as 'GET',
            params: (query ?? {}) as Record<string, string>,
            ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
          }),
        );
        return { data: data as any };
      } catch (error) {
        throw toHttpError(error);
      }
    },
  };
}
