// Hook: the unit path of every unit, user and scoped item is derived on the
// server and never taken from a client. Moving a unit moves its subtree. A
// scoped item refers only to items within the caller's jurisdiction or of its
// superiors (references.ts).

import type { HookConfig } from '@directus/extensions';
import { InvalidPayloadError } from '@directus/errors';
import { roleById, roleLevelOfUnit } from '../../../schema/access.ts';
import { rebaseSql } from '../../domains/matters/participant-paths.ts';
import { childPath, placementProblem, rootCodeProblem, unitCodeProblem, type Placement } from '../../kernel/unit-path.ts';
import { moveUnit, pathCarriers, type Knex, type UnitRow } from '../../kernel/moves.ts';
import { isIntegerKey, refuseForeignReferences, scopePathsOf } from '../../kernel/references.ts';
import { appendAudit, byAccountability } from '../../kernel/audit.ts';
import { registerRules } from './rules.ts';

type Payload = Record<string, unknown>;

const refuse = (reason: string) => new InvalidPayloadError({ reason });

async function unitById(db: Knex, id: unknown): Promise<UnitRow | undefined> {
  if (id === null || id === undefined || id === '') return undefined;
  if (typeof id === 'object') throw refuse('所属单位请填写单位编号（不能在此处新建单位）');
  // A key of another kind matches no unit (and PostgreSQL would fail on it).
  if (!isIntegerKey(id)) return undefined;
  return db('units').where({ id }).first();
}

/** Sets `pathField` from the unit in the payload; a client-sent path must agree. */
async function derivePath(db: Knex, payload: Payload, pathField: string): Promise<void> {
  const sentPath = payload[pathField];
  if (!('unit' in payload)) {
    if (pathField in payload) throw refuse(`“${pathField}”由所属单位自动生成，请提交“unit”（所属单位）`);
    return;
  }
  if (payload.unit === null) {
    payload[pathField] = null;
    return;
  }
  const unit = await unitById(db, payload.unit);
  if (!unit) throw refuse(`所属单位“${String(payload.unit)}”不存在`);
  if (sentPath !== undefined && sentPath !== unit.path) throw refuse(`“${pathField}”与所属单位不一致，由系统自动生成，请勿提交`);
  payload[pathField] = unit.path;
}

