// Import (R8): a file of mixed good and bad rows, as CSV and as .xlsx, with a dry
// run that writes nothing, a real run that writes the good rows and returns the bad
// ones with reasons, and a second import of the same file that changes nothing.

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../extensions/registries/src/id-number.ts';
import { parseCsv } from '../../extensions/registries/src/table-file.ts';
import { baseUrl, login, loginAdmin, unitIds, type Session } from '../http.ts';

let admin: Session;
let ids: Map<string, number>;
let community: Session;
const base = Math.floor(Math.random() * 150) * 2 + 1;
const n = (i: number) => makeIdNumber('320111', '1977-07-07', base + i * 300 > 999 ? (base + i * 300) % 1000 : base + i * 300);
const [NEW1, NEW2, EXISTING, ELSEWHERE] = [
  n(0),
  n(1),
  makeIdNumber('320111', '1977-07-08', base),
  makeIdNumber('320111', '1977-07-09', base),
];
const BAD_CHECK = NEW1.slice(0, 17) + (NEW1[17] === '1' ? '2' : '1');

const HEADER = ['姓名', '公民身份号码', '联系方式', '民族', '流动人口', '证件号码', '证件到期日期'];
const ROWS = [
  ['新甲', NEW1, '13900001111', '01', '是', 'JZ-IMPORT-1', '2027-01-15'],
  ['新乙', NEW2.toLowerCase(), '', '03', '否', '', ''],
  ['原有', EXISTING, '13900002222', '01', '', '', ''],
  ['坏号', BAD_CHECK, '', '', '', '', ''],
  ['坏电话', makeIdNumber('320111', '1977-07-10', base), '123', '', '', '', ''],
  ['重复', NEW1, '', '', '', '', ''],
  ['别处', ELSEWHERE, '', '', '', '', ''],
];
const csv = [HEADER, ...ROWS].map((r) => r.join(',')).join('\r\n');

async function upload(session: Session, body: string | Buffer, query: string, type = 'text/csv') {
  const res = await fetch(`${baseUrl()}/registries/imports/people?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}`, 'content-type': type },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, body: await res.json() };
}

async function count(numbers: string[]): Promise<number> {
  const answer = await admin.get(`/items/people?aggregate[count]=*&filter[id_number][_in]=${numbers.join(',')}`);
  return Number(answer.body.data[0].count);
}

beforeAll(async () => {
  admin = await loginAdmin();
  ids = await unitIds(admin);
  community = await login('community-staff@pukou.gov.cn');
  expect(
    (await admin.post('/items/people', { name: '原有', id_number: EXISTING, phone: '13900009999', unit: ids.get('/320111/S01/C001/') }))
      .status,
  ).toBe(200);
  expect((await admin.post('/items/people', { name: '别处', id_number: ELSEWHERE, unit: ids.get('/320111/S02/C004/') })).status).toBe(200);
});

afterAll(async () => {
  const rows = (await admin.get(`/items/people?filter[id_number][_in]=${[NEW1, NEW2, EXISTING, ELSEWHERE].join(',')}&fields=id`)).body
    .data as { id: number }[];
  if (rows.length) await admin.send('DELETE', '/items/people', JSON.stringify(rows.map((r) => r.id)));
});

