// Special projects (专项工作): the owning unit asks units within its jurisdiction
// to submit material (报送) by the project's due date; each submits once, on
// time or late, as a document's recipient replies; the owner (and the units
// above it) sees who has not submitted. The document's pieces are reused: the
// recipients (targets.ts), the submission's text and files, the on-time rule
// (receipts.ts), the notices and the reminder queue (jobs.ts) and the status
// page's paging.

import { notify } from '../../kernel/notify.ts';
import type { EndpointExtensionContext } from '@directus/extensions';
import type { Queue } from 'bullmq';
import type { Actor } from '../../kernel/actor.ts';
import { cachedCalendar } from '../../kernel/calendar.ts';
import { dateOnly } from '../../kernel/db-values.ts';
import { queueSettingsFromEnv } from '../../kernel/queue.ts';
import { checkFiles, iso, OfficeConflict, OfficeForbidden, parsePage, parseSubmission, refuse } from './documents.ts';
import { cancelReminders, openSubmissions, scheduleReminders } from './jobs.ts';
import { reminderQueue } from '../../kernel/reminder-engine.ts';
import { projectDeadline, replyOutcome, submissionRemindersOf } from './receipts.ts';
import { parseTargets, resolveTargets, type TargetUnit } from './targets.ts';
import { PROJECT_SUBMISSION_STATUSES, type ProjectSubmissionStatus } from './vocabulary.ts';

/** `?show=` of the owner's page: `overdue` is pending past the deadline. */
export const PROJECT_STATUS_FILTERS = ['all', 'overdue', ...Object.keys(PROJECT_SUBMISSION_STATUSES)] as const;
type ProjectFilter = (typeof PROJECT_STATUS_FILTERS)[number];

