// The roles and policies as declared: every role's rights read as a table.

import { describe, expect, it } from 'vitest';
import { assignableRoles, policies, readsOnly, ROLES } from './access.ts';
import { stableId } from './ids.ts';
import { COLLECTIONS, POLICIES, SCOPED_COLLECTIONS } from './index.ts';

const policyKeys = (roleKey: string) => ROLES.find((r) => r.key === roleKey)!.policies.map((id) => POLICIES.find((p) => p.id === id)!.key);

describe('roles', () => {
  it.each([
    [
      'district-sysadmin',
      [
        'read-within',
        'read-reference',
        'read-matters',
        'office-read',
        'ruled-read',
        'ruled-enter-district',
        'files',
        'office-draft',
        'handle-own-unit',
        'maintain-own-unit',
        'two-factor',
        'manage-users-district',
        'maintain-codes',
        'read-audit',
        'security-settings',
        'manage-subunits',
        'assessment-rubrics',
        'warning-rules',
      ],
    ],
    [
      'street-sysadmin',
      [
        'read-within',
        'read-reference',
        'read-matters',
        'office-read',
        'ruled-read',
        'ruled-enter-street',
        'files',
        'office-draft',
        'handle-own-unit',
        'maintain-own-unit',
        'two-factor',
        'manage-users-street',
        'manage-subunits',
        'assessment-rubrics',
        'warning-rules',
      ],
    ],
    [
      'community-sysadmin',
      [
        'read-within',
        'read-reference',
        'read-matters',
        'office-read',
        'ruled-read',
        'ruled-enter-community',
        'files',
        'office-draft',
        'handle-own-unit',
        'maintain-own-unit',
        'two-factor',
        'manage-users-community',
        'read-personal',
      ],
    ],
    [
      'community-staff',
      [
        'read-within',
        'read-reference',
        'read-matters',
        'office-read',
        'ruled-read',
        'ruled-enter-community',
        'files',
        'office-draft',
        'handle-own-unit',
        'read-personal',
      ],
    ],
    [
      'grid-grid_worker',
      [
        'read-within',
        'read-reference',
        'read-matters',
        'office-read',
        'ruled-read',
        'ruled-enter-grid',
        'files',
        'office-draft',
        'handle-own-unit',
        'read-personal',
      ],
    ],
    ['community-leader', ['read-within', 'read-reference', 'read-matters', 'office-read', 'ruled-read']],
    [
      'department-liaison',
      [
        'read-within',
        'read-assigned',
        'read-reference',
        'read-matters',
        'office-read',
        'ruled-read',
        'ruled-enter-department',
        'files',
        'office-draft',
        'handle-own-unit',
      ],
    ],
    ['district-leader', ['read-within', 'read-reference', 'read-matters', 'office-read', 'ruled-read']],
    ['department-leader', ['read-within', 'read-assigned', 'read-reference', 'read-matters', 'office-read', 'ruled-read']],
  ])('%s holds %j', (role, keys) => expect(policyKeys(role)).toEqual(keys));

  it('gives every role a stable, distinct id and a Chinese name', () => {
    expect(new Set(ROLES.map((r) => r.id)).size).toBe(ROLES.length);
    expect(ROLES.find((r) => r.key === 'grid-grid_worker')).toMatchObject({ id: stableId('role:grid:grid_worker'), name: '网格·网格员' });
  });
});

describe('user administration', () => {
  const keysOf = (level: Parameters<typeof assignableRoles>[0]) => assignableRoles(level).map((id) => ROLES.find((r) => r.id === id)!.key);

  it.each([
    [
      'community',
      ['community-sysadmin', 'community-head', 'community-staff', 'community-social_worker', 'community-leader', 'grid-grid_worker'],
    ],
    [
      'street',
      [
        'street-sysadmin',
        'street-head',
        'street-staff',
        'street-leader',
        'community-sysadmin',
        'community-head',
        'community-staff',
        'community-social_worker',
        'community-leader',
        'grid-grid_worker',
      ],
    ],
  ] as const)('a %s system administrator gives only the roles of its level and below: %j', (level, keys) =>
    expect(keysOf(level)).toEqual(keys),
  );

  it('leaves department roles to the district, and gives the district every role', () => {
    expect(keysOf('district')).toEqual(ROLES.map((r) => r.key));
  });

  it("keeps users inside the administrator's subtree on create and update, and never deletes them", () => {
    const policy = POLICIES.find((p) => p.key === 'manage-users-street')!;
    const create = policy.permissions.find((p) => p.collection === 'directus_users' && p.action === 'create')!;
    const update = policy.permissions.find((p) => p.collection === 'directus_users' && p.action === 'update')!;
    expect(create.validation).toEqual({
      _and: [{ unit_path: { _starts_with: '$CURRENT_USER.unit_path' } }, { role: { _in: assignableRoles('street') } }],
    });
    expect(update.permissions).toEqual({ unit_path: { _starts_with: '$CURRENT_USER.unit_path' } });
    expect(update.validation).toEqual(create.validation);
    expect(policy.permissions.some((p) => p.action === 'delete')).toBe(false);
    expect(create.fields).not.toContain('policies');
  });
});

