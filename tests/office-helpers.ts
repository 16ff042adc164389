// Helpers of the office tests: a user at a unit (created once), a file upload, the
// cast of the documents and projects tests, the office reminder queue.

import { Queue } from 'bullmq';
import { expect, inject } from 'vitest';
import { REMINDER_QUEUE } from '../extensions/kernel/reminder-engine.ts';
import { queueSettingsFromEnv } from '../extensions/kernel/queue.ts';
import { ROLES } from '../schema/access.ts';
import { baseUrl, createReadyUser, login, loginAdmin, unitIds, type Session } from './http.ts';

const PASSWORD = 'Office@2026x';

/** Logs in a user of `role` at the unit with `path`, creating the account the first time. */
export async function userAt(admin: Session, ids: Map<string, number>, email: string, role: string, path: string): Promise<Session> {
  const existing = (await admin.get(`/users?filter[email][_eq]=${email}&fields=id`)).body.data;
  if (!existing.length)
    expect(
      (
        await createReadyUser(admin, {
          email,
          password: PASSWORD,
          role: ROLES.find((r) => r.key === role)!.id,
          unit: ids.get(path),
          status: 'active',
        })
      ).status,
    ).toBe(200);
  return login(email, PASSWORD);
}

/** Uploads a small file as `session`; returns its id. */
export async function upload(session: Session, name: string, content: BlobPart, type: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([content], { type }), name);
  const res = await fetch(`${baseUrl()}/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${session.token}` } });
  const body = await res.json();
  expect(res.status).toBe(200);
  return body.data.id;
}

/** The administrator, the unit ids, and the demo staff of 江浦街道, 求雨山社区 and its first grid. */
export async function demoSessions(): Promise<{
  admin: Session;
  ids: Map<string, number>;
  street: Session;
  community: Session;
  grid: Session;
}> {
  const admin = await loginAdmin();
  const ids = await unitIds(admin);
  const [street, community, grid] = await Promise.all(
    ['street-staff', 'community-staff', 'grid-gridworker'].map((who) => login(`${who}@pukou.gov.cn`)),
  );
  return { admin, ids, street: street!, community: community!, grid: grid! };
}

/** The demo sessions, with 江浦街道's leader and staff of a sibling community and a sibling street: the parties that may or may not send, sign and see. */
export async function officeCast() {
  const demo = await demoSessions();
  const streetLeader = await login('street-leader@pukou.gov.cn');
  const otherCommunity = await userAt(demo.admin, demo.ids, 'office-c002@pukou.gov.cn', 'community-staff', '/320111/S01/C002/');
  const otherStreet = await userAt(demo.admin, demo.ids, 'office-s02@pukou.gov.cn', 'street-staff', '/320111/S02/');
  return { ...demo, streetLeader, otherCommunity, otherStreet };
}

/** The test server's reminder queue (every domain's; office jobs are `office.<key>`), as the worker reads it (close it after the file). */
export function officeReminderQueue(): Queue {
  const { queuePrefix, queueRedisUrl } = inject('directus');
  const settings = queueSettingsFromEnv({ QUEUE_REDIS_URL: queueRedisUrl, QUEUE_PREFIX: queuePrefix })!;
  return new Queue(REMINDER_QUEUE, settings);
}
