// Documents and notices (公文, 通知 …): a street drafts one, sends it to its
// communities and a grid, each recipient reads, signs for and replies; a late
// sign-for is recorded as late; reminders go out once each and the sign-for
// cancels the recipient's jobs. Only the sender sees who has not signed; a
// recipient sees its own receipt (and those of the units below it), nothing else.

import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessage, waitFor, type Session } from '../http.ts';
import { officeCast, officeReminderQueue, upload as uploadFile } from '../office-helpers.ts';

const upload = (session: Session, name: string) => uploadFile(session, name, '关于开展矛盾纠纷排查的通知', 'text/plain');

let admin: Session,
  street: Session,
  streetLeader: Session,
  community: Session,
  grid: Session,
  otherCommunity: Session,
  otherStreet: Session;
let ids: Map<string, number>;
let queue: Queue;

async function draft(session: Session, fields: Record<string, unknown> = {}): Promise<number> {
  const answer = await session.post('/items/documents', {
    kind: 'notice',
    title: '关于开展矛盾纠纷排查的通知',
    body: '请各单位于本周内完成排查并报送情况。',
    ...fields,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.data.id;
}

const receipts = async (doc: number) =>
  (
    await admin.get(
      `/items/document_recipients?filter[document][_eq]=${doc}&fields=unit,unit_path,status,reply_status,signed_at&sort=unit_path&limit=-1`,
    )
  ).body.data;

beforeAll(async () => {
  ({ admin, ids, street, community, grid, streetLeader, otherCommunity, otherStreet } = await officeCast());
  queue = officeReminderQueue();
});

afterAll(async () => {
  await queue?.close();
});

describe('sending a document', () => {
  let doc: number;
  let file: string;

  it('creates one unread receipt per chosen unit, tells their staff and schedules their reminders', async () => {
    file = await upload(street, '排查表.txt');
    doc = await draft(street, { reply_required: true, reply_within_days: 3, attachments: { create: [{ directus_files_id: file }] } });
    const sent = await street.post(`/office/documents/${doc}/send`, {
      targets: { levels: ['community'], units: [ids.get('/320111/S01/C001/G01/')] },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.data).toMatchObject({ id: doc, status: 'sent', recipient_count: 4 });
    expect(new Date(sent.body.data.reply_due_at).getTime()).toBeGreaterThan(new Date(sent.body.data.sign_due_at).getTime());

    const rows = await receipts(doc);
    expect(rows.map((r: { unit_path: string }) => r.unit_path)).toEqual([
      '/320111/S01/C001/',
      '/320111/S01/C001/G01/',
      '/320111/S01/C002/',
      '/320111/S01/C003/',
    ]);
    for (const r of rows) expect(r).toMatchObject({ status: 'unread', reply_status: 'pending', signed_at: null });

    const notices = (
      await community.get(`/notifications?filter[collection][_eq]=documents&filter[item][_eq]=${doc}&fields=subject,message`)
    ).body.data;
    expect(notices).toEqual([{ subject: '新通知待签收', message: '【综治】江浦街道发来通知“关于开展矛盾纠纷排查的通知”，请及时签收。' }]);

    const rid = (
      await community.get(
        `/items/document_recipients?filter[document][_eq]=${doc}&filter[unit][_eq]=${ids.get('/320111/S01/C001/')}&fields=id`,
      )
    ).body.data[0].id;
    const jobs = (await queue.getJobs(['delayed', 'waiting', 'completed']))
      .filter((j) => j.id?.startsWith(`office.doc.${rid}.`))
      .map((j) => j.data.kind as string)
      .sort();
    expect(jobs).toEqual(['reply_chase', 'reply_remind', 'sign_chase', 'sign_remind']);
  });

  it('shows the sender, and only the sender, who has not signed', async () => {
    const page = await street.get(`/office/documents/${doc}/status?show=unsigned`);
    expect(page.status).toBe(200);
    expect(page.body.data.counts).toMatchObject({ unread: 4, read: 0, signed: 0, late: 0, unsigned: 4, overdue: 0 });
    expect(page.body.data.recipients.map((r: { unit_name: string }) => r.unit_name)).toEqual([
      '求雨山社区',
      '求雨山社区第一网格',
      '象山社区',
      '惠济社区',
    ]);
    expect((await streetLeader.get(`/office/documents/${doc}/status`)).status).toBe(200);

    for (const recipient of [community, grid, otherCommunity])
      expect((await recipient.get(`/office/documents/${doc}/status`)).status).toBe(403);
    expect((await otherStreet.get(`/office/documents/${doc}/status`)).status).toBe(403);
    expect((await street.get(`/office/documents/${doc}/status?show=everyone`)).status).toBe(400);
  });

  it('lets a recipient see the document, its attachment and its own receipt, not the others’', async () => {
    expect((await community.get(`/items/documents/${doc}?fields=title,body`)).body.data.title).toBe('关于开展矛盾纠纷排查的通知');
    expect((await community.get(`/files/${file}?fields=id`)).status).toBe(200);
    const own = (await otherCommunity.get(`/items/document_recipients?filter[document][_eq]=${doc}&fields=unit_path`)).body.data;
    expect(own).toEqual([{ unit_path: '/320111/S01/C002/' }]);
    const count = (await otherCommunity.get(`/items/document_recipients?aggregate[count]=*&filter[document][_eq]=${doc}`)).body.data[0]
      .count;
    expect(Number(count)).toBe(1);
    // The community sees its grid's receipt as well (upper levels see lower levels).
    expect(
      (await community.get(`/items/document_recipients?filter[document][_eq]=${doc}&fields=unit_path&sort=unit_path`)).body.data,
    ).toEqual([{ unit_path: '/320111/S01/C001/' }, { unit_path: '/320111/S01/C001/G01/' }]);
    // Another street sees nothing of it.
    expect((await otherStreet.get(`/items/documents/${doc}`)).status).toBe(403);
    expect((await otherStreet.get(`/files/${file}`)).status).toBe(403);
    expect((await otherStreet.get(`/items/document_recipients?filter[document][_eq]=${doc}`)).body.data).toEqual([]);
    expect((await otherStreet.post(`/office/documents/${doc}/sign`, {})).status).toBe(403);
    // The recipient learns the sender's name (it does not read its superiors' records); another street, having received nothing from it, does not.
    const senders = (await community.get('/office/documents/senders')).body.data as { id: number; name: string }[];
    expect(senders).toContainEqual({ id: ids.get('/320111/S01/'), name: '江浦街道' });
    expect((await otherStreet.get('/office/documents/senders')).body.data.map((u: { name: string }) => u.name)).not.toContain('江浦街道');
  });

  it('records reading and signing for once; the sign-for cancels the reminders', async () => {
    const read = await community.post(`/office/documents/${doc}/read`, {});
    expect(read.status).toBe(200);
    expect(read.body.data.status).toBe('read');
    expect((await streetLeader.post(`/office/documents/${doc}/sign`, {})).status).toBe(403);
    expect((await community.post(`/office/documents/${doc}/sign`, { opinion: 42 })).status).toBe(400);

    const signed = await community.post(`/office/documents/${doc}/sign`, { opinion: '已收到，按要求落实' });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.data).toMatchObject({ status: 'signed', reply_status: 'pending' });
    const again = await community.post(`/office/documents/${doc}/sign`, {});
    expect(again.status).toBe(409);
    expect(errorMessage(again)).toBe('本单位已签收该公文');

    const rid = signed.body.data.id;
    const left = (await queue.getJobs(['delayed', 'waiting']))
      .filter((j) => j.id?.startsWith(`office.doc.${rid}.`))
      .map((j) => j.data.kind as string)
      .sort();
    expect(left).toEqual(['reply_chase', 'reply_remind']);
    expect((await street.get(`/office/documents/${doc}/status`)).body.data.counts).toMatchObject({
      unread: 3,
      read: 0,
      signed: 1,
      unsigned: 3,
    });
  });

  it('takes a reply only after the sign-for, once, and not empty', async () => {
    const early = await otherCommunity.post(`/office/documents/${doc}/reply`, { text: '排查情况：无' });
    expect(early.status).toBe(409);
    expect(errorMessage(early)).toBe('请先签收该公文，再报送');
    expect((await community.post(`/office/documents/${doc}/reply`, { text: '  ' })).status).toBe(400);
    expect((await community.post(`/office/documents/${doc}/reply`, { text: 'x'.repeat(5001) })).status).toBe(400);
    expect((await community.post(`/office/documents/${doc}/reply`, { text: '好', files: ['not-a-file'] })).status).toBe(400);

    const material = await upload(community, '排查情况.txt');
    const replied = await community.post(`/office/documents/${doc}/reply`, { text: '共排查纠纷3起，已化解2起。', files: [material] });
    expect(replied.status, JSON.stringify(replied.body)).toBe(200);
    expect(replied.body.data.reply_status).toBe('submitted');
    expect((await community.post(`/office/documents/${doc}/reply`, { text: '补充' })).status).toBe(409);
    // The sender reads the submitted material.
    expect((await street.get(`/files/${material}?fields=id`)).status).toBe(200);
    expect((await otherCommunity.get(`/files/${material}?fields=id`)).status).toBe(403);
  });

  it('records a sign-for after the deadline as late, and counts the unsigned as overdue', async () => {
    expect((await admin.patch(`/items/documents/${doc}`, { sign_due_at: new Date(Date.now() - 60_000).toISOString() })).status).toBe(200);
    const late = await otherCommunity.post(`/office/documents/${doc}/sign`, {});
    expect(late.status).toBe(200);
    expect(late.body.data.status).toBe('late');
    const stored = (await receipts(doc)).find((r: { unit_path: string }) => r.unit_path === '/320111/S01/C002/');
    expect(stored.status).toBe('late');
    expect(stored.signed_at).not.toBeNull();
    const page = (await street.get(`/office/documents/${doc}/status?show=overdue`)).body.data;
    expect(page.counts).toMatchObject({ signed: 1, late: 1, unsigned: 2, overdue: 2 });
    expect(page.recipients.map((r: { unit_name: string }) => r.unit_name)).toEqual(['求雨山社区第一网格', '惠济社区']);
  });

  it('keeps a sent document as it was sent', async () => {
    const before = (await admin.get(`/items/documents/${doc}?fields=title,status,recipient_count`)).body.data;
    expect((await street.patch(`/items/documents/${doc}`, { title: '改过的标题' })).status).toBe(400);
    expect((await street.delete(`/items/documents/${doc}`)).status).toBe(400);
    const resend = await street.post(`/office/documents/${doc}/send`, { targets: { levels: ['grid'] } });
    expect(resend.status).toBe(409);
    expect((await admin.get(`/items/documents/${doc}?fields=title,status,recipient_count`)).body.data).toEqual(before);
    expect(await receipts(doc)).toHaveLength(4);
  });
});

describe('sending with a submission id', () => {
  it('sends once when the same send comes again or twice at once, and answers every copy alike', async () => {
    const doc = await draft(street);
    const body = { targets: { levels: ['community'] }, client_ref: `send-${doc}-${Date.now()}` };
    const copies = await Promise.all([
      street.post(`/office/documents/${doc}/send`, body),
      street.post(`/office/documents/${doc}/send`, body),
    ]);
    const again = await street.post(`/office/documents/${doc}/send`, body);
    for (const answer of [...copies, again]) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body.data).toEqual(copies[0]!.body.data);
    }
    expect(copies[0]!.body.data).toMatchObject({ id: doc, status: 'sent', recipient_count: 3 });
    expect(await receipts(doc)).toHaveLength(3);
    const told = await admin.get(`/notifications?filter[collection][_eq]=documents&filter[item][_eq]=${doc}&aggregate[count]=id`);
    const once = Number(told.body.data[0].count.id);
    expect(once).toBeGreaterThan(0);
    // Without the id, another id, or the id by another user: the document was sent already.
    for (const [session, other] of [
      [street, { targets: { levels: ['community'] } }],
      [street, { ...body, client_ref: `other-${doc}-${Date.now()}` }],
      [otherStreet, body],
    ] as const)
      expect([403, 409]).toContain((await session.post(`/office/documents/${doc}/send`, other)).status);
    // The id of this send used for another document, or malformed: refused, that draft left as it was.
    const second = await draft(street);
    const reused = await street.post(`/office/documents/${second}/send`, body);
    expect(reused.status).toBe(409);
    expect(errorMessage(reused)).toContain('提交编号已用于另一份公文的发送');
    for (const client_ref of ['短', 42, { $ne: null }, 'x'.repeat(65)]) {
      const answer = await street.post(`/office/documents/${second}/send`, { targets: { levels: ['community'] }, client_ref });
      expect(answer.status).toBe(400);
      expect(errorMessage(answer)).toContain('提交编号（client_ref）');
    }
    expect((await admin.get(`/items/documents/${second}?fields=status,send_ref`)).body.data).toEqual({ status: 'draft', send_ref: null });
    expect(await receipts(second)).toEqual([]);
    const after = await admin.get(`/notifications?filter[collection][_eq]=documents&filter[item][_eq]=${doc}&aggregate[count]=id`);
    expect(Number(after.body.data[0].count.id)).toBe(once);
    // Nobody writes the id on a draft by hand.
    expect((await street.patch(`/items/documents/${second}`, { send_ref: 'forged-ref-123' })).status).toBe(400);
  });
});

