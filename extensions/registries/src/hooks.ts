// Hook: the rules of a person record on every write (Studio, REST, imports):
// a valid ID number (GB 11643) consistent with birth date and sex, one record
// per ID number in the whole district, valid phones, dates and codes, and the
// masked forms derived here, never taken from a client.
//
// Directus runs filter hooks before its permission checks: a refusal here only
// tells the caller about another record if the caller may read that record.

import type { HookConfig } from '@directus/extensions';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { DERIVED_PERSON_FIELDS, PERSON_CODE_FIELDS } from '../../../schema/collections/people.ts';
import { codeCollection, CODE_TABLES } from '../../../schema/collections/code-tables.ts';
import { readAs, refuse, RegistryForbidden, type Services } from './context.ts';
import { checkPerson, type PersonRecord } from './people.ts';

/** Coded fields must hold an active code of their table. */
async function codeProblems(db: Knex, changes: PersonRecord): Promise<string[]> {
  const problems: string[] = [];
  for (const [field, table] of Object.entries(PERSON_CODE_FIELDS)) {
    const value = changes[field];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string' && typeof value !== 'number') {
      problems.push(`${CODE_TABLES[table].zh}应填写代码`);
      continue;
    }
    const row = await db(codeCollection(table)).where({ code: String(value) }).first('active');
    if (!row) problems.push(`${CODE_TABLES[table].zh}代码“${value}”不在代码表中`);
    else if (row.active === false || row.active === 0) problems.push(`${CODE_TABLES[table].zh}代码“${value}”已停用`);
  }
  return problems;
}

/** Refuses an ID number another record already holds; names the holder only to those who may read it. */
async function refuseDuplicate(db: Knex, services: Services, schema: SchemaOverview, accountability: Accountability | null | undefined, idNumber: string, self?: number): Promise<void> {
  const holder = await db('people').where({ id_number: idNumber }).whereNot('id', self ?? -1).first('id');
  if (!holder) return;
  const visible = await readAs(services, schema, accountability, 'people', holder.id, ['id', 'name', 'unit.name'], db);
  if (visible) throw refuse(`公民身份号码已登记：${visible.name}（${visible.unit?.name ?? '本辖区'}，档案编号 ${visible.id}），一人只登记一次；如其已迁居，请办理迁移`);
  throw refuse('该公民身份号码已在其他辖区登记，一人只登记一次；如其已迁入本辖区，请联系上级综治办办理迁移');
}

async function checkAndDerive(db: Knex, services: Services, schema: SchemaOverview, accountability: Accountability | null | undefined, stored: PersonRecord, changes: PersonRecord): Promise<PersonRecord> {
  for (const field of DERIVED_PERSON_FIELDS) if (field in changes) throw refuse(`“${field}”由系统自动生成，请勿提交`);
  const { problems, derived } = checkPerson({ ...stored, ...changes }, changes);
  problems.push(...(await codeProblems(db, { ...changes, ...derived })));
  if (problems.length) throw refuse(problems.join('；'));
  if (typeof derived.id_number === 'string') await refuseDuplicate(db, services, schema, accountability, derived.id_number, stored.id as number | undefined);
  return { ...changes, ...derived };
}

/** Directus's own exports (`?export=csv|json|xml|yaml` on any read, `POST /utils/export`) bypass the approval of R19. */
export function isDirectusExport(path: string, query: Record<string, unknown>): boolean {
  return query.export !== undefined || /^\/utils\/export(\/|$)/.test(path);
}

const hook: HookConfig = ({ filter, init }, { services, getSchema }) => {
  // After authentication, before every route: only the Directus administrator exports directly.
  init('routes.before', ({ app }) => {
    app.use((req: { path: string; query: Record<string, unknown>; accountability?: Accountability }, _res: unknown, next: (error?: unknown) => void) => {
      if (isDirectusExport(req.path, req.query) && !req.accountability?.admin) next(new RegistryForbidden({ reason: '个人信息导出须经审批，请通过“导出申请”办理（保密制度）' }));
      else next();
    });
  });

  filter('people.items.create', async (input, _meta, { database, schema, accountability }) =>
    checkAndDerive(database as Knex, services as Services, schema ?? (await getSchema()), accountability, {}, input as PersonRecord),
  );

  filter('people.items.update', async (input, meta, { database, schema, accountability }) => {
    const changes = input as PersonRecord;
    const keys = (meta.keys ?? []) as number[];
    if ('id_number' in changes && keys.length > 1) throw refuse('不能把同一个身份证号码写入多条人员记录');
    const rows: PersonRecord[] = await (database as Knex)('people').whereIn('id', keys);
    let result = changes;
    for (const row of rows) result = await checkAndDerive(database as Knex, services as Services, schema ?? (await getSchema()), accountability, row, changes);
    return result;
  });
};

export default hook;