describe('policies', () => {
  it('grant nobody administrator rights', () => {
    for (const policy of POLICIES) expect(policy.admin_access).toBe(false);
  });

  it('let every scoped collection be read within the jurisdiction and handled in the own unit only', () => {
    const readWithin = POLICIES.find((p) => p.key === 'read-within')!;
    const handle = POLICIES.find((p) => p.key === 'handle-own-unit')!;
    for (const c of SCOPED_COLLECTIONS) {
      const read = readWithin.permissions.find((p) => p.collection === c.collection && p.action === 'read');
      expect(read?.permissions).toEqual({ [c.scopePath!]: { _starts_with: '$CURRENT_USER.unit_path' } });
    }
    const items = SCOPED_COLLECTIONS.filter((c) => !c.system && c.collection !== 'units');
    expect(items.length).toBeGreaterThan(0);
    for (const c of items) {
      const [create, update, del] = (['create', 'update', 'delete'] as const).map((a) =>
        handle.permissions.find((p) => p.collection === c.collection && p.action === a),
      );
      if (!create || !update || !del) throw new Error(`${c.collection}: create, update and delete expected`);
      expect(create.presets).toEqual({ unit: '$CURRENT_USER.unit', unit_path: '$CURRENT_USER.unit_path' });
      expect(create.validation).toEqual({ unit_path: { _eq: '$CURRENT_USER.unit_path' } });
      expect(update.permissions).toEqual({ unit_path: { _eq: '$CURRENT_USER.unit_path' } });
      expect(update.validation).toEqual({ unit_path: { _eq: '$CURRENT_USER.unit_path' } });
      expect(del.permissions).toEqual({ unit_path: { _eq: '$CURRENT_USER.unit_path' } });
    }
  });

  it('let departments read what is assigned to them in any collection that declares an assignee', () => {
    const matters = { collection: 'matters', scopePath: 'unit_path', assignedUnitField: 'assigned_unit', fields: [] };
    const readAssigned = policies([matters]).find((p) => p.key === 'read-assigned')!;
    expect(readAssigned.permissions).toEqual([
      { collection: 'matters', action: 'read', fields: ['*'], permissions: { assigned_unit: { _eq: '$CURRENT_USER.unit' } } },
    ]);
    expect(POLICIES.find((p) => p.key === 'read-assigned')!.permissions).toEqual([]);
  });

  it('never write a unit path or parent outside the declared rules', () => {
    const maintain = POLICIES.find((p) => p.key === 'maintain-own-unit')!;
    expect(maintain.permissions[0]!.fields).not.toContain('parent');
    expect(maintain.permissions[0]!.fields).not.toContain('path');
  });

  it('show raw personal identifiers only to community and grid staff who register people (R19)', () => {
    const readWithin = POLICIES.find((p) => p.key === 'read-within')!.permissions.find((p) => p.collection === 'people')!;
    expect(readWithin.fields).toContain('id_number_masked');
    expect(readWithin.fields).toContain('phone_masked');
    for (const raw of ['id_number', 'phone', 'passport_number', '*']) expect(readWithin.fields).not.toContain(raw);
    const personal = POLICIES.find((p) => p.key === 'read-personal')!;
    expect(personal.permissions).toEqual([
      { collection: 'people', action: 'read', fields: ['*'], permissions: { unit_path: { _starts_with: '$CURRENT_USER.unit_path' } } },
    ]);
    const holders = ROLES.filter((r) => r.policies.includes(personal.id)).map((r) => r.key);
    expect(holders).toEqual(['community-sysadmin', 'community-head', 'community-staff', 'community-social_worker', 'grid-grid_worker']);
  });

  it('cover only collections that exist in the schema (or in Directus itself: its roles)', () => {
    const names = new Set([...COLLECTIONS.map((c) => c.collection), 'directus_roles']);
    for (const policy of POLICIES) for (const p of policy.permissions) expect(names.has(p.collection)).toBe(true);
  });
});

describe('who only reads (readsOnly)', () => {
  const role = (level: string, job: string) => ROLES.find((r) => r.key === `${level}-${job}`)!.id;
  it.each([
    ['a district leader', { role: role('district', 'leader') }, true],
    ['a street leader', { role: role('street', 'leader') }, true],
    ['community staff', { role: role('community', 'staff') }, false],
    ['a grid worker', { role: role('grid', 'grid_worker') }, false],
    ['a department liaison', { role: role('department', 'liaison') }, false],
    ['a user without a role', { role: null }, true],
    ['a user with a role not of ours', { role: '00000000-0000-0000-0000-000000000000' }, true],
    ['the Directus administrator', { admin: true, role: null }, false],
  ])('%s: %s', (_who, caller, expected) => {
    expect(readsOnly(caller)).toBe(expected);
  });
});