describe('refused sending', () => {
  it('changes nothing when the input is wrong', async () => {
    const doc = await draft(street);
    const cases: [Session, unknown, number, string][] = [
      [street, {}, 400, '请选择接收单位（targets：levels、under 或 units）'],
      [street, { targets: {} }, 400, '请选择接收单位'],
      [
        street,
        { targets: { units: [ids.get('/320111/S02/C004/')] } },
        400,
        `单位“${ids.get('/320111/S02/C004/')}”不是本单位的下级单位，不能向其发送`,
      ],
      [street, { targets: { under: ids.get('/320111/S02/') } }, 400, `单位“${ids.get('/320111/S02/')}”不在本单位辖区内，不能向其发送`],
      [street, { targets: { levels: ['street'] } }, 400, '所选范围内没有接收单位'],
      [streetLeader, { targets: { levels: ['community'] } }, 403, '领导账号只能查阅，不能发送公文'],
    ];
    for (const [session, body, status, message] of cases) {
      const answer = await session.post(`/office/documents/${doc}/send`, body);
      expect(answer.status).toBe(status);
      expect(errorMessage(answer)).toContain(message);
    }
    // A draft is seen only within the sender's jurisdiction: a community below it may read it, not send it.
    expect((await community.post(`/office/documents/${doc}/send`, { targets: { levels: ['grid'] } })).status).toBe(403);
    expect((await otherStreet.post(`/office/documents/${doc}/send`, { targets: { levels: ['community'] } })).status).toBe(403);
    expect((await admin.get(`/items/documents/${doc}?fields=status,sent_at,recipient_count`)).body.data).toEqual({
      status: 'draft',
      sent_at: null,
      recipient_count: null,
    });
    expect(await receipts(doc)).toEqual([]);
    // Nobody signs for a draft.
    expect((await community.post(`/office/documents/${doc}/sign`, {})).status).toBe(403);
  });

  it('refuses drafts with missing fields, for another unit, or claiming to be sent', async () => {
    expect((await street.post('/items/documents', { kind: 'notice', body: '无标题' })).status).toBe(400);
    expect(
      (await community.post('/items/documents', { kind: 'notice', title: '冒名', body: '……', unit: ids.get('/320111/S01/') })).status,
    ).toBe(400);
    expect((await admin.get(`/items/documents?filter[title][_in]=冒名,伪造,时限&fields=id`)).body.data).toEqual([]);
    const forged = await street.post('/items/documents', { kind: 'notice', title: '伪造', body: '……', status: 'sent' });
    expect(forged.status).toBe(400);
    expect(errorMessage(forged)).toContain('由发送操作生成');
    expect((await street.post('/items/documents', { kind: 'notice', title: '时限', body: '……', reply_within_days: 0 })).status).toBe(400);
    const empty = await draft(street, { body: '' });
    const answer = await street.post(`/office/documents/${empty}/send`, { targets: { levels: ['community'] } });
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain('公文正文不能为空');
  });

  it('attaches only the user’s own uploads to the own unit’s draft', async () => {
    const doc = await draft(street);
    const theirs = await upload(community, '别人的.txt');
    expect((await street.patch(`/items/documents/${doc}`, { attachments: { create: [{ directus_files_id: theirs }] } })).status).toBe(400);
    expect((await admin.get(`/items/documents_files?filter[documents_id][_eq]=${doc}`)).body.data).toEqual([]);
  });
});

