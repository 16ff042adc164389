// bench:assessment's runs at Pukou scale: the last closed month scored through POST
// /assessment/runs for the district's streets (the district's rubric, as its staff)
// and for one street's communities (the street's rubric, as that street's staff).

import { DEMO_UNIT_PATHS } from '../../seed/demo-users.ts';
import { scoreRubric, streetRubrics } from '../lib/assessment-runs.ts';
import type { Unit } from '../lib/data.ts';
import { staffOf } from '../lib/pukou-data.ts';
import { timing } from '../lib/measure.ts';
import { rounded, type Operation, type PartResult, type ScaleContext } from './part.ts';

/** Runs of each rubric after one untimed (the first also plans the statements). */
const RUNS = 3;

export async function assessmentPart({ system, db, sql, url, period, small, step }: ScaleContext): Promise<PartResult> {
  const units = (await sql.all(
    "SELECT id, code, name, level, kind, path FROM units WHERE kind = 'office' AND (level = 'district' OR path = ?) ORDER BY path",
    [DEMO_UNIT_PATHS.street],
  )) as Unit[];
  const rubrics = await streetRubrics(system, db, units);
  const tokens = await staffOf(system, url, units);
  const countUnder = async (path: string, level: string) =>
    Number(
      (await sql.all("SELECT count(*) AS n FROM units WHERE kind = 'office' AND level = ? AND path LIKE ?", [level, `${path}%`]))[0]!.n,
    );
  const rows: Operation[] = [];
  for (const [unit, rubric] of rubrics) {
    const office = units.find((u) => u.id === unit)!;
    const assessed = office.level === 'district' ? 'street' : 'community';
    const count = await countUnder(office.path, assessed);
    const first = await scoreRubric(url, tokens.get(unit)!, rubric, period.key);
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await scoreRubric(url, tokens.get(unit)!, rubric, period.key));
    const scores = Number(
      (
        await db('assessment_scores')
          .join('assessment_runs', 'assessment_runs.id', 'assessment_scores.run')
          .where('assessment_runs.rubric', rubric)
          .count({ n: '*' })
      )[0]!.n,
    );
    step(
      `assessment: ${office.name}'s rubric, ${count} ${assessed} units: first ${rounded(first)} ms, then ${runs.map(rounded).join(', ')} ms`,
    );
    rows.push({
      operation: `score ${period.key} (\`POST /assessment/runs\`): ${office.level === 'district' ? "the district's rubric" : `${office.name}'s rubric`}, ${count} ${assessed === 'street' ? 'streets' : 'communities'}, ${scores.toLocaleString('en')} scores`,
      atScale: `median ${rounded(timing(runs).p50)} ms, slowest ${rounded(Math.max(...runs))} ms (first ${rounded(first)} ms)`,
      small: small.figure('assessment', 'PostgreSQL', ['full month run'], (c) => `${c[0]} for every rubric in turn`),
    });
  }
  return {
    rows,
    notes: [
      `Assessment: the district's rubric (its streets) and one street's (its communities; the district's, copied), each scored once untimed and then ${RUNS} times through \`POST /assessment/runs\` as the office's staff (bench/lib/assessment-runs.ts); bench:assessment's figure is every rubric, the district's and each street's, scored one after the other on its own month of records.`,
    ],
  };
}