const hook: HookConfig = ({ filter, action }, context) => {
  const { services, getSchema } = context;
  // Collections an administrator puts under the rule in Studio (辖区规则).
  registerRules({ filter, action }, context);

  filter('units.items.create', async (input, _meta, { database: db }) => {
    const payload = input as Payload;
    const codeProblem = unitCodeProblem(payload.code);
    if (codeProblem) throw refuse(codeProblem);
    const parent = await unitById(db, payload.parent);
    if (payload.parent != null && !parent) throw refuse(`上级单位“${String(payload.parent)}”不存在`);
    const placement = placementProblem(payload as unknown as Placement, parent ?? null);
    if (placement) throw refuse(placement);
    const holders = ((await db('units').where({ code: payload.code }).select('parent')) as { parent: unknown }[]).map((u) => ({
      root: u.parent === null,
    }));
    const clash = rootCodeProblem(payload.code as string, payload.parent == null, holders);
    if (clash) throw refuse(clash);
    const path = childPath(parent?.path ?? null, payload.code as string);
    if (payload.path !== undefined && payload.path !== path) throw refuse('单位路径由上级单位和单位编码自动生成，请勿提交');
    payload.path = path;
    return payload;
  });

  // Read and moved within the write's own transaction: a batch update holds SQLite's one connection.
  filter('units.items.update', async (input, meta, { accountability, database: db }) => {
    const payload = input as Payload;
    const keys = (meta.keys ?? []) as (number | string)[];
    const rows: UnitRow[] = await db('units').whereIn('id', keys);
    for (const row of rows) {
      for (const fixed of ['code', 'level', 'kind'] as const) {
        if (fixed in payload && payload[fixed] !== row[fixed])
          throw refuse(`单位的${{ code: '编码', level: '层级', kind: '类别' }[fixed]}创建后不可修改（${row.name}）`);
      }
      if ('path' in payload && payload.path !== row.path && !('parent' in payload))
        throw refuse('单位路径由上级单位和单位编码自动生成，请勿提交');
    }
    if (!('parent' in payload)) return payload;
    const moving = rows.filter((row) => row.parent !== payload.parent);
    if (moving.length) {
      const schema = await getSchema();
      await db.transaction(async (trx) => {
        for (const row of moving) {
          const newPath = await moveUnit(trx, row, payload.parent as number | null, {
            carriers: pathCarriers(schema),
            // A matter's list of the units it passed through (the matters' visibility rule reads it).
            rebaseMore: (trx, from, to) => {
              const { sql, bindings } = rebaseSql(from, to);
              return trx.raw(sql, bindings);
            },
            // The move itself goes through Directus's permission check for the user.
            checkedUpdate: (id, changes) =>
              new services.ItemsService('units', { knex: trx, schema, accountability }).updateOne(id, changes, { emitEvents: false }),
          });
          await appendAudit(trx, {
            action: 'unit_moved',
            ...byAccountability(accountability),
            collection: 'units',
            itemIds: [row.id],
            detail: { name: row.name, from: row.path, to: newPath },
          });
        }
      });
      await new services.UtilsService({ schema, accountability: { admin: true } as never }).clearCache({ system: true });
    }
    const { parent: _parent, path: _path, ...rest } = payload;
    return rest;
  });

  for (const event of ['users.create', 'users.update'] as const) {
    filter(event, async (input, meta, { database: db, accountability }) => {
      const payload = input as Payload;
      // Every account someone below the Directus administrator makes or changes has a unit and a role:
      // without them it is seen and managed by no one below the administrator (an invisible account).
      if (accountability && !accountability.admin) {
        const missing = (field: 'unit' | 'role') =>
          event === 'users.create' ? payload[field] === undefined || payload[field] === null : field in payload && payload[field] === null;
        if (missing('unit') || missing('role')) throw refuse('账号须有所在单位和角色，请选择本单位或下级单位及相应角色');
      }
      await derivePath(db, payload, 'unit_path');
      // The job follows from the role. A job that already equals the role's is this filter's own
      // work: Directus runs filters again when SQLite makes it retry a busy transaction.
      const jobOfRole = 'role' in payload ? (roleById(payload.role as string)?.job ?? null) : undefined;
      if ('job' in payload && payload.job !== jobOfRole) throw refuse('岗位由角色决定，请修改角色');
      if (jobOfRole !== undefined) payload.job = jobOfRole;
      if ('role' in payload || 'unit' in payload) await checkRoleFitsUnit(db, payload, meta.keys as string[] | undefined);
      return payload;
    });
  }

  for (const event of ['items.create', 'items.update'] as const) {
    filter(event, async (input, { collection }, { database: db, schema, accountability }) => {
      // Not a record: the integrity hook refuses it (hooks run in no fixed order across extensions).
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
      const current = schema ?? (await getSchema());
      const scopes = scopePathsOf(current);
      if (scopes.has(collection))
        await refuseForeignReferences(db, services.ItemsService, current, accountability, scopes, collection, input as Payload);
      if (collection === 'units' || !pathCarriers(current).includes(collection)) return input;
      await derivePath(db, input as Payload, 'unit_path');
      return input;
    });
  }
};

/** A user's role must be one for the level of the unit they work in. */
async function checkRoleFitsUnit(db: Knex, payload: Payload, keys: string[] | undefined): Promise<void> {
  const targets = keys?.length ? await db('directus_users').whereIn('id', keys).select('id', 'role', 'unit') : [{ role: null, unit: null }];
  for (const current of targets) {
    const role = roleById((payload.role ?? current.role) as string);
    const unit = await unitById(db, payload.unit ?? current.unit);
    if (!role || !unit) continue;
    const level = roleLevelOfUnit(unit);
    if (role.level !== level) throw refuse(`角色“${role.name}”不适用于${unit.name}（应选择本级角色）`);
  }
}

export default hook;
