// Issue 11 family 14, imports and files: a CSV saved by Excel on a Chinese
// Windows (GBK) or as "Unicode text" (UTF-16) is read as what it says, a file
// that is no text is refused with a message and nothing stored, and the files
// the system writes (refused rows, the monthly comparison) carry a cell that
// starts like a formula as text.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../extensions/registries/src/id-number.ts';
import { parseCsv } from '../../extensions/registries/src/table-file.ts';
import { gbkBytes } from '../gbk.ts';
import { baseUrl, login, loginAdmin, unitIds, type Session } from '../http.ts';

let admin: Session;
let community: Session;
let ids: Map<string, number>;
const base = 500 + Math.floor(Math.random() * 200);
const P = [0, 1, 2, 3].map((i) => makeIdNumber('320111', '1955-05-05', (base + i * 2) % 1000));
const badCheck = (n: string) => n.slice(0, 17) + (n[17] === '1' ? '2' : '1');
const HYPERLINK = '=HYPERLINK("http://example.invalid/x","点此查看")';

async function post(path: string, body: Uint8Array | string) {
  const res = await fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${community.token}`, 'content-type': 'text/csv' },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, body: await res.json() };
}

async function stored(): Promise<{ name: string; id_number: string }[]> {
  return (await admin.get(`/items/people?filter[id_number][_in]=${P.join(',')}&fields=name,id_number&sort=id_number`)).body.data;
}

beforeAll(async () => {
  admin = await loginAdmin();
  ids = await unitIds(admin);
  community = await login('community-staff@pukou.gov.cn');
});

afterAll(async () => {
  const rows = (await admin.get(`/items/people?filter[id_number][_in]=${P.join(',')}&fields=id`)).body.data as { id: number }[];
  if (rows.length) await admin.send('DELETE', '/items/people', JSON.stringify(rows.map((r) => r.id)));
});

describe('a CSV in the encoding the office saved it in', () => {
  it('GBK from Excel on a Chinese Windows is read as Chinese, in the dry run and the real run', async () => {
    const csv = `姓名,公民身份号码,民族\r\n欧阳晓燕,${P[0]},01\r\n诸葛亮,${P[1]},01\r\n`;
    const dry = await post('/registries/imports/people?dry_run=true', gbkBytes(csv));
    expect(dry.status).toBe(200);
    expect(dry.body.data.summary).toEqual({ create: 2, change: 0, unchanged: 0, refused: 0 });
    const real = await post('/registries/imports/people?dry_run=false', gbkBytes(csv));
    expect(real.status).toBe(200);
    expect((await stored()).map((r) => r.name).sort()).toEqual(['欧阳晓燕', '诸葛亮'].sort());
  });

  it('UTF-16 "Unicode text" with tabs is read too', async () => {
    const text = `姓名\t公民身份号码\r\n司马光\t${P[2]}\r\n`;
    const answer = await post('/registries/imports/people?dry_run=true', new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]));
    expect(answer.status).toBe(200);
    expect(answer.body.data.rows).toMatchObject([{ action: 'create', id_number: P[2] }]);
  });

  it('bytes that are no text are refused with what to do, and nothing is stored', async () => {
    const before = await stored();
    const answer = await post(
      '/registries/imports/people?dry_run=false',
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x14, 0xff, 0x80, 0x00]),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].message).toContain('另存为“CSV UTF-8”');
    expect(await stored()).toEqual(before);
  });
});

describe('files the system writes', () => {
  it('the refused rows carry a formula as text', async () => {
    const csv = `姓名,公民身份号码\r\n"${HYPERLINK.replaceAll('"', '""')}",${badCheck(P[3]!)}\r\n@SUM(1+1),bad\r\n`;
    const answer = await post('/registries/imports/people?dry_run=false', csv);
    expect(answer.status).toBe(200);
    expect(answer.body.data.summary.refused).toBe(2);
    const file: string = answer.body.data.refused_csv;
    expect(file).toContain(`"'${HYPERLINK.replaceAll('"', '""')}"`);
    expect(parseCsv(file).rows.map((r) => r['姓名'])).toEqual([`'${HYPERLINK}`, "'@SUM(1+1)"]);
    expect(file).not.toMatch(/(^|[\r\n,])"?[=@+-]/);
  });

  it('the monthly comparison carries a formula from the department’s list as text', async () => {
    const list = `姓名,公民身份号码\r\n"${HYPERLINK.replaceAll('"', '""')}",${P[3]}\r\n-1+cmd,${P[2]}\r\n`;
    const res = await post(`/registries/comparisons/people?department=${ids.get('/320111/GAJ/')}&month=2026-10`, list);
    expect(res.status).toBe(200);
    const file = await fetch(`${baseUrl()}/registries/comparisons/${res.body.data.id}/csv`, {
      headers: { authorization: `Bearer ${community.token}` },
    });
    expect(file.status).toBe(200);
    const text = await file.text();
    const names = parseCsv(text).rows.map((r) => r['姓名']);
    expect(names).toContain(`'${HYPERLINK}`);
    expect(names).toContain("'-1+cmd");
    expect(text).not.toMatch(/(^|[\r\n,])"?[=@+-]/);
  });
});
