// Directus's own project settings that code owns (schema apply brings them to this).

import { PASSWORD_POLICY_PATTERN } from '../extensions/kernel/password-rule.ts';

export const PROJECT_SETTINGS: Record<string, unknown> = {
  // Failed logins lock an account for a while (extensions/login-guard, security_settings);
  // Directus's own rule would suspend it for good after 25, told to no one.
  auth_login_attempts: null,
  // The same password rule as the server's (extensions/kernel/password-rule.ts).
  auth_password_policy: PASSWORD_POLICY_PATTERN,
};
