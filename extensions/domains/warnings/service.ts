// 预警: evaluating the rules and keeping the warnings they raise, and the steps of a
// warning's handling. A warning is raised once per episode (its `open_key`, unique,
// held while the rule goes on holding for the unit), told to the unit and the unit
// above it in the app and by phone through the one notify module, in the same
// transaction; an episode whose condition has ended keeps its warning (to be handled
// and closed) and frees the key, so that the next time the rule holds a new warning
// is raised.

import { createError, InvalidPayloadError } from '@directus/errors';
import type { Knex } from 'knex';
import type { Actor } from '../../kernel/actor.ts';
import { loadCalendar } from '../../kernel/calendar.ts';
import { jsonValue } from '../../kernel/db-values.ts';
import { takeWriteLock } from '../../kernel/write-lock.ts';
import { isWithin } from '../../kernel/unit-path.ts';
import { findings } from './evaluate.ts';
import { episodeKey, type Finding, reconcile, type WarningRule } from './rules.ts';
import { tellWarning, warningTitle } from './raise.ts';
import { parseWarningStep, WARNING_STEPS, type WarningState, warningRefusal } from './workflow.ts';

export const WarningForbidden = createError<{ reason: string }>('WARNING_FORBIDDEN', (e) => e.reason, 403);
export const WarningConflict = createError<{ reason: string }>('WARNING_CONFLICT', (e) => e.reason, 409);
export const refuse = (reason: string) => new InvalidPayloadError({ reason });

const NUMERIC = ['threshold', 'window_days', 'months', 'sigma', 'min_base', 'days', 'category', 'count', 'hours'] as const;

/** A rule as stored (decimals come back as strings on PostgreSQL, booleans as 0/1 on SQLite). */
export function ruleOf(row: Record<string, unknown>): WarningRule {
  const rule = { ...row, id: Number(row.id), active: row.active === true || row.active === 1 || row.active === '1' } as Record<
    string,
    unknown
  >;
  for (const key of NUMERIC) rule[key] = row[key] === null || row[key] === undefined ? null : Number(row[key]);
  return rule as unknown as WarningRule;
}

export interface EvaluationReport {
  rules: number;
  raised: number;
  kept: number;
  ended: number;
  told: number;
  /** Rules that could not be evaluated (a figure removed, a row it cannot read): the others go on. */
  failed: { rule: number; error: string }[];
}

interface OpenWarning {
  id: number;
  open_key: string;
  unit: number;
}

interface HistoryStep {
  step: string;
  by: string | null;
  at: string;
  note: string | null;
}

