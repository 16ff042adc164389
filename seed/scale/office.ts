// Office work at Pukou's scale over three years: documents (公文、通知 …) sent by the
// district office and the street offices to the levels below, each recipient
// signing for it (on time, late, or not yet) and replying when asked, with the
// deadlines and outcomes of the office rules (extensions/office/src/receipts.ts);
// and disputes (矛盾纠纷) found in the grids and communities, mediated within the
// policy's time (most resolved, some late, some not).

import { deadlinesOf, remindersOf, replyOutcome, SENT_COLUMN, signOutcome } from '../../extensions/office/src/receipts.ts';
import {
  DISPUTE_POLICY_TYPE,
  DISPUTE_TYPES,
  type DOCUMENT_KINDS,
  DOCUMENT_POLICY_TYPE,
  type MEDIATION_METHODS,
  type RECEIPT_STATUSES,
  type REPLY_STATUSES,
  URGENCY_OF_RISK,
  type RiskLevel,
} from '../../extensions/office/src/vocabulary.ts';
import type { Urgency } from '../../extensions/domains/matters/vocabulary.ts';
import { addDuration, type Calendar, type Duration, type DurationUnit } from '../../extensions/kernel/working-days.ts';
import { personName } from '../registries-generator.ts';
import { between, countOf, integerBetween, pick, spread, stream, weighted, type Random } from './draw.ts';
import { DAY, HOUR, hourOfDay, instantInWindow, officeInstant, type Window } from './time.ts';
import type { ScaleUnit } from './tree.ts';

/** Documents sent a month at full size: by the district office, by each street office. */
export const DOCUMENTS_PER_MONTH = { district: 25, street: 15 };

/** Whom an office sends to, with shares: the district and the streets differ. */
export const AUDIENCES = {
  district: { streets: 0.5, communities: 0.3, streets_and_communities: 0.2 },
  street: { communities: 0.7, communities_and_grids: 0.3 },
} as const;

const KIND_SHARES = { notice: 0.5, document: 0.25, briefing: 0.1, plan_summary: 0.1, experience: 0.05 } as const satisfies Partial<
  Record<keyof typeof DOCUMENT_KINDS, number>
>;
const TOPICS = [
  '平安建设',
  '矛盾纠纷排查化解',
  '安全生产大检查',
  '重点人员服务管理',
  '网格化社会治理',
  '禁毒宣传',
  '防范电信网络诈骗',
  '消防安全隐患整治',
  '综治中心规范化建设',
];
const DOCUMENT_TITLES: Record<keyof typeof KIND_SHARES, (topic: string) => string> = {
  notice: (t) => `关于做好${t}工作的通知`,
  document: (t) => `关于印发《${t}工作实施方案》的通知`,
  briefing: (t) => `${t}工作信息简报`,
  plan_summary: (t) => `${t}工作总结`,
  experience: (t) => `${t}经验交流材料`,
};

export interface DocumentRow {
  id: number;
  unit: number;
  unit_path: string;
  kind: keyof typeof DOCUMENT_KINDS;
  urgency: Urgency;
  title: string;
  reference_number: string;
  body: string;
  reply_required: boolean;
  reply_within_days: number | null;
  status: 'sent';
  sent_at: Date;
  sent_by: string | null;
  sign_due_at: Date;
  reply_due_at: Date | null;
  recipient_count: number;
  user_created: string | null;
  date_created: Date;
  date_updated: Date;
}

export interface RecipientRow {
  document: number;
  unit: number;
  unit_path: string;
  status: keyof typeof RECEIPT_STATUSES;
  read_at: Date | null;
  read_by: string | null;
  signed_at: Date | null;
  signed_by: string | null;
  reply_status: keyof typeof REPLY_STATUSES;
  replied_at: Date | null;
  replied_by: string | null;
  reply_text: string | null;
  /** The reminders and chases sent (office reminders), each when it fell due before the receipt was signed or replied to. */
  reminded_at: Date | null;
  chased_at: Date | null;
  reply_reminded_at: Date | null;
  reply_chased_at: Date | null;
}

