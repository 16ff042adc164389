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
import type { NextFunction, Request, Response, Router } from 'express';
import type { Knex } from 'knex';
import { PERSON_CODE_FIELDS } from '../../../schema/collections/people.ts';
import { codeCollection } from '../../../schema/collections/code-tables.ts';
import { checkIdNumber } from './id-number.ts';
import { defaultMapping, mappingProblems, mapRow, planRow, type PlanContext, type RowPlan } from './import-plan.ts';
import { PERSON_DATE_FIELDS, storedDate, type PersonRecord } from './people.ts';
import { parseCsv, parseXlsx, toCsv, type Table } from './table-file.ts';
import { compareLists, comparisonRows, type OurPerson } from './compare.ts';
import { caller, readAs, refuse, RegistryForbidden, RegistryNotFound, type Services } from './context.ts';

type Req = Request & { accountability?: Accountability };

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
    return format === 'xlsx' ? await parseXlsx(body) : parseCsv(body.toString('utf8'));
  } catch {
    throw refuse(`无法读取${format === 'xlsx' ? ' Excel ' : ' CSV '}文件，请检查格式`);
  }
}

function readMapping(req: Req): Record<string, string> {
  if (req.query.mapping === undefined) return defaultMapping();
  let mapping: unknown;
  try {
    mapping = JSON.parse(String(req.query.mapping));
  } catch {
    throw refuse('列映射应为 JSON：{"列名":"字段"}');
  }
  if (!mapping || typeof mapping !== 'object' || Array.isArray(mapping)) throw refuse('列映射应为 JSON：{"列名":"字段"}');
  const problems = mappingProblems(mapping as Record<string, unknown>);
  if (problems.length) throw refuse(problems.join('；'));
  return mapping as Record<string, string>;
}

async function loadContext(db: Knex, unitPath: string, numbers: string[]): Promise<PlanContext> {
  const codes: Record<string, Set<string>> = {};
  for (const table of new Set(Object.values(PERSON_CODE_FIELDS))) {
    const rows = await db(codeCollection(table)).select('code', 'active');
    codes[table] = new Set(rows.filter((r) => r.active !== false && r.active !== 0).map((r) => String(r.code)));
  }
  const existing: PlanContext['existing'] = new Map();
  for (let i = 0; i < numbers.length; i += BATCH) {
    for (const row of await db('people').whereIn('id_number', numbers.slice(i, i + BATCH))) existing.set(row.id_number, row);
  }
  return { today: new Date(), codes, existing, unitPath };
}

/** Dates as Directus stores them. */
function asStored(record: PersonRecord): PersonRecord {
  return Object.fromEntries(Object.entries(record).map(([f, v]) => [f, PERSON_DATE_FIELDS.includes(f) && typeof v === 'string' ? storedDate(v) : v]));
}

/** Writes one batch in one transaction; a failure leaves the batch unwritten and its rows refused. */
async function writeBatch(db: Knex, plans: RowPlan[], stamp: { user: string; unit: number; unitPath: string }): Promise<string | null> {
  try {
    await db.transaction(async (trx) => {
      const now = new Date();
      const creates = plans.filter((p) => p.action === 'create').map((p) => ({ ...asStored(p.record!), unit: stamp.unit, unit_path: stamp.unitPath, state: p.record!.state ?? 'in_force', user_created: stamp.user, date_created: now }));
      if (creates.length) await trx.batchInsert('people', creates, 100);
      for (const p of plans.filter((q) => q.action === 'change')) {
        await trx('people').where({ id: p.id, unit_path: stamp.unitPath }).update({ ...asStored(p.record!), date_updated: now });
      }
    });
    return null;
  } catch (error) {
    return `本批写入失败，均未写入（${(error as Error).message.includes('nique') ? '身份证号码与同时登记的记录重复' : '数据库错误'}），请重新导入`;
  }
}

/** The table's rows as records of the mapped fields; the file must have an ID number column. */
function mappedRecords(table: Table, mapping: Record<string, string>) {
  const mapped = Object.keys(mapping).filter((column) => table.headers.includes(column));
  if (!mapped.some((c) => mapping[c] === 'id_number')) throw refuse(`文件中没有身份证号码列（表头：${table.headers.join('、') || '无'}）`);
  const columns = Object.fromEntries(mapped.map((c) => [c, mapping[c]!]));
  return table.rows.map((row) => mapRow(row, columns));
}

