// The registries' requests a benchmark times as the community user, as the
// administrator and as the equivalent SQL: the HTTP they are sent with, a sample
// person of the community, and the search by name and look-up by ID number.
// Shared by bench:registries and bench:scale.

import { time, type Budget, type Timing } from '../lib/measure.ts';
import type { Sql } from '../lib/sql.ts';

export const BUDGET: Budget = { warmup: 10, samples: 100, maxMs: 20_000 };
export const LIST_FIELDS = 'id,name,id_number_masked,sex,birth_date,unit_path';

export async function get(url: string, accessToken: string, path: string): Promise<any> {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${accessToken}`, 'cache-control': 'no-store' } });
  const body = await res.json();
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

export interface Case {
  name: string;
  path: string;
  /** The equivalent statement without Directus (the community's filter written by hand). */
  sql: [string, unknown[]];
  /** Checks the community's answer before timing (the same work for every viewer). */
  check: (body: any) => void;
}

export interface Sample {
  name: string;
  id_number: string;
  id_number_index: string;
}

/** A person of the community (`like`: its path and `%`), about the hundredth newest; the ID number opened. */
export async function samplePerson(sql: Sql, like: string, open: (sealed: string) => string): Promise<Sample> {
  const people = Number((await sql.all('SELECT count(*) AS n FROM people WHERE unit_path LIKE ?', [like]))[0]!.n);
  const row = (
    await sql.all('SELECT name, id_number, id_number_index FROM people WHERE unit_path LIKE ? ORDER BY id DESC LIMIT 1 OFFSET ?', [
      like,
      Math.min(100, Math.floor(people / 2)),
    ])
  )[0];
  if (!row) throw new Error(`no person under ${like}`);
  return { name: String(row.name), id_number_index: String(row.id_number_index), id_number: open(row.id_number) };
}

/** The sample searched by name and looked up by ID number, as the community's pages ask. */
export function personCases(sample: Sample, like: string): Case[] {
  return [
    {
      name: 'search by name',
      path: `/items/people?filter[name][_eq]=${encodeURIComponent(sample.name)}&limit=25&fields=${LIST_FIELDS}`,
      sql: [
        'SELECT id, name, id_number_masked, sex, birth_date, unit_path FROM people WHERE unit_path LIKE ? AND name = ? LIMIT 25',
        [like, sample.name],
      ],
      check: (b) => {
        if (!b.data.length || b.data.some((p: { name: string }) => p.name !== sample.name)) throw new Error('search: nothing found');
      },
    },
    {
      name: 'look-up by ID number',
      path: `/registries/people/lookup?id_number=${sample.id_number}`,
      sql: ['SELECT * FROM people WHERE id_number_index = ? AND unit_path LIKE ?', [sample.id_number_index, like]],
      check: (b) => {
        if (b.data.name !== sample.name) throw new Error('look-up: wrong person');
      },
    },
  ];
}

/** A case checked, then timed as the community user, as the administrator and as SQL, in that order. */
export async function timeCase(
  c: Case,
  url: string,
  tokens: { community: string; admin: string },
  sql: Sql,
  budget: Budget = BUDGET,
): Promise<{ name: string; community: Timing; admin: Timing; sql: Timing }> {
  c.check(await get(url, tokens.community, c.path));
  return {
    name: c.name,
    community: await time(() => get(url, tokens.community, c.path), budget),
    admin: await time(() => get(url, tokens.admin, c.path), budget),
    sql: await time(() => sql.all(...c.sql), budget),
  };
}
