// 督查通报 and 分析研判报告 on both databases: a community made for this file under
// 江浦街道 and one under 泰山街道, with records of April 2018 (no other test writes
// there). The street's bulletin opens as a Word file naming each of its communities
// under each of the eight items, with the figures and shortfalls counted from the
// records, nothing of another street's; a community is refused, and so is a month
// that is not one. The community's analysis report states its month's figures and
// warnings, is drafted on demand and by the worker's monthly job (once), and goes
// up to the street, which signs for it. Where LibreOffice is installed (the test installs
// it), the bulletin comes as PDF too, read back with pdftotext.

import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BULLETIN_ITEMS } from '../../extensions/domains/reports/bulletin.ts';
import { monthlyReports } from '../../extensions/domains/reports/schedule.ts';
import { storedDate } from '../../extensions/kernel/db-values.ts';
import { fileStoreFromEnv } from '../../extensions/kernel/stored-files.ts';
import { ensureLibreOffice, ensurePdfText } from '../apt.ts';
import { insertRow, systemDatabase } from '../database.ts';
import { docxText } from '../docx.ts';
import { baseUrl, errorMessage, login, loginAdmin, officeUnit, type Session, unitIds, removeUnits } from '../http.ts';
import { userAt } from '../office-helpers.ts';

const STAMP = Date.now().toString(36).toUpperCase();
let admin: Session, street: Session, community: Session;
let db: ReturnType<typeof systemDatabase>;
let client: string;
let ids: Map<string, number>;
const made = { ours: { id: 0, path: '' }, theirs: { id: 0, path: '' } };
const drafts: number[] = [];
const records: number[] = [];
const trail: [string, number][] = [];

async function bulletin(session: Session, span: string, kind = 'bulletin') {
  const res = await fetch(`${baseUrl()}/reports/${kind}?span=${span}`, { headers: { authorization: `Bearer ${session.token}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}
const paragraphs = (bytes: Uint8Array) => docxText(bytes).paragraphs;
const words = (bytes: Uint8Array) => docxText(bytes).words;
/** What the bulletin says under an item: the first paragraph after its heading that names shortfalls or none. */
const verdictOf = (texts: string[], title: string) =>
  texts.slice(texts.findIndex((t) => t.endsWith(title))).find((t) => t.startsWith('存在问题：') || t.startsWith('各社区均'))!;

beforeAll(async () => {
  // Installed first, if at all: a pause of seconds between requests may meet the server closing an idle connection.
  ensureLibreOffice();
  ensurePdfText();
  admin = await loginAdmin();
  db = systemDatabase();
  client = inject('database') === 'pg' ? 'pg' : 'sqlite3';
  [street, community] = await Promise.all([login('street-staff@pukou.gov.cn'), login('community-staff@pukou.gov.cn')]);
  ids = await unitIds(admin);
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
  // The drafts, their receipts and their Word files (made by the test's people and by the worker).
  const files = await db('documents_files').whereIn('documents_id', drafts).pluck('directus_files_id');
  await db('report_drafts').whereIn('document', drafts).del();
  await db('document_recipients').whereIn('document', drafts).del();
  await db('documents_files').whereIn('documents_id', drafts).del();
  await db('documents').whereIn('id', drafts).del();
  await db('directus_files').whereIn('id', files).del();
  await db('activity_records').whereIn('id', records).del();
  for (const [table, id] of [...trail].reverse()) await db(table).where({ id }).del();
  const people = await db('directus_users').where('unit', made.ours.id).pluck('id');
  await db('login_days').whereIn('unit', [made.ours.id, made.theirs.id]).del();
  for (const table of ['directus_sessions', 'directus_notifications'])
    await db(table)
      .whereIn(table === 'directus_sessions' ? 'user' : 'recipient', people)
      .del();
  await db('directus_users').whereIn('id', people).del();
  await removeUnits(admin, [made.ours, made.theirs]);
  await db.destroy();
});

describe('the supervision bulletin (督查通报)', () => {
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

  it('comes as PDF where LibreOffice is installed, set in a Chinese font, each community named', async () => {
    const pdftotext = ensurePdfText();
    const answer = await fetch(`${baseUrl()}/reports/bulletin?span=2018-04&format=pdf`, {
      headers: { authorization: `Bearer ${street.token}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(answer.headers.get('content-disposition')!)).toContain('督查通报（江浦街道）.pdf');
    const pdf = Buffer.from(await answer.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync(pdftotext, ['-layout', '-', '-'], { input: pdf }).toString().replace(/\s+/g, '');
    expect(text).toContain('关于2018年4月江浦街道综治信息系统运行情况的督查通报');
    for (const item of BULLETIN_ITEMS) expect(text).toContain(item.title);
    expect(text).toContain(`通报测试社区${STAMP}`);
    // The fonts embedded cover Chinese (no empty boxes for want of a glyph).
    const fonts = execFileSync(pdftotext.replace(/pdftotext$/, 'pdffonts'), ['-'], { input: pdf }).toString();
    expect(fonts).toMatch(/WenQuanYi|Noto.*CJK|FangSong|SimSun|AR PL/i);
    for (const format of ['xlsx', 'PDF', '']) {
      const refused = await street.get(`/reports/bulletin?span=2018-04&format=${format}`);
      expect(refused.status, format).toBe(400);
      expect(errorMessage(refused)).toContain('格式应为 docx 或 pdf');
    }
    expect((await street.get('/reports/bulletin?span=2018-04&format[]=pdf')).status).toBe(400);
    expect((await community.get('/reports/bulletin?span=2018-04&format=pdf')).status).toBe(403);
  });

  it('is refused to a community, and for a month that is not one', async () => {
    const refused = await community.get('/reports/bulletin?span=2018-04');
    expect(refused.status).toBe(403);
    expect(errorMessage(refused)).toContain('督查通报由区综治办通报各街道');
    for (const span of ['2018-13', '2018', 'abc', '2999-01', '2018-04%27--'])
      expect((await street.get(`/reports/bulletin?span=${span}`)).status, span).toBe(400);
  });
});

