// What the hook and the endpoint share: refusals, and reading a record with the
// caller's own rights (so that nothing is told about records they may not see).

import type { Accountability, SchemaOverview } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import type { PersonalVault } from './sealing.ts';
import { createError, InvalidPayloadError } from '@directus/errors';
import type { Knex } from 'knex';
import { readsOnly, roleById } from '../../../schema/access.ts';
import type { CollectionSpec } from '../../../schema/types.ts';
import { fieldTitle } from './record-import-plan.ts';

export const refuse = (reason: string) => new InvalidPayloadError({ reason });
export const RegistryForbidden = createError<{ reason: string }>('REGISTRY_FORBIDDEN', (e) => e.reason, 403);
export const RegistryNotFound = createError<{ reason: string }>('REGISTRY_NOT_FOUND', (e) => e.reason, 404);

type ItemsServiceClass = new (
  collection: string,
  options: { schema: SchemaOverview; accountability?: Accountability | null; knex?: unknown },
) => {
  readOne(id: number | string, query?: Record<string, unknown>, opts?: { emitEvents?: boolean }): Promise<Record<string, any>>;
  readByQuery(query: Record<string, unknown>): Promise<Record<string, any>[]>;
  updateOne(id: number | string, data: Record<string, unknown>, opts?: Record<string, unknown>): Promise<number | string>;
  createOne(data: Record<string, unknown>, opts?: Record<string, unknown>): Promise<number | string>;
};

export interface Services {
  ItemsService: ItemsServiceClass;
}

/** The record as the caller may read it, or null when they may not (a check: no read events, nothing logged). */
export async function readAs(
  services: Services,
  schema: SchemaOverview,
  accountability: Accountability | null | undefined,
  collection: string,
  id: number,
  fields: string[],
  knex?: unknown,
): Promise<Record<string, any> | null> {
  try {
    // Inside a hook, read through its transaction: SQLite has one connection.
    return await new services.ItemsService(collection, {
      schema,
      accountability: accountability ?? null,
      ...(knex ? { knex } : {}),
    }).readOne(id, { fields }, { emitEvents: false });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FORBIDDEN' || code === 'ROUTE_NOT_FOUND') return null;
    throw error;
  }
}

/** Who is calling: their unit, its path, their job; leaders only read. */
export interface Caller {
  user: string;
  unit: number;
  unitPath: string;
  readOnly: boolean;
  job: string | null;
  name: string;
}

export async function caller(db: Knex, accountability: Accountability | undefined): Promise<Caller> {
  if (!accountability?.user) throw new RegistryForbidden({ reason: '请先登录' });
  const user = await db('directus_users')
    .where({ id: accountability.user })
    .first('id', 'unit', 'unit_path', 'role', 'first_name', 'last_name', 'email');
  if (!user?.unit_path && !accountability.admin) throw new RegistryForbidden({ reason: '您的账号没有所在单位' });
  const role = roleById(user?.role);
  return {
    user: user.id,
    unit: user.unit,
    unitPath: accountability.admin ? '/' : user.unit_path,
    readOnly: readsOnly({ admin: accountability.admin, role: user?.role }),
    job: role?.job ?? null,
    name: `${user.last_name ?? ''}${user.first_name ?? ''}` || user.email,
  };
}

/** What a refused write says, in Chinese where Directus's own message is not. */
export function refusal(error: unknown, spec: CollectionSpec): string {
  const first = (Array.isArray(error) ? error[0] : error) as {
    code?: string;
    message?: string;
    extensions?: { field?: string; reason?: string };
  };
  if (first?.code === 'FAILED_VALIDATION' && first.extensions?.field) {
    const field = spec.fields.find((f) => f.field === first.extensions!.field);
    return `${fieldTitle(spec, first.extensions.field)}：${(field?.meta?.validation_message as string | undefined) ?? '格式或取值不符合要求'}`;
  }
  if (first?.code === 'INVALID_FOREIGN_KEY') return `${fieldTitle(spec, first.extensions?.field ?? '')}：所填代码或编号不存在`;
  if (first?.code === 'FORBIDDEN') return '无权写入该记录（超出您的辖区或权限）';
  if (first?.code === 'RECORD_NOT_UNIQUE') return '编号与已登记的记录重复';
  return first?.extensions?.reason ?? first?.message ?? '无法写入';
}

/** Thrown to roll back a trial write (a dry run, a check before anything is kept). */
export const ROLL_BACK = Symbol('roll back');

/** A request to one of our routes, with the caller Directus found. */
export type Req = Request & { accountability?: Accountability };

/** What every route group of /registries is given (endpoint.ts). */
export interface RouteContext {
  services: Services;
  db: Knex;
  vault: PersonalVault;
  getSchema: () => Promise<SchemaOverview>;
  /** A route answering `{ data }` with what the handler returns, errors to Directus's handler. */
  route: (handler: (req: Req) => Promise<unknown>) => (req: Req, res: Response, next: NextFunction) => void;
}
