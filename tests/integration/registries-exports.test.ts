// Export of personal data (R19, 保密制度): never through Directus's own export,
// only through a request approved one level up; the file is generated once, for
// the requester, marked with who and when, with numbers masked as the requester
// reads them; the download expires; every step is logged.

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../extensions/registries/src/id-number.ts';
import { baseUrl, errorMessage, login, loginAdmin, unitIds, type Session } from '../http.ts';

let admin: Session;
let ids: Map<string, number>;
let requester: Session; // community staff of 求雨山社区 (C001)
let streetHead: Session; // approves for C001
const people: number[] = [];
const base = Math.floor(Math.random() * 300) * 2 + 301;
const numberInGrid = makeIdNumber('320111', '1984-09-09', base);
const numberElsewhere = makeIdNumber('320111', '1984-09-09', base + 2);

async function download(session: Session, id: number) {
  const res = await fetch(`${baseUrl()}/registries/exports/${id}/download`, { headers: { authorization: `Bearer ${session.token}` } });
  const text = await res.text();
  return { status: res.status, text, type: res.headers.get('content-type') ?? '' };
}

async function ask(session: Session, body: Record<string, unknown> = { collection: 'people', reason: '月度核对流动人口' }) {
  return session.post('/registries/exports', body);
}

beforeAll(async () => {
  admin = await loginAdmin();
  ids = await unitIds(admin);
  requester = await login('community-staff@pukou.gov.cn');
  streetHead = await login('street-head@pukou.gov.cn');
  for (const [name, number, unit] of [
    ['导出测试甲', numberInGrid, '/320111/S01/C001/G01/'],
    ['导出测试乙', numberElsewhere, '/320111/S02/C004/'],
  ] as const) {
    const answer = await admin.post('/items/people', { name, id_number: number, phone: '13700001234', unit: ids.get(unit) });
    expect(answer.status).toBe(200);
    people.push(answer.body.data.id);
  }
});

afterAll(async () => {
  await admin.send('DELETE', '/items/people', JSON.stringify(people));
});

// The doors in every letter case and form, for four roles: security-exports.test.ts.
describe("Directus's own export", () => {
  it.each([
    ['GET', '/items/people?export=csv'],
    ['GET', '/items/activity_records?export=json'],
    ['GET', '/users?export=csv'],
    ['POST', '/utils/export/people'],
  ])('is closed to non-administrators: %s %s', async (method, path) => {
    const answer = method === 'GET' ? await requester.get(path) : await requester.post(path, { format: 'csv', query: {} });
    expect(answer.status).toBe(403);
    expect(errorMessage(answer)).toContain('请提交导出申请');
  });

  it('stays open to the Directus administrator', async () => {
    const answer = await admin.get('/items/code_sex?export=csv');
    expect(answer.status).toBe(200);
    expect(String(answer.body)).toContain('未知的性别');
  });
});

