// POST /registries/imports/people?dry_run=true|false&format=csv|xlsx&mapping={"列名":"field"}
// with the file as the request body (text/csv, or the .xlsx bytes). Rows go to the
// caller's own unit (the jurisdiction rule: a unit creates only its own records);
// changes only to records of that unit. A dry run says per row what would happen;
// the real run writes the valid rows, one transaction per batch of 500, and returns
// the refused rows as a CSV with reasons. Re-importing the same file changes nothing.
//
// POST /registries/comparisons/people?department=<unit id>&month=YYYY-MM[&mapping=…]
// with a department's list as the body: the diff against the registry within the
// caller's jurisdiction, stored (masked numbers only) as a record that it was done.
// GET /registries/comparisons/:id/csv: that diff as a file for the department.
//
// Rows are written with SQL in bulk after the same checks the hook makes on every
// write (ID number, duplicates, codes, phones, dates); Directus's revisions are not
// kept for imported rows, the import's own summary is.

import type { Accountability, SchemaOverview } from '@directus/types';
import type { NextFunction, Response, Router } from 'express';
import type { Knex } from 'knex';
import { checkIdNumber } from './id-number.ts';
import { mapRow, planRow, type PlanContext, type RowPlan } from './import-plan.ts';
import { PERSON_DATE_FIELDS, storedDate, type PersonRecord } from './people.ts';
import { toCsv } from '../../kernel/spreadsheet.ts';
import { decodeText, parseCsv, parseXlsx, type Table, UnreadableText } from './table-file.ts';
import {
  compareLists,
  comparisonColumns,
  comparisonRows,
  PERSON_TITLES,
  plainKey,
  type Comparison,
  type ListKey,
  type OurRecord,
  PERSON_KEY,
} from './compare.ts';
import {
  caller,
  readAs,
  refuse,
  refusal,
  RegistryForbidden,
  RegistryNotFound,
  ROLL_BACK,
  type Caller,
  type Req,
  type RouteContext,
  type Services,
} from './context.ts';
import {
  fieldTitle,
  importableFields,
  type KeyedContext,
  mappingOf,
  mappingProblemsOf,
  numericFields,
  planKeyedRow,
} from './record-import-plan.ts';
import { KEYED_KINDS, REGISTRY_KINDS, type RegistryKind } from '../../../schema/collections/registry-builders.ts';
import { COLLECTIONS } from '../../../schema/index.ts';
import type { CollectionSpec } from '../../../schema/types.ts';
import { keyOf } from '../../kernel/keys.ts';
import { openRow, peopleByNumber, rowsByKey, type PersonalVault } from './sealing.ts';

const MAX_BYTES = 30 * 1024 * 1024;
const BATCH = 500;

