// 待发送: reports made without a network, or while the server cannot take them for a
// moment (its database restarting: 502/503/504), wait in IndexedDB with their photos and
// are sent when the network returns, and every half minute. One sender at a time (Web Locks across tabs);
// a report leaves the outbox only after the server has accepted it, so a failed
// send never loses it.

export interface QueuedFile {
  name: string;
  type: string;
  blob: Blob;
  /** The administrator's file field it fills; else it is one of the report's attachments. */
  field?: string;
}

export interface QueuedReport {
  id: string;
  createdAt: string;
  report: Record<string, unknown>;
  files: QueuedFile[];
  /** The last failure, shown beside the report. */
  error?: string;
}

const DB = 'zongzhi-outbox';
const STORE = 'reports';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const request = run(t.objectStore(STORE));
      t.oncomplete = () => resolve(request.result);
      t.onerror = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

export const outbox = {
  list: async () => ((await tx('readonly', (s) => s.getAll())) as QueuedReport[]).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  put: (item: QueuedReport) => tx('readwrite', (s) => s.put(item)),
  remove: (id: string) => tx('readwrite', (s) => s.delete(id)),
};

export type Sender = (item: QueuedReport) => Promise<void>;

/** Answers that mean the server cannot take the report for a moment: the proxy found no instance, the database is out of reach. */
const PASSING = new Set([502, 503, 504]);

/** Whether the server is out of reach for a moment (keep the report queued and send it again) rather than refusing it. */
export function serverBusy(error: unknown): boolean {
  return typeof error === 'object' && error !== null && PASSING.has((error as { statusCode?: number }).statusCode ?? 0);
}

/** Whether an error means "no network", or the server out of reach for a moment (keep it queued), rather than a refusal. */
export function isOffline(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    (typeof error === 'object' && error !== null && (error as { statusCode?: number }).statusCode === 0) ||
    serverBusy(error)
  );
}

const listeners = new Set<() => void>();
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const changed = () => {
  for (const l of listeners) l();
};

export async function enqueue(item: QueuedReport): Promise<void> {
  await outbox.put(item);
  changed();
}

/** Sends what is queued, oldest first; stops at the first network failure. */
export async function flush(send: Sender): Promise<number> {
  const run = async () => {
    let sent = 0;
    for (const item of await outbox.list()) {
      try {
        await send(item);
        await outbox.remove(item.id);
        sent++;
      } catch (error) {
        if (isOffline(error)) break;
        // Refused by the server: keep it, with the reason, for the user to see.
        await outbox.put({ ...item, error: (error as Error)?.message ?? String(error) });
      }
      changed();
    }
    return sent;
  };
  return navigator.locks ? navigator.locks.request('zongzhi-outbox', run) : run();
}
