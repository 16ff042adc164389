// Daily field work (考评办法第九条): the mediation deadline of a dispute, the
// "entered before it erupted" flag of a petition problem or mass incident,
// supervision (督办) by a superior office, and the resolution rate per unit.
// Pure rules first; then the service the office endpoint and hooks use.

import type { Knex } from 'knex';
import type { Actor } from '../../kernel/actor.ts';
import { instant } from '../../kernel/db-values.ts';
import { loadCalendar } from '../../kernel/calendar.ts';
import { addDuration, type Duration } from '../../kernel/working-days.ts';
import { storedDate } from '../../kernel/db-values.ts';
import { OfficeForbidden, refuse } from './documents.ts';
import { DISPUTE_POLICY_TYPE, RESOLUTION_TARGET, RISK_LEVELS, URGENCY_OF_RISK, type RiskLevel } from './vocabulary.ts';
import { isOwnKey } from '../../kernel/keys.ts';

/** Entered before it erupted: null while it has not erupted; else whether the record came first. */
export function enteredBeforeEruption(enteredAt: Date, eruptedAt: Date | null): boolean | null {
  return eruptedAt ? enteredAt.getTime() < eruptedAt.getTime() : null;
}

export interface DisputeTally {
  registered: number;
  resolved: number;
  overdue: number;
  resolved_late: number;
}

/** 化解率: resolved among registered; null when nothing was registered. */
export function resolutionRate(t: DisputeTally): { rate: number | null; meets_target: boolean | null } {
  if (!t.registered) return { rate: null, meets_target: null };
  const rate = Math.round((t.resolved / t.registered) * 1000) / 1000;
  return { rate, meets_target: rate >= RESOLUTION_TARGET };
}

export async function mediationDeadline(db: Knex, risk: unknown, from: Date): Promise<Date> {
  if (!isOwnKey(RISK_LEVELS, risk)) throw refuse(`风险等级只能是 ${Object.values(RISK_LEVELS).join('、')}`);
  const row = await db('deadline_policies')
    .where({ matter_type: DISPUTE_POLICY_TYPE, urgency: URGENCY_OF_RISK[risk as RiskLevel] })
    .first('complete_amount', 'complete_unit');
  if (!row) throw refuse('尚未设置矛盾纠纷的调解时限标准（时限标准中事项类型为“dispute”），请联系区综治办');
  return addDuration(await loadCalendar(db), from, { amount: row.complete_amount, unit: row.complete_unit } as Duration);
}

export function fieldWorkService(database: Knex) {
  const client = String(database.client.config.client);

  /** 督办: a superior office (strictly above the dispute's unit) supervises, with its opinion; the unit's staff are told. */
  async function supervise(actor: Actor, id: number, body: unknown, now: Date) {
    if (actor.readOnly) throw new OfficeForbidden({ reason: '领导账号只能查阅，不能督办' });
    const opinion = (body as { opinion?: unknown } | null)?.opinion;
    if (typeof opinion !== 'string' || !opinion.trim() || opinion.length > 2000) throw refuse('请填写督办意见（不超过2000字）');
    const dispute = Number.isInteger(id)
      ? await database('disputes').where({ id }).first('id', 'unit', 'unit_path', 'title', 'status')
      : undefined;
    const path = String(dispute?.unit_path ?? '');
    if (!dispute || !path.startsWith(actor.unit.path) || path === actor.unit.path)
      throw new OfficeForbidden({ reason: '只有上级单位可以督办下级单位的矛盾纠纷' });
    await database.transaction(async (trx) => {
      await trx('disputes').where({ id }).update({ supervised_by: actor.unit.id, supervised_at: now, supervision_opinion: opinion });
      const staff = await trx('directus_users').where({ unit: dispute.unit, status: 'active' }).pluck('id');
      if (staff.length)
        await trx('directus_notifications').insert(
          staff.map((recipient: string) => ({
            recipient,
            subject: '矛盾纠纷督办',
            message: `【综治】${actor.unit.name}督办矛盾纠纷“${dispute.title}”：${opinion}`,
            collection: 'disputes',
            item: String(id),
            status: 'inbox',
            timestamp: now,
          })),
        );
    });
    return { id, supervised_by: actor.unit.id, supervised_at: now.toISOString() };
  }

  /** 化解率: disputes discovered in the period, per unit at or below the caller's, and for the whole jurisdiction. */
  async function rates(actor: Actor, query: { from?: unknown; to?: unknown }, now: Date) {
    const date = (v: unknown) =>
      typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : null;
    const [from, to] = [date(query.from), date(query.to)];
    if (!from || !to || from > to) throw refuse('请填写统计期间（from、to，格式 YYYY-MM-DD，from 不晚于 to）');
    const rows = await database('disputes')
      .where('unit_path', 'like', `${actor.unit.path}%`)
      .whereBetween('discovered_on', [storedDate(client, from), storedDate(client, to)])
      .select('unit', 'status', 'mediation_due_at', 'resolved_at');
    const tally = new Map<number, DisputeTally>();
    const total: DisputeTally = { registered: 0, resolved: 0, overdue: 0, resolved_late: 0 };
    for (const r of rows) {
      const t = tally.get(r.unit) ?? { registered: 0, resolved: 0, overdue: 0, resolved_late: 0 };
      const due = instant(r.mediation_due_at);
      const resolved = r.status === 'resolved';
      const resolvedAt = instant(r.resolved_at);
      for (const x of [t, total]) {
        x.registered += 1;
        if (resolved) x.resolved += 1;
        if (!resolved && due && now > due) x.overdue += 1;
        if (resolved && due && resolvedAt && resolvedAt > due) x.resolved_late += 1;
      }
      tally.set(r.unit, t);
    }
    const units = await database('units').where('path', 'like', `${actor.unit.path}%`).orderBy('path').select('id', 'name', 'level');
    return {
      from,
      to,
      target: RESOLUTION_TARGET,
      total: { ...total, ...resolutionRate(total) },
      units: units.map((u) => {
        const t = tally.get(u.id) ?? { registered: 0, resolved: 0, overdue: 0, resolved_late: 0 };
        return { unit: u.id, name: u.name, level: u.level, ...t, ...resolutionRate(t) };
      }),
    };
  }

  return { supervise, rates };
}
