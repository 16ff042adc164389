// 国密 at rest: ID, document and phone numbers are stored sealed with SM4 (an
// SM3-HMAC blind index beside the ID number), read in the clear only through the
// system by those who may; look-ups, filters, duplicates, imports and submissions
// work as before; `npm run keys:rotate` re-seals everything under a new key and
// finishes a rotation that was stopped.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isSealed, personalKey, sealedWith } from '../../extensions/kernel/personal-cipher.ts';
import { decodeMasterKey, personalVault } from '../../extensions/kernel/personal-vault.ts';
import { SEALED_PERSONAL_FIELDS } from '../../schema/collections/people.ts';
import { sealStoredInClear } from '../../scripts/lib/key-rotation.ts';
import { makeIdNumber } from '../../extensions/registries/src/id-number.ts';
import { systemCommand, systemDatabase } from '../database.ts';
import { baseUrl, errorMessage, login, loginAdmin, type Session } from '../http.ts';

let db: Knex;
let admin: Session;
let grid: Session;
let community: Session;
let street: Session;
const created: number[] = [];
let sequence = Math.floor(Math.random() * 300) * 2 + 301;
const nextNumber = () => makeIdNumber('320111', '1979-05-06', (sequence += 2) % 1000);

const keyFile = () => join(inject('directus').dataDir, 'personal-data.keys');
const keyLines = () => readFileSync(keyFile(), 'utf8').trim().split('\n');
/** The id of the key the file names first (the one new values are sealed with). */
const currentKeyId = () => personalKey(decodeMasterKey(keyLines()[0]!)!).id;

