// 身份鉴别 (等保 2.0 三级): what a password must be, and when its owner must set a
// new one. Pure; extensions/password-guard applies it to every door that sets a
// password, and schema apply gives Directus the same rule as its own password
// policy (PASSWORD_POLICY_PATTERN), so that Studio's forms refuse what the server would.

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
/** Of lower-case letters, upper-case letters, digits and other characters, at least this many kinds. */
export const PASSWORD_MIN_CLASSES = 3;

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];

export const PASSWORD_RULE_TEXT = `密码须为 ${PASSWORD_MIN_LENGTH} 至 ${PASSWORD_MAX_LENGTH} 位，并包含大写字母、小写字母、数字、特殊符号中的至少 ${PASSWORD_MIN_CLASSES} 类`;

/** Why `password` may not be a password, or null. */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string') return '密码应为文字';
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return PASSWORD_RULE_TEXT;
  if (CLASSES.filter((c) => c.test(password)).length < PASSWORD_MIN_CLASSES) return PASSWORD_RULE_TEXT;
  return null;
}

/**
 * The same rule as one regular expression, for Directus's project setting
 * `auth_password_policy` (at most 100 characters): a password fails when its
 * characters all come from two kinds or fewer, i.e. two kinds are missing.
 */
export const PASSWORD_POLICY_PATTERN = `^(?!(?:[^a-zA-Z]*|[^a-z\\d]*|[^A-Z\\d]*|[A-Z\\d]*|[a-z\\d]*|[a-zA-Z]*)$)[\\s\\S]{${PASSWORD_MIN_LENGTH},${PASSWORD_MAX_LENGTH}}$`;

export interface PasswordState {
  mustChange: boolean;
  changedAt: Date | null;
}

/**
 * Why the account's owner must set a new password before anything else, or null:
 * it was set by someone else (a new account, an administrator's reset), or it is
 * older than `maxAgeDays` (0: passwords do not age). An account whose password
 * was never recorded as set does not age (the first administrator, accounts from
 * before this rule).
 */
export function passwordChangeReason(state: PasswordState, maxAgeDays: number, now: Date): string | null {
  if (state.mustChange) return '首次登录或管理员重置密码后，请先修改密码';
  if (maxAgeDays > 0 && state.changedAt && now.getTime() - state.changedAt.getTime() >= maxAgeDays * 86_400_000)
    return `密码已使用超过 ${maxAgeDays} 天，请修改密码`;
  return null;
}
