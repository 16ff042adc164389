// Hook: the rules of a person record on every write (Studio, REST, imports):
// a valid ID number (GB 11643) consistent with birth date and sex, one record
// per ID number in the whole district, valid phones, dates and codes, and the
// masked forms derived here, never taken from a client. Personal numbers are
// sealed on the way in and opened on the way out (sealing.ts); filters on them
// run on the blind index.
//
// Directus runs filter hooks before its permission checks: a refusal here only
// tells the caller about another record if the caller may read that record.

import type { HookConfig } from '@directus/extensions';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { InvalidQueryError } from '@directus/errors';
import {
  BLIND_INDEX_FIELDS,
  DERIVED_PERSON_FIELDS,
  PERSON_CODE_FIELDS,
  PERSONAL_FIELDS,
  PERSONAL_PAGE_LIMIT,
  SEALED_PERSONAL_FIELDS,
} from '../../../schema/collections/people.ts';
import { SealedFilterRefused, sealedFilter } from '../../kernel/sealed-filter.ts';
import { appendAuditSoon, byAccountability } from '../../kernel/audit.ts';
import { inApprovedBulkRead } from '../../kernel/request-context.ts';
import { codeCollection, CODE_TABLES } from '../../../schema/collections/code-tables.ts';
import { readAs, refuse, type Services } from './context.ts';
import { checkIdNumber } from './id-number.ts';
import { checkPerson, type PersonRecord } from './people.ts';
import { nextVisitDue } from './visits.ts';
import { LOGGED_READS } from '../../../schema/collections/service-objects.ts';
import { eachItem, holdsPersonalNumbers, itemsRead, reached, revealsContent } from './read-log.ts';
import { ID_INDEX, openPerson, type PersonalVault, vaultOf } from './sealing.ts';
import { CREATION_ORDERED, newestFirstSort } from './list-order.ts';

/**
 * One row of the read log, in one statement (`INSERT … SELECT` from the reader's user row).
 * The commit waits for the disk like every other write: a read log that a crash could
 * shorten would not be evidence of who read a file.
 */
async function logRead(db: Knex, user: string, collection: string, through: string | null, ids: unknown[]): Promise<void> {
  await db.raw(
    'INSERT INTO sensitive_reads ("user", unit, unit_path, collection_name, read_through, item_ids, "at") SELECT id, unit, unit_path, ?, ?, ?, ? FROM directus_users WHERE id = ?',
    [collection, through, JSON.stringify(ids), new Date(), user],
  );
}

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
    const row = await db(codeCollection(table))
      .where({ code: String(value) })
      .first('active');
    if (!row) problems.push(`${CODE_TABLES[table].zh}代码“${value}”不在代码表中`);
    else if (row.active === false || row.active === 0) problems.push(`${CODE_TABLES[table].zh}代码“${value}”已停用`);
  }
  return problems;
}

/** Refuses an ID number another record already holds; names the holder only to those who may read it. */
export async function refuseDuplicate(
  db: Knex,
  vault: PersonalVault,
  services: Services,
  schema: SchemaOverview,
  accountability: Accountability | null | undefined,
  idNumber: string,
  self?: number,
): Promise<void> {
  const holder = await db('people')
    .whereIn(ID_INDEX, vault.indexes(idNumber))
    .whereNot('id', self ?? -1)
    .first('id');
  if (!holder) return;
  const visible = await readAs(services, schema, accountability, 'people', holder.id, ['id', 'name', 'unit.name'], db);
  if (visible)
    throw refuse(
      `公民身份号码已登记：${visible.name}（${visible.unit?.name ?? '本辖区'}，档案编号 ${visible.id}），一人只登记一次；如其已迁居，请办理迁移`,
    );
  throw refuse('该公民身份号码已在其他辖区登记，一人只登记一次；如其已迁入本辖区，请联系上级综治办办理迁移');
}

async function checkAndDerive(
  db: Knex,
  vault: PersonalVault,
  services: Services,
  schema: SchemaOverview,
  accountability: Accountability | null | undefined,
  stored: PersonRecord,
  changes: PersonRecord,
): Promise<PersonRecord> {
  for (const field of DERIVED_PERSON_FIELDS) if (field in changes) throw refuse(`“${field}”由系统自动生成，请勿提交`);
  const { problems, derived } = checkPerson({ ...stored, ...changes }, changes);
  problems.push(...(await codeProblems(db, { ...changes, ...derived })));
  if (problems.length) throw refuse(problems.join('；'));
  if (typeof derived.id_number === 'string')
    await refuseDuplicate(db, vault, services, schema, accountability, derived.id_number, stored.id as number | undefined);
  return { ...changes, ...derived };
}