describe('importing people', () => {
  it('dry run says per row what would happen and why, and writes nothing', async () => {
    const answer = await upload(community, csv, 'dry_run=true');
    expect(answer.status).toBe(200);
    expect(answer.body.data.summary).toEqual({ create: 2, change: 1, unchanged: 0, refused: 4 });
    const byLine = Object.fromEntries(answer.body.data.rows.map((r: { line: number }) => [r.line, r]));
    expect(byLine[2]).toMatchObject({ action: 'create', id_number: NEW1 });
    expect(byLine[3]).toMatchObject({ action: 'create', id_number: NEW2 });
    expect(byLine[4]).toMatchObject({ action: 'change', changes: { phone: ['13900009999', '13900002222'] } });
    expect(byLine[5].reason).toContain('校验位不正确');
    expect(byLine[6].reason).toContain('联系方式应为有效的手机号');
    expect(byLine[7].reason).toBe('文件中该身份证号码重复出现');
    expect(byLine[8].reason).toBe('该身份证号码已在其他辖区登记');
    expect(await count([NEW1, NEW2])).toBe(0);
    expect((await admin.get(`/items/people?filter[id_number][_eq]=${EXISTING}&fields=phone`)).body.data[0].phone).toBe('13900009999');
  });

  it('the same file as .xlsx is read the same way', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('实有人口');
    sheet.addRow(HEADER);
    for (const row of ROWS) sheet.addRow(row);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const answer = await upload(
      community,
      buffer,
      'dry_run=true&format=xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data.summary).toEqual({ create: 2, change: 1, unchanged: 0, refused: 4 });
  });

  it('real run writes the good rows and returns the refused ones as a file with reasons', async () => {
    const answer = await upload(community, csv, 'dry_run=false');
    expect(answer.status).toBe(200);
    expect(answer.body.data.summary).toEqual({ create: 2, change: 1, unchanged: 0, refused: 4 });
    const refused = parseCsv(answer.body.data.refused_csv).rows;
    expect(refused.map((r) => [r['姓名'], r['行号']])).toEqual([
      ['坏号', '5'],
      ['坏电话', '6'],
      ['重复', '7'],
      ['别处', '8'],
    ]);
    expect(refused[0]!['未导入原因']).toContain('校验位不正确');

    const created = await community.get(
      `/items/people?filter[id_number][_in]=${NEW1},${NEW2}&fields=name,id_number_masked,birth_date,sex,is_floating,unit_path,ethnicity,state&sort=name`,
    );
    expect(created.body.data).toEqual([
      {
        name: '新乙',
        id_number_masked: `3201**********${NEW2.slice(-4)}`,
        birth_date: '1977-07-07',
        sex: Number(NEW2[16]) % 2 ? '1' : '2',
        is_floating: false,
        unit_path: '/320111/S01/C001/',
        ethnicity: '03',
        state: 'in_force',
      },
      {
        name: '新甲',
        id_number_masked: `3201**********${NEW1.slice(-4)}`,
        birth_date: '1977-07-07',
        sex: Number(NEW1[16]) % 2 ? '1' : '2',
        is_floating: true,
        unit_path: '/320111/S01/C001/',
        ethnicity: '01',
        state: 'in_force',
      },
    ]);
    expect((await community.get(`/items/people?filter[id_number][_eq]=${EXISTING}&fields=phone,phone_masked`)).body.data[0]).toEqual({
      phone: '13900002222',
      phone_masked: '139****2222',
    });
    // Dates are stored as Directus stores them: its own filters find them.
    const byDate = await community.get(
      `/items/people?filter[permit_expires_on][_eq]=2027-01-15&filter[id_number][_eq]=${NEW1}&fields=permit_expires_on`,
    );
    expect(byDate.body.data).toEqual([{ permit_expires_on: '2027-01-15' }]);
    const before = await community.get(`/items/people?filter[permit_expires_on][_lt]=2027-02-01&filter[id_number][_eq]=${NEW1}&fields=id`);
    expect(before.body.data).toHaveLength(1);
    // The imported records obey the registry's rules afterwards like any other.
    expect((await community.post('/items/people', { name: '再登记', id_number: NEW1 })).status).toBe(400);
  });

  it('importing the same file again changes nothing', async () => {
    const answer = await upload(community, csv, 'dry_run=false');
    expect(answer.body.data.summary).toEqual({ create: 0, change: 0, unchanged: 3, refused: 4 });
    expect(await count([NEW1, NEW2])).toBe(2);
  });

  it('takes a column mapping for a department’s own headers', async () => {
    const file = `人员姓名,证件号码,手机\r\n原有,${EXISTING},13900003333\r\n`;
    const mapping = encodeURIComponent(JSON.stringify({ 人员姓名: 'name', 证件号码: 'id_number', 手机: 'phone' }));
    const answer = await upload(community, file, `dry_run=true&mapping=${mapping}`);
    expect(answer.body.data.summary).toEqual({ create: 0, change: 1, unchanged: 0, refused: 0 });
  });

  it.each([
    ['', 'dry_run=true', '请上传要导入的文件'],
    ['a,b\r\n1,2', 'dry_run=true', '文件中没有公民身份号码列'],
    [csv, 'dry_run=true&mapping=notjson', '列映射应为 JSON'],
    [csv, `dry_run=true&mapping=${encodeURIComponent('{"姓名":"unit_path"}')}`, '不能导入'],
    [csv, 'dry_run=true&format=pdf', '文件格式应为 csv 或 xlsx'],
  ])('refuses a malformed upload: %j %s', async (body, query, message) => {
    const answer = await upload(community, body, query);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].message).toContain(message);
  });

  it('is not for leaders', async () => {
    expect((await upload(await login('community-leader@pukou.gov.cn'), csv, 'dry_run=true')).status).toBe(403);
  });
});