describe('document reminders', () => {
  it('reminds an unsigned recipient before and after the deadline, once each; none to the one that signed', async () => {
    const doc = await draft(street, { urgency: 'extra_urgent', title: '特急：防汛值班通知' });
    expect(
      (
        await street.post(`/office/documents/${doc}/send`, {
          targets: { units: [ids.get('/320111/S01/C001/'), ids.get('/320111/S01/C002/')] },
        })
      ).status,
    ).toBe(200);
    expect((await otherCommunity.post(`/office/documents/${doc}/sign`, {})).status).toBe(200);
    // The deadline brought forward, as an administrator could correct it; the scan (every 2 s) reschedules.
    expect((await admin.patch(`/items/documents/${doc}`, { sign_due_at: new Date(Date.now() + 3000).toISOString() })).status).toBe(200);
    const subjects = async (session: Session) =>
      (
        (await session.get(`/notifications?filter[collection][_eq]=documents&filter[item][_eq]=${doc}&fields=subject&sort=id`)).body
          .data as { subject: string }[]
      ).map((n) => n.subject);
    const got = await waitFor(
      () => subjects(community),
      (s) => s.length >= 3,
    );
    expect(got).toEqual(['新通知待签收', '签收提醒', '逾期未签收催办']);
    await new Promise((r) => setTimeout(r, 5000));
    expect(await subjects(community)).toEqual(['新通知待签收', '签收提醒', '逾期未签收催办']);
    expect(await subjects(otherCommunity)).toEqual(['新通知待签收']);
  });
});
