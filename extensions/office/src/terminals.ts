// Terminals (R3, R4): handing a terminal over (交接), confirmed by both holders;
// reporting a loss (丢失报告) with the 24-hour rule; who uses a terminal without a
// confidentiality agreement (保密协议); who logged in on which working days.
// Pure rules first, then the service the office endpoint adapts.

import type { Knex } from 'knex';
import type { Actor } from '../../kernel/actor.ts';
import { instant, storedDate } from '../../kernel/db-values.ts';
import { loadCalendar } from '../../kernel/calendar.ts';
import { isWorkingDay, localDateOf } from '../../kernel/working-days.ts';
import { monthRange } from './activity.ts';
import { OfficeConflict, OfficeForbidden, refuse } from './documents.ts';
import { HANDOVER_REASONS, type TerminalKind } from './vocabulary.ts';
import { isOwnKey, isUuid } from '../../kernel/keys.ts';

export const LOSS_REPORT_HOURS = 24;
const HOUR = 3_600_000;

/** 丢失须24小时内报告: on time when reported at most 24 hours after the loss. */
export function lossReportedInTime(lostAt: Date, reportedAt: Date): boolean {
  return reportedAt.getTime() - lostAt.getTime() <= LOSS_REPORT_HOURS * HOUR;
}

export interface HandoverSides {
  from_confirmed_at: unknown;
  to_confirmed_at: unknown;
}

/** A handover completes only when both sides have confirmed. */
export const handoverComplete = (h: HandoverSides) => h.from_confirmed_at != null && h.to_confirmed_at != null;

/** The terminal kind of a login, from the browser's user agent. */
export function loginChannel(userAgent: string | null | undefined): TerminalKind {
  return /Android|iPhone|iPad|iPod|Mobile|HarmonyOS/i.test(userAgent ?? '') ? 'phone' : 'pc';
}

/** The working days of a month up to and including `today` (local dates). */
export function workingDaysOf(month: string, today: string, isWorking: (date: string) => boolean): string[] {
  const range = monthRange(month);
  if (!range) return [];
  const days: string[] = [];
  for (let d = Date.parse(`${range.first}T00:00:00Z`); d <= Date.parse(`${range.last}T00:00:00Z`); d += 86_400_000) {
    const date = new Date(d).toISOString().slice(0, 10);
    if (date > today) break;
    if (isWorking(date)) days.push(date);
  }
  return days;
}

async function jobOf(db: Knex, user: string | null): Promise<{ job: string | null; status: string } | undefined> {
  return user ? db('directus_users').where({ id: user }).first('job', 'status', 'unit', 'unit_path') : undefined;
}

/** Writes a loss report through Directus (its own transaction, announced once committed, so that flows hear and read it). */
export type WriteLoss = (row: Record<string, unknown>) => Promise<unknown>;

