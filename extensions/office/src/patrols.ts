// 巡逻发现转事件上报: a finding on a patrol becomes an event report of the
// patrolling unit through the matters service (the same checks, numbering,
// routing and reminders as any report), linked to the patrol record once.

import type { EndpointExtensionContext } from '@directus/extensions';
import type { Knex } from 'knex';
import { parseReport } from '../../domains/matters/report.ts';
import type { Actor } from '../../kernel/actor.ts';
import { matterService } from '../../domains/matters/service.ts';
import { OfficeConflict, OfficeForbidden, refuse } from './documents.ts';

export function patrolService(context: EndpointExtensionContext) {
  const database: Knex = context.database;
  const matters = matterService(context);

  async function reportFinding(actor: Actor, id: number, body: unknown, now: Date) {
    const record = Number.isInteger(id)
      ? await database('patrol_records').where({ id }).first('id', 'unit', 'matter', 'findings')
      : undefined;
    if (!record || record.unit !== actor.unit.id) throw new OfficeForbidden({ reason: '只能上报本单位巡逻记录中发现的问题' });
    if (record.matter) throw new OfficeConflict({ reason: '该巡逻记录发现的问题已上报' });
    const input = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const parsed = parseReport({ source: 'grid_worker', description: record.findings ?? undefined, ...input, type: 'event_report' }, now);
    if (!parsed.ok) throw refuse(parsed.problems.join('；'));
    const matter = await matters.raise(actor, parsed.report, now);
    const linked = await database('patrol_records').where({ id }).whereNull('matter').update({ matter });
    if (linked !== 1) throw new OfficeConflict({ reason: '该巡逻记录发现的问题已上报' });
    return { patrol_record: id, matter: await matters.summary(matter) };
  }

  return { reportFinding };
}
