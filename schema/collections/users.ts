// Our fields on Directus's own users: the unit a person works in, the path
// derived from it (what the jurisdiction filters compare), the job derived from
// the role, a phone number for reminders, and the instant before which the
// account's access tokens no longer count.

import { JOB_LABELS } from '../access.ts';
import { PATH_FIELD, UNIT_FIELD } from '../jurisdiction.ts';
import { label, manyToOneField, phoneField, selectField, timestampField } from '../fields.ts';
import type { CollectionSpec } from '../types.ts';

export const users: CollectionSpec = {
  collection: 'directus_users',
  system: true,
  scopePath: PATH_FIELD,
  fields: [
    manyToOneField(UNIT_FIELD, '所在单位', 'Unit', '{{name}}'),
    {
      field: PATH_FIELD,
      type: 'string',
      schema: { max_length: 255 },
      meta: { interface: 'input', readonly: true, note: '由所在单位自动生成', ...label('单位路径', 'Unit path') },
    },
    selectField('job', '岗位', 'Job', JOB_LABELS, { readonly: true, note: '由角色决定' }),
    phoneField('phone', '手机号码', 'Mobile phone'),
    // Set by the server on logout, suspension and password reset (extensions/session-guard): older tokens no longer count.
    timestampField('tokens_valid_after', '登录凭证生效起点', 'Tokens valid after', { readonly: true, hidden: true }),
  ],
  relations: [{ collection: 'directus_users', field: UNIT_FIELD, related_collection: 'units', schema: { on_delete: 'NO ACTION' } }],
};
