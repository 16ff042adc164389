// Expiry reminders through the job queue: a floating person's permit expiring, a
// correction term ending and an overdue visit reach the record's unit, in the app,
// once per record and date however often the worker scans.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../extensions/registries/src/id-number.ts';
import { login, loginAdmin, unitIds, waitFor, type Session } from '../http.ts';

let admin: Session;
let grid: Session;
const made: [string, number][] = [];
const seq = Math.floor(Math.random() * 150) * 2 + 301;
const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  admin = await loginAdmin();
  grid = await login('grid-gridworker@pukou.gov.cn');
});

afterAll(async () => {
  for (const [collection, id] of made.reverse()) await admin.delete(`/items/${collection}/${id}`);
});

async function make(collection: string, body: Record<string, unknown>): Promise<number> {
  const answer = await grid.post(`/items/${collection}`, body);
  expect(answer.status).toBe(200);
  made.push([collection, answer.body.data.id]);
  return answer.body.data.id;
}

describe('expiry reminders', () => {
  it('reach the unit once for each record and date', async () => {
    const floating = await make('people', {
      name: '证件将到期',
      id_number: makeIdNumber('320111', '1993-03-03', seq),
      is_floating: true,
      permit_type: '10',
      permit_number: 'JZ2026001',
      registered_on: day(-300),
      permit_expires_on: day(10),
    });
    const later = await make('people', {
      name: '证件未到期',
      id_number: makeIdNumber('320111', '1993-03-03', seq + 2),
      is_floating: true,
      permit_type: '10',
      permit_number: 'JZ2026002',
      registered_on: day(-300),
      permit_expires_on: day(90),
    });
    const corrected = await make('people', { name: '矫正将期满', id_number: makeIdNumber('320111', '1993-03-04', seq) });
    const object = await make('service_objects', {
      person: corrected,
      category: 'correction',
      correction_end: day(5),
      valid_from: day(-40),
      visit_every_days: 30,
    });

    const reminders = await waitFor(
      () =>
        grid.get(
          `/items/registry_reminders?filter[item_id][_in]=${floating},${later},${object}&fields=kind,collection_name,item_id,due_on,recipients&sort=id`,
        ),
      (a) => a.body.data?.length >= 3,
      30_000,
    );
    expect(reminders.body.data).toEqual(
      expect.arrayContaining([
        { kind: 'permit_expiry', collection_name: 'people', item_id: floating, due_on: day(10), recipients: expect.any(Number) },
        { kind: 'correction_end', collection_name: 'service_objects', item_id: object, due_on: day(5), recipients: expect.any(Number) },
        { kind: 'visit_overdue', collection_name: 'service_objects', item_id: object, due_on: day(-10), recipients: expect.any(Number) },
      ]),
    );
    expect(
      reminders.body.data.some((r: { item_id: number; collection_name: string }) => r.item_id === later && r.collection_name === 'people'),
    ).toBe(false);

    const inbox = await grid.get(`/notifications?filter[collection][_eq]=people&filter[item][_eq]=${floating}&fields=subject,message`);
    expect(inbox.body.data).toEqual([
      { subject: '流动人口居住证件到期', message: `证件将到期的居住证件将于${day(10)}到期，请及时核实办理。` },
    ]);

    // Several more scans (every 2 s in the tests) send nothing again.
    await new Promise((r) => setTimeout(r, 6000));
    const again = await grid.get(`/items/registry_reminders?filter[item_id][_in]=${floating},${object}&aggregate[count]=*`);
    expect(Number(again.body.data[0].count)).toBe(3);
    expect(
      (await grid.get(`/notifications?filter[collection][_eq]=people&filter[item][_eq]=${floating}&fields=id`)).body.data,
    ).toHaveLength(1);
  });
});
