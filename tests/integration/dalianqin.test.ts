// The exchange with 大联勤 against a fake platform in its own process: signed
// matters come in, are routed to the unit they name and are not doubled when
// sent twice; badly signed or malformed ones store nothing; changes go out,
// signed, and survive the platform failing at first; the platform closes what it
// initiated.

import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../directus.config.ts';
import { signedHeaders } from '../../extensions/dalianqin/src/signature.ts';
import { baseUrl, errorMessage, login, loginAdmin, unitIds, waitFor, type Session } from '../http.ts';

let fake: ChildProcess;
let admin: Session, community: Session, grid: Session;
let ids: Map<string, number>;
const { port, secret } = inject('dalianqin');

async function send(path: string, payload: unknown, options: { secret?: string; at?: Date; raw?: string } = {}) {
  const body = options.raw ?? JSON.stringify(payload);
  const res = await fetch(`${baseUrl()}/dalianqin${path}`, {
    method: 'POST',
    headers: signedHeaders(options.secret ?? secret, body, options.at ?? new Date()),
    body,
  });
  return { status: res.status, body: await res.json() };
}

async function received(): Promise<{ path: string; body: Record<string, unknown>; signed: boolean }[]> {
  return (await fetch(`http://127.0.0.1:${port}/received`)).json();
}

const count = async () => Number((await admin.get('/items/matters?aggregate[count]=*')).body.data[0].count);
const inbound = (id: string) => ({
  id,
  unit: '/320111/S01/C001/',
  category: 'ZAYH',
  title: '占道经营',
  description: '惠民路早市摊位占用消防通道',
  urgency: 'urgent',
  address: '惠民路12号',
});

beforeAll(async () => {
  // The platform is down at first: the first two deliveries fail and are retried.
  fake = spawn(resolve(PROJECT_ROOT, 'node_modules/.bin/node'), [resolve(PROJECT_ROOT, 'tests/fake-dalianqin.ts'), String(port), secret], {
    env: { ...process.env, FAIL_FIRST: '2' },
    stdio: 'ignore',
  });
  admin = await loginAdmin();
  community = await login('community-staff@pukou.gov.cn');
  grid = await login('grid-gridworker@pukou.gov.cn');
  ids = await unitIds(admin);
  await waitFor(
    () => received().catch(() => null),
    (r) => r !== null,
    10_000,
  );
});

afterAll(() => {
  fake?.kill();
});

describe('inbound from 大联勤', () => {
  it('creates a task for the named unit once, however often it is sent', async () => {
    const before = await count();
    const first = await send('/matters', inbound('DLQ-2026-0001'));
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ status: 'pending_sign', handler_unit: ids.get('/320111/S01/C001/'), duplicate: false });
    const again = await Promise.all([send('/matters', inbound('DLQ-2026-0001')), send('/matters', inbound('DLQ-2026-0001'))]);
    for (const answer of again) expect(answer.body.data).toMatchObject({ id: first.body.data.id, duplicate: true });
    expect(await count()).toBe(before + 1);
    const seen = (await community.get(`/items/matters/${first.body.data.id}?fields=type,source,external_ref,unit`)).body.data;
    expect(seen).toEqual({ type: 'task', source: 'dalianqin', external_ref: 'dalianqin:DLQ-2026-0001', unit: ids.get('/320111/DLQ/') });
  });

  it.each([
    ['a wrong signature', { secret: 'not-the-shared-secret-000' }, inbound('DLQ-X1'), 401, '签名不正确'],
    ['an old timestamp', { at: new Date(Date.now() - 10 * 60_000) }, inbound('DLQ-X2'), 401, '相差超过5分钟'],
    ['an unknown unit', {}, { ...inbound('DLQ-X3'), unit: '/320111/S99/' }, 400, '承办单位“/320111/S99/”不存在'],
    ['an unknown category', {}, { ...inbound('DLQ-X4'), category: 'NOPE' }, 400, '事项分类“NOPE”不存在'],
    ['a field outside the contract', {}, { ...inbound('DLQ-X5'), status: 'closed' }, 400, '字段“status”不在接口约定中'],
    ['an invalid urgency', {}, { ...inbound('DLQ-X6'), urgency: 'asap' }, 400, '紧急程度“asap”无效'],
  ])('refuses %s, storing nothing', async (_name, options, payload, status, message) => {
    const before = await count();
    const answer = await send('/matters', payload, options);
    expect(answer.status).toBe(status);
    expect(errorMessage(answer)).toContain(message);
    expect(await count()).toBe(before);
  });

  it('refuses malformed JSON', async () => {
    const answer = await send('/matters', null, { raw: '{"id": "DLQ-Y", ' });
    expect(answer.status).toBe(400);
  });
});

describe('both ways', () => {
  it('reports changes to the platform, signed, retried, and lets the platform close its matter', async () => {
    const { id } = (await send('/matters', inbound('DLQ-2026-0002'))).body.data;
    const version = async () => (await admin.get(`/items/matters/${id}?fields=version`)).body.data.version;
    expect((await community.post(`/matters/${id}/transition`, { action: 'sign_for', version: await version() })).status).toBe(200);
    expect(
      (await community.post(`/matters/${id}/transition`, { action: 'reply', version: await version(), opinion: '已清理摊位，通道畅通' }))
        .status,
    ).toBe(200);

    const updates = await waitFor(
      received,
      (r) => r.some((x) => x.body.id === 'dalianqin:DLQ-2026-0002' && x.body.action === 'reply'),
      40_000,
    );
    const reply = updates.find((x) => x.body.id === 'dalianqin:DLQ-2026-0002' && x.body.action === 'reply')!;
    expect(reply).toMatchObject({
      path: '/matters/status',
      signed: true,
      body: { status: 'pending_verification', opinion: '已清理摊位，通道畅通' },
    });

    const byCommunity = await community.post(`/matters/${id}/transition`, { action: 'close', version: await version() });
    expect(byCommunity.status).toBe(403);
    const closed = await send('/matters/DLQ-2026-0002/transition', { action: 'close' });
    expect(closed.body.data).toMatchObject({ status: 'closed' });
    const refused = await send('/matters/DLQ-2026-0002/transition', { action: 'dispatch' });
    expect(refused.status).toBe(400);
  });

  it('sends a matter marked for 大联勤 to the platform', async () => {
    const category = (await admin.get('/items/matter_categories?limit=1&fields=id')).body.data[0].id;
    const raised = await grid.post('/matters/report', {
      type: 'event_report',
      title: '井盖缺失',
      category,
      description: '路口井盖缺失',
      to_dalianqin: true,
    });
    expect(raised.status).toBe(200);
    const sent = await waitFor(received, (r) => r.some((x) => x.path === '/matters' && x.body.number === raised.body.data.number), 40_000);
    expect(sent.find((x) => x.path === '/matters' && x.body.number === raised.body.data.number)).toMatchObject({
      signed: true,
      body: { title: '井盖缺失', status: 'pending_acceptance' },
    });
  });
});