async function person(body: Record<string, unknown>): Promise<number> {
  const answer = await grid.post('/items/people', body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  created.push(answer.body.data.id);
  return answer.body.data.id;
}

const stored = (id: number) => db('people').where({ id }).first();

/** A person as a version before encryption stored one, beneath the system: numbers in the clear, no index. */
async function storedInClear(name: string, number: string, phone: string, at: { unit: number; unit_path: string }): Promise<number> {
  const [row] = await db('people')
    .insert({ name, id_number: number, phone, unit: at.unit, unit_path: at.unit_path, state: 'in_force' })
    .returning('id');
  const id = typeof row === 'object' ? row.id : row;
  created.push(id);
  return id;
}

/** `npm run keys:rotate` against the test system, as an operator runs it. */
const rotate = () => systemCommand('scripts/keys-rotate.ts');

beforeAll(async () => {
  db = systemDatabase();
  admin = await loginAdmin();
  grid = await login('grid-gridworker@pukou.gov.cn');
  community = await login('community-staff@pukou.gov.cn');
  street = await login('street-staff@pukou.gov.cn');
});

afterAll(async () => {
  if (created.length) await admin.send('DELETE', '/items/people', JSON.stringify(created));
  await db?.destroy();
});

describe('what the database holds', () => {
  it('is sealed: no ID, document or phone number in the clear, in the row or in its revisions', async () => {
    const number = nextNumber();
    const id = await person({ name: '密存甲', id_number: number, phone: '13911112222', is_registered: true });
    const row = await stored(id);
    for (const field of ['id_number', 'phone']) {
      expect(isSealed(row[field]), field).toBe(true);
      expect(sealedWith(row[field])).toBe(currentKeyId());
    }
    expect(row.id_number).not.toContain(number.slice(6, 14));
    expect(row.phone).not.toContain('1391111');
    expect(row.id_number_index).toMatch(/^[0-9a-f]{64}$/);
    // The masked forms stay in the clear: lists and roles without the need to know read them.
    expect(row.id_number_masked).toBe(`${number.slice(0, 4)}**********${number.slice(-4)}`);
    // A change is sealed too, and what Directus keeps of it (revisions) holds only sealed text.
    expect((await grid.patch(`/items/people/${id}`, { phone: '13933334444', passport_number: 'E12345678' })).status).toBe(200);
    const changed = await stored(id);
    expect(isSealed(changed.phone) && isSealed(changed.passport_number)).toBe(true);
    const revisions = await db('directus_revisions').where({ collection: 'people', item: String(id) });
    expect(revisions.length).toBeGreaterThanOrEqual(2);
    for (const text of revisions.map((r) => JSON.stringify([r.data, r.delta])))
      for (const clear of [number, '13911112222', '13933334444', 'E12345678']) expect(text).not.toContain(clear);
  });

  it('is sealed in a submission waiting for review too', async () => {
    const number = nextNumber();
    const submitted = await grid.post('/registries/submissions', {
      target_collection: 'people',
      data: { name: '待审甲', id_number: number, phone: '13955557777' },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const row = await db('submissions').where({ id: submitted.body.data.id }).first();
    expect(String(row.data)).not.toContain(number);
    expect(String(row.data)).not.toContain('13955557777');
    // The reviewer reads it in the clear.
    const id = submitted.body.data.id;
    const read = await community.get(`/items/submissions/${id}?fields=data`);
    expect(read.body.data.data).toMatchObject({ id_number: number, phone: '13955557777' });
    // Returned and sent again: still sealed, in the submission and in its steps.
    expect((await community.post(`/registries/submissions/${id}/review`, { approve: false, reason: '请核对电话' })).status).toBe(200);
    const again = await grid.post(`/registries/submissions/${id}/resubmit`, {
      data: { name: '待审甲', id_number: number, phone: '13955558888' },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const stored = [await db('submissions').where({ id }).first(), ...(await db('submission_steps').where({ submission: id }))];
    for (const row of stored)
      for (const clear of [number, '13955557777', '13955558888']) expect(String(row.data ?? '')).not.toContain(clear);
    expect((await community.get(`/items/submissions/${id}?fields=data`)).body.data.data.phone).toBe('13955558888');
    const approved = await community.post(`/registries/submissions/${id}/review`, { approve: true });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    created.push(approved.body.data.target_id);
    expect((await community.get(`/items/people/${approved.body.data.target_id}?fields=id_number,phone`)).body.data).toEqual({
      id_number: number,
      phone: '13955558888',
    });
  });
});

describe('through the system', () => {
  let number: string;
  let id: number;
  beforeAll(async () => {
    number = nextNumber();
    id = await person({ name: '密存乙', id_number: number, phone: '13966667777', is_floating: true });
  });

  it('reads in the clear for those who may, masked for the others, and never shows the blind index', async () => {
    const own = await community.get(`/items/people/${id}?fields=*`);
    expect(own.body.data).toMatchObject({ id_number: number, phone: '13966667777' });
    expect(own.body.data).not.toHaveProperty('id_number_index');
    expect((await admin.get(`/items/people/${id}?fields=id_number_index,name`)).body.data).toEqual({ name: '密存乙' });
    const masked = await street.get(`/items/people/${id}?fields=*`);
    expect(masked.status).toBe(200);
    expect(masked.body.data).not.toHaveProperty('id_number');
    expect(masked.body.data).not.toHaveProperty('id_number_index');
    expect(masked.body.data.phone_masked).toBe('139****7777');
    // GraphQL too.
    const graph = await community.post('/graphql', { query: `{ people_by_id(id: ${id}) { id_number phone } }` });
    expect(graph.body.data.people_by_id).toEqual({ id_number: number, phone: '13966667777' });
  });

  it('finds by the whole ID number: filters, search, GraphQL, the look-up and a relation', async () => {
    for (const path of [
      `/items/people?filter[id_number][_eq]=${number}&fields=id`,
      `/items/people?filter[id_number][_eq]=${number.toLowerCase()}&fields=id`,
      `/items/people?filter[id_number][_in]=${number},${nextNumber()}&fields=id`,
      `/items/people?filter[_or][0][id_number][_eq]=${number}&filter[_or][1][name][_eq]=无此人&fields=id`,
      `/items/people?search=${number}&fields=id`,
    ]) {
      const answer = await community.get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.body.data, path).toEqual([{ id }]);
    }
    const none = await community.get(`/items/people?filter[id_number][_neq]=${number}&filter[id][_eq]=${id}&fields=id`);
    expect(none.body.data).toEqual([]);
    const graph = await community.post('/graphql', { query: `{ people(filter: { id_number: { _eq: "${number}" } }) { id } }` });
    expect(graph.body.data.people.map((p: { id: unknown }) => Number(p.id))).toEqual([id]);
    const lookup = await community.get(`/registries/people/lookup?id_number=${number}`);
    expect(lookup.body.data).toMatchObject({ id, name: '密存乙', id_number: number, phone: '13966667777' });
    expect(lookup.body.data).not.toHaveProperty('id_number_index');
    const moves = await community.get(`/items/person_moves?filter[person][id_number][_eq]=${number}&fields=id`);
    expect(moves.status).toBe(200);
  });

  it('refuses, in words, a filter that needs the content of a sealed number', async () => {
    for (const path of [
      `/items/people?filter[id_number][_starts_with]=3201`,
      `/items/people?filter[id_number][_contains]=1979`,
      `/items/people?filter[phone][_eq]=13966667777`,
      `/items/person_moves?filter[person][id_number][_gt]=3`,
    ]) {
      const answer = await community.get(path);
      expect(answer.status, path).toBe(400);
      expect(errorMessage(answer), path).toMatch(/加密保存/);
    }
  });

  it('keeps one record per ID number', async () => {
    const again = await grid.post('/items/people', { name: '重复登记', id_number: number, is_registered: true });
    expect(again.status).toBe(400);
    expect(errorMessage(again)).toContain('公民身份号码已登记');
  });

  it('imports: new people sealed, a known one recognised by its number', async () => {
    const fresh = nextNumber();
    const csv = ['姓名,公民身份号码,联系方式', `导入密存,${fresh},13977778888`, `密存乙,${number},13966660000`].join('\r\n');
    const res = await fetch(`${baseUrl()}/registries/imports/people?dry_run=false`, {
      method: 'POST',
      headers: { authorization: `Bearer ${grid.token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.data.summary).toMatchObject({ create: 1, change: 1, refused: 0 });
    const imported = await db('people').where({ name: '导入密存' }).first();
    created.push(imported.id);
    expect(isSealed(imported.id_number) && isSealed(imported.phone)).toBe(true);
    expect((await community.get(`/items/people/${imported.id}?fields=id_number,phone`)).body.data).toEqual({
      id_number: fresh,
      phone: '13977778888',
    });
    expect((await community.get(`/items/people/${id}?fields=phone`)).body.data.phone).toBe('13966660000');
  });

  it('reads a value altered beneath the system as empty, and the list still loads', async () => {
    const victim = await person({ name: '密存丙', id_number: nextNumber(), phone: '13988889999', is_registered: true });
    const row = await stored(victim);
    const flipped = row.phone.slice(0, -2) + (row.phone.at(-2) === 'A' ? 'B' : 'A') + row.phone.at(-1);
    await db('people').where({ id: victim }).update({ phone: flipped });
    const read = await community.get(`/items/people?filter[id][_in]=${victim},${id}&fields=id,phone&sort=id`);
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual([
      { id, phone: '13966660000' },
      { id: victim, phone: null },
    ]);
    // Mended by hand, so that the rotation below finds nothing broken.
    await db('people').where({ id: victim }).update({ phone: row.phone });
  });
});

describe('an upgrade from before encryption', () => {
  it('has its numbers sealed and indexed by the start (sealStoredInClear), once', async () => {
    const number = nextNumber();
    const id = await storedInClear('升级前', number, '13900005555', await stored(created[0]!));
    const vault = personalVault({ PERSONAL_DATA_KEY_FILE: keyFile() }, SEALED_PERSONAL_FIELDS);
    expect(await sealStoredInClear(db, vault)).toBeGreaterThanOrEqual(1);
    const sealed = await stored(id);
    expect(isSealed(sealed.id_number) && isSealed(sealed.phone)).toBe(true);
    expect(sealed.id_number_index).toBe(vault.index(number));
    expect(await sealStoredInClear(db, vault)).toBe(0);
    expect((await community.get(`/registries/people/lookup?id_number=${number}`)).body.data).toMatchObject({ id, phone: '13900005555' });
  });

  it('has the numbers of a submission stored in the clear sealed by the same run', async () => {
    const template = await db('submissions').orderBy('id', 'desc').first();
    const number = nextNumber();
    const [row] = await db('submissions')
      .insert({
        ...Object.fromEntries(['unit', 'unit_path', 'submitter', 'target_collection', 'change_kind', 'state'].map((f) => [f, template[f]])),
        target_id: null,
        data: JSON.stringify({ name: '升级前采集', id_number: number, phone: '13900006666' }),
        submitted_at: new Date(),
      })
      .returning('id');
    const id = typeof row === 'object' ? row.id : row;
    // An upgrade: a person stored in the clear is what starts the sealing.
    await storedInClear('升级前乙', nextNumber(), '13900007777', await stored(created[0]!));
    const vault = personalVault({ PERSONAL_DATA_KEY_FILE: keyFile() }, SEALED_PERSONAL_FIELDS);
    expect(await sealStoredInClear(db, vault)).toBeGreaterThanOrEqual(2);
    const text = String((await db('submissions').where({ id }).first()).data);
    expect(text).not.toContain(number);
    expect(text).not.toContain('13900006666');
    expect((await community.get(`/items/submissions/${id}?fields=data`)).body.data.data).toMatchObject({
      id_number: number,
      phone: '13900006666',
    });
  });
});

describe('npm run keys:rotate', () => {
  it('re-seals everything under a new key, seals what was stored in the clear, and drops the old key', async () => {
    const number = nextNumber();
    const id = await person({ name: '轮换甲', id_number: number, phone: '13912340000', is_registered: true });
    const before = await stored(id);
    const oldKey = sealedWith(before.id_number);
    // A row from before encryption: numbers in the clear, no index.
    const legacyNumber = nextNumber();
    const legacyId = await storedInClear('旧数据', legacyNumber, '02558881234', before);

    const result = await rotate();
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain('rotation done');
    expect(keyLines()).toHaveLength(1);
    const row = await stored(id);
    expect(sealedWith(row.id_number)).not.toBe(oldKey);
    expect(sealedWith(row.id_number)).toBe(currentKeyId());
    expect(sealedWith(row.phone)).toBe(sealedWith(row.id_number));
    const old = await stored(legacyId);
    expect(isSealed(old.id_number) && isSealed(old.phone)).toBe(true);
    expect(old.id_number_index).toMatch(/^[0-9a-f]{64}$/);
    // The running server reads the new key file: everything is found and read as before.
    expect((await community.get(`/registries/people/lookup?id_number=${number}`)).body.data).toMatchObject({ id, phone: '13912340000' });
    const found = await admin.get(`/items/people?filter[id_number][_eq]=${legacyNumber}&fields=id,phone`);
    expect(found.body.data).toEqual([{ id: legacyId, phone: '02558881234' }]);
    const audit = await db('audit_log').where({ action: 'keys_rotated' }).orderBy('id', 'desc').first();
    expect(audit.outcome).toBe('success');
  });

  it('finishes a rotation that was stopped half-way, without making another key', async () => {
    const id = await person({ name: '轮换乙', id_number: nextNumber(), phone: '13912341111', is_registered: true });
    const [current] = keyLines();
    // As if a run had written its new key and stopped before re-sealing anything.
    const next = Buffer.alloc(32, sequence % 200).toString('base64url');
    writeFileSync(keyFile(), `${next}\n${current}\n`);
    const result = await rotate();
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain('resuming');
    expect(keyLines()).toEqual([next]);
    const row = await stored(id);
    expect(sealedWith(row.id_number)).toBe(personalKey(Buffer.from(next, 'base64url')).id);
    expect((await community.get(`/items/people/${id}?fields=phone`)).body.data.phone).toBe('13912341111');
  });
});