describe('the monthly analysis report (分析研判报告)', () => {
  let office: Session;
  let category: { id: number; name: string };
  const at = (day: string) => new Date(`${day}T02:00:00Z`);
  const keep = async (table: string, row: Record<string, unknown>) => {
    const id = await insertRow(db, table, row);
    trail.push([table, id]);
    return id;
  };
  const matter = (unit: { id: number; path: string }, day: string, n: number) =>
    keep('matters', {
      number: `FX${STAMP}${n}`,
      type: 'event',
      title: `研判测试 ${n}`,
      urgency: 'normal',
      category: category.id,
      unit: unit.id,
      unit_path: unit.path,
      handler_unit: unit.id,
      version: 1,
      date_created: at(day),
    });

  beforeAll(async () => {
    office = await userAt(admin, await unitIds(admin), `fx-${STAMP.toLowerCase()}@pukou.gov.cn`, 'community-staff', made.ours.path);
    category = (await admin.get('/items/matter_categories?filter[code][_eq]=MDJF&fields=id,name')).body.data[0];
    // Three matters of April 2018 and one of March in ours; one of April in theirs.
    for (const [unit, day] of [
      [made.ours, '2018-04-03'],
      [made.ours, '2018-04-12'],
      [made.ours, '2018-04-25'],
      [made.ours, '2018-03-15'],
      [made.theirs, '2018-04-04'],
    ] as const)
      await matter(unit, day, trail.length);
    const rule = await keep('warning_rules', {
      name: `研判测试聚集 ${STAMP}`,
      kind: 'cluster',
      level: 'orange',
      unit: made.ours.id,
      unit_path: made.ours.path,
      applies_to: 'community',
      active: false,
      count: 3,
      hours: 72,
    });
    await keep('warnings', {
      rule,
      kind: 'cluster',
      level: 'orange',
      title: `研判测试社区72小时内同类事项3件 ${STAMP}`,
      unit: made.ours.id,
      unit_path: made.ours.path,
      status: 'raised',
      raised_at: at('2018-04-26'),
      last_seen_at: at('2018-04-26'),
    });
  });

  it('states the community’s month: its figures with their change, its categories and its warnings, nothing of another', async () => {
    const answer = await bulletin(office, '2018-04', 'analysis');
    expect(answer.status).toBe(200);
    expect(answer.type).toContain('wordprocessingml');
    const text = words(answer.bytes);
    expect(text).toContain(`通报测试社区${STAMP}2018年4月综治形势分析研判报告`);
    for (const head of ['一、基本情况', '二、主要特点', '三、预警情况', '四、研判和建议', '附表']) expect(text).toContain(head);
    expect(text).toContain('事项数3件，环比上升200%');
    expect(text).toContain(`事项类别居前的是${category.name}（3件）`);
    expect(text).toContain('本月产生预警1条（聚集预警1条），截至月末尚未核销1条');
    expect(text).toContain('事项数量环比明显上升');
    // The street's report counts ours, not 泰山's.
    const streets = words((await bulletin(street, '2018-04', 'analysis')).bytes);
    expect(streets).toContain('江浦街道2018年4月综治形势分析研判报告');
    // Its row among the street's communities: three matters, none closed, none overdue, no disputes.
    expect(streets).toContain(`通报测试社区${STAMP}3—00`);
  });

  it('is drafted for the community, which edits it and sends it up to the street, which signs for it', async () => {
    const drafted = await office.post('/reports/analysis/draft', { span: '2018-04' });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(200);
    const { document, file } = drafted.body.data as { document: number; file: string };
    drafts.push(document);
    const stored = (await office.get(`/items/documents/${document}?fields=title,status,kind,body,attachments.directus_files_id`)).body.data;
    expect(stored).toMatchObject({ title: `通报测试社区${STAMP}2018年4月综治形势分析研判报告`, status: 'draft', kind: 'analysis' });
    expect(stored.body).toContain('事项数3件');
    expect(stored.attachments.map((a: { directus_files_id: string }) => a.directus_files_id)).toEqual([file]);
    const edited = await office.patch(`/items/documents/${document}`, { body: `${stored.body}\n\n五、其他\n本社区补充说明。` });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const sent = await office.post(`/office/documents/${document}/send`, { targets: { superior: true } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect((await admin.get(`/items/document_recipients?filter[document][_eq]=${document}&fields=unit,status`)).body.data).toEqual([
      { unit: ids.get('/320111/S01/'), status: 'unread' },
    ]);
    const signed = await street.post(`/office/documents/${document}/sign`, {});
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect((await street.get(`/items/documents/${document}?fields=body`)).body.data.body).toContain('本社区补充说明');
    // The district has no office above it; a grid office writes none; a leader drafts nothing.
    const district = await login('district-staff@pukou.gov.cn');
    const districtDraft = await district.post('/reports/analysis/draft', { span: '2018-04' });
    expect(districtDraft.status).toBe(200);
    drafts.push(districtDraft.body.data.document);
    const upward = await district.post(`/office/documents/${districtDraft.body.data.document}/send`, { targets: { superior: true } });
    expect(upward.status).toBe(400);
    expect(errorMessage(upward)).toContain('本单位没有上级综治办');
    expect((await (await login('street-leader@pukou.gov.cn')).post('/reports/analysis/draft', { span: '2018-04' })).status).toBe(403);
    const grid = await login('grid-gridworker@pukou.gov.cn');
    expect((await grid.get('/reports/analysis?span=2018-04')).status).toBe(403);
    for (const body of [{ span: '2018-4' }, { span: 201804 }, { span: { __proto__: { x: 1 } } }, []])
      expect((await office.post('/reports/analysis/draft', body)).status, JSON.stringify(body)).toBe(400);
  });

  it('is drafted by the worker on the 1st, once for each office however often the job runs', async () => {
    const storage = fileStoreFromEnv((inject('worker') as { env: Record<string, string> }).env);
    const domain = monthlyReports(true, storage);
    const now = new Date('2018-05-01T01:00:00Z');
    const due = [];
    for await (const page of domain.due(db, now, now)) due.push(...page);
    const ours = due.find((d) => d.key === `analysis_2018-04_${made.ours.id}`)!;
    expect(ours.job).toEqual({ kind: 'analysis', period: '2018-04', unit: made.ours.id });
    expect(ours.at.toISOString()).toBe('2018-04-30T16:00:00.000Z');
    expect(due.find((d) => d.key === `bulletin_2018-04_${made.ours.id}`)).toBeUndefined();
    expect(due.find((d) => d.key === `bulletin_2018-04_${ids.get('/320111/S01/')}`)).toBeDefined();
    expect(await domain.fire(db, ours.job, now)).toBe('sent');
    expect(await domain.fire(db, ours.job, now)).toBe('duplicate');
    expect([...(await domain.sent!(db, [ours.key, 'analysis_2018-04_0']))]).toEqual([ours.key]);
    const [draft] = await db('report_drafts').where({ key: ours.key }).select('document');
    drafts.push(Number(draft.document));
    const stored = (await office.get(`/items/documents/${draft.document}?fields=title,status,kind,attachments.directus_files_id`)).body
      .data;
    expect(stored).toMatchObject({ title: `通报测试社区${STAMP}2018年4月综治形势分析研判报告`, status: 'draft', kind: 'analysis' });
    const asset = await fetch(`${baseUrl()}/assets/${stored.attachments[0].directus_files_id}`, {
      headers: { authorization: `Bearer ${office.token}` },
    });
    expect(asset.status).toBe(200);
    expect(words(new Uint8Array(await asset.arrayBuffer()))).toContain('事项数3件，环比上升200%');
    // Past the first week of a month its drafts are no longer made; switched off, none are.
    const late: unknown[] = [];
    for await (const page of domain.due(db, new Date('2018-05-09T01:00:00Z'), now)) late.push(...page);
    expect(late).toEqual([]);
    const off: unknown[] = [];
    for await (const page of monthlyReports(false, storage).due(db, now, now)) off.push(...page);
    expect(off).toEqual([]);
  });
});
