// 安全设置 (等保 2.0 三级: 身份鉴别, 登录失败处理): the district's settings for logins
// and passwords, as data that the district's system administrator changes in Studio
// or the app. One row (a singleton); the server reads it through
// extensions/kernel/login-rule.ts, which falls back to SECURITY_DEFAULTS for a
// value that is missing.

import { integerField, label, stringField, timestampField, userField } from '../fields.ts';
import type { CollectionSpec } from '../types.ts';

/** The settings, their defaults and their allowed ranges: one table for the schema, the server and its tests. */
export const SECURITY_SETTINGS = {
  login_max_failures: { zh: '连续登录失败次数上限', en: 'Failures before a lock', default: 5, min: 3, max: 20 },
  login_lock_minutes: { zh: '锁定时长（分钟）', en: 'Lock minutes', default: 15, min: 1, max: 1440 },
  address_max_failures: { zh: '同一地址登录失败次数上限', en: 'Failures per address', default: 30, min: 5, max: 1000 },
  address_window_minutes: { zh: '同一地址计数时段（分钟）', en: 'Address window minutes', default: 15, min: 1, max: 1440 },
  password_max_age_days: { zh: '密码有效期（天，0 为不限）', en: 'Password max age days', default: 90, min: 0, max: 365 },
  password_history: { zh: '不得重复使用最近几次的密码', en: 'Passwords remembered', default: 5, min: 1, max: 24 },
} as const;

export type SecuritySetting = keyof typeof SECURITY_SETTINGS;
export type SecuritySettings = Record<SecuritySetting, number>;

export const SECURITY_SETTING_FIELDS = Object.keys(SECURITY_SETTINGS) as SecuritySetting[];

export const SECURITY_DEFAULTS = Object.fromEntries(
  Object.entries(SECURITY_SETTINGS).map(([key, s]) => [key, s.default]),
) as SecuritySettings;

export const securitySettings: CollectionSpec = {
  collection: 'security_settings',
  meta: {
    icon: 'lock_clock',
    singleton: true,
    note: '登录失败锁定、同一地址限制、密码有效期与历史；由区系统管理员维护',
    ...label('安全设置', 'Security settings'),
  },
  fields: [
    { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true }, meta: { hidden: true, readonly: true } },
    ...Object.entries(SECURITY_SETTINGS).map(([field, s]) =>
      integerField(
        field,
        s.zh,
        s.en,
        {
          width: 'half',
          required: true,
          note: `${s.min} 至 ${s.max}，默认 ${s.default}`,
          // The input's range, which the server holds too (kernel/integrity.ts).
          options: { min: s.min, max: s.max },
        },
        { default_value: s.default, is_nullable: false },
      ),
    ),
  ],
};

/** The hashes of each account's last passwords (no reuse of the last `password_history`); the server's alone, no role reads it. */
export const passwordHistory: CollectionSpec = {
  collection: 'password_history',
  meta: {
    icon: 'history',
    hidden: true,
    note: '用户最近使用过的密码（仅存哈希），用于禁止重复使用',
    ...label('密码历史', 'Password history'),
  },
  fields: [
    { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true }, meta: { hidden: true, readonly: true } },
    userField('user', '用户', 'User', { readonly: true }, { is_nullable: false }),
    stringField('hash', '密码哈希', 'Hash', { readonly: true, hidden: true }, { max_length: 255 }),
    timestampField('set_at', '设置时间', 'Set at', { readonly: true }),
  ],
  relations: [{ collection: 'password_history', field: 'user', related_collection: 'directus_users', schema: { on_delete: 'CASCADE' } }],
  indexes: [{ columns: ['user', 'set_at'] }],
};