const SEALED_NAMES = [...new Set(Object.values(SEALED_PERSONAL_FIELDS.fields).flat())];

/** The whole ID number a search is (normalised), or null when it is anything else. */
function searchedNumber(query: Record<string, any>): string | null {
  const check = typeof query.search === 'string' ? checkIdNumber(query.search) : null;
  return check?.ok ? check.facts.normalized : null;
}

/** Whether a query names a sealed field in its filters, or searches for a whole ID number. */
function touchesSealed(query: Record<string, any>, searched: string | null): boolean {
  if (searched) return true;
  if (!query.filter && !query.deep) return false;
  const text = JSON.stringify([query.filter, query.deep]);
  return SEALED_NAMES.some((field) => text.includes(`"${field}"`));
}

/** The sealed fields (`collection.field`) the caller may read: through the read permissions of their policies. */
async function readableSealed(db: Knex, accountability: Accountability | null | undefined): Promise<Set<string>> {
  const all = Object.entries(SEALED_PERSONAL_FIELDS.fields).flatMap(([c, fields]) => fields.map((f) => `${c}.${f}`));
  if (!accountability || accountability.admin) return new Set(all);
  if (!accountability.user) return new Set();
  const roles = (accountability as { roles?: string[] }).roles ?? (accountability.role ? [accountability.role] : []);
  const rows = await db('directus_permissions as p')
    .join('directus_access as a', 'a.policy', 'p.policy')
    .where('p.action', 'read')
    .whereIn('p.collection', Object.keys(SEALED_PERSONAL_FIELDS.fields))
    .where((q) => {
      q.where('a.user', accountability.user!);
      if (roles.length) q.orWhereIn('a.role', roles);
    })
    .select('p.collection', 'p.fields');
  const readable = new Set<string>();
  for (const row of rows) {
    const fields = String(row.fields ?? '').split(',');
    for (const name of all)
      if (name.startsWith(`${row.collection}.`) && (fields.includes('*') || fields.includes(name.slice(row.collection.length + 1))))
        readable.add(name);
  }
  return readable;
}

/**
 * A query's tests on ID numbers as tests on their blind index (a whole ID number typed into search
 * too), for the fields the caller may read; the others are left to Directus's permission check.
 */
async function sealedQuery(
  db: Knex,
  vault: PersonalVault,
  schema: SchemaOverview,
  accountability: Accountability | null | undefined,
  collection: string,
  query: Record<string, any>,
): Promise<Record<string, any>> {
  const searched = searchedNumber(query);
  if (!touchesSealed(query, searched)) return query;
  const readable = await readableSealed(db, accountability);
  const reach = (c: string, f: string) => reached(schema.relations, c, f);
  const indexesOf = (_c: string, _f: string, value: unknown) => vault.indexes(String(value).trim().toUpperCase());
  const rewrite = (c: string, filter: unknown) =>
    sealedFilter(c, filter, reach, SEALED_PERSONAL_FIELDS, indexesOf, (rc, rf) => readable.has(`${rc}.${rf}`));
  const out = { ...query };
  try {
    if (query.filter) out.filter = rewrite(collection, query.filter);
    if (query.deep && typeof query.deep === 'object') out.deep = deepFilters(collection, query.deep, reach, rewrite);
  } catch (error) {
    if (error instanceof SealedFilterRefused) throw new InvalidQueryError({ reason: error.message });
    throw error;
  }
  const indexed = Object.keys(SEALED_PERSONAL_FIELDS.indexes[collection] ?? {});
  if (searched && indexed.length && readable.has(`${collection}.${indexed[0]}`)) {
    delete out.search;
    const byNumber = { [ID_INDEX]: { _in: vault.indexes(searched) } };
    out.filter = out.filter ? { _and: [out.filter, byNumber] } : byNumber;
  }
  return out;
}

