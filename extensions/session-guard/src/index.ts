// Suspended means out, logging out means out (kernel/session-rule.ts). Directus's
// access tokens stay valid for their whole life (15 minutes) whatever happens to the
// account; the app's session tokens stay valid while their session row exists. So:
//
// - every authenticated request, once Directus has verified its token, is held to
//   the account as it is now: not active → 401; a token issued before the account's
//   `tokens_valid_after` → 401. The account is read at most every few seconds per
//   user and instance (ACCOUNT_CACHE_MS), and at once on this instance after a change;
// - suspending or archiving an account, or setting its password, revokes its tokens
//   and deletes its sessions; logging out revokes the account's access tokens (the
//   app's session on other devices stays: its own row decides);
// - each of these is in the security audit log;
// - an account whose owner must first set a new password (set by someone else, or
//   older than the setting: kernel/password-rule.ts) is signed in for nothing else:
//   its requests go on as anonymous ones, every door of Directus and of ours closed
//   alike, and only /account (extensions/account) sees whose they are
//   (`req.pendingAccount`), to tell them why and take the new password; the same
//   for an administrator whose policies ask for two-factor sign-in and who has not
//   set it up (the one-time-code secret is set up through /account/tfa).

import { createError } from '@directus/errors';
import type { HookConfig } from '@directus/extensions';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { appendAuditSoon, byAccountability } from '../../kernel/audit.ts';
import { instant } from '../../kernel/db-values.ts';
import { passwordChangeReason } from '../../kernel/password-rule.ts';
import { securitySettingsReader } from '../../kernel/security-settings.ts';
import { pendingStep, revokedUntil, tokenClaims, tokenProblem, type AccountState } from '../../kernel/session-rule.ts';

const SessionEnded = createError<{ reason: string }>('SESSION_ENDED', (e) => e.reason, 401);

/** How long one instance trusts an account's state it has read (other instances learn of a change within this). */
const ACCOUNT_CACHE_MS = 3_000;

/** An account signed in for one thing only: to set a new password, or set up two-factor sign-in (read by extensions/account). */
export interface PendingAccount {
  user: string;
  step: 'password' | 'tfa';
  reason: string;
}

type Req = Request & {
  accountability?: Accountability | null;
  token?: string | null;
  schema?: SchemaOverview;
  pendingAccount?: PendingAccount;
};

/** What an anonymous request may do (Directus's public access), with the request's address kept. */
function anonymous(accountability: Accountability): Accountability {
  return {
    ...accountability,
    user: null,
    role: null,
    roles: [],
    admin: false,
    app: false,
    share: undefined,
  } as Accountability;
}

/** The column exists once `schema/` is applied (a new database is read before that, by the administrator applying it). */
const tracksRevocation = (schema: SchemaOverview | null | undefined) =>
  Boolean(schema?.collections.directus_users?.fields.tokens_valid_after);
const tracksPasswords = (schema: SchemaOverview | null | undefined) =>
  Boolean(schema?.collections.directus_users?.fields.must_change_password);

const hook: HookConfig = ({ init, action }, { database, logger }) => {
  const cache = new Map<string, { state: AccountState | null; until: number }>();
  const warn = (error: Error) => logger.warn(`session event not recorded: ${error.message}`);

  const settings = securitySettingsReader(database);

  async function accountOf(user: string, schema: SchemaOverview | null | undefined): Promise<AccountState | null> {
    const hit = cache.get(user);
    if (hit && hit.until > Date.now()) return hit.state;
    const row = await database('directus_users')
      .where({ id: user })
      .first(
        'status',
        'tfa_secret',
        ...(tracksRevocation(schema) ? ['tokens_valid_after'] : []),
        ...(tracksPasswords(schema) ? ['must_change_password', 'password_changed_at'] : []),
      );
    const state = row
      ? {
          status: String(row.status),
          tokensValidAfter: instant(row.tokens_valid_after)?.getTime() ?? null,
          mustChangePassword: row.must_change_password === true || row.must_change_password === 1,
          passwordChangedAt: instant(row.password_changed_at)?.getTime() ?? null,
          hasTfa: typeof row.tfa_secret === 'string' && row.tfa_secret.length > 0,
        }
      : null;
    cache.set(user, { state, until: Date.now() + ACCOUNT_CACHE_MS });
    return state;
  }

  /** Tokens of these accounts issued until now no longer count; with `sessions`, their sessions end too. */
  async function revoke(db: Knex, schema: SchemaOverview | null | undefined, users: string[], sessions: boolean): Promise<void> {
    if (!users.length) return;
    if (tracksRevocation(schema))
      await db('directus_users')
        .whereIn('id', users)
        .update({ tokens_valid_after: new Date(revokedUntil(new Date())) });
    if (sessions) await db('directus_sessions').whereIn('user', users).delete();
    for (const user of users) cache.delete(user);
  }

  init('routes.before', ({ app }) => {
    app.use(async (req: Req, _res: Response, next: NextFunction) => {
      const user = req.accountability?.user;
      const claims = user && typeof req.token === 'string' ? tokenClaims(req.token) : null;
      if (!user || !claims) return next();
      try {
        const account = await accountOf(user, req.schema);
        const problem = tokenProblem(account, claims);
        if (problem) return next(new SessionEnded({ reason: problem }));
        const reason = passwordChangeReason(
          {
            mustChange: account?.mustChangePassword ?? false,
            changedAt: account?.passwordChangedAt ? new Date(account.passwordChangedAt) : null,
          },
          (await settings()).password_max_age_days,
          new Date(),
        );
        const pending = pendingStep(account, claims, reason);
        if (pending && req.accountability) {
          req.pendingAccount = { user, ...pending };
          req.accountability = anonymous(req.accountability);
        }
        next();
      } catch (error) {
        next(error);
      }
    });
  });

  action('users.update', async ({ payload, keys }, { accountability, schema }) => {
    const changes = payload as Record<string, unknown>;
    const ended = typeof changes.status === 'string' && changes.status !== 'active';
    // Whatever changed, this instance reads the account afresh (reactivated, or a role moved).
    for (const key of keys as string[]) cache.delete(key);
    if (!ended && !('password' in changes)) return;
    const users = (keys as string[]).filter((k) => k !== accountability?.user || ended);
    await revoke(database, schema, users, true);
    // The owner's own change (/account/password, recorded there as password_changed) is no reset.
    if (!ended && changes.must_change_password === false) return;
    for (const user of users)
      appendAuditSoon(
        database,
        {
          action: ended ? 'user_changed' : 'password_reset',
          ...byAccountability(accountability),
          collection: 'directus_users',
          itemIds: [user],
          detail: ended ? { status: changes.status, tokens: 'revoked' } : { tokens: 'revoked' },
        },
        warn,
      );
  });

  // Directus records each logout as an activity row of the user.
  action('activity.create', async ({ payload }, { schema }) => {
    const row = payload as { action?: string; user?: string | null; ip?: string | null; user_agent?: string | null };
    if (row.action !== 'logout' || !row.user) return;
    await revoke(database, schema, [row.user], false);
    appendAuditSoon(database, { action: 'logout', actor: row.user, ip: row.ip ?? null, userAgent: row.user_agent ?? null }, warn);
  });
};

export default hook;
