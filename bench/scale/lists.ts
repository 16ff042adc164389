// bench:scale's first part: the lists office staff open most, for five viewers — the
// matters list as the app asks it (a page of 10, newest first, and its count), the
// people list's first page and the dashboard's statistics. Each rule-bound page is
// compared with the administrator's same page and with its statement run directly.

import { adminPassword, DEMO_PASSWORD } from '../../directus.config.ts';
import { DASHBOARD_FIGURES } from '../../extensions/domains/statistics/dashboard.ts';
import { token } from '../lib/login.ts';
import { time, type Budget, type Timing } from '../lib/measure.ts';
import type { ScaleContext } from './part.ts';

export const BUDGET: Budget = { warmup: 2, samples: 15, maxMs: 20_000 };
/** The matters list's columns, as frontend/src/pages/matters/list.tsx asks them; antd's first page of 10. */
const MATTER_FIELDS = 'id,number,title,type,urgency,status,due_at,sign_due_at,yellow_at,paused_at,date_created,handler_unit.name,unit.name';
const MATTERS_PAGE = `/items/matters?fields=${MATTER_FIELDS}&limit=10&page=1&sort=-date_created`;
const MATTERS_COUNT = '/items/matters?aggregate[count]=*';
const PEOPLE_PAGE = '/items/people?fields=id,name,birth_date,residence_address,unit.name&limit=10&page=1&sort=-date_created';
const GOAL = { pageMs: 300, ratio: 3 };

interface Viewer {
  who: string;
  email: string;
  password: string;
  /** The unit path the rule compares with; null for the administrator. */
  path: string | null;
}

interface Row {
  who: string;
  inScope: number;
  page: Timing;
  count: Timing;
  people: Timing;
  /** Null for the administrator, who has no unit to see figures of. */
  statistics: Timing | null;
  sqlPage: Timing;
  sqlCount: Timing;
}

export async function listsPart({ settings, sql, url, period, step }: ScaleContext): Promise<{ table: string[]; verdict: string[] }> {
  const gridWorker = (await sql.all(
    "SELECT u.email, u.unit_path FROM directus_users u WHERE u.email LIKE 'grid-gridworker.%' ORDER BY u.email DESC LIMIT 1",
  )) as { email: string; unit_path: string }[];
  const demoPath = async (email: string) =>
    String((await sql.all('SELECT unit_path FROM directus_users WHERE email = $1', [email]))[0]!.unit_path);
  const viewers: Viewer[] = [
    { who: 'grid worker (generated grid)', email: gridWorker[0]!.email, password: DEMO_PASSWORD, path: gridWorker[0]!.unit_path },
    ...(
      [
        ['community staff', 'community-staff@pukou.gov.cn'],
        ['street staff', 'street-staff@pukou.gov.cn'],
        ['district leader', 'district-leader@pukou.gov.cn'],
      ] as const
    ).map(([who, email]) => ({ who, email, password: DEMO_PASSWORD, path: '' })),
    { who: 'administrator (no rule)', email: settings.adminEmail, password: adminPassword(settings), path: null },
  ];
  for (const v of viewers) if (v.path === '') v.path = await demoPath(v.email);

  const statistics = `/statistics?span=${period.key}&figures=${DASHBOARD_FIGURES.join(',')}`;
  const rows: Row[] = [];
  for (const v of viewers) {
    const bearer = { authorization: `Bearer ${await token(url, v.email, v.password)}` };
    const get = async (path: string) => {
      const answer = await fetch(`${url}${path}`, { headers: bearer });
      if (answer.status !== 200) throw new Error(`${v.who}: GET ${path} answered ${answer.status}: ${await answer.text()}`);
      return answer.json() as Promise<{ data: any }>;
    };
    // The rule as the database reads it (schema/access.ts MATTER_VISIBLE), for the statements run directly.
    const where = v.path === null ? '' : 'WHERE participant_paths LIKE $1';
    const params = v.path === null ? [] : [`%${v.path}%`];
    const inScope = Number((await get(MATTERS_COUNT)).data[0].count);
    step(`lists: ${v.who}: ${inScope.toLocaleString('en')} matters in scope`);
    rows.push({
      who: v.who,
      inScope,
      page: await time(() => get(MATTERS_PAGE), BUDGET),
      count: await time(() => get(MATTERS_COUNT), BUDGET),
      people: await time(() => get(PEOPLE_PAGE), BUDGET),
      statistics: v.path === null ? null : await time(() => get(statistics), { ...BUDGET, samples: 5 }),
      sqlPage: await time(
        () => sql.all(`SELECT id, number, title, status, date_created FROM matters ${where} ORDER BY date_created DESC LIMIT 10`, params),
        BUDGET,
      ),
      sqlCount: await time(() => sql.all(`SELECT count(*) FROM matters ${where}`, params), BUDGET),
    });
  }

  const admin = rows.at(-1)!;
  const ms = (t: Timing) => `${Math.round(t.p50).toLocaleString('en')} / ${Math.round(t.p95).toLocaleString('en')}`;
  const table = [
    '| viewer | matters in scope | matters page p50 / p95 ms | × admin | page as SQL | count p50 / p95 ms | count as SQL | people page | dashboard statistics |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.who} | ${r.inScope.toLocaleString('en')} | ${ms(r.page)} | ${(r.page.p50 / admin.page.p50).toFixed(2)} | ${ms(r.sqlPage)} | ${ms(r.count)} | ${ms(r.sqlCount)} | ${ms(r.people)} | ${r.statistics ? ms(r.statistics) : '—'} |`,
    ),
  ];
  const worstPage = Math.max(...rows.map((r) => r.page.p95));
  const worstRatio = Math.max(...rows.map((r) => r.page.p50 / admin.page.p50));
  const verdict = [
    `- Matters page p95 at most ${Math.round(worstPage)} ms (goal < ${GOAL.pageMs} ms): ${worstPage < GOAL.pageMs ? 'met' : 'NOT met'}.`,
    `- A rule-bound page at most ${worstRatio.toFixed(2)} × the administrator's (goal < ${GOAL.ratio}): ${worstRatio < GOAL.ratio ? 'met' : 'NOT met'}.`,
  ];
  return { table, verdict };
}