export interface OfficeContext {
  window: Window;
  calendar: Calendar;
  /** A deadline policy row's durations (时限标准) by type and urgency. */
  policy: (type: string, urgency: Urgency) => { sign: Duration; complete: Duration };
  /** The offices below a sender, by level: its streets, communities, grids. */
  below: (sender: ScaleUnit, level: 'street' | 'community' | 'grid') => readonly ScaleUnit[];
  actorOf: (unit: number) => string | null;
  scale: number;
  seed: number;
}

/** The share of receipts signed late, and never signed, among those whose time has come. */
export const RECEIPT_SHARES = { on_time: 0.9, late: 0.08, never: 0.02 } as const;

const MINUTE_MS = 60_000;

/** The documents one office sent over the window, with their receipts. */
export function documentsOf(
  ctx: OfficeContext,
  sender: ScaleUnit,
  nextId: () => number,
): { documents: DocumentRow[]; recipients: RecipientRow[] } {
  const rnd = stream(ctx.seed, 'documents', sender.id);
  const level = sender.level === 'district' ? 'district' : 'street';
  const months = (ctx.window.end.getTime() - ctx.window.start.getTime()) / (30.44 * DAY);
  const count = countOf(rnd, DOCUMENTS_PER_MONTH[level] * months * ctx.scale);
  const end = ctx.window.end.getTime();
  const sent = Array.from({ length: count }, () =>
    officeInstant(rnd, ctx.calendar, hourOfDay(rnd, instantInWindow(rnd, ctx.window).getTime(), ctx.calendar)),
  )
    .filter((t) => t < end)
    .sort((a, b) => a - b);
  const documents: DocumentRow[] = [];
  const recipients: RecipientRow[] = [];
  const byYear = new Map<number, number>();
  const senderUser = ctx.actorOf(sender.id);
  for (const at of sent) {
    const id = nextId();
    const kind = weighted(rnd, KIND_SHARES);
    const urgency = weighted(rnd, { normal: 0.8, urgent: 0.15, extra_urgent: 0.05 } as Record<Urgency, number>);
    const replyRequired = kind === 'notice' && rnd() < 0.4;
    const replyWithin = replyRequired && rnd() < 0.5 ? integerBetween(rnd, 3, 7) : null;
    const sentAt = new Date(at);
    const policy = ctx.policy(DOCUMENT_POLICY_TYPE, urgency);
    const deadlines = deadlinesOf(
      ctx.calendar,
      sentAt,
      { sign: policy.sign, reply: policy.complete },
      { required: replyRequired, withinDays: replyWithin },
    );
    const audience = weighted(rnd, AUDIENCES[level] as Record<string, number>);
    const units = audience.split('_and_').flatMap((part) => ctx.below(sender, part.replace(/s$/, '') as 'street' | 'community' | 'grid'));
    const year = sentAt.getUTCFullYear();
    byYear.set(year, (byYear.get(year) ?? 0) + 1);
    const topic = pick(rnd, TOPICS);
    documents.push({
      id,
      unit: sender.id,
      unit_path: sender.path,
      kind,
      urgency,
      title: DOCUMENT_TITLES[kind](topic),
      reference_number: `${sender.level === 'district' ? '浦综治办' : `${sender.name.slice(0, 2)}综治办`}〔${year}〕${byYear.get(year)}号`,
      body: `各有关单位：为进一步做好${topic}工作，现将有关事项通知如下，请认真贯彻落实。`,
      reply_required: replyRequired,
      reply_within_days: replyWithin,
      status: 'sent',
      sent_at: sentAt,
      sent_by: senderUser,
      sign_due_at: deadlines.sign_due_at,
      reply_due_at: deadlines.reply_due_at,
      recipient_count: units.length,
      user_created: senderUser,
      date_created: new Date(at - Math.floor(between(rnd, 0.5, 48) * HOUR)),
      date_updated: sentAt,
    });
    const signAllowed = deadlines.sign_due_at.getTime() - at;
    const replyAllowed = deadlines.reply_due_at ? deadlines.reply_due_at.getTime() - at : 0;
    const units_ = { sign: policy.sign.unit, reply: replyWithin ? ('working_days' as const) : policy.complete.unit };
    for (const unit of units) recipients.push(receiptOf(ctx, rnd, id, unit, at, signAllowed, replyAllowed, deadlines, units_));
  }
  return { documents, recipients };
}

