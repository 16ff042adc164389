// Nothing of another jurisdiction is countable either: counts, aggregates,
// groupings, searches and explicit filters answer only for the user's own
// jurisdiction, exactly as the administrator's answer restricted to it
// (tests/jurisdiction-table.ts leakChecks, on activity records); units and
// colleagues likewise.

import { beforeAll, expect, it } from 'vitest';
import { loginAdmin, type Session } from '../http.ts';
import { leakChecks } from '../jurisdiction-table.ts';

let admin: Session;

beforeAll(async () => {
  admin = await loginAdmin();
});

/** What the administrator counts within a path: the expected answer. */
async function adminCount(collection: string, pathField: string, own: string): Promise<number> {
  const answer = await admin.get(`/items/${collection}?aggregate[count]=*&filter[${pathField}][_starts_with]=${encodeURIComponent(own)}`);
  return Number(answer.body.data[0].count);
}

leakChecks(
  () => ({
    collection: 'activity_records',
    titleField: 'title',
    record: (unit, title) => ({ unit, title, activity_type: 'visit', occurred_on: '2026-11-02', place: '秘密地点' }),
  }),
  (user, own) => {
    it('counts only its own units and colleagues', async () => {
      const units = await user().get('/items/units?aggregate[count]=*');
      expect(Number(units.body.data[0].count)).toBe(await adminCount('units', 'path', own));
      const users = await user().get('/users?aggregate[count]=*');
      const adminUsers = await admin.get(`/users?aggregate[count]=*&filter[unit_path][_starts_with]=${encodeURIComponent(own)}`);
      expect(users.body.data).toEqual(adminUsers.body.data);
    });

    it('gets nothing of other units through relations', async () => {
      const answer = await user().get('/items/units?fields=path,parent.path,parent.name&limit=-1');
      for (const unit of answer.body.data) {
        expect(unit.path.startsWith(own)).toBe(true);
        if (unit.parent) expect(unit.parent.path.startsWith(own)).toBe(true);
      }
    });
  },
);
