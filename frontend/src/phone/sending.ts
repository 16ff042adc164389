// Sending reports: photos and videos uploaded first (each remembered, so a
// retry does not upload it twice), then the matter raised with the report's
// client_ref, which the server accepts once. The outbox (./outbox.ts) is sent
// while the app is open and whenever the network comes back.

import { customEndpoint, uploadFiles } from '@directus/sdk';
import { useEffect, useState } from 'react';
import { directus } from '../directus.ts';
import { toHttpError } from '../providers/data-provider.ts';
import { flush, onOutboxChange, outbox, type QueuedReport } from './outbox.ts';

/** Uploads the files not yet uploaded (remembering each), then raises the matter. */
export async function sendReport(item: QueuedReport & { uploaded?: string[] }): Promise<void> {
  const uploaded = [...(item.uploaded ?? [])];
  try {
    for (const file of item.files.slice(uploaded.length)) {
      const form = new FormData();
      form.append('file', file.blob, file.name);
      const stored = (await directus.request(uploadFiles(form, { fields: ['id'] }))) as { id: string };
      uploaded.push(stored.id);
      await outbox.put({ ...item, uploaded } as QueuedReport).catch(() => undefined);
    }
    // A file of a field of its own goes in that field; the others are the report's attachments.
    const inFields = Object.fromEntries(item.files.flatMap((f, i) => (f.field ? [[f.field, uploaded[i]]] : [])));
    const attachments = uploaded.filter((_, i) => !item.files[i]!.field);
    await directus.request(
      customEndpoint({
        path: '/matters/report',
        method: 'POST',
        body: JSON.stringify({ ...item.report, ...inFields, attachments, client_ref: item.id }),
      }),
    );
  } catch (error) {
    throw toHttpError(error);
  }
}

/** What waits in the outbox (待发送), kept up to date. */
export function useOutbox(): QueuedReport[] {
  const [items, setItems] = useState<QueuedReport[]>([]);
  useEffect(() => {
    const load = () =>
      void outbox
        .list()
        .then(setItems)
        .catch(() => setItems([]));
    load();
    return onOutboxChange(load);
  }, []);
  return items;
}

/** How often what waits is tried again while the app is open (a server out of reach fires no `online`). */
const RETRY_MS = 30_000;

/** Sends the outbox now, whenever the browser comes back online, and every half minute. */
export function useOutboxSender(onSent: (count: number) => void) {
  useEffect(() => {
    const run = () =>
      void flush(sendReport)
        .then((n) => n > 0 && onSent(n))
        .catch(() => undefined);
    run();
    window.addEventListener('online', run);
    const timer = window.setInterval(run, RETRY_MS);
    return () => {
      window.removeEventListener('online', run);
      window.clearInterval(timer);
    };
  }, []);
}