function receiptOf(
  ctx: OfficeContext,
  rnd: Random,
  document: number,
  unit: ScaleUnit,
  sentAt: number,
  signAllowed: number,
  replyAllowed: number,
  deadlines: { sign_due_at: Date; reply_due_at: Date | null },
  durationUnits: { sign: DurationUnit; reply: DurationUnit },
): RecipientRow {
  const end = ctx.window.end.getTime();
  const who = ctx.actorOf(unit.id);
  const how = weighted(rnd, RECEIPT_SHARES);
  const due = deadlines.sign_due_at.getTime();
  const planned = sentAt + signAllowed * (how === 'on_time' ? between(rnd, 0.05, 0.9) : between(rnd, 1.05, 3));
  // In office hours where that keeps it on time; a short deadline is met out of hours.
  const inOffice = officeInstant(rnd, ctx.calendar, planned);
  const signAt = how === 'never' ? Number.POSITIVE_INFINITY : how === 'on_time' && inOffice > due ? planned : inOffice;
  const readAt = Math.min(signAt, sentAt + Math.floor(between(rnd, 0.02, 1.2) * signAllowed)) - Math.floor(rnd() * HOUR);
  const signed = signAt <= end;
  const read = signed || (readAt <= end && rnd() < 0.5);
  const row: RecipientRow = {
    document,
    unit: unit.id,
    unit_path: unit.path,
    status: signed ? signOutcome(deadlines.sign_due_at, new Date(signAt)) : read ? 'read' : 'unread',
    read_at: read ? new Date(Math.max(sentAt + MINUTE_MS, Math.min(readAt, signAt))) : null,
    read_by: read ? who : null,
    signed_at: signed ? new Date(signAt) : null,
    signed_by: signed ? who : null,
    reply_status: deadlines.reply_due_at ? 'pending' : 'not_required',
    replied_at: null,
    replied_by: null,
    reply_text: null,
    reminded_at: null,
    chased_at: null,
    reply_reminded_at: null,
    reply_chased_at: null,
  };
  if (deadlines.reply_due_at && signed) {
    const replyAt = officeInstant(
      rnd,
      ctx.calendar,
      Math.max(signAt, sentAt + replyAllowed * (rnd() < 0.88 ? between(rnd, 0.3, 0.95) : between(rnd, 1.02, 2))),
    );
    if (replyAt <= end) {
      row.reply_status = replyOutcome(deadlines.reply_due_at, new Date(replyAt));
      row.replied_at = new Date(replyAt);
      row.replied_by = who;
      row.reply_text = `${unit.name}已按要求落实，现将有关情况报送如下。`;
    }
  }
  // The office reminders of the receipt as sent when open (the rule's own schedule), each recorded
  // in its column when it fell due before the receipt was signed (replied to) and before the end.
  const schedule = remindersOf(
    {
      recipient: 0,
      status: 'unread',
      reply_status: deadlines.reply_due_at ? 'pending' : 'not_required',
      sent_at: new Date(sentAt),
      sign_due_at: deadlines.sign_due_at,
      sign_unit: durationUnits.sign,
      reply_due_at: deadlines.reply_due_at,
      reply_unit: durationUnits.reply,
      sent: [],
    },
    ctx.calendar,
  );
  for (const reminder of schedule) {
    const settled = reminder.kind.startsWith('sign') ? signAt : (row.replied_at?.getTime() ?? Number.POSITIVE_INFINITY);
    const t = reminder.at.getTime();
    if (t <= end && t < settled) row[SENT_COLUMN[reminder.kind] as 'reminded_at'] = new Date(t + Math.floor(rnd() * 30_000));
  }
  return row;
}

/** Disputes per grid (and its community) at full size over three years. */
export const DISPUTES_PER_GRID = 20;

const DISPUTE_TYPE_SHARES = {
  neighbourhood: 0.3,
  family: 0.15,
  property_management: 0.14,
  labour: 0.12,
  land: 0.05,
  demolition: 0.04,
  medical: 0.03,
  traffic: 0.1,
  other: 0.07,
} as const satisfies Record<keyof typeof DISPUTE_TYPES, number>;
export const RISK_SHARES: Record<RiskLevel, number> = { low: 0.75, medium: 0.2, high: 0.05 };
/** How mediation ends: within its time, late, or not resolved. */
export const MEDIATION = { on_time: 0.88, late: 0.09, unresolved: 0.03 } as const;

