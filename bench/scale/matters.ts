// bench:matters's report phase at Pukou scale, shorter (BENCH_SECONDS, 30 by default;
// BENCH_REPORTERS, 32): grid workers spread over all the grids POST /matters/report as
// fast as they can, into the tables of two million matters. Then a new report taken
// on by its community: accepted and dispatched to a grid (POST /matters/:id/transition).

import { DEMO_PASSWORD } from '../../directus.config.ts';
import { api, reportingDistrict, type Reporter } from '../matters/people.ts';
import { systemProcesses } from '../matters/figures.ts';
import { reportBody, reportPhase } from '../matters/reports.ts';
import { knob, REPORTERS, WARMUP_REPORTS } from '../matters/settings.ts';
import { token } from '../lib/login.ts';
import { timing } from '../lib/measure.ts';
import { rounded, slash, type Operation, type PartResult, type ScaleContext } from './part.ts';

const SECONDS = knob('BENCH_SECONDS', 30, 1, 600);
/** New reports accepted and dispatched, after two untimed. */
const TRANSITIONS = 20;

export async function mattersPart({ connectionString: connection, system, sql, url, small, step }: ScaleContext): Promise<PartResult> {
  const { db, categories, reporters } = await reportingDistrict(system, connection);
  const database = new URL(connection).pathname.slice(1);
  step(`matters: ${reporters.length} reporters over ${new Set(reporters.map((r) => r.grid.id)).size} grids, ${SECONDS} s`);
  const reports = await reportPhase(
    system,
    db,
    systemProcesses(system, database, () => null),
    reporters,
    categories,
    SECONDS,
  );
  step(
    `matters: ${reports.ok} reports, ${reports.perSecond.toFixed(1)}/s, p50 ${rounded(reports.p50)} ms, p95 ${rounded(reports.p95)} ms, ${reports.failed} failed`,
  );

  // The demo grid's worker reports; the demo community's staff accept it and dispatch it to another of its grids.
  const grid = (
    await sql.all(
      "SELECT u.id, u.name, u.path, u.parent, u.level, u.kind FROM units u JOIN directus_users p ON p.unit = u.id WHERE p.email = 'grid-gridworker@pukou.gov.cn'",
    )
  )[0] as Reporter['grid'];
  const reporter: Reporter = {
    email: 'grid-gridworker@pukou.gov.cn',
    grid,
    token: await token(url, 'grid-gridworker@pukou.gov.cn', DEMO_PASSWORD),
  };
  const community = await token(url, 'community-staff@pukou.gov.cn', DEMO_PASSWORD);
  // The reporting grid is on the matter's route already: it goes to the grid beside it.
  const target = (
    await sql.all("SELECT id, name FROM units WHERE parent = ? AND id <> ? AND kind = 'office' AND level = 'grid' ORDER BY path LIMIT 1", [
      grid.parent,
      grid.id,
    ])
  )[0]!;
  const accept: number[] = [];
  const dispatch: number[] = [];
  for (let i = -2; i < TRANSITIONS; i++) {
    const reported = (await api(url, 'POST', '/matters/report', reporter.token, reportBody(reporter, categories, i + 2))).data;
    const move = async (body: Record<string, unknown>, into: number[]) => {
      const t0 = performance.now();
      const moved = (await api(url, 'POST', `/matters/${reported.id}/transition`, community, body)).data;
      if (i >= 0) into.push(performance.now() - t0);
      return moved;
    };
    const accepted = await move({ action: 'accept', version: reported.version }, accept);
    const dispatched = await move({ action: 'dispatch', version: accepted.version, target_unit: target.id }, dispatch);
    if (dispatched.status !== 'pending_sign') throw new Error(`dispatch of matter ${reported.id}: status ${dispatched.status}`);
  }
  step(`matters: accept ${slash(timing(accept))} ms, dispatch ${slash(timing(dispatch))} ms`);

  const rows: Operation[] = [
    {
      operation: `report an event (\`POST /matters/report\`), ${reports.reporters} grid workers for ${SECONDS} s`,
      atScale: `${reports.perSecond.toFixed(1)} reports/s, p50 ${rounded(reports.p50)} / p95 ${rounded(reports.p95)} ms${reports.failed ? `, ${reports.failed} failed` : ''}`,
      small: small.figure(
        'matters',
        '',
        ['reporters', 'duration', 'reports/s', 'p50 ms', 'p95 ms'],
        (c) => `${c[2]} reports/s, p50 ${c[3]} / p95 ${c[4]} ms (${c[0]} grid workers, ${c[1]})`,
      ),
    },
    ...(
      [
        ['accept', accept],
        ['dispatch to a grid', dispatch],
      ] as const
    ).map(([action, times]) => ({
      operation: `a new report's ${action} by its community (\`POST /matters/:id/transition\`), p50 / p95`,
      atScale: `${slash(timing(times))} ms`,
      small: '— (bench:matters times reports only)',
    })),
  ];
  return {
    rows,
    notes: [
      `Matters: ${REPORTERS} grid workers spread over the grids (BENCH_REPORTERS), each sending the next report as soon as the last is answered for ${SECONDS} s (BENCH_SECONDS) after ${WARMUP_REPORTS} untimed, as bench:matters's report phase (bench/matters/reports.ts), but with no job worker running; then ${TRANSITIONS} new reports of the demo grid, each accepted and dispatched to the grid beside it by the demo community's staff, after two untimed.`,
    ],
  };
}