/** `deep`'s filters (`deep.field._filter`), each rewritten for the collection its field reaches. */
function deepFilters(
  collection: string,
  deep: Record<string, any>,
  reach: (c: string, f: string) => string | null,
  rewrite: (c: string, filter: unknown) => unknown,
): Record<string, any> {
  return Object.fromEntries(
    Object.entries(deep).map(([field, nested]) => {
      const next = reach(collection, field);
      if (!next || !nested || typeof nested !== 'object') return [field, nested];
      const inner = deepFilters(next, nested, reach, rewrite);
      if (inner._filter) inner._filter = rewrite(next, inner._filter);
      return [field, inner];
    }),
  );
}

/** Collections whose `data` holds a submitted record, personal numbers sealed (sealing.ts, sealedSubmission). */
const SUBMISSION_DATA = ['submissions', 'submission_steps'];

const hook: HookConfig = ({ filter, action }, { services, getSchema, env }) => {
  const vault = vaultOf(env);

  // Filters on ID numbers find them by their blind index (every collection: relations reach people).
  filter('items.query', async (input, { collection }, { database, schema, accountability }) =>
    sealedQuery(database as Knex, vault, schema ?? (await getSchema()), accountability, collection, input as Record<string, any>),
  );

  // The next visit falls due from the last service (or the start of management).
  filter('service_objects.items.create', async (input) => {
    const payload = input as PersonRecord;
    for (const field of ['last_served_at', 'next_visit_due']) if (field in payload) throw refuse(`“${field}”由服务记录自动计算，请勿提交`);
    return { ...payload, next_visit_due: nextVisitDue(null, payload.valid_from, payload.visit_every_days as number, new Date()) };
  });
  filter('service_objects.items.update', async (input, meta, { database }) => {
    const payload = input as PersonRecord;
    for (const field of ['last_served_at', 'next_visit_due']) if (field in payload) throw refuse(`“${field}”由服务记录自动计算，请勿提交`);
    if (!('visit_every_days' in payload) && !('valid_from' in payload)) return payload;
    const [row] = await (database as Knex)('service_objects')
      .whereIn('id', (meta.keys ?? []) as number[])
      .limit(1);
    if (!row) return payload;
    return {
      ...payload,
      next_visit_due: nextVisitDue(
        row.last_served_at,
        payload.valid_from ?? row.valid_from,
        (payload.visit_every_days ?? row.visit_every_days) as number,
        new Date(),
      ),
    };
  });
  action('service_records.items.create', async ({ payload, key }, { database }) => {
    const db = database as Knex;
    const record = await db('service_records').where({ id: key }).first('service_object', 'served_at');
    const object =
      record &&
      (await db('service_objects').where({ id: record.service_object }).first('id', 'last_served_at', 'valid_from', 'visit_every_days'));
    if (!object) return;
    const served = record.served_at ?? (payload as PersonRecord).served_at;
    const latest =
      object.last_served_at && new Date(object.last_served_at).getTime() > new Date(served).getTime() ? object.last_served_at : served;
    // Through Directus, so that dates are stored as it stores them on each database.
    await new (services as Services).ItemsService('service_objects', { schema: await getSchema(), knex: db }).updateOne(
      object.id,
      {
        last_served_at: new Date(latest).toISOString(),
        next_visit_due: nextVisitDue(latest, object.valid_from, object.visit_every_days, new Date()),
      },
      { emitEvents: false },
    );
  });

  // One inspection per facility and month (the rubric counts missed months).
  filter('facility_inspections.items.create', async (input, _meta, { database }) => {
    const payload = input as PersonRecord;
    const existing = await (database as Knex)('facility_inspections')
      .where({ facility: payload.facility ?? null, month: payload.month ?? null })
      .first('id');
    if (existing) throw refuse(`该设施${String(payload.month)}已有巡检记录（编号 ${existing.id}），请修改原记录`);
    return input;
  });

  // Newest first without walking the whole table backwards (list-order.ts).
  for (const collection of CREATION_ORDERED) {
    filter(`${collection}.items.query`, async (input, _meta, { database, accountability }) => {
      const query = input as { sort?: unknown };
      if (!accountability?.user || accountability.admin || !Array.isArray(query.sort) || query.sort[0] !== '-id') return query;
      const me = await (database as Knex)('directus_users').where({ id: accountability.user }).first('unit_path');
      const sort = newestFirstSort(query.sort, me?.unit_path ?? null);
      return sort ? { ...query, sort } : query;
    });
  }

  // 查阅留痕: every read of a key person's file by a user, queried directly or reached through
  // relations, with the records read, before it is answered.
  filter('items.read', async (records, { collection, query }, { database, schema, accountability }) => {
    // Directus's own reads (the snapshot a revision keeps) stay sealed; a request's answer is opened.
    if (!accountability) return records;
    if (!accountability.user) {
      openSealed(collection, records, (schema ?? (await getSchema())).relations);
      return records;
    }
    const q = (query ?? {}) as { aggregate?: unknown; group?: unknown };
    if (q.aggregate || q.group) {
      // A grouping that shows what key persons' files say is a read of them too (REST and GraphQL's *_aggregated alike):
      // recorded with the ids when it grouped by them.
      if (LOGGED_READS.includes(collection) && revealsContent(q)) {
        const ids = Array.isArray(records) ? records.map((r) => (r as { id?: unknown }).id ?? null) : [];
        await logRead(database as Knex, accountability.user, collection, 'group', ids);
      }
      return records;
    }
    // A page is not an export: below the Directus administrator, one request reads at most
    // PERSONAL_PAGE_LIMIT records of a collection with personal numbers (REST, SEARCH and GraphQL alike).
    if (
      !accountability.admin &&
      PERSONAL_FIELDS[collection] &&
      Array.isArray(records) &&
      records.length > PERSONAL_PAGE_LIMIT &&
      !inApprovedBulkRead()
    )
      throw refuse(`每次最多读取${PERSONAL_PAGE_LIMIT}条人员信息，请分页查阅；需要更多请提交导出申请，经上级审批后下载`);
    const relations = (schema ?? (await getSchema())).relations;
    const read = itemsRead(collection, records, relations, LOGGED_READS);
    for (const [file, ids] of read)
      await logRead(database as Knex, accountability.user, file, file === collection ? null : collection, ids);
    // Every read that shows personal numbers in the clear is in the security audit log: who, unit, when, how many, which door.
    for (const [file, ids] of itemsRead(
      collection,
      records,
      relations,
      Object.keys(PERSONAL_FIELDS),
      holdsPersonalNumbers(PERSONAL_FIELDS),
    ))
      appendAuditSoon(
        database as Knex,
        {
          action: 'personal_read',
          ...byAccountability(accountability),
          collection: file,
          rowCount: ids.length,
          itemIds: ids.slice(0, PERSONAL_PAGE_LIMIT),
          detail: file === collection ? null : { through: collection },
        },
        (error) => console.warn(`personal read not recorded: ${error.message}`),
      );
    openSealed(collection, records, relations);
    return records;
  });

  /**
   * The personal numbers of every person in an answer, opened, their blind indexes left out; and those
   * a submission (采集待审) carries in its data.
   */
  function openSealed(collection: string, records: unknown, relations: SchemaOverview['relations']): void {
    eachItem(collection, records, relations, [...Object.keys(SEALED_PERSONAL_FIELDS.fields), ...SUBMISSION_DATA], (at, item) => {
      if (SUBMISSION_DATA.includes(at)) {
        if (item.data && typeof item.data === 'object') openPerson(vault, item.data as Record<string, unknown>);
        return;
      }
      openPerson(vault, item);
      for (const field of BLIND_INDEX_FIELDS[at] ?? []) delete item[field];
    });
  }

  filter('people.items.create', async (input, _meta, { database, schema, accountability }) =>
    vault.sealRecord(
      'people',
      await checkAndDerive(
        database as Knex,
        vault,
        services as Services,
        schema ?? (await getSchema()),
        accountability,
        {},
        input as PersonRecord,
      ),
    ),
  );

  filter('people.items.update', async (input, meta, { database, schema, accountability }) => {
    const changes = input as PersonRecord;
    const keys = (meta.keys ?? []) as number[];
    if ('id_number' in changes && keys.length > 1) throw refuse('不能把同一个身份证号码写入多条人员记录');
    const rows: PersonRecord[] = (await (database as Knex)('people').whereIn('id', keys)).map((row) => openPerson(vault, row));
    let result = changes;
    for (const row of rows)
      result = await checkAndDerive(
        database as Knex,
        vault,
        services as Services,
        schema ?? (await getSchema()),
        accountability,
        row,
        changes,
      );
    return vault.sealRecord('people', result);
  });
};

export default hook;
