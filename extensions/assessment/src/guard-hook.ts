// Hook: a rubric is changed only by the office that owns it, and an item is saved
// only with a rule that can be scored (rubric.ts itemProblems: parameters of its
// kind, a metric that exists and fits). The payload is checked together with the
// stored row it changes; filters run before Directus's permission checks.

import type { HookConfig } from '@directus/extensions';
import { InvalidPayloadError } from '@directus/errors';
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { itemProblems, type ItemRow } from '../../domains/assessment/rubric.ts';

const refuse = (reason: string) => new InvalidPayloadError({ reason });
const isAdmin = (accountability: Accountability | null | undefined) => !accountability || accountability.admin === true;
const RULE_FIELDS = ['full', 'cap', 'rule_kind', 'min', 'per', 'threshold', 'target', 'bands', 'formula', 'metric'];

/** The acting user's unit path; a section or item may be written only under a rubric of that unit. */
async function ownRubric(db: Knex, accountability: Accountability, rubric: unknown): Promise<void> {
  const me = await db('directus_users')
    .where({ id: accountability.user ?? null })
    .first('unit_path');
  const row = Number.isSafeInteger(rubric) ? await db('assessment_rubrics').where({ id: rubric }).first('unit_path') : undefined;
  if (!row) throw refuse('考评细则不存在');
  if (row.unit_path !== me?.unit_path) throw refuse('只能修改本单位制定的考评细则');
}

async function rubricOfSection(db: Knex, section: unknown): Promise<unknown> {
  if (!Number.isSafeInteger(section)) throw refuse('考评项目不存在');
  return (await db('assessment_sections').where({ id: section }).first('rubric'))?.rubric;
}

function checkItem(row: Partial<ItemRow>): void {
  const problems = itemProblems(row);
  if (problems.length) throw refuse(problems.join('；'));
}

/** A rubric, section or item a stored run has scored with stays (runs keep what they used); a new version is made instead. */
async function refuseIfScored(db: Knex, items: Knex.QueryBuilder): Promise<void> {
  const used = await db('assessment_scores').whereIn('item', items).first('id');
  if (used) throw refuse('该考评内容已用于考评结果，不能删除；如需调整，请复制为新版本细则后修改');
}

const payload = (input: unknown) => (typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {});

const hook: HookConfig = ({ filter }) => {
  filter('assessment_sections.items.create', async (input, _meta, { accountability, database }) => {
    if (!isAdmin(accountability)) await ownRubric(database, accountability!, payload(input).rubric);
    return input;
  });
  filter('assessment_sections.items.update', async (input, { keys }, { accountability, database }) => {
    if (isAdmin(accountability)) return input;
    const rows = await database('assessment_sections')
      .whereIn('id', keys as number[])
      .select('rubric');
    for (const row of rows) await ownRubric(database, accountability!, row.rubric);
    if ('rubric' in payload(input)) await ownRubric(database, accountability!, payload(input).rubric);
    return input;
  });

  filter('assessment_rubrics.items.delete', async (keys, _meta, { database }) => {
    const sections = database('assessment_sections')
      .whereIn('rubric', keys as number[])
      .select('id');
    await refuseIfScored(database, database('assessment_items').whereIn('section', sections).select('id'));
    if (
      await database('assessment_runs')
        .whereIn('rubric', keys as number[])
        .first('id')
    )
      throw refuse('该细则已用于考评结果，不能删除；可将状态改为“已停用”');
    return keys;
  });
  filter('assessment_sections.items.delete', async (keys, _meta, { database }) => {
    await refuseIfScored(
      database,
      database('assessment_items')
        .whereIn('section', keys as number[])
        .select('id'),
    );
    return keys;
  });
  filter('assessment_items.items.delete', async (keys, _meta, { database }) => {
    await refuseIfScored(
      database,
      database('assessment_items')
        .whereIn('id', keys as number[])
        .select('id'),
    );
    return keys;
  });

  filter('assessment_items.items.create', async (input, _meta, { accountability, database }) => {
    const item = payload(input);
    if (!isAdmin(accountability)) await ownRubric(database, accountability!, await rubricOfSection(database, item.section));
    checkItem(item as Partial<ItemRow>);
    return input;
  });
  filter('assessment_items.items.update', async (input, { keys }, { accountability, database }) => {
    const change = payload(input);
    const rows = (await database('assessment_items').whereIn('id', keys as number[])) as ItemRow[];
    for (const row of rows) {
      if (!isAdmin(accountability)) {
        await ownRubric(database, accountability!, await rubricOfSection(database, row.section));
        if ('section' in change) await ownRubric(database, accountability!, await rubricOfSection(database, change.section));
      }
      if (RULE_FIELDS.some((f) => f in change)) checkItem({ ...row, ...change } as Partial<ItemRow>);
    }
    return input;
  });
};

export default hook;
