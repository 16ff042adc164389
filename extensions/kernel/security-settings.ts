// The district's security settings (security_settings, one row) as the server
// reads them: at most every few seconds per instance, each value inside its range
// (kernel/login-rule.ts: securitySettingsOf), the defaults before the row exists.

import type { Knex } from 'knex';
import type { SecuritySettings } from '../../schema/collections/security-settings.ts';
import { securitySettingsOf } from './login-rule.ts';

/** How long one instance trusts the settings it has read (a change holds everywhere within this). */
const SETTINGS_CACHE_MS = 3_000;

export function securitySettingsReader(db: Knex): () => Promise<SecuritySettings> {
  let cached: { settings: SecuritySettings; until: number } | null = null;
  return async () => {
    if (cached && cached.until > Date.now()) return cached.settings;
    const row = (await db.schema.hasTable('security_settings')) ? await db('security_settings').orderBy('id').first() : null;
    cached = { settings: securitySettingsOf(row), until: Date.now() + SETTINGS_CACHE_MS };
    return cached.settings;
  };
}
