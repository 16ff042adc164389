// Which door a request came through, for records written deep inside a service
// (the audit log, the read log): Directus hands hooks the accountability (user,
// address, user agent) but not the request. A middleware registered after the
// body is parsed (`routes.before`) keeps these facts for the rest of the request.

import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestFacts {
  /** Method and path, without the query string: `GET /items/people`, `POST /graphql`. */
  door: string;
  ip: string | null;
  userAgent: string | null;
}

const storage = new AsyncLocalStorage<RequestFacts>();

/** The longest door kept: paths longer than this are cut (a door names a route, not a payload). */
const DOOR_LENGTH = 200;

interface RequestLike {
  method: string;
  originalUrl?: string;
  url: string;
  ip?: string;
  get(header: string): string | undefined;
}

export function requestFacts(req: RequestLike): RequestFacts {
  const path = (req.originalUrl ?? req.url).split('?')[0] ?? '';
  return {
    door: `${req.method} ${path}`.slice(0, DOOR_LENGTH),
    ip: req.ip ?? null,
    userAgent: req.get('user-agent')?.slice(0, 512) ?? null,
  };
}

/** Express middleware: the rest of the request runs with its facts at hand. */
export function keepRequestFacts(req: RequestLike, _res: unknown, next: () => void): void {
  storage.run(requestFacts(req), next);
}

/** The facts of the request being handled, if any (none in the worker or at start-up). */
export function currentRequest(): RequestFacts | undefined {
  return storage.getStore();
}

const approvedBulk = new AsyncLocalStorage<true>();

/**
 * Runs `read` as a bulk read someone approved (an export request approved one level up):
 * the page cap on personal data does not apply inside it, every other rule and log does.
 */
export function asApprovedBulkRead<T>(read: () => Promise<T>): Promise<T> {
  return approvedBulk.run(true, read);
}

/** Whether the code running now is an approved bulk read (asApprovedBulkRead). */
export function inApprovedBulkRead(): boolean {
  return approvedBulk.getStore() === true;
}