describe('monthly comparison with a department’s list', () => {
  const P = [11, 13, 15, 17, 19].map((s) => makeIdNumber('320111', '1966-06-06', (base + s) % 1000));
  const masked = (number: string) => `3201**********${number.slice(-4)}`;

  beforeAll(async () => {
    for (const [i, unit] of [
      [0, '/320111/S01/C001/G01/'],
      [1, '/320111/S01/C001/'],
      [2, '/320111/S01/C001/G02/'],
      [4, '/320111/S03/C007/'],
    ] as const) {
      expect(
        (await admin.post('/items/people', { name: `比对${i}`, id_number: P[i], phone: '13911110000', unit: ids.get(unit) })).status,
      ).toBe(200);
    }
  });

  afterAll(async () => {
    const rows = (await admin.get(`/items/people?filter[id_number][_in]=${P.join(',')}&fields=id`)).body.data as { id: number }[];
    await admin.send('DELETE', '/items/people', JSON.stringify(rows.map((r) => r.id)));
  });

  it('finds who is only ours, only theirs and what differs, per unit, records it and exports it masked', async () => {
    const list = `姓名,公民身份号码,联系方式\r\n比对0,${P[0]},13911110000\r\n比对1,${P[1]},13922220000\r\n公安有,${P[3]},\r\n比对4,${P[4]},\r\n`;
    const police = ids.get('/320111/GAJ/');
    const res = await fetch(`${baseUrl()}/registries/comparisons/people?department=${police}&month=2026-11`, {
      method: 'POST',
      headers: { authorization: `Bearer ${community.token}`, 'content-type': 'text/csv' },
      body: list,
    });
    const body = await res.json();
    expect(res.status).toBe(200);
    const result = body.data;
    expect(result.counts).toMatchObject({ theirs: 4, matched: 2, only_theirs: 2, differing: 1, unreadable: 0 });
    expect(result.differing).toEqual([
      {
        id: expect.any(Number),
        line: 3,
        name: '比对1',
        key: masked(P[1]!),
        unit: '求雨山社区',
        // Phone numbers masked like ID numbers: the result is stored and exported.
        fields: { phone: ['139****0000', '139****0000'] },
      },
    ]);
    expect(JSON.stringify(result)).not.toContain('13922220000');
    expect(result.only_theirs).toEqual([
      { line: 4, name: '公安有', key: masked(P[3]!), registered_elsewhere: false },
      { line: 5, name: '比对4', key: masked(P[4]!), registered_elsewhere: true },
    ]);
    expect(result.only_ours).toContainEqual({ id: expect.any(Number), name: '比对2', key: masked(P[2]!), unit: '求雨山社区第二网格' });
    expect(result.by_unit['求雨山社区第二网格'].only_ours).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(result)).not.toContain(P[2]);

    const record = await (await login('street-staff@pukou.gov.cn')).get(
      `/items/comparisons/${result.id}?fields=registry,month,department,counts,performed_by`,
    );
    expect(record.body.data).toMatchObject({
      registry: 'people',
      month: '2026-11',
      department: police,
      counts: result.counts,
      performed_by: expect.any(String),
    });
    const file = await fetch(`${baseUrl()}/registries/comparisons/${result.id}/csv`, {
      headers: { authorization: `Bearer ${community.token}` },
    });
    const rows = parseCsv(await file.text()).rows;
    expect(rows).toContainEqual({
      类别: '信息不一致',
      单位: '求雨山社区',
      姓名: '比对1',
      身份证号码: masked(P[1]!),
      对方行号: '3',
      差异: 'phone：本系统“139****0000”，对方“139****0000”',
    });
    const gridWorker = await login('grid-gridworker@pukou.gov.cn');
    expect(
      (await fetch(`${baseUrl()}/registries/comparisons/${result.id}/csv`, { headers: { authorization: `Bearer ${gridWorker.token}` } }))
        .status,
    ).toBe(404);
  });

  it('refuses a list without a department or month', async () => {
    const res = await fetch(`${baseUrl()}/registries/comparisons/people?department=${ids.get('/320111/S01/')}&month=2026-11`, {
      method: 'POST',
      headers: { authorization: `Bearer ${community.token}`, 'content-type': 'text/csv' },
      body: `公民身份号码\r\n${P[0]}\r\n`,
    });
    expect(res.status).toBe(400);
    const bad = await fetch(`${baseUrl()}/registries/comparisons/people?department=${ids.get('/320111/GAJ/')}&month=2026-13`, {
      method: 'POST',
      headers: { authorization: `Bearer ${community.token}`, 'content-type': 'text/csv' },
      body: `公民身份号码\r\n${P[0]}\r\n`,
    });
    expect(bad.status).toBe(400);
  });
});

