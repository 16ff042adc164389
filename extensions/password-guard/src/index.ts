// Passwords (kernel/password-rule.ts), on every door that sets one: creating a
// user, changing one through /users (Studio, the app's user management), and the
// owner's own change through /account/password (extensions/account).
//
// - A password that breaks the rule is refused with the rule in Chinese.
// - Set by someone else (a new account, an administrator's reset), the owner must
//   set a new one at the next sign-in (`must_change_password`; extensions/session-guard
//   holds them to it). Set by the owner, it may not be one of their last
//   `password_history` passwords, and the flag clears.
// - Each password set is remembered (its hash only) in password_history, the
//   oldest beyond the setting forgotten.
// The Directus administrator may clear the flag alone (the demo accounts, tests);
// no other role may write it.

import { createError } from '@directus/errors';
import type { HookConfig } from '@directus/extensions';
import type { SchemaOverview } from '@directus/types';
import argon2 from 'argon2';
import type { Knex } from 'knex';
import { passwordProblem } from '../../kernel/password-rule.ts';
import { securitySettingsReader } from '../../kernel/security-settings.ts';

const PasswordRefused = createError<{ reason: string }>('PASSWORD_REFUSED', (e) => e.reason, 400);
const FlagRefused = createError<{ reason: string }>('PASSWORD_FLAGS_REFUSED', (e) => e.reason, 403);

/** Written here whenever a password is set; given by a caller only by the Directus administrator. */
const FLAGS = ['must_change_password', 'password_changed_at'];

type Payload = Record<string, unknown>;
interface Context {
  accountability?: { user?: string | null; admin?: boolean } | null;
  schema?: SchemaOverview | null;
}

/** The columns and the history exist once `schema/` is applied (read from the request's schema, not the database). */
const tracksPasswords = (context: unknown) => Boolean((context as Context).schema?.collections.directus_users?.fields.must_change_password);
const keepsHistory = (context: unknown) => Boolean((context as Context).schema?.collections.password_history);

const hook: HookConfig = ({ filter, action }, { database, logger }) => {
  const db = database as unknown as Knex;
  const settings = securitySettingsReader(db);

  /** Whether `password` is one of the account's last passwords (the current one included). */
  async function usedBefore(user: string, password: string, history: boolean): Promise<boolean> {
    const keep = (await settings()).password_history;
    const current = await db('directus_users').where({ id: user }).first('password');
    const hashes = [
      current?.password,
      ...(history ? await db('password_history').where({ user }).orderBy('set_at', 'desc').limit(keep).pluck('hash') : []),
    ];
    for (const hash of hashes) {
      if (typeof hash === 'string' && hash.startsWith('$argon2') && (await argon2.verify(hash, password).catch(() => false))) return true;
    }
    return false;
  }

  /** The flags a password set brings, once it is known to be allowed. */
  async function judge(payload: Payload, owner: string | null, byOwner: boolean, context: unknown): Promise<Payload> {
    const problem = passwordProblem(payload.password);
    if (problem) throw new PasswordRefused({ reason: problem });
    if (!tracksPasswords(context)) return payload;
    if (byOwner && owner && (await usedBefore(owner, payload.password as string, keepsHistory(context))))
      throw new PasswordRefused({ reason: `新密码不能与最近 ${(await settings()).password_history} 次使用过的密码相同` });
    return { ...payload, must_change_password: !byOwner, password_changed_at: new Date().toISOString() };
  }

  /** Only the Directus administrator (and the system) give the flags themselves. */
  function flagsAllowed(payload: Payload, context: unknown): void {
    const who = (context as Context).accountability;
    if (who?.user && !who.admin && FLAGS.some((f) => f in payload))
      throw new FlagRefused({ reason: '“须修改密码”和“密码设置时间”由系统维护，不能直接修改' });
  }

  filter('users.create', async (payload, _meta, context) => {
    const p = payload as Payload;
    flagsAllowed(p, context);
    if (p.password === undefined || p.password === null) return payload;
    // A new account's password is someone else's choice, unless the system itself makes it (the first administrator).
    return judge(p, null, !(context as Context).accountability?.user, context);
  });

  filter('users.update', async (payload, meta, context) => {
    const p = payload as Payload;
    flagsAllowed(p, context);
    if (p.password === undefined || p.password === null) return payload;
    const keys = ((meta as { keys?: unknown[] }).keys ?? []).map(String);
    const actor = (context as Context).accountability?.user ?? null;
    // The owner: /account/password (the system, for the signed-in owner), Directus's e-mailed reset, or their own account.
    const owner = keys.length === 1 ? keys[0]! : null;
    return judge(p, owner, actor === null ? p.must_change_password === false || !('must_change_password' in p) : actor === owner, context);
  });

  async function remember(users: string[], context: unknown): Promise<void> {
    if (!users.length || !keepsHistory(context)) return;
    const keep = (await settings()).password_history;
    for (const user of users) {
      const row = await db('directus_users').where({ id: user }).first('password');
      if (typeof row?.password !== 'string') continue;
      await db('password_history').insert({ user, hash: row.password, set_at: new Date() });
      const older = await db('password_history').where({ user }).orderBy('set_at', 'desc').orderBy('id', 'desc').offset(keep).pluck('id');
      if (older.length) await db('password_history').whereIn('id', older).delete();
    }
  }
  const warn = (error: Error) => logger.warn(`password history not kept: ${error.message}`);

  action('users.create', ({ key, payload }, context) => {
    if ((payload as Payload).password) remember([String(key)], context).catch(warn);
  });
  action('users.update', ({ keys, payload }, context) => {
    if ((payload as Payload).password) remember((keys as unknown[]).map(String), context).catch(warn);
  });
};

export default hook;