export function warningService(db: Knex) {
  const client = String(db.client.config.client);

  async function raise(trx: Knex.Transaction, rule: WarningRule, f: Finding, now: Date): Promise<number> {
    const unit = (await trx('units').where({ id: f.unit }).first('id', 'path')) as { id: number; path: string };
    const row = {
      rule: rule.id,
      unit: unit.id,
      unit_path: unit.path,
      kind: rule.kind,
      level: rule.level,
      title: warningTitle(rule.level, rule.name, f.summary),
      status: 'raised',
      value: f.value,
      evidence: JSON.stringify(f.evidence),
      open_key: episodeKey(rule.id, f),
      raised_at: now,
      last_seen_at: now,
      history: JSON.stringify([{ step: 'raised', by: null, at: now.toISOString(), note: f.summary } satisfies HistoryStep]),
    };
    // A second evaluator raising the same episode meanwhile wins; this one leaves it.
    const inserted = (await trx('warnings').insert(row).onConflict('open_key').ignore().returning('id')) as ({ id: number } | number)[];
    const id = inserted.length ? Number(typeof inserted[0] === 'object' ? inserted[0]!.id : inserted[0]) : null;
    if (id === null) return 0;
    return tellWarning(trx, { id, unit: unit.id, kind: rule.kind, ruleName: rule.name, title: row.title, now });
  }

  /**
   * Evaluates the active rules (or those named) now: raises the warnings of new episodes, refreshes
   * those still holding, ends those that no longer hold; the open episodes of rules switched off end
   * too. Each rule in its own transaction: one that fails does not keep the others from being evaluated.
   */
  async function evaluate(now: Date, only?: readonly number[]): Promise<EvaluationReport> {
    const rows = (await db('warning_rules')
      .modify((q) => (only ? q.whereIn('id', [...only]) : q))
      .orderBy('id')
      .select('*')) as Record<string, unknown>[];
    const calendar = await loadCalendar(db);
    const report: EvaluationReport = { rules: 0, raised: 0, kept: 0, ended: 0, told: 0, failed: [] };
    for (const rule of rows.map(ruleOf)) {
      try {
        const found = rule.active ? await findings(rule, { db, client, calendar, now }) : [];
        await db.transaction(async (trx) => {
          await takeWriteLock(trx, 'warnings');
          const open = (await trx('warnings')
            .where({ rule: rule.id })
            .whereNotNull('open_key')
            .select('id', 'open_key', 'unit')) as OpenWarning[];
          const { raise: fresh, keep, end } = reconcile(open, rule.id, found);
          for (const f of fresh) {
            const told = await raise(trx, rule, f, now);
            report.told += told;
            report.raised += 1;
          }
          for (const { warning, finding } of keep)
            await trx('warnings')
              .where({ id: warning.id })
              .update({ last_seen_at: now, value: finding.value, evidence: JSON.stringify(finding.evidence) });
          if (end.length)
            await trx('warnings')
              .whereIn(
                'id',
                end.map((w) => w.id),
              )
              .update({ open_key: null, ended_at: now });
          report.kept += keep.length;
          report.ended += end.length;
        });
        if (rule.active) report.rules += 1;
      } catch (error) {
        report.failed.push({ rule: rule.id, error: (error as Error).message });
      }
    }
    return report;
  }

  /** Who the actor is to the warned unit: the unit itself, a unit above it, or nobody (null). */
  function sideOf(actor: Actor, warned: string): 'own' | 'above' | null {
    if (actor.unit.path === warned) return 'own';
    if (isWithin(warned, actor.unit.path)) return 'above';
    return null;
  }

  /** POST /warnings/:id/steps/:step: 签收、处置、退回重办、核销. */
  async function step(actor: Actor, id: number, stepName: unknown, body: unknown, now: Date) {
    const parsed = parseWarningStep(stepName, body);
    if (!parsed.ok) throw refuse(parsed.problems.join('；'));
    if (actor.readOnly) throw new WarningForbidden({ reason: '领导账号只能查阅和批示，不能办理预警' });
    return db.transaction(async (trx) => {
      await takeWriteLock(trx, 'warnings');
      const row = (await trx('warnings').where({ id }).first('id', 'unit_path', 'status', 'history')) as
        | { id: number; unit_path: string; status: WarningState; history: unknown }
        | undefined;
      const side = row ? sideOf(actor, row.unit_path) : null;
      if (!row || !side) throw new WarningForbidden({ reason: '预警不存在或不属于本单位及下级单位' });
      const refusal = warningRefusal(parsed.step, row.status, side);
      if (refusal)
        throw refusal.status === 403 ? new WarningForbidden({ reason: refusal.reason }) : new WarningConflict({ reason: refusal.reason });
      const rule = WARNING_STEPS[parsed.step];
      const history = [
        ...(jsonValue<HistoryStep[]>(row.history) ?? []),
        { step: parsed.step, by: actor.user, at: now.toISOString(), note: parsed.note },
      ];
      const stamps: Record<string, unknown> =
        parsed.step === 'acknowledge'
          ? { acknowledged_by: actor.user, acknowledged_at: now }
          : parsed.step === 'handle'
            ? {
                handled_by: actor.user,
                handled_at: now,
                handling: parsed.note,
                ...(row.status === 'raised' ? { acknowledged_by: actor.user, acknowledged_at: now } : {}),
              }
            : parsed.step === 'close'
              ? { closed_by: actor.user, closed_at: now, closing: parsed.note }
              : {};
      // The state it was read in: a step taken meanwhile by someone else makes this one a conflict.
      const changed = await trx('warnings')
        .where({ id, status: row.status })
        .update({ status: rule.to, history: JSON.stringify(history), ...stamps });
      if (!changed) throw new WarningConflict({ reason: '预警刚被他人办理，请刷新后重试' });
      return { id, status: rule.to };
    });
  }

  return { evaluate, step };
}
