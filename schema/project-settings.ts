// Directus's own project settings that code owns (schema apply brings them to this).

import { PASSWORD_POLICY_PATTERN } from '../extensions/kernel/password-rule.ts';

export const PROJECT_SETTINGS: Record<string, unknown> = {
  // Failed logins lock an account for a while (extensions/login-guard, security_settings);
  // Directus's own rule would suspend it for good after 25, told to no one.
  auth_login_attempts: null,
  // The same password rule as the server's (extensions/kernel/password-rule.ts).
  auth_password_policy: PASSWORD_POLICY_PATTERN,
  // Studio in Chinese for everyone who has not chosen a language of their own.
  default_language: 'zh-CN',
};

/**
 * Settings code gives a new installation, left as they are once an administrator has set
 * them: Studio's maps (a unit's boundary, map layouts) start on a blank base map served by
 * the system itself — Directus's default would ask OpenStreetMap on the internet. An
 * intranet tile service is added in Settings → Maps (docs/statistics.md).
 */
export const INITIAL_SETTINGS: Record<string, unknown> = {
  basemaps: [{ name: '空白底图（不连接互联网）', type: 'style', url: '/app/blank-map-style.json' }],
  // Studio's 报告错误 / 功能建议 links lead to Directus's sites on the internet by default: here to the
  // system's own help (administrators may point them at the district's ticket system).
  report_bug_url: '/app/help',
  report_feature_url: '/app/help',
};