export function projectService({ database, env, logger }: EndpointExtensionContext) {
  const settings = queueSettingsFromEnv(env);
  const queue = settings ? reminderQueue(settings, { failFast: true }) : null;
  const calendarNow = cachedCalendar(database);

  async function remindersOf(where: { project?: number; submissions?: number[] }) {
    const calendar = await calendarNow();
    return (await openSubmissions(database, where)).flatMap((s) => submissionRemindersOf(s, calendar));
  }

  /** Queue work after a commit; when Redis is away the worker's scan schedules what is missing, and a stale job does nothing. */
  async function onQueue(work: (queue: Queue) => Promise<unknown>): Promise<void> {
    if (!queue) return;
    try {
      await work(queue);
    } catch (error) {
      logger.warn(`project reminders not updated now (the worker's scan will): ${(error as Error).message}`);
    }
  }

  async function projectOf(id: number) {
    const project =
      Number.isInteger(id) && id > 0
        ? await database('special_projects').where({ id }).first('id', 'unit', 'unit_path', 'title', 'due_on', 'status')
        : undefined;
    return project
      ? { ...project, due: project.due_on === null || project.due_on === undefined ? null : projectDeadline(dateOnly(project.due_on)) }
      : undefined;
  }

  /** 布置报送: the owning unit names the units (a level, a subtree, a list; within its jurisdiction); asking again adds only new ones. */
  async function assign(actor: Actor, id: number, body: unknown, now: Date) {
    if (actor.readOnly) throw new OfficeForbidden({ reason: '领导账号只能查阅，不能布置报送' });
    const project = await projectOf(id);
    if (!project || project.unit !== actor.unit.id) throw new OfficeForbidden({ reason: '只能为本单位牵头的专项工作布置报送' });
    if (project.status !== 'open') throw new OfficeConflict({ reason: '专项工作已结束，不能再布置报送' });
    if (!project.due) throw refuse('请先填写专项工作的完成时限');
    if (project.due < now) throw refuse('专项工作的完成时限已过，不能再布置报送');
    const parsed = parseTargets((body as { targets?: unknown } | null)?.targets);
    if (!parsed.ok) throw refuse(parsed.problems.join('；'));
    const within: TargetUnit[] = await database('units').where('path', 'like', `${actor.unit.path}%`).select('id', 'level', 'kind', 'path');
    const targets = resolveTargets(actor.unit, within, parsed.value);
    if (!targets.ok) throw refuse(targets.problems.join('；'));

    const added = await database.transaction(async (trx) => {
      const already = new Set<number>(await trx('project_submissions').where({ project: id }).pluck('unit'));
      const fresh = targets.value.filter((u) => !already.has(u.id));
      const rows = fresh.map((u) => ({
        project: id,
        unit: u.id,
        unit_path: u.path,
        status: 'pending',
        assigned_at: now,
        assigned_by: actor.user,
      }));
      // The unique (project, unit) index keeps a concurrent assignment from asking a unit twice.
      for (let i = 0; i < rows.length; i += 200)
        await trx('project_submissions')
          .insert(rows.slice(i, i + 200))
          .onConflict(['project', 'unit'])
          .ignore();
      const due = dateOnly(project.due_on);
      await notify(trx, {
        units: fresh.map((u) => u.id),
        subject: '专项工作待报送',
        body: `【综治】${actor.unit.name}牵头的专项工作“${project.title}”请于${due}前报送材料。`,
        about: { collection: 'special_projects', item: id },
        phone: false,
        now,
      });
      return fresh.length;
    });
    await onQueue(async (q) => scheduleReminders(q, await remindersOf({ project: id })));
    const total = Number((await database('project_submissions').where({ project: id }).count({ n: '*' }))[0]!.n);
    return { id, added, total, due_at: project.due.toISOString() };
  }

  /** 报送: once, by an asked unit; after the project's due date it is recorded as late. */
  async function submit(actor: Actor, id: number, body: unknown, now: Date) {
    if (actor.readOnly) throw new OfficeForbidden({ reason: '领导账号只能查阅，不能报送' });
    const { text, files } = parseSubmission(body);
    const project = await projectOf(id);
    const row = project
      ? await database('project_submissions').where({ project: id, unit: actor.unit.id }).first('id', 'status')
      : undefined;
    if (!project || !row) throw new OfficeForbidden({ reason: '本单位不是该专项工作的报送单位' });
    if (project.status !== 'open') throw new OfficeConflict({ reason: '专项工作已结束，不能再报送' });
    if (row.status !== 'pending') throw new OfficeConflict({ reason: '本单位已报送' });
    await checkFiles(database, actor, files);
    const before = await remindersOf({ submissions: [row.id] });
    const status = replyOutcome(project.due!, now);
    await database.transaction(async (trx) => {
      const done = await trx('project_submissions')
        .where({ id: row.id, status: 'pending' })
        .update({ status, submitted_at: now, submitted_by: actor.user, text });
      if (done !== 1) throw new OfficeConflict({ reason: '本单位已报送' });
      if (files.length)
        await trx('project_submissions_files').insert(files.map((file) => ({ project_submissions_id: row.id, directus_files_id: file })));
    });
    await onQueue((q) => cancelReminders(q, before));
    return { id: row.id, project: id, unit: actor.unit.id, status, submitted_at: now.toISOString() };
  }

  /** 报送情况: counts per state (and pending past the deadline), one page of units in tree order. The owner and its superiors only. */
  async function status(actor: Actor, id: number, query: { show?: unknown; limit?: unknown; offset?: unknown }, now: Date) {
    const project = await projectOf(id);
    // A project that does not exist is refused like another unit's: its existence is not told.
    if (!project || !String(project.unit_path).startsWith(actor.unit.path))
      throw new OfficeForbidden({ reason: '只有牵头单位可以查看各单位的报送情况' });
    const filter = (query.show ?? 'all') as ProjectFilter;
    if (!PROJECT_STATUS_FILTERS.includes(filter)) throw refuse(`筛选条件只能是 ${PROJECT_STATUS_FILTERS.join('、')}`);
    const { limit, offset } = parsePage(query);
    const past = Boolean(project.due && now > project.due);
    const counts: Record<string, number> = { pending: 0, submitted: 0, late: 0 };
    for (const row of (await database('project_submissions')
      .where({ project: id })
      .groupBy('status')
      .select('status')
      .count({ n: '*' })) as { status: string; n: number | string }[])
      counts[row.status] = Number(row.n);
    const page = database('project_submissions as s').join('units as u', 'u.id', 's.unit').where('s.project', id);
    if (filter === 'overdue') page.where('s.status', 'pending').whereRaw(past ? '1 = 1' : '1 = 0');
    else if (filter !== 'all') page.where('s.status', filter as ProjectSubmissionStatus);
    const rows = await page
      .orderBy('s.unit_path')
      .limit(limit)
      .offset(offset)
      .select('s.id', 's.unit', 'u.name as unit_name', 'u.level', 's.status', 's.submitted_at');
    return {
      project: {
        id: project.id,
        title: project.title,
        unit: project.unit,
        due_on: project.due ? dateOnly(project.due_on) : null,
        due_at: project.due?.toISOString() ?? null,
        status: project.status,
      },
      counts: { ...counts, overdue: past ? counts.pending! : 0 },
      submissions: rows.map((r) => ({ ...r, submitted_at: iso(r.submitted_at) })),
    };
  }

  return { assign, submit, status };
}
