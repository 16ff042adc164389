// Raising a warning for a unit (预警) outside the rules' evaluation: a flow that has
// seen something (a dispute marked major) warns the unit under one of the office's
// rules. The warning is written and told exactly as the evaluator's are — its title,
// the unit and the unit above it in the app and by phone through the one notify
// module, in one transaction — but it is no episode of the rule's condition: it has
// no `open_key`, so the evaluator neither keeps nor ends it, and each one raised is
// handled and closed on its own.

import { createError, InvalidPayloadError } from '@directus/errors';
import type { Knex } from 'knex';
import { notify } from '../../kernel/notify.ts';
import { isWithin } from '../../kernel/unit-path.ts';
import { WARNING_KINDS, WARNING_LEVELS, type WarningKind, type WarningLevel } from './rules.ts';

export const WarningNotFound = createError<{ reason: string }>('WARNING_NOT_FOUND', (e) => e.reason, 404);

/** A warning's title, as every warning is titled: 【黄色预警】规则名称：what was found. */
export const warningTitle = (level: WarningLevel, ruleName: string, summary: string) =>
  `【${WARNING_LEVELS[level].slice(0, 2)}预警】${ruleName}：${summary}`.slice(0, 500);

/** Tells the warned unit and the unit above it of a warning just written, in the caller's transaction; returns how many were told. */
export async function tellWarning(
  trx: Knex,
  w: { id: number; unit: number; kind: WarningKind; ruleName: string; title: string; now: Date },
): Promise<number> {
  const parent = ((await trx('units').where({ id: w.unit }).first('parent')) as { parent: number | null } | undefined)?.parent ?? null;
  const told = await notify(trx, {
    units: parent ? [w.unit, parent] : [w.unit],
    subject: `${WARNING_KINDS[w.kind]}：${w.ruleName}`,
    body: w.title,
    about: { collection: 'warnings', item: w.id },
    phone: true,
    now: w.now,
  });
  await trx('warnings').where({ id: w.id }).update({ told });
  return told;
}

export interface UnitWarning {
  rule: number;
  unit: number;
  summary: string;
  /** The rule's level when absent. */
  level?: WarningLevel | null;
  value?: number | null;
  evidence?: { collection: string; ids: (number | string)[] } | null;
  now: Date;
}

/** Raises a warning for a unit under a rule of an office above it (or its own); refuses a rule or unit that does not exist, or a unit outside the rule's office. */
export async function raiseForUnit(db: Knex, w: UnitWarning): Promise<{ id: number; title: string; told: number }> {
  const rule = (await db('warning_rules').where({ id: w.rule }).first('id', 'name', 'kind', 'level', 'unit_path')) as
    | { id: number; name: string; kind: WarningKind; level: WarningLevel; unit_path: string }
    | undefined;
  if (!rule) throw new WarningNotFound({ reason: `预警规则“${w.rule}”不存在` });
  const unit = (await db('units').where({ id: w.unit }).first('id', 'path', 'name')) as
    | { id: number; path: string; name: string }
    | undefined;
  if (!unit) throw new WarningNotFound({ reason: `被预警单位“${w.unit}”不存在` });
  if (!isWithin(unit.path, rule.unit_path))
    throw new InvalidPayloadError({ reason: `被预警单位“${unit.name}”不在预警规则“${rule.name}”设定单位的辖区内` });
  const level = w.level ?? rule.level;
  const title = warningTitle(level, rule.name, w.summary);
  return db.transaction(async (trx) => {
    const inserted = (await trx('warnings')
      .insert({
        rule: rule.id,
        unit: unit.id,
        unit_path: unit.path,
        kind: rule.kind,
        level,
        title,
        status: 'raised',
        value: w.value ?? null,
        evidence: JSON.stringify(w.evidence ?? { collection: null, ids: [] }),
        open_key: null,
        raised_at: w.now,
        last_seen_at: w.now,
        history: JSON.stringify([{ step: 'raised', by: null, at: w.now.toISOString(), note: w.summary }]),
      })
      .returning('id')) as ({ id: number } | number)[];
    const id = Number(typeof inserted[0] === 'object' ? inserted[0]!.id : inserted[0]);
    const told = await tellWarning(trx, { id, unit: unit.id, kind: rule.kind, ruleName: rule.name, title, now: w.now });
    return { id, title, told };
  });
}
