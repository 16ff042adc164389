// The Pukou-scale data set as rows: the tree grown to ~150 communities and ~1,500
// grids, their staff with terminals and login days, the people with houses,
// service objects and service records, matters with steps and participants,
// documents with receipts, disputes, and the field work: activity records of the
// offices and grids, patrol routes with the grid workers' patrols, the
// communities' 每日必办 checklists with the grid workers' checks. Pure: what the
// database already holds (units, users, ids in use, numbers given out, the
// calendar, the deadline policies, the checklists) comes in; rows go out to a
// sink, table by table, each with the ids it will have, so that rows refer to
// each other without reading anything back. The same input and seed give the
// same rows.

import type { DeadlinePolicy } from '../../extensions/domains/matters/deadlines.ts';
import type { MatterType, Urgency } from '../../extensions/domains/matters/vocabulary.ts';
import type { Calendar } from '../../extensions/kernel/working-days.ts';
import { mattersOfGrid, type MatterContext } from './matters.ts';
import {
  ACTIVITY_COLUMNS,
  activitiesOf,
  DAILY_CHECK_COLUMNS,
  dailyChecksOf,
  PATROL_COLUMNS,
  PATROL_ROUTE_COLUMNS,
  patrolsOfGrid,
  TEMPLATE_COLUMNS,
  templatesOf,
  type FieldWorkContext,
  type TemplateRef,
} from './field-work.ts';
import { documentsOf, disputesOfGrid, type OfficeContext } from './office.ts';
import { peopleOfGrid, registryRemindersOf, serviceRecordsOf } from './people.ts';
import type { Candidate } from '../../extensions/registries/src/expiry.ts';
import { loginDaysOf, staffFor, terminalsOf, type ExistingUser } from './staff.ts';
import { dayOf, workingDays, type Window } from './time.ts';
import { extendTree, GENERATED_REMARK, type ScaleUnit } from './tree.ts';