// Another registry through the same import and comparison: houses, matched by house number,
// the owner given by ID number, every row checked by the houses' own rules as the caller.
describe('importing and comparing houses', () => {
  const tag = `T${Date.now().toString(36).toUpperCase()}`;
  const [H1, H2, H3, HERE, THERE] = ['1', '2', '3', 'HERE', 'THERE'].map((s) => `${tag}-${s}`) as [string, string, string, string, string];
  const OWNER = makeIdNumber('320111', '1966-01-02', base);
  const UNKNOWN = makeIdNumber('320111', '1966-01-03', base);
  let owner: number;
  const file = (rows: string[][]) =>
    [['房屋编号', '房屋地址', '房屋用途', '建筑面积（㎡）', '房主'], ...rows].map((r) => r.join(',')).join('\r\n');
  const MIXED = file([
    [H1, '求雨山路1号', '10', '88.5', OWNER],
    [H2.toLowerCase(), '求雨山路2号', '', '', ''],
    [HERE, '求雨山路9号', '20', '', ''],
    ['', '无编号', '', '', ''],
    [H3, '', '', '', ''],
    [`${tag}-4`, '求雨山路4号', 'ZZ', '', ''],
    [`${tag}-5`, '求雨山路5号', '', '-3', ''],
    [`${tag}-6`, '求雨山路6号', '', '', UNKNOWN],
    [H1, '重复', '', '', ''],
    [THERE, '别处', '', '', ''],
  ]);
  const send = (kind: string, body: string, query: string, session = community) =>
    fetch(`${baseUrl()}/registries/${kind}?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}`, 'content-type': 'text/csv' },
      body,
    }).then(async (res) => ({ status: res.status, body: await res.json() }));
  const ours = async () =>
    (await admin.get(`/items/houses?filter[number][_starts_with]=${tag}&fields=number,address,use,floor_area,owner,unit&sort=number`)).body
      .data as Record<string, unknown>[];

  beforeAll(async () => {
    owner = (await admin.post('/items/people', { name: '房主甲', id_number: OWNER, unit: ids.get('/320111/S01/C001/') })).body.data.id;
    expect(
      (await admin.post('/items/houses', { number: HERE, address: '求雨山路9号', use: '10', unit: ids.get('/320111/S01/C001/') })).status,
    ).toBe(200);
    expect((await admin.post('/items/houses', { number: THERE, address: '别处', unit: ids.get('/320111/S02/C004/') })).status).toBe(200);
  });

  afterAll(async () => {
    const rows = (await admin.get(`/items/houses?filter[number][_starts_with]=${tag}&fields=id`)).body.data as { id: number }[];
    if (rows.length) await admin.send('DELETE', '/items/houses', JSON.stringify(rows.map((r) => r.id)));
    await admin.delete(`/items/people/${owner}`);
  });

  it('dry run checks every row by the houses’ rules and writes nothing', async () => {
    const before = await ours();
    const answer = await send('imports/houses', MIXED, 'dry_run=true');
    expect(answer.status).toBe(200);
    expect(answer.body.data.summary).toEqual({ create: 2, change: 1, unchanged: 0, refused: 7 });
    const byLine = Object.fromEntries(answer.body.data.rows.map((r: { line: number }) => [r.line, r]));
    expect(byLine[2]).toMatchObject({ action: 'create', key: H1 });
    expect(byLine[3]).toMatchObject({ action: 'create', key: H2 });
    expect(byLine[4]).toMatchObject({ action: 'change', key: HERE, changes: { use: ['10', '20'] } });
    expect(byLine[5].reason).toBe('缺少房屋编号');
    expect(byLine[6].action).toBe('refused');
    expect(byLine[7].reason).toBe('房屋用途代码“ZZ”不在代码表中或已停用');
    expect(byLine[8].reason).toContain('建筑面积');
    expect(byLine[9].reason).toContain('未登记该号码的人员');
    expect(byLine[10].reason).toBe('文件中该编号重复出现');
    expect(byLine[11].reason).toBe('该编号已在其他辖区登记');
    expect(await ours()).toEqual(before);
  });

  it('real run writes the good rows, in the caller’s unit, and a second run changes nothing', async () => {
    const answer = await send('imports/houses', MIXED, 'dry_run=false');
    expect(answer.body.data.summary).toEqual({ create: 2, change: 1, unchanged: 0, refused: 7 });
    expect(parseCsv(answer.body.data.refused_csv).rows.map((r) => r['行号'])).toEqual(['5', '6', '7', '8', '9', '10', '11']);
    const unit = ids.get('/320111/S01/C001/');
    expect((await ours()).filter((h) => h.number !== THERE)).toEqual([
      { number: H1, address: '求雨山路1号', use: '10', floor_area: expect.anything(), owner, unit },
      { number: H2, address: '求雨山路2号', use: null, floor_area: null, owner: null, unit },
      { number: HERE, address: '求雨山路9号', use: '20', floor_area: null, owner: null, unit },
    ]);
    expect(Number((await ours())[0]!.floor_area)).toBe(88.5);
    const again = await send('imports/houses', MIXED, 'dry_run=false');
    expect(again.body.data.summary).toEqual({ create: 0, change: 0, unchanged: 3, refused: 7 });
  });

  it('is refused for leaders, for unknown registries and for a file without the key column', async () => {
    expect((await send('imports/houses', MIXED, 'dry_run=true', await login('community-leader@pukou.gov.cn'))).status).toBe(403);
    expect((await send('imports/service_objects', MIXED, 'dry_run=true')).status).toBe(400);
    const keyless = await send('imports/houses', '房屋地址\r\n某处\r\n', 'dry_run=true');
    expect(keyless.status).toBe(400);
    expect(keyless.body.errors[0].message).toContain('没有房屋编号列');
  });

  it('compares a department’s list of houses by house number, records it and exports it', async () => {
    const list = file([
      [H1, '求雨山路1号', '10', '', ''],
      [H2, '求雨山路2号', '20', '', ''],
      [`${tag}-X`, '对方才有', '', '', ''],
      [THERE, '别处', '', '', ''],
    ]);
    const police = ids.get('/320111/GAJ/');
    const answer = await send('comparisons/houses', list, `department=${police}&month=2026-11`);
    expect(answer.status).toBe(200);
    const result = answer.body.data;
    expect(result.differing).toEqual([
      { id: expect.any(Number), line: 3, name: '求雨山路2号', key: H2, unit: '求雨山社区', fields: { use: [null, '20'] } },
    ]);
    expect(result.only_theirs).toEqual([
      { line: 4, name: '对方才有', key: `${tag}-X`, registered_elsewhere: false },
      { line: 5, name: '别处', key: THERE, registered_elsewhere: true },
    ]);
    expect(result.only_ours).toContainEqual({ id: expect.any(Number), name: '求雨山路9号', key: HERE, unit: '求雨山社区' });
    expect((await community.get(`/items/comparisons/${result.id}?fields=registry`)).body.data).toEqual({ registry: 'houses' });
    const csvFile = await fetch(`${baseUrl()}/registries/comparisons/${result.id}/csv`, {
      headers: { authorization: `Bearer ${community.token}` },
    });
    expect(parseCsv(await csvFile.text()).rows).toContainEqual({
      类别: '信息不一致',
      单位: '求雨山社区',
      房屋地址: '求雨山路2号',
      房屋编号: H2,
      对方行号: '3',
      差异: 'use：本系统“”，对方“20”',
    });
  });
});