export function importRoutes(router: Router, ctx: { services: Services; db: Knex; getSchema: () => Promise<SchemaOverview>; route: (h: (req: Req) => Promise<unknown>) => (req: Req, res: Response, next: NextFunction) => void }): void {
  const { db, route } = ctx;
  router.post(
    '/imports/people',
    route(async (req) => {
      const who = await caller(db, req.accountability);
      if (who.readOnly) throw new RegistryForbidden({ reason: '领导账号只能查阅，不能导入' });
      const dryRun = req.query.dry_run !== 'false';
      const mapping = readMapping(req);
      const table = await readTable(req);
      const records = mappedRecords(table, mapping);
      const numbers = records.map((r) => checkIdNumber(r.id_number)).flatMap((c) => (c.ok ? [c.facts.normalized] : []));
      const context = await loadContext(db, who.unitPath, numbers);
      const seen = new Set<string>();
      const plans = records.map((record, i) => planRow(i + 2, record, context, seen));

      if (!dryRun) {
        const writable = plans.filter((p) => p.action === 'create' || p.action === 'change');
        for (let i = 0; i < writable.length; i += BATCH) {
          const batch = writable.slice(i, i + BATCH);
          const failure = await writeBatch(db, batch, { user: who.user, unit: who.unit, unitPath: who.unitPath });
          if (failure) for (const p of batch) Object.assign(p, { action: 'refused', reason: failure });
        }
      }
      const summary = { create: 0, change: 0, unchanged: 0, refused: 0 };
      for (const p of plans) summary[p.action] += 1;
      const refused = plans.filter((p) => p.action === 'refused');
      return {
        dry_run: dryRun,
        summary,
        rows: (dryRun ? plans : refused).map(({ record: _r, ...rest }) => rest),
        refused_csv: refused.length ? toCsv([...table.headers, '行号', '未导入原因'], refused.map((p) => ({ ...table.rows[p.line - 2], 行号: p.line, 未导入原因: p.reason }))) : null,
      };
    }),
  );

  router.post(
    '/comparisons/people',
    route(async (req) => {
      const who = await caller(db, req.accountability);
      if (who.readOnly) throw new RegistryForbidden({ reason: '领导账号只能查阅，不能比对' });
      const department = Number.isInteger(Number(req.query.department)) ? await db('units').where({ id: Number(req.query.department) }).first('id', 'kind', 'name') : undefined;
      if (!department || department.kind === 'office') throw refuse('请选择提供名单的职能部门或成员单位');
      const month = String(req.query.month ?? '');
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw refuse('比对月份格式为 2026-11');
      const mapping = readMapping(req);
      const records = mappedRecords(await readTable(req), mapping);
      const fields = [...new Set(Object.values(mapping))].filter((f) => records.some((r) => f in r));
      const ours = (await db('people as p')
        .join('units as u', 'u.id', 'p.unit')
        .where('p.unit_path', 'like', `${who.unitPath}%`)
        .whereNot('p.state', 'ended')
        .whereNotNull('p.id_number')
        .select(['p.id', 'p.id_number', 'u.name as unit_name', ...fields.filter((f) => f !== 'id_number').map((f) => `p.${f}`)])) as OurPerson[];
      const ourNumbers = new Set(ours.map((p) => p.id_number));
      const theirNumbers = records.map((r) => checkIdNumber(r.id_number)).flatMap((c) => (c.ok && !ourNumbers.has(c.facts.normalized) ? [c.facts.normalized] : []));
      const elsewhere = new Set<string>();
      for (let i = 0; i < theirNumbers.length; i += BATCH) for (const row of await db('people').whereIn('id_number', theirNumbers.slice(i, i + BATCH)).select('id_number')) elsewhere.add(row.id_number);
      const result = compareLists(ours, records.map((record, i) => ({ line: i + 2, record })), fields, elsewhere);
      const [row] = await db('comparisons')
        .insert({ unit: who.unit, unit_path: who.unitPath, department: department.id, month, performed_by: who.user, performed_at: new Date(), counts: JSON.stringify(result.counts), result: JSON.stringify(result) })
        .returning('id');
      return { id: typeof row === 'object' ? row.id : row, ...result };
    }),
  );

  router.get('/comparisons/:id/csv', async (req: Req, res: Response, next: NextFunction) => {
    try {
      const id = Number(req.params.id);
      const visible = Number.isInteger(id) && (await readAs(ctx.services, await ctx.getSchema(), req.accountability, 'comparisons', id, ['id']));
      if (!visible) throw new RegistryNotFound({ reason: '比对记录不存在' });
      const stored = await db('comparisons').where({ id }).first('result', 'month');
      const result = typeof stored.result === 'string' ? JSON.parse(stored.result) : stored.result;
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="comparison-${stored.month}-${id}.csv"`);
      res.send(toCsv(['类别', '单位', '姓名', '身份证号码', '对方行号', '差异'], comparisonRows(result)));
    } catch (error) {
      next(error);
    }
  });
}