describe('an export request', () => {
  it('goes from request to approval one level up to one download, every step logged', async () => {
    const asked = await ask(requester);
    expect(asked.status).toBe(200);
    const id: number = asked.body.data.id;

    const early = await download(requester, id);
    expect(early.status).toBe(403);
    expect(early.text).toContain('尚未审批');

    // Not the requester's own unit, not a staff member above, not the requester: the head one level up.
    for (const email of ['community-head@pukou.gov.cn', 'street-staff@pukou.gov.cn', 'district-head@pukou.gov.cn']) {
      const other = await login(email);
      const refused = await other.post(`/registries/exports/${id}/decide`, { approve: true });
      expect(refused.status).toBe(403);
    }
    expect((await streetHead.post(`/registries/exports/${id}/decide`, { approve: 'yes' })).status).toBe(400);
    const approved = await streetHead.post(`/registries/exports/${id}/decide`, { approve: true, opinion: '同意，仅限核对使用' });
    expect(approved.status).toBe(200);
    expect(approved.body.data.state).toBe('approved');
    expect((await streetHead.post(`/registries/exports/${id}/decide`, { approve: false })).status).toBe(403);

    const colleague = await login('community-head@pukou.gov.cn');
    expect((await download(colleague, id)).text).toContain('只有申请人本人可以下载');

    const file = await download(requester, id);
    expect(file.status).toBe(200);
    expect(file.type).toContain('text/csv');
    const lines = file.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(new RegExp(`^导出申请 #${id}；导出人：.+；导出时间：\\d{4}-\\d\\d-\\d\\dT.+；用途：月度核对流动人口；`));
    expect(lines[1]).toContain('公民身份号码');
    // The requester's jurisdiction only, with the numbers the requester may read.
    expect(file.text).toContain(numberInGrid);
    expect(file.text).not.toContain(numberElsewhere);
    expect(file.text).not.toContain('导出测试乙');

    const again = await download(requester, id);
    expect(again.status).toBe(403);
    expect(again.text).toContain('不能重复导出');

    const log = await streetHead.get(`/items/export_log?filter[request][_eq]=${id}&fields=action,row_count&sort=id`);
    expect(log.body.data.map((e: { action: string }) => e.action)).toEqual([
      'requested',
      'denied',
      'approved',
      'denied',
      'generated',
      'denied',
    ]);
    expect(log.body.data.find((e: { action: string }) => e.action === 'generated').row_count).toBeGreaterThanOrEqual(1);
    const stored = await requester.get(`/items/export_requests/${id}?fields=state,generated_at,row_count,approver`);
    expect(stored.body.data).toMatchObject({ state: 'generated', generated_at: expect.any(String), approver: expect.any(String) });
  });

  it('covers the other registries the same way: a key persons’ list, whose export is a logged read', async () => {
    const object = await admin.post('/items/service_objects', {
      person: people[0],
      category: 'drug',
      risk_grade: '2',
      unit: ids.get('/320111/S01/C001/G01/'),
    });
    expect(object.status).toBe(200);
    try {
      const id = (await ask(requester, { collection: 'service_objects', reason: '禁毒部门季度核对' })).body.data.id;
      expect((await streetHead.post(`/registries/exports/${id}/decide`, { approve: true })).status).toBe(200);
      const last = (await admin.get('/items/sensitive_reads?aggregate[max]=id')).body.data[0].max?.id ?? 0;
      const file = await download(requester, id);
      expect(file.status).toBe(200);
      const [mark, header] = file.text.replace(/^\uFEFF/, '').split('\r\n');
      expect(mark).toContain('用途：禁毒部门季度核对');
      expect(header).toContain('类别');
      expect(file.text).toContain('drug');
      const log = await admin.get(
        `/items/sensitive_reads?filter[id][_gt]=${last}&filter[collection_name][_eq]=service_objects&fields=user.email,item_ids`,
      );
      expect(log.body.data).toContainEqual({
        user: { email: 'community-staff@pukou.gov.cn' },
        item_ids: expect.arrayContaining([object.body.data.id]),
      });
    } finally {
      await admin.delete(`/items/service_objects/${object.body.data.id}`);
    }
    expect((await ask(requester, { collection: 'submissions', reason: '不在登记簿之列' })).status).toBe(400);
  });

  it('keeps numbers masked in the file of a role that reads them masked', async () => {
    const street = await login('street-staff@pukou.gov.cn');
    const id = (await ask(street, { collection: 'people', reason: '街道汇总核对', unit: ids.get('/320111/S01/C001/') })).body.data.id;
    const districtHead = await login('district-head@pukou.gov.cn');
    expect((await districtHead.post(`/registries/exports/${id}/decide`, { approve: true })).status).toBe(200);
    const file = await download(street, id);
    expect(file.status).toBe(200);
    expect(file.text).toContain(`3201**********${numberInGrid.slice(-4)}`);
    expect(file.text).not.toContain(numberInGrid);
    expect(file.text).not.toContain('13700001234');
  });

  it('comes as an Excel workbook when asked: the mark above Chinese headers, numbers masked, no formula', async () => {
    const street = await login('street-staff@pukou.gov.cn');
    const id = (await ask(street, { collection: 'people', reason: '街道汇总核对（Excel）', unit: ids.get('/320111/S01/C001/') })).body.data
      .id;
    const districtHead = await login('district-head@pukou.gov.cn');
    expect((await districtHead.post(`/registries/exports/${id}/decide`, { approve: true })).status).toBe(200);
    const res = await fetch(`${baseUrl()}/registries/exports/${id}/download?format=xlsx`, {
      headers: { authorization: `Bearer ${street.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(`实有人口-${id}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('用途：街道汇总核对（Excel）');
    const headers = (sheet.getRow(2).values as unknown[]).map(String);
    expect(headers).toContain('姓名');
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells).toContain('导出测试甲');
    expect(cells).toContain(`3201**********${numberInGrid.slice(-4)}`);
    expect(cells).not.toContain(numberInGrid);
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
    // Once, as the CSV: the workbook is the one download.
    expect((await download(street, id)).text).toContain('不能重复导出');
  });

  it('cannot be downloaded once refused or after the download expired', async () => {
    const refusedId = (await ask(requester)).body.data.id;
    expect((await streetHead.post(`/registries/exports/${refusedId}/decide`, { approve: false, opinion: '理由不充分' })).status).toBe(200);
    expect((await download(requester, refusedId)).text).toContain('未获批准');

    const expiredId = (await ask(requester)).body.data.id;
    expect((await streetHead.post(`/registries/exports/${expiredId}/decide`, { approve: true })).status).toBe(200);
    expect(
      (await admin.patch(`/items/export_requests/${expiredId}`, { expires_at: new Date(Date.now() - 60_000).toISOString() })).status,
    ).toBe(200);
    const late = await download(requester, expiredId);
    expect(late.status).toBe(403);
    expect(late.text).toContain('下载期限已过');
  });

  it.each([
    [{ collection: 'people' }, '请写明导出用途和理由'],
    [{ collection: 'directus_users', reason: '看看所有账号' }, '请选择导出内容'],
    [{ collection: 'people', reason: '跨辖区导出', unit: 'S02' }, '导出范围只能是本单位或下级单位'],
  ])('is refused when malformed: %j', async (body, message) => {
    const answer = await ask(requester, body);
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain(message);
  });

  it('is refused outside the jurisdiction and cannot be written directly', async () => {
    expect((await ask(requester, { collection: 'people', reason: '跨辖区导出', unit: ids.get('/320111/S02/') })).status).toBe(400);
    expect((await requester.post('/items/export_requests', { scope_collection: 'people', reason: 'x', state: 'approved' })).status).toBe(
      403,
    );
    const gridWorker = await login('grid-gridworker@pukou.gov.cn');
    const mine = (await ask(requester)).body.data.id;
    expect((await gridWorker.get(`/items/export_requests/${mine}`)).status).toBe(403);
    expect((await download(gridWorker, mine)).status).toBe(404);
  });
});
