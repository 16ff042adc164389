// 督查通报 on both databases: a community made for this file under 江浦街道 and one
// under 泰山街道, with activity records of April 2018 (no other test writes there).
// The street's bulletin opens as a Word file naming each of its communities under
// each of the eight items, with the figures and shortfalls counted from the records,
// nothing of another street's; a community is refused, and so is a month that is
// not one.

import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BULLETIN_ITEMS } from '../../extensions/domains/reports/bulletin.ts';
import { storedDate } from '../../extensions/kernel/db-values.ts';
import { insertRow, systemDatabase } from '../database.ts';
import { baseUrl, errorMessage, login, loginAdmin, officeUnit, type Session, unitIds, removeUnits } from '../http.ts';

const STAMP = Date.now().toString(36).toUpperCase();
let admin: Session, street: Session, community: Session;
let db: ReturnType<typeof systemDatabase>;
const made = { ours: { id: 0, path: '' }, theirs: { id: 0, path: '' } };
const drafts: number[] = [];
const records: number[] = [];

async function bulletin(session: Session, span: string) {
  const res = await fetch(`${baseUrl()}/reports/bulletin?span=${span}`, { headers: { authorization: `Bearer ${session.token}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}
/** The text of each paragraph of the document, in order (table cells are paragraphs too). */
const paragraphs = (bytes: Uint8Array) =>
  strFromU8(unzipSync(bytes)['word/document.xml']!)
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
const words = (bytes: Uint8Array) => paragraphs(bytes).join('');
/** What the bulletin says under an item: the first paragraph after its heading that names shortfalls or none. */
const verdictOf = (texts: string[], title: string) =>
  texts.slice(texts.findIndex((t) => t.endsWith(title))).find((t) => t.startsWith('存在问题：') || t.startsWith('各社区均'))!;

describe('the supervision bulletin (督查通报)', () => {
  beforeAll(async () => {
    admin = await loginAdmin();
    db = systemDatabase();
    const client = inject('database') === 'pg' ? 'pg' : 'sqlite3';
    [street, community] = await Promise.all([login('street-staff@pukou.gov.cn'), login('community-staff@pukou.gov.cn')]);
    const ids = await unitIds(admin);
    made.ours = await officeUnit(admin, `通报测试社区${STAMP}`, `TB${STAMP.slice(-6)}`, 'community', ids.get('/320111/S01/')!);
    made.theirs = await officeUnit(admin, `通报测试社区（泰山）${STAMP}`, `TB${STAMP.slice(-6)}`, 'community', ids.get('/320111/S03/')!);
    for (const [unit, day] of [
      [made.ours, '2018-04-03'],
      [made.ours, '2018-04-20'],
      [made.theirs, '2018-04-05'],
    ] as const) {
      records.push(
        await insertRow(db, 'activity_records', {
          unit: unit.id,
          unit_path: unit.path,
          activity_type: 'meeting',
          occurred_on: storedDate(client, day),
          title: `通报测试 ${STAMP}`,
        }),
      );
    }
  });

  afterAll(async () => {
    await db('document_recipients').whereIn('document', drafts).del();
    await db('documents').whereIn('id', drafts).del();
    await db('activity_records').whereIn('id', records).del();
    await removeUnits(admin, [made.ours, made.theirs]);
    await db.destroy();
  });

  it('names each community under each of the eight items, with what the records show', async () => {
    const answer = await bulletin(street, '2018-04');
    expect(answer.status).toBe(200);
    expect(answer.type).toContain('wordprocessingml');
    const texts = paragraphs(answer.bytes);
    const text = texts.join('');
    expect(text).toContain('关于2018年4月江浦街道综治信息系统运行情况的督查通报');
    for (const item of BULLETIN_ITEMS) expect(text).toContain(item.title);
    expect(text).toContain(`通报测试社区${STAMP}`);
    expect(text).not.toContain(`通报测试社区（泰山）${STAMP}`);
    // Ours held two meetings and reported nothing; the demo communities held none.
    const ours = (verdict: string) =>
      verdict
        .replace(/^存在问题：/, '')
        .split('；')
        .find((entry) => entry.startsWith(`通报测试社区${STAMP}`));
    expect(ours(verdictOf(texts, '各类事项上报、办理和反馈情况'))).toContain('本月没有上报事项');
    expect(ours(verdictOf(texts, '工作活动记录和分析研判情况'))).toBeUndefined();
    expect(verdictOf(texts, '工作活动记录和分析研判情况')).toContain('本月没有工作活动记录');
    // Its row of the table under that item: two records, two meetings.
    const row = texts.indexOf(
      `通报测试社区${STAMP}`,
      texts.findIndex((t) => t.endsWith('工作活动记录和分析研判情况')),
    );
    expect(texts.slice(row + 1, row + 3)).toEqual(['2', '2']);
  });

  it('is made by the district for its streets', async () => {
    const district = await login('district-staff@pukou.gov.cn');
    const text = words((await bulletin(district, '2018-04')).bytes);
    expect(text).toContain('关于2018年4月全区综治信息系统运行情况的督查通报');
    expect(text).toContain('江浦街道');
    expect(text).not.toContain(`通报测试社区${STAMP}`);
  });

  it('is stored and attached to a draft notice of the street, which goes out with sign-for like any other', async () => {
    const drafted = await street.post('/reports/bulletin/draft', { span: '2018-04' });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(200);
    const { document, file } = drafted.body.data as { document: number; file: string };
    drafts.push(document);
    const stored = (await street.get(`/items/documents/${document}?fields=title,status,kind,body,attachments.directus_files_id`)).body.data;
    expect(stored).toMatchObject({ title: '关于2018年4月综治信息系统运行情况的督查通报', status: 'draft', kind: 'notice' });
    expect(stored.body).toContain(`通报测试社区${STAMP}`);
    expect(stored.attachments.map((a: { directus_files_id: string }) => a.directus_files_id)).toEqual([file]);
    const asset = await fetch(`${baseUrl()}/assets/${file}`, { headers: { authorization: `Bearer ${street.token}` } });
    expect(asset.status).toBe(200);
    expect(words(new Uint8Array(await asset.arrayBuffer()))).toContain(`通报测试社区${STAMP}`);
    const sent = await street.post(`/office/documents/${document}/send`, { targets: { units: [made.ours.id] } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect((await admin.get(`/items/document_recipients?filter[document][_eq]=${document}&fields=unit,status`)).body.data).toEqual([
      { unit: made.ours.id, status: 'unread' },
    ]);
    const leader = await login('street-leader@pukou.gov.cn');
    expect((await leader.post('/reports/bulletin/draft', { span: '2018-04' })).status).toBe(403);
    expect((await community.post('/reports/bulletin/draft', { span: '2018-04' })).status).toBe(403);
    for (const body of [{ span: '2018-4' }, { span: ['2018-04'] }, { span: { $gt: '' } }, []])
      expect((await street.post('/reports/bulletin/draft', body)).status, JSON.stringify(body)).toBe(400);
  });

  it('is refused to a community, and for a month that is not one', async () => {
    const refused = await community.get('/reports/bulletin?span=2018-04');
    expect(refused.status).toBe(403);
    expect(errorMessage(refused)).toContain('督查通报由区综治办通报各街道');
    for (const span of ['2018-13', '2018', 'abc', '2999-01', '2018-04%27--'])
      expect((await street.get(`/reports/bulletin?span=${span}`)).status, span).toBe(400);
  });
});
