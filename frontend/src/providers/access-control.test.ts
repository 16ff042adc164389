import { describe, expect, it } from 'vitest';
import { allowed, type PermissionsMe } from './access-control.ts';

// As GET /permissions/me answers for 社区·专职人员 (checked against the server).
const community: PermissionsMe = {
  activity_records: {
    read: { access: 'partial' },
    create: { access: 'full' },
    update: { access: 'partial' },
    delete: { access: 'partial' },
  },
  units: { read: { access: 'partial' }, create: { access: 'none' }, update: { access: 'none' }, delete: { access: 'none' } },
};

describe('what the menus and buttons offer', () => {
  it.each([
    ['activity_records', 'list', true],
    ['activity_records', 'create', true],
    ['activity_records', 'edit', true],
    ['units', 'show', true],
    ['units', 'create', false],
    ['units', 'edit', false],
    ['units', 'delete', false],
    ['deadline_policies', 'list', false], // not in the answer at all
  ])('%s %s → %s', (collection, action, expected) => {
    expect(allowed(community, collection, action)).toBe(expected);
  });
});
