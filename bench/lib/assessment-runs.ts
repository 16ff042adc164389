// Scoring a month as the offices do it: each street's rubric for its communities (the
// district's, copied), and one run of a rubric through POST /assessment/runs as the
// office's staff. Shared by bench:assessment and bench:scale.

import { createItem } from '@directus/sdk';
import type { Knex } from 'knex';
import { assessmentService } from '../../extensions/domains/assessment/service.ts';
import type { System } from '../../scripts/lib/system.ts';
import type { Unit } from './data.ts';

/**
 * The rubric each office of `units` assesses with: the district's (for its streets) and, for
 * each street among them, its rubric for its communities (the district's, copied, as a street does).
 */
export async function streetRubrics(system: System, db: Knex, units: Unit[]): Promise<Map<number, number>> {
  const service = assessmentService(db);
  const districtRubric = (await db('assessment_rubrics').first('id')).id as number;
  const { sections, items } = await service.loadRubric(districtRubric);
  const rubrics = new Map<number, number>([[units.find((u) => u.level === 'district' && u.kind === 'office')!.id, districtRubric]]);
  for (const street of units.filter((u) => u.level === 'street' && u.kind === 'office')) {
    const body = {
      unit: street.id,
      title: `${street.name}社区考评细则`,
      assessed_level: 'community',
      period_type: 'month',
      status: 'active',
      based_on: districtRubric,
      sections: sections.map((s) => ({
        code: s.code,
        name: s.name,
        points: s.points,
        sort: s.sort,
        items: items.filter((i) => i.section === s.id).map(({ id: _id, section: _section, ...item }) => item),
      })),
    };
    const made = (await system.admin.request(createItem('assessment_rubrics' as never, body as never))) as { id: number };
    rubrics.set(street.id, made.id);
  }
  return rubrics;
}

/** One run: the rubric scored for the period (`2026-11`) through POST /assessment/runs; its time in ms. */
export async function scoreRubric(url: string, token: string, rubric: number, period: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}/assessment/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ rubric, period }),
  });
  if (!res.ok) throw new Error(`run of rubric ${rubric}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  return performance.now() - started;
}