export interface DisputeRow {
  unit: number;
  unit_path: string;
  title: string;
  dispute_type: keyof typeof DISPUTE_TYPES;
  scale: 'individual' | 'group';
  risk_level: RiskLevel;
  party_count: number;
  parties: string;
  description: string;
  discovered_on: string;
  mediation_due_at: Date;
  method: keyof typeof MEDIATION_METHODS | null;
  mediators: string | null;
  status: 'mediating' | 'resolved' | 'unresolved';
  agreement: boolean;
  outcome: string | null;
  resolved_at: Date | null;
  user_created: string | null;
  date_created: Date;
  date_updated: Date | null;
}

/** The disputes found in one grid (most) or its community over the window. */
export function disputesOfGrid(ctx: OfficeContext, grid: ScaleUnit, community: ScaleUnit): DisputeRow[] {
  const rnd = stream(ctx.seed, 'disputes', grid.id);
  const count = countOf(rnd, DISPUTES_PER_GRID * spread(rnd, 0.4) * ctx.scale);
  const end = ctx.window.end.getTime();
  const rows: DisputeRow[] = [];
  for (let i = 0; i < count; i++) {
    const at = officeInstant(rnd, ctx.calendar, hourOfDay(rnd, instantInWindow(rnd, ctx.window).getTime(), ctx.calendar));
    if (at >= end) continue;
    const unit = rnd() < 0.7 ? grid : community;
    const type = weighted(rnd, DISPUTE_TYPE_SHARES);
    const risk = weighted(rnd, RISK_SHARES);
    const group = rnd() < (risk === 'high' ? 0.4 : 0.06);
    const parties = group ? integerBetween(rnd, 5, 40) : integerBetween(rnd, 2, 4);
    const policy = ctx.policy(DISPUTE_POLICY_TYPE, URGENCY_OF_RISK[risk] as Urgency);
    const createdAt = new Date(at);
    const due = addDuration(ctx.calendar, createdAt, policy.complete);
    const allowed = due.getTime() - at;
    const how = weighted(rnd, MEDIATION);
    const concluded = officeInstant(
      rnd,
      ctx.calendar,
      at + allowed * (how === 'on_time' ? between(rnd, 0.1, 0.95) : between(rnd, 1.05, 2.5)),
    );
    const done = concluded <= end;
    const status = !done ? 'mediating' : how === 'unresolved' ? 'unresolved' : 'resolved';
    const label = DISPUTE_TYPES[type];
    rows.push({
      unit: unit.id,
      unit_path: unit.path,
      title: `${unit.name}${label}`,
      dispute_type: type,
      scale: group ? 'group' : 'individual',
      risk_level: risk,
      party_count: parties,
      parties: Array.from({ length: Math.min(parties, 3) }, () => personName(rnd)).join('、') + (parties > 3 ? `等${parties}人` : ''),
      description: `${unit.name}发生${label}，当事人${parties}人，${group ? '涉及人数较多，' : ''}需及时调处。`,
      discovered_on: new Date(at + 8 * HOUR).toISOString().slice(0, 10),
      mediation_due_at: due,
      method: done || rnd() < 0.5 ? weighted(rnd, { people: 0.7, administrative: 0.15, judicial: 0.05, other: 0.1 }) : null,
      mediators: `${personName(rnd)}、${personName(rnd)}`,
      status,
      agreement: status === 'resolved' && rnd() < 0.85,
      outcome:
        status === 'resolved'
          ? '经调解双方达成一致意见，纠纷已化解'
          : status === 'unresolved'
            ? '双方分歧较大，调解未成功，已引导通过诉讼途径解决'
            : null,
      resolved_at: status === 'resolved' ? new Date(concluded) : null,
      user_created: ctx.actorOf(unit.id),
      date_created: createdAt,
      date_updated: done ? new Date(concluded) : null,
    });
  }
  return rows;
}
