// Who acts (办理人): the signed-in user with their unit and whether they only
// read — what every endpoint of ours that writes needs to know first, read once
// from the user's row and the unit it belongs to.

import { createError } from '@directus/errors';
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { readsOnly } from '../../schema/access.ts';

/** A unit as the rules use it. */
export interface UnitRow {
  id: number;
  name: string;
  parent: number | null;
  kind: string;
  level: string;
  path: string;
}

export interface Actor {
  /** The acting person; null when a connected platform acts for its unit. */
  user: string | null;
  unit: UnitRow;
  /** Leaders, and users without one of our roles, only read (readsOnly). */
  readOnly: boolean;
}

/** No one to act: not signed in, or an account without a unit. */
export const ActorForbidden = createError<{ reason: string }>('ACTOR_FORBIDDEN', (e) => e.reason, 403);

export async function loadActor(db: Knex, accountability: Accountability | null | undefined): Promise<Actor> {
  if (!accountability?.user) throw new ActorForbidden({ reason: '请先登录' });
  const row = await db('directus_users as usr')
    .join('units', 'units.id', 'usr.unit')
    .where('usr.id', accountability.user)
    .first('units.*', 'usr.role as user_role');
  if (!row) throw new ActorForbidden({ reason: '您的账号没有所在单位，不能办理' });
  const { user_role: role, ...unit } = row;
  return { user: accountability.user, unit: unit as UnitRow, readOnly: readsOnly({ admin: accountability.admin, role }) };
}
