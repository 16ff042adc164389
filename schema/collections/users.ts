// Our fields on Directus's own users: the unit a person works in, the path
// derived from it (what the jurisdiction filters compare), the job derived from
// the role, a phone number for reminders, and the instant before which the
// account's access tokens no longer count.

import { JOB_LABELS } from '../../extensions/kernel/unit-path.ts';
import { PATH_FIELD, UNIT_FIELD } from '../jurisdiction.ts';
import { booleanField, integerField, label, manyToOneField, phoneField, selectField, timestampField } from '../fields.ts';
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
    // Failed logins since the last success or lock, and the lock they lead to (extensions/login-guard).
    integerField('login_failures', '连续登录失败次数', 'Failed logins', { readonly: true, hidden: true }, { default_value: 0 }),
    timestampField('locked_until', '锁定至', 'Locked until', {
      width: 'half',
      note: '连续登录失败达到上限后自动锁定；清空即解锁',
    }),
    // When the password was last set, and whether its owner must set a new one before anything else.
    timestampField('password_changed_at', '密码设置时间', 'Password set at', { readonly: true, width: 'half' }),
    booleanField('must_change_password', '须修改密码', 'Must change password', {
      readonly: true,
      width: 'half',
      note: '首次登录和管理员重置密码后须先修改密码',
    }),
  ],
  relations: [{ collection: 'directus_users', field: UNIT_FIELD, related_collection: 'units', schema: { on_delete: 'NO ACTION' } }],
};
