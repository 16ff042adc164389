// bench:registries's search by name and look-up by ID number at Pukou scale: as the
// demo community's staff, against the administrator's same request and the statement
// with the community's filter run directly.

import { adminPassword, DEMO_PASSWORD } from '../../directus.config.ts';
import { DEMO_UNIT_PATHS } from '../../seed/demo-users.ts';
import { token } from '../lib/login.ts';
import { BUDGET, personCases, samplePerson, timeCase } from '../registries/cases.ts';
import { p50p95, slash, type PartResult, type ScaleContext } from './part.ts';

export async function registriesPart({ settings, url, sql, vault, small, step }: ScaleContext): Promise<PartResult> {
  const like = `${DEMO_UNIT_PATHS.community}%`;
  const tokens = {
    community: await token(url, 'community-staff@pukou.gov.cn', DEMO_PASSWORD),
    admin: await token(url, settings.adminEmail, adminPassword(settings)),
  };
  const inCommunity = Number((await sql.all('SELECT count(*) AS n FROM people WHERE unit_path LIKE ?', [like]))[0]!.n);
  const sample = await samplePerson(sql, like, (sealed) => vault.open(sealed));
  const rows = [];
  for (const c of personCases(sample, like)) {
    const r = await timeCase(c, url, tokens, sql);
    step(`registries: ${c.name}: community ${p50p95(r.community)}, admin ${p50p95(r.admin)}, SQL ${p50p95(r.sql)}`);
    rows.push({
      operation: `people: ${c.name}, community staff p50 / p95 (administrator; SQL)`,
      atScale: `${slash(r.community, 1)} ms (admin ${slash(r.admin, 1)}; SQL ${slash(r.sql, 1)})`,
      small: small.figure(
        'registries',
        c.name,
        ['community user', 'administrator', 'SQL'],
        (v) => `${v[0]} ms (admin ${v[1]}; SQL ${v[2]})`,
      ),
    });
  }
  return {
    rows,
    notes: [
      `Registries: a person of ${DEMO_UNIT_PATHS.community} (${inCommunity.toLocaleString('en')} people there) searched by name and looked up by ID number, ${BUDGET.samples} requests after ${BUDGET.warmup} untimed, as the community's staff, then as the administrator, then as SQL with the community's filter (bench/registries/cases.ts).`,
    ],
  };
}
