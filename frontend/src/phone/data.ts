// The phone app's access to Directus without Refine: the same client (session
// cookie), the same auth provider as the office app, reference data kept on the
// device for offline use, and the matters' words from the server's metadata.

import { customEndpoint } from '@directus/sdk';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { directus } from '../directus.ts';
import { say, storedLocale } from '../i18n/index.ts';
import { matterWords } from '../matters/words.ts';
import { createAuthProvider } from '../providers/auth-provider.ts';
import { toHttpError } from '../providers/data-provider.ts';
import { keep, readKept } from '../schema/kept.ts';
import {
  COLLECTIONS_PATH,
  type CollectionInfo,
  type DirectusField,
  type DirectusRelation,
  displayTemplates,
  fieldModels,
} from '../schema/model.ts';

/** The phone's words (the app reloads on a language switch). */
export const t = say;

/** Login, logout, who is signed in (the office app's provider: one place for the session rules). */
export const auth = createAuthProvider(directus, t, () => undefined);

const inFlight = new Map<string, Promise<unknown>>();

/** GET of an API path (one request at a time per path); errors as { statusCode, message } (statusCode 0: no network). */
export function get<T>(path: string): Promise<T> {
  let request = inFlight.get(path);
  if (!request) {
    request = directus
      .request(customEndpoint({ path, method: 'GET' }))
      .catch((error) => {
        throw toHttpError(error);
      })
      .finally(() => inFlight.delete(path));
    inFlight.set(path, request);
  }
  return request as Promise<T>;
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  try {
    return (await directus.request(customEndpoint({ path, method: 'POST', body: JSON.stringify(body) }))) as T;
  } catch (error) {
    throw toHttpError(error);
  }
}

export interface Loaded<T> {
  data: T | undefined;
  error: { statusCode: number; message: string } | null;
  loading: boolean;
  reload: () => void;
}

/** The last answer to each path in this page's life: a screen drawn again (the office app taking over from the first screen, a tab opened again) shows it at once while it asks again. */
const remembered = new Map<string, unknown>();
const lastAnswer = <T>(path: string | null, kept?: boolean): T | undefined =>
  path ? ((remembered.get(path) as T | undefined) ?? (kept ? readKept<T>(path) : undefined)) : undefined;

/** Loads once (and on reload()); the last answer is shown first, with `kept` also after a reload of the page and kept for offline use. */
export function useLoad<T>(path: string | null, options: { kept?: boolean } = {}): Loaded<T> {
  const [data, setData] = useState<T | undefined>(() => lastAnswer<T>(path, options.kept));
  const [shownPath, setShownPath] = useState(path);
  const [error, setError] = useState<Loaded<T>['error']>(null);
  const [loading, setLoading] = useState(Boolean(path));
  const [round, setRound] = useState(0);
  if (shownPath !== path) {
    setShownPath(path);
    setData(lastAnswer<T>(path, options.kept));
  }
  useEffect(() => {
    if (!path) return;
    let live = true;
    setLoading(true);
    get<T>(path)
      .then((answer) => {
        remembered.set(path, answer);
        if (!live) return;
        setData(answer);
        setError(null);
        if (options.kept) keep(path, answer);
      })
      .catch((e) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [path, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload };
}

/** The matters' words and field models in the current language, kept for offline use. */
export function useMatterWords() {
  const locale = storedLocale();
  const matters = useLoad<DirectusField[]>('/fields/matters', { kept: true }).data;
  const relations = useLoad<DirectusRelation[]>('/relations/matters', { kept: true }).data;
  const steps = useLoad<DirectusField[]>('/fields/matter_steps', { kept: true }).data;
  const collections = useLoad<CollectionInfo[]>(COLLECTIONS_PATH, { kept: true }).data;
  return useMemo(
    () =>
      matterWords(fieldModels(matters ?? [], relations ?? [], locale, displayTemplates(collections)), fieldModels(steps ?? [], [], locale)),
    [matters, relations, steps, locale, collections],
  );
}