/** The columns written to each table, in the order of COPY; a row gives a value (or null) for each. */
export const TABLE_COLUMNS = {
  units: ['id', 'code', 'name', 'level', 'kind', 'parent', 'path', 'remark'],
  directus_users: [
    'id',
    'first_name',
    'last_name',
    'email',
    'password',
    'status',
    'role',
    'provider',
    'text_direction',
    'email_notifications',
    'unit',
    'unit_path',
    'job',
    'phone',
    'login_failures',
    'password_changed_at',
    'must_change_password',
  ],
  terminals: ['unit', 'unit_path', 'kind', 'asset_number', 'model', 'phone_number', 'holder', 'assigned_on', 'status', 'date_created'],
  login_days: ['key', 'user', 'unit', 'unit_path', 'day', 'channel', 'first_at', 'last_at', 'logins'],
  people: [
    'id',
    'unit',
    'unit_path',
    'name',
    'id_number',
    // The ID number's blind index: written by the loader as it seals the numbers (pg-load.ts).
    'id_number_index',
    'id_number_masked',
    'sex',
    'birth_date',
    'ethnicity',
    'phone',
    'phone_masked',
    'household_place_code',
    'residence_address',
    'is_registered',
    'is_floating',
    'is_foreigner',
    'is_left_behind',
    'permit_type',
    'permit_number',
    'registered_on',
    'permit_expires_on',
    'state',
    'date_created',
  ],
  houses: ['number', 'address', 'use', 'floor_area', 'unit', 'unit_path'],
  service_objects: [
    'id',
    'unit',
    'unit_path',
    'person',
    'category',
    'risk_grade',
    'responsible_worker',
    'state',
    'valid_from',
    'visit_every_days',
    'last_served_at',
    'next_visit_due',
    'date_created',
  ],
  service_records: ['unit', 'unit_path', 'service_object', 'served_at', 'kind', 'worker', 'place', 'content', 'date_created'],
  registry_reminders: ['key', 'kind', 'collection_name', 'item_id', 'unit', 'unit_path', 'due_on', 'sent_at', 'recipients'],
  matters: [
    'id',
    'number',
    'type',
    'title',
    'category',
    'source',
    'urgency',
    'occurred_at',
    'address',
    'grid',
    'people_involved',
    'description',
    'unit',
    'unit_path',
    'participant_paths',
    'initiator',
    'handler_unit',
    'status',
    'co_handlers',
    'route',
    'last_handler',
    'sign_due_at',
    'due_at',
    'yellow_at',
    'closed_at',
    'paused_at',
    'extension_requested_days',
    'version',
    'to_dalianqin',
    'user_created',
    'date_created',
    'date_updated',
  ],
  matter_steps: [
    'matter',
    'action',
    'actor',
    'actor_unit',
    'from_unit',
    'to_unit',
    'opinion',
    'extension_days',
    'attachments',
    'status_after',
    'date_created',
  ],
  matter_participants: ['matter', 'unit', 'unit_path'],
  matter_reminders: ['key', 'matter', 'kind', 'due_at', 'unit', 'sent_at', 'recipients'],
  documents: [
    'id',
    'unit',
    'unit_path',
    'kind',
    'urgency',
    'title',
    'reference_number',
    'body',
    'reply_required',
    'reply_within_days',
    'status',
    'sent_at',
    'sent_by',
    'sign_due_at',
    'reply_due_at',
    'recipient_count',
    'user_created',
    'date_created',
    'date_updated',
  ],
  document_recipients: [
    'document',
    'unit',
    'unit_path',
    'status',
    'read_at',
    'read_by',
    'signed_at',
    'signed_by',
    'reply_status',
    'replied_at',
    'replied_by',
    'reply_text',
    'reminded_at',
    'chased_at',
    'reply_reminded_at',
    'reply_chased_at',
  ],
  disputes: [
    'unit',
    'unit_path',
    'title',
    'dispute_type',
    'scale',
    'risk_level',
    'party_count',
    'parties',
    'description',
    'discovered_on',
    'mediation_due_at',
    'method',
    'mediators',
    'status',
    'agreement',
    'outcome',
    'resolved_at',
    'user_created',
    'date_created',
    'date_updated',
  ],
  activity_records: ACTIVITY_COLUMNS,
  patrol_routes: PATROL_ROUTE_COLUMNS,
  patrol_records: PATROL_COLUMNS,
  daily_task_templates: TEMPLATE_COLUMNS,
  daily_checks: DAILY_CHECK_COLUMNS,
} as const;
export type Table = keyof typeof TABLE_COLUMNS;
export const TABLES = Object.keys(TABLE_COLUMNS) as Table[];

/** Tables whose ids the generator gives (the others take theirs from their sequence). */
export const NUMBERED = [
  'units',
  'people',
  'service_objects',
  'matters',
  'documents',
  'patrol_routes',
  'daily_task_templates',
] as const satisfies readonly Table[];
export type Numbered = (typeof NUMBERED)[number];

export interface ScaleInput {
  seed: number;
  /** Multiplies the volumes (people, matters, documents …); the tree keeps its full size. */
  scale: number;
  window: Window;
  calendar: Calendar;
  /** The units already there. */
  units: readonly ScaleUnit[];
  /** The accounts already there, with their jobs. */
  users: readonly (ExistingUser & { job: string | null })[];
  /** The first free id of each numbered table. */
  nextIds: Record<Numbered, number>;
  /** The deadline policy of a type (a matter type, `document` or `dispute`) and urgency. */
  policy: (type: string, urgency: Urgency) => DeadlinePolicy;
  /** Matter category ids by code. */
  categories: Readonly<Record<string, number>>;
  /** The last matter number given out per day counter key; advanced by the matters generated. */
  counters: Map<string, number>;
  /** ID numbers already in the registry (in the clear): none is given twice. */
  usedIdNumbers: Set<string>;
  /** The 每日必办 items already defined (active): a community with items for its grids gets no others. */
  templates: readonly TemplateRef[];
  /** The password hash the new accounts get (the demo accounts'), or null (they cannot sign in until one is set). */
  passwordHash: string | null;
}