async function readBody(req: Req): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES) throw refuse(`文件不能超过${MAX_BYTES / 1024 / 1024}MB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readTable(req: Req): Promise<Table> {
  const format = String(req.query.format ?? (String(req.headers['content-type'] ?? '').includes('spreadsheetml') ? 'xlsx' : 'csv'));
  if (format !== 'csv' && format !== 'xlsx') throw refuse('文件格式应为 csv 或 xlsx');
  const body = await readBody(req);
  if (!body.length) throw refuse('请上传要导入的文件');
  try {
    return format === 'xlsx' ? await parseXlsx(body) : parseCsv(decodeText(body));
  } catch (error) {
    if (error instanceof UnreadableText) throw refuse(error.message);
    throw refuse(`无法读取${format === 'xlsx' ? ' Excel ' : ' CSV '}文件，请检查格式`);
  }
}

/** The caller's column mapping (`mapping` query parameter), or `fallback`; `problems` judges it. */
function readMapping(
  req: Req,
  fallback: Record<string, string>,
  problems: (m: Record<string, unknown>) => string[],
): Record<string, string> {
  if (req.query.mapping === undefined) return fallback;
  let mapping: unknown;
  try {
    mapping = JSON.parse(String(req.query.mapping));
  } catch {
    throw refuse('列映射应为 JSON：{"列名":"字段"}');
  }
  if (!mapping || typeof mapping !== 'object' || Array.isArray(mapping)) throw refuse('列映射应为 JSON：{"列名":"字段"}');
  const found = problems(mapping as Record<string, unknown>);
  if (found.length) throw refuse(found.join('；'));
  return mapping as Record<string, string>;
}

/** The active codes of each coded field (a retired code is refused as an unknown one). */
async function activeCodes(db: Knex, codeTables: Record<string, string>): Promise<Record<string, Set<string>>> {
  const codes: Record<string, Set<string>> = {};
  for (const [field, table] of Object.entries(codeTables))
    codes[field] = new Set(
      (await db(table).select('code', 'active')).filter((r) => r.active !== false && r.active !== 0).map((r) => String(r.code)),
    );
  return codes;
}

/** Dates as Directus stores them. */
function asStored(record: PersonRecord): PersonRecord {
  return Object.fromEntries(
    Object.entries(record).map(([f, v]) => [f, PERSON_DATE_FIELDS.includes(f) && typeof v === 'string' ? storedDate(v) : v]),
  );
}

/** The people's collection: imported through its own plan and fast writer (writePeople). */
const PEOPLE = 'people';

/** Writes the planned people in batches; a batch that fails leaves its rows refused, the others written. */
async function writePeople(db: Knex, vault: PersonalVault, plans: RowPlan[], who: Caller): Promise<void> {
  const writable = plans.filter((p) => p.action === 'create' || p.action === 'change');
  for (let i = 0; i < writable.length; i += BATCH) {
    const batch = writable.slice(i, i + BATCH);
    const failure = await writeBatch(db, vault, batch, { user: who.user, unit: who.unit, unitPath: who.unitPath });
    if (failure) for (const p of batch) Object.assign(p, { action: 'refused', reason: failure });
  }
}

/** Writes one batch in one transaction; a failure leaves the batch unwritten and its rows refused. */
async function writeBatch(
  db: Knex,
  vault: PersonalVault,
  plans: RowPlan[],
  stamp: { user: string; unit: number; unitPath: string },
): Promise<string | null> {
  try {
    await db.transaction(async (trx) => {
      const now = new Date();
      const creates = plans
        .filter((p) => p.action === 'create')
        .map((p) => ({
          ...vault.sealRecord('people', asStored(p.record!)),
          unit: stamp.unit,
          unit_path: stamp.unitPath,
          state: p.record!.state ?? 'in_force',
          user_created: stamp.user,
          date_created: now,
        }));
      if (creates.length) await trx.batchInsert('people', creates, 100);
      for (const p of plans.filter((q) => q.action === 'change')) {
        await trx('people')
          .where({ id: p.id, unit_path: stamp.unitPath })
          .update({ ...vault.sealRecord('people', asStored(p.record!)), date_updated: now });
      }
    });
    return null;
  } catch (error) {
    return `本批写入失败，均未写入（${(error as Error).message.includes('nique') ? '身份证号码与同时登记的记录重复' : '数据库错误'}），请重新导入`;
  }
}

/** The table's rows as records of the mapped fields; the file must have a column of the key (the ID number for people). */
function mappedRecords(table: Table, mapping: Record<string, string>, key: string, keyTitle: string) {
  const mapped = Object.keys(mapping).filter((column) => table.headers.includes(column));
  if (!mapped.some((c) => mapping[c] === key)) throw refuse(`文件中没有${keyTitle}列（表头：${table.headers.join('、') || '无'}）`);
  const columns = Object.fromEntries(mapped.map((c) => [c, mapping[c]!]));
  return table.rows.map((row) => mapRow(row, columns));
}

/** How a registry's key is read from a file, where it is not a plain code written as it is stored. */
const LIST_KEYS: Partial<Record<RegistryKind, ListKey>> = { people: PERSON_KEY };

/** A registry that files are imported into or compared with (people among them), and how. */
function keyedKind(name: string) {
  if (!(KEYED_KINDS as string[]).includes(name))
    throw refuse(`请选择导入或比对的内容：${KEYED_KINDS.map((k) => REGISTRY_KINDS[k].zh).join('、')}`);
  const kind = REGISTRY_KINDS[name as RegistryKind];
  const spec = COLLECTIONS.find((c) => c.collection === name)!;
  const importable = importableFields(spec);
  const keyTitle = fieldTitle(spec, kind.key!);
  return {
    collection: name,
    spec,
    importable,
    key: LIST_KEYS[name as RegistryKind] ?? plainKey(kind.key!, keyTitle),
    keyTitle,
    title: kind.title,
    mapping: () => mappingOf(spec, importable),
    mappingProblems: mappingProblemsOf(spec, importable, kind.key!),
    /** Coded fields and their code tables. */
    codeTables: Object.fromEntries(
      (spec.relations ?? [])
        .filter((r) => r.collection === name && r.related_collection?.startsWith('code_'))
        .map((r) => [r.field, r.related_collection!]),
    ),
    /** Fields that refer to a person: a file gives the person's ID number. */
    personFields: (spec.relations ?? []).filter((r) => r.collection === name && r.related_collection === 'people').map((r) => r.field),
  };
}

/** The keys of the rows that have a readable one. */
function readableKeys(key: ListKey, records: PersonRecord[]): string[] {
  return records.flatMap((r) => {
    const read = key.read(r[key.field]);
    return read.ok ? [read.value] : [];
  });
}

/** Stored records by key, all the district's (the plan tells apart the caller's, those below and the others'). */
/**
 * Person references given as ID numbers become the people's record numbers (in place, before the
 * rows are compared with the stored ones); the reasons of rows whose number is unknown or invalid, by row.
 */
async function resolvePeople(
  db: Knex,
  vault: PersonalVault,
  records: PersonRecord[],
  fields: string[],
  title: (field: string) => string,
): Promise<Map<number, string>> {
  const problems = new Map<number, string>();
  if (!fields.length) return problems;
  const numbers = new Set<string>();
  for (const r of records)
    for (const f of fields) {
      const check = r[f] == null ? null : checkIdNumber(r[f]);
      if (check?.ok) numbers.add(check.facts.normalized);
    }
  const ids = new Map(
    [...(await peopleByNumber(db, vault, [...numbers], ['id'], BATCH))].map(([number, row]) => [number, row.id as number]),
  );
  records.forEach((r, i) => {
    for (const f of fields) {
      if (r[f] === null || r[f] === undefined) continue;
      const check = checkIdNumber(r[f]);
      const id = check.ok ? ids.get(check.facts.normalized) : undefined;
      if (id !== undefined) r[f] = id;
      else if (!problems.has(i))
        problems.set(i, `${title(f)}应填写已登记人员的身份证号码${check.ok ? '（未登记该号码的人员）' : `（${check.problem}）`}`);
    }
  });
  return problems;
}

/**
 * Writes the planned rows through Directus as the caller, so that every rule of the registry
 * applies (hooks, field validations, permissions, references): one transaction per batch,
 * a savepoint per row (a refused row leaves the others). A dry run rolls every batch back.
 */
async function writeThroughDirectus(
  ctx: { services: Services; db: Knex; schema: SchemaOverview; accountability: Accountability | undefined },
  collection: string,
  spec: CollectionSpec,
  plans: RowPlan[],
  dryRun: boolean,
): Promise<void> {
  const writable = plans.filter((p) => p.action === 'create' || p.action === 'change');
  // Imported rows emit no action events (as the people's bulk import).
  const quiet = { bypassEmitAction: () => undefined };
  for (let i = 0; i < writable.length; i += BATCH) {
    const batch = writable.slice(i, i + BATCH);
    try {
      await ctx.db.transaction(async (trx) => {
        for (const p of batch) {
          try {
            await trx.transaction(async (row) => {
              const items = new ctx.services.ItemsService(collection, {
                schema: ctx.schema,
                accountability: ctx.accountability ?? null,
                knex: row,
              });
              if (p.action === 'create') p.id = (await items.createOne(p.record!, quiet)) as number;
              else await items.updateOne(p.id!, p.record!, quiet);
            });
          } catch (error) {
            Object.assign(p, { action: 'refused', reason: refusal(error, spec) });
          }
        }
        if (dryRun) throw ROLL_BACK;
      });
    } catch (error) {
      if (error !== ROLL_BACK)
        for (const p of batch) Object.assign(p, { action: 'refused', reason: '本批写入失败，均未写入（数据库错误），请重新导入' });
    }
    if (dryRun) for (const p of batch) if (p.action === 'create') delete p.id;
  }
}

/** The answer of an import: the summary, the rows (all on a dry run, the refused ones after a real run) and a file of the refused rows. */
function importAnswer(table: Table, plans: RowPlan[], dryRun: boolean) {
  const summary = { create: 0, change: 0, unchanged: 0, refused: 0 };
  for (const p of plans) summary[p.action] += 1;
  const refused = plans.filter((p) => p.action === 'refused');
  return {
    dry_run: dryRun,
    summary,
    rows: (dryRun ? plans : refused).map(({ record: _r, ...rest }) => rest),
    refused_csv: refused.length
      ? toCsv(
          [...table.headers, '行号', '未导入原因'],
          refused.map((p) => ({ ...table.rows[p.line - 2], 行号: p.line, 未导入原因: p.reason })),
        )
      : null,
  };
}

/** The department and month of a comparison. */
async function comparisonSource(db: Knex, req: Req) {
  const department = keyOf(req.query.department)
    ? await db('units')
        .where({ id: keyOf(req.query.department) })
        .first('id', 'kind', 'name')
    : undefined;
  if (!department || department.kind === 'office') throw refuse('请选择提供名单的职能部门或成员单位');
  const month = String(req.query.month ?? '');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw refuse('比对月份格式为 2026-11');
  return { department, month };
}

/** Stores the comparison (the record that it was done) and answers it. */
async function storeComparison(
  db: Knex,
  who: Caller,
  registry: string,
  source: { department: { id: number }; month: string },
  result: Comparison,
) {
  const [row] = await db('comparisons')
    .insert({
      unit: who.unit,
      unit_path: who.unitPath,
      registry,
      department: source.department.id,
      month: source.month,
      performed_by: who.user,
      performed_at: new Date(),
      counts: JSON.stringify(result.counts),
      result: JSON.stringify(result),
    })
    .returning('id');
  return { id: typeof row === 'object' ? row.id : row, ...result };
}

export function importRoutes(router: Router, ctx: RouteContext): void {
  const { db, vault, route } = ctx;
  router.post(
    '/imports/:kind',
    route(async (req) => {
      const kind = keyedKind(String(req.params.kind));
      const who = await caller(db, req.accountability);
      if (who.readOnly) throw new RegistryForbidden({ reason: '领导账号只能查阅，不能导入' });
      const dryRun = req.query.dry_run !== 'false';
      const mapping = readMapping(req, kind.mapping(), kind.mappingProblems);
      const table = await readTable(req);
      const records = mappedRecords(table, mapping, kind.key.field, kind.keyTitle);
      const keys = readableKeys(kind.key, records);
      const codes = await activeCodes(db, kind.codeTables);
      if (kind.collection === PEOPLE) {
        // People: the person rules planned in memory and written in batches by SQL, sealed
        // (the fast writer bench:registries needs; the hooks' rules are the plan's).
        const context: PlanContext = {
          today: new Date(),
          codes,
          unitPath: who.unitPath,
          existing: (await peopleByNumber(db, vault, keys, ['*'], BATCH)) as PlanContext['existing'],
        };
        const seen = new Set<string>();
        const plans = records.map((record, i) => planRow(i + 2, record, context, seen));
        if (!dryRun) await writePeople(db, vault, plans, who);
        return importAnswer(table, plans, dryRun);
      }
      const context = {
        unitPath: who.unitPath,
        existing: (await rowsByKey(db, vault, kind.collection, kind.key.field, keys)) as KeyedContext['existing'],
        numeric: numericFields(kind.spec),
        codes,
        title: (f: string) => fieldTitle(kind.spec, f),
      };
      const seen = new Set<string>();
      const unresolved = await resolvePeople(db, vault, records, kind.personFields, (f) => fieldTitle(kind.spec, f));
      const plans = records.map((record, i) => {
        const plan = planKeyedRow(i + 2, record, kind.key, context, seen);
        return unresolved.has(i) && plan.action !== 'refused'
          ? { line: plan.line, action: 'refused' as const, key: plan.key, id: plan.id, reason: unresolved.get(i) }
          : plan;
      });
      await writeThroughDirectus(
        { services: ctx.services, db, schema: await ctx.getSchema(), accountability: req.accountability },
        kind.collection,
        kind.spec,
        plans,
        dryRun,
      );
      return importAnswer(table, plans, dryRun);
    }),
  );

  router.post(
    '/comparisons/:kind',
    route(async (req) => {
      const kind = keyedKind(String(req.params.kind));
      const who = await caller(db, req.accountability);
      if (who.readOnly) throw new RegistryForbidden({ reason: '领导账号只能查阅，不能比对' });
      const source = await comparisonSource(db, req);
      const mapping = readMapping(req, kind.mapping(), kind.mappingProblems);
      const records = mappedRecords(await readTable(req), mapping, kind.key.field, kind.keyTitle);
      // Person references are compared in the people's own comparison, by ID number.
      const fields = [...new Set(Object.values(mapping))].filter(
        (f) => f !== kind.key.field && !kind.personFields.includes(f) && records.some((r) => f in r),
      );
      // Ours: the registry's records in the caller's jurisdiction, those ended (archived) left out.
      const archive = kind.spec.meta?.archive_field as string | undefined;
      const query = db(`${kind.collection} as r`)
        .join('units as u', 'u.id', 'r.unit')
        .where('r.unit_path', 'like', `${who.unitPath}%`)
        .whereNotNull(`r.${kind.key.field}`)
        .select(['r.id', `r.${kind.key.field}`, `r.${kind.title} as name`, 'u.name as unit_name', ...fields.map((f) => `r.${f}`)]);
      if (archive) query.whereNot(`r.${archive}`, kind.spec.meta?.archive_value as string);
      const ours = (await query).map((row) => openRow(vault, kind.collection, row)) as OurRecord[];
      for (const row of ours) row[kind.key.field] = String(row[kind.key.field]).toUpperCase();
      const ourKeys = new Set(ours.map((r) => r[kind.key.field] as string));
      const theirKeys = readableKeys(kind.key, records).filter((k) => !ourKeys.has(k));
      const elsewhere = new Set((await rowsByKey(db, vault, kind.collection, kind.key.field, theirKeys, ['id'])).keys());
      const result = compareLists(
        ours,
        records.map((record, i) => ({ line: i + 2, record: { ...record, name: record[kind.title] ?? null } })),
        fields,
        elsewhere,
        kind.key,
      );
      return storeComparison(db, who, kind.collection, source, result);
    }),
  );

  router.get('/comparisons/:id/csv', async (req: Req, res: Response, next: NextFunction) => {
    try {
      const id = keyOf(req.params.id) ?? Number.NaN;
      const visible =
        Number.isInteger(id) && (await readAs(ctx.services, await ctx.getSchema(), req.accountability, 'comparisons', id, ['id']));
      if (!visible) throw new RegistryNotFound({ reason: '比对记录不存在' });
      const stored = await db('comparisons').where({ id }).first('result', 'month', 'registry');
      const result = typeof stored.result === 'string' ? JSON.parse(stored.result) : stored.result;
      const titles =
        !stored.registry || stored.registry === 'people'
          ? PERSON_TITLES
          : (() => {
              const kind = keyedKind(stored.registry);
              return { name: fieldTitle(kind.spec, kind.title), key: kind.keyTitle };
            })();
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="comparison-${stored.month}-${id}.csv"`);
      res.send(toCsv(comparisonColumns(titles), comparisonRows(result, titles)));
    } catch (error) {
      next(error);
    }
  });
}