export function terminalService(database: Knex, writeLoss: WriteLoss) {
  async function terminalOf(id: number) {
    const terminal = Number.isInteger(id) ? await database('terminals').where({ id }).first() : undefined;
    if (!terminal) throw refuse('终端不存在');
    return terminal;
  }

  /** 发起交接: by the terminal's own unit, to a serving member of staff of the unit or below it. */
  async function startHandover(actor: Actor, id: number, body: unknown, now: Date) {
    if (actor.readOnly) throw new OfficeForbidden({ reason: '领导账号只能查阅，不能办理终端交接' });
    const { to_user, reason } = (body && typeof body === 'object' ? body : {}) as { to_user?: unknown; reason?: unknown };
    if (!isUuid(to_user)) throw refuse('请选择新持有人');
    if (!isOwnKey(HANDOVER_REASONS, reason)) throw refuse(`交接原因只能是 ${Object.values(HANDOVER_REASONS).join('、')}`);
    const terminal = await terminalOf(id);
    if (terminal.unit !== actor.unit.id) throw new OfficeForbidden({ reason: '只能交接本单位的终端' });
    if (terminal.status === 'lost' || terminal.status === 'retired') throw new OfficeConflict({ reason: '该终端已挂失或停用，不能交接' });
    const receiver = await database('directus_users').where({ id: to_user }).first('id', 'status', 'unit_path');
    if (receiver?.status !== 'active' || !String(receiver.unit_path ?? '').startsWith(terminal.unit_path))
      throw refuse('新持有人应为本单位或下级单位的在岗工作人员');
    if (receiver.id === terminal.holder) throw refuse('新持有人与原持有人相同');
    return database.transaction(async (trx) => {
      const claimed = await trx('terminals').where({ id, status: 'in_use' }).update({ status: 'handing_over' });
      if (claimed !== 1) throw new OfficeConflict({ reason: '该终端已有待确认的交接' });
      const [row] = await trx('terminal_handovers')
        .insert({
          terminal: id,
          unit: terminal.unit,
          unit_path: terminal.unit_path,
          from_user: terminal.holder,
          to_user,
          reason,
          handed_on: localDateOf(now),
          status: 'pending',
          started_by: actor.user,
          date_created: now,
        })
        .returning('id');
      const handover = typeof row === 'object' ? (row as { id: number }).id : (row as number);
      const people = [to_user, terminal.holder].filter(Boolean);
      await trx('directus_notifications').insert(
        people.map((recipient) => ({
          recipient,
          subject: '终端交接待确认',
          message: `【综治】终端${terminal.asset_number}的交接待您确认。`,
          collection: 'terminal_handovers',
          item: String(handover),
          status: 'inbox',
          timestamp: now,
        })),
      );
      return handoverSummary(trx, handover);
    });
  }

  /**
   * 确认交接: the new holder confirms receipt; the old holder confirms handing it
   * over — or, when the old holder has left (inactive or none), the unit's head or
   * administrator confirms taking it back (第八条 所属综治办应及时收回). When both
   * sides have confirmed, the terminal passes to the new holder.
   */
  async function confirmHandover(actor: Actor, id: number, now: Date) {
    const handover = Number.isInteger(id) ? await database('terminal_handovers').where({ id }).first() : undefined;
    if (!handover) throw refuse('交接记录不存在');
    if (handover.status !== 'pending') throw new OfficeConflict({ reason: '该交接已完成或已撤销' });
    let side: 'to' | 'from';
    if (actor.user === handover.to_user) side = 'to';
    else if (actor.user === handover.from_user) side = 'from';
    else {
      const me = await jobOf(database, actor.user);
      const old = await jobOf(database, handover.from_user);
      const oldHolderGone = old?.status !== 'active';
      if (actor.unit.id !== handover.unit || !['head', 'sysadmin'].includes(me?.job ?? '') || !oldHolderGone)
        throw new OfficeForbidden({ reason: '只有交接双方可以确认（原持有人已离岗的，由本单位综治办主任或系统管理员收回确认）' });
      side = 'from';
    }
    const column = side === 'to' ? 'to_confirmed_at' : 'from_confirmed_at';
    if (handover[column] != null) throw new OfficeConflict({ reason: '您已确认过该交接' });
    return database.transaction(async (trx) => {
      const done = await trx('terminal_handovers')
        .where({ id, status: 'pending' })
        .whereNull(column)
        .update(side === 'to' ? { to_confirmed_at: now } : { from_confirmed_at: now, from_confirmed_by: actor.user });
      if (done !== 1) throw new OfficeConflict({ reason: '您已确认过该交接' });
      const current = await trx('terminal_handovers').where({ id }).first();
      if (handoverComplete(current)) {
        await trx('terminal_handovers').where({ id }).update({ status: 'completed', completed_at: now });
        await trx('terminals')
          .where({ id: current.terminal })
          .update({ holder: current.to_user, status: 'in_use', assigned_on: localDateOf(now) });
      }
      return handoverSummary(trx, id);
    });
  }

  async function handoverSummary(db: Knex, id: number) {
    const row = await db('terminal_handovers')
      .where({ id })
      .first('id', 'terminal', 'from_user', 'to_user', 'status', 'from_confirmed_at', 'to_confirmed_at', 'completed_at');
    return {
      ...row,
      from_confirmed_at: iso(row.from_confirmed_at),
      to_confirmed_at: iso(row.to_confirmed_at),
      completed_at: iso(row.completed_at),
    };
  }

  /** 丢失报告: by the holder or the terminal's unit; late when more than 24 hours after the loss. */
  async function reportLoss(actor: Actor, id: number, body: unknown, now: Date) {
    const {
      lost_at,
      circumstances,
      measures = null,
    } = (body && typeof body === 'object' ? body : {}) as { lost_at?: unknown; circumstances?: unknown; measures?: unknown };
    const lostAt = typeof lost_at === 'string' && /[zZ]|[+-]\d\d:?\d\d$/.test(lost_at) ? new Date(lost_at) : null;
    if (!lostAt || Number.isNaN(lostAt.getTime())) throw refuse('请填写丢失时间（含时区，如 2026-11-26T20:00:00+08:00）');
    if (lostAt.getTime() > now.getTime() + 60_000) throw refuse('丢失时间不能晚于现在');
    if (typeof circumstances !== 'string' || !circumstances.trim() || circumstances.length > 2000)
      throw refuse('请填写丢失经过（不超过2000字）');
    if (measures !== null && (typeof measures !== 'string' || measures.length > 2000)) throw refuse('已采取措施不超过2000字');
    const terminal = await terminalOf(id);
    if (actor.user !== terminal.holder && (actor.readOnly || actor.unit.id !== terminal.unit))
      throw new OfficeForbidden({ reason: '只有持有人或终端所属单位可以报告丢失' });
    if (terminal.status === 'lost') throw new OfficeConflict({ reason: '该终端已报告丢失' });
    const within = lossReportedInTime(lostAt, now);
    const loss = {
      terminal: id,
      unit: terminal.unit,
      unit_path: terminal.unit_path,
      lost_at: lostAt,
      reported_at: now,
      within_24_hours: within,
      reported_by: actor.user,
      circumstances,
      measures,
    };
    // The report first: a flow hearing of it reads it (terminal_losses.items.create); then the terminal's status.
    await writeLoss(loss);
    await database.transaction(async (trx) => {
      await trx('terminals').where({ id }).update({ status: 'lost' });
      // A pending handover of a lost terminal cannot complete.
      await trx('terminal_handovers').where({ terminal: id, status: 'pending' }).update({ status: 'cancelled' });
    });
    return { terminal: id, status: 'lost', within_24_hours: within };
  }

  /** 保密协议检查: holders of terminals in the jurisdiction with no agreement on file. */
  async function confidentialityCheck(actor: Actor) {
    const rows = await database('terminals as t')
      .join('directus_users as u', 'u.id', 't.holder')
      .join('units as w', 'w.id', 't.unit')
      .where('t.unit_path', 'like', `${actor.unit.path}%`)
      .whereIn('t.status', ['in_use', 'handing_over'])
      .whereNotExists(database('confidentiality_agreements as c').whereRaw('c.signer = t.holder'))
      .orderBy(['t.unit_path', 't.asset_number'])
      .select('u.id as user', 'u.first_name', 'u.last_name', 't.asset_number', 't.kind', 'w.name as unit_name');
    const byUser = new Map<string, { user: string; name: string; unit_name: string; terminals: string[] }>();
    for (const r of rows) {
      const entry = byUser.get(r.user) ?? {
        user: r.user as string,
        name: `${r.last_name ?? ''}${r.first_name ?? ''}`,
        unit_name: r.unit_name as string,
        terminals: [] as string[],
      };
      entry.terminals.push(r.asset_number);
      byUser.set(r.user, entry);
    }
    return { without_agreement: [...byUser.values()] };
  }

  /** 登录情况: per user of the jurisdiction, working days of the month so far with a PC and with a phone login. */
  async function logins(actor: Actor, query: { month?: unknown }, now: Date) {
    if (!monthRange(query.month)) throw refuse('月份格式应为 YYYY-MM，如 2026-11');
    const month = query.month as string;
    const calendar = await loadCalendar(database);
    const days = workingDaysOf(month, localDateOf(now), (d) => isWorkingDay(calendar, d));
    const users = await database('directus_users')
      .where('unit_path', 'like', `${actor.unit.path}%`)
      .where({ status: 'active' })
      .orderBy(['unit_path', 'last_name'])
      .select('id', 'first_name', 'last_name', 'unit');
    const seen = await database('login_days')
      .where('unit_path', 'like', `${actor.unit.path}%`)
      .where('key', 'like', `%.${month}-%`)
      .select('user', 'key', 'channel');
    const terminalsHeld = await database('terminals')
      .where('unit_path', 'like', `${actor.unit.path}%`)
      .whereIn('status', ['in_use', 'handing_over'])
      .select('holder', 'kind');
    const working = new Set(days);
    return {
      month,
      working_days: days.length,
      users: users.map((u) => {
        const mine = seen.filter((s) => s.user === u.id && working.has(String(s.key).split('.')[1] ?? ''));
        const held = terminalsHeld.filter((t) => t.holder === u.id).map((t) => t.kind);
        return {
          user: u.id,
          name: `${u.last_name ?? ''}${u.first_name ?? ''}`,
          unit: u.unit,
          pc_days: mine.filter((s) => s.channel === 'pc').length,
          phone_days: mine.filter((s) => s.channel === 'phone').length,
          holds_pc: held.includes('pc'),
          holds_phone: held.includes('phone'),
        };
      }),
    };
  }

  return { startHandover, confirmHandover, reportLoss, confidentialityCheck, logins };
}

const iso = (value: unknown) => instant(value)?.toISOString() ?? null;

/** Records a login: one row per user, local day and terminal kind, counting the logins. */
export async function recordLogin(db: Knex, user: string, userAgent: string | null | undefined, now: Date): Promise<void> {
  const person = await db('directus_users').where({ id: user }).first('unit', 'unit_path');
  if (!person?.unit) return;
  const day = localDateOf(now);
  const channel = loginChannel(userAgent);
  const client = String(db.client.config.client);
  await db('login_days')
    .insert({
      key: `${user}.${day}.${channel}`,
      user,
      unit: person.unit,
      unit_path: person.unit_path,
      day: storedDate(client, day),
      channel,
      first_at: now,
      last_at: now,
      logins: 1,
    })
    .onConflict('key')
    .merge({ last_at: now, logins: db.raw('?? + 1', ['login_days.logins']) });
}