/** A row: its values by column name (TABLE_COLUMNS). */
export type Row = object;
export type Sink = (table: Table, row: Row) => void;

/** How a job ranks as the one who acts for a unit: staff and grid workers first, never a leader. */
const ACTING_RANK: Record<string, number> = { grid_worker: 0, staff: 0, liaison: 0, social_worker: 1, head: 1, sysadmin: 2 };

/** Generates every row into `sink`; returns the rows written per table. */
export function generateScale(input: ScaleInput, sink: Sink): Record<Table, number> {
  const counts = Object.fromEntries(TABLES.map((t) => [t, 0])) as Record<Table, number>;
  const write = (table: Table, row: Row) => {
    counts[table]++;
    sink(table, row);
  };
  const ids = { ...input.nextIds };
  const next = (table: Numbered) => () => ids[table]++;
  const { window, calendar, seed, scale } = input;

  // The tree.
  const added = extendTree(input.units, ids.units, seed);
  ids.units += added.length;
  for (const u of added) write('units', { ...u, remark: GENERATED_REMARK });
  const units = [...input.units, ...added].sort((a, b) => a.path.localeCompare(b.path));
  const byId = new Map(units.map((u) => [u.id, u]));
  const offices = units.filter((u) => u.kind === 'office');
  const grids = offices.filter((u) => u.level === 'grid');
  const gridsOf = new Map<number, ScaleUnit[]>();
  for (const g of grids) gridsOf.set(g.parent!, [...(gridsOf.get(g.parent!) ?? []), g]);
  const departments = units.filter((u) => u.kind === 'department');

  // Staff, terminals, login days.
  const staff = staffFor(units, input.users, seed);
  const assignedOn = dayOf(window.start.getTime());
  for (const person of staff)
    write('directus_users', {
      ...person,
      password: input.passwordHash,
      status: 'active',
      provider: 'default',
      text_direction: 'auto',
      email_notifications: true,
      login_failures: 0,
      password_changed_at: window.end,
      must_change_password: false,
    });
  const terminals = terminalsOf(staff, assignedOn, seed);
  for (const t of terminals) write('terminals', { ...t, date_created: window.start });
  // Login days of the latest `scale` share of the window (all three years at full size).
  const allDays = workingDays(calendar, window);
  const days = allDays.slice(allDays.length - Math.round(allDays.length * Math.min(1, scale)));
  // The days each grid worker added here logged in on the phone: their 每日必办 (below) follows them.
  const phoneDays = new Map<string, string[]>();
  for (const person of staff) {
    const kinds = terminals.filter((t) => t.holder === person.id).map((t) => t.kind);
    const logins = loginDaysOf(person, kinds, days, seed);
    for (const row of logins) write('login_days', row);
    if (person.job === 'grid_worker')
      phoneDays.set(
        person.id,
        logins.filter((l) => l.channel === 'phone').map((l) => l.day),
      );
  }
  const acting = new Map<number, { user: string; rank: number }>();
  for (const u of [...input.users, ...staff]) {
    const rank = ACTING_RANK[u.job ?? ''];
    if (u.unit === null || rank === undefined) continue;
    const known = acting.get(u.unit);
    if (!known || rank < known.rank) acting.set(u.unit, { user: u.id, rank });
  }
  const actorOf = (unit: number) => acting.get(unit)?.user ?? null;

  // People, houses, service objects and their records, grid by grid.
  for (const grid of grids) {
    const data = peopleOfGrid(grid, scale, window, input.usedIdNumbers, seed);
    const firstPerson = ids.people;
    const candidates: (Candidate & { since: Date })[] = [];
    for (const person of data.people) {
      const id = ids.people++;
      write('people', { ...person, id });
      if (person.is_floating && person.permit_expires_on)
        candidates.push({
          kind: 'permit_expiry',
          collection: 'people',
          id,
          unit: person.unit,
          unit_path: person.unit_path,
          name: person.name,
          date: person.permit_expires_on,
          since: person.date_created,
        });
    }
    for (const house of data.houses) write('houses', house);
    for (const o of data.serviceObjects) {
      const id = ids.service_objects++;
      const worker = actorOf(grid.id);
      const served = serviceRecordsOf({ id, ...o }, worker, window, calendar, seed);
      write('service_objects', {
        ...o,
        id,
        person: firstPerson + o.person,
        responsible_worker: worker,
        state: 'in_force',
        last_served_at: served.last_served_at,
        next_visit_due: served.next_visit_due,
        date_created: new Date(`${o.valid_from}T09:00:00+08:00`),
      });
      for (const r of served.records) write('service_records', { ...r, service_object: id });
      candidates.push({
        kind: 'visit_overdue',
        collection: 'service_objects',
        id,
        unit: o.unit,
        unit_path: o.unit_path,
        name: data.people[o.person]!.name,
        date: served.next_visit_due,
        since: window.start,
      });
    }
    for (const r of registryRemindersOf(candidates, window.end)) write('registry_reminders', r);
  }

  // Matters, their steps and participants, grid by grid.
  const matterContext: MatterContext = {
    window,
    calendar,
    policy: (type: MatterType, urgency: Urgency) => input.policy(type, urgency),
    categories: input.categories,
    units: byId,
    gridsOf,
    departments,
    actorOf,
    counters: input.counters,
    scale,
    seed,
  };
  for (const grid of grids) {
    const data = mattersOfGrid(matterContext, grid, next('matters'));
    for (const m of data.matters) write('matters', m);
    for (const step of data.steps) write('matter_steps', step);
    for (const p of data.participants) write('matter_participants', p);
    for (const r of data.reminders) write('matter_reminders', r);
  }

  // Documents from the district and street offices; disputes in the grids and communities.
  const officeContext: OfficeContext = {
    window,
    calendar,
    policy: input.policy,
    below: (sender, level) => offices.filter((u) => u.level === level && u.path.startsWith(sender.path) && u.id !== sender.id),
    actorOf,
    scale,
    seed,
  };
  for (const sender of offices.filter((u) => u.level === 'district' || u.level === 'street')) {
    const data = documentsOf(officeContext, sender, next('documents'));
    for (const d of data.documents) write('documents', d);
    for (const r of data.recipients) write('document_recipients', r);
  }
  for (const grid of grids) for (const d of disputesOfGrid(officeContext, grid, byId.get(grid.parent!)!)) write('disputes', d);

  // Field work over the login days' days: the communities' checklists where none applies yet; the
  // activity records of the street and community offices; grid by grid, its activity records, its
  // patrol routes and patrols, and the 每日必办 of its grid worker added here.
  const fieldContext: FieldWorkContext = { window, calendar, days, actorOf, seed };
  const templates: TemplateRef[] = [...input.templates];
  for (const community of offices.filter((u) => u.level === 'community'))
    for (const t of templatesOf(community, input.templates, next('daily_task_templates'), actorOf(community.id), window.start)) {
      templates.push(t);
      write('daily_task_templates', t);
    }
  for (const office of offices.filter((u) => u.level === 'street' || u.level === 'community'))
    for (const a of activitiesOf(fieldContext, office)) write('activity_records', a);
  const gridWorkers = staff.filter((s) => s.job === 'grid_worker');
  for (const grid of grids) {
    for (const a of activitiesOf(fieldContext, grid)) write('activity_records', a);
    const patrols = patrolsOfGrid(fieldContext, grid, next('patrol_routes'));
    for (const r of patrols.routes) write('patrol_routes', r);
    for (const p of patrols.patrols) write('patrol_records', p);
    for (const worker of gridWorkers.filter((w) => w.unit === grid.id))
      for (const c of dailyChecksOf(fieldContext, worker, templates, phoneDays.get(worker.id)!)) write('daily_checks', c);
  }
  return counts;
}
