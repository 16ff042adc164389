// Failed logins (kernel/login-rule.ts). Directus emits `auth.login` as a filter
// before it checks the password, and as an action with the outcome:
//
// - the filter refuses, before any password is checked, an address that failed
//   too often (429) and a locked account (401), each with a Chinese message saying
//   until when, and records the refusal;
// - the action counts a wrong password or one-time code against the account and
//   the address, locks the account when its count is reached (recorded, and the
//   unit's system administrators told in the app), and records every login and
//   failure in the security audit log; a success clears the account's count.
//
// Counts of accounts are columns of directus_users (every instance sees them);
// counts of addresses are on the queue's Redis (kernel/failure-counter.ts).

import { createError } from '@directus/errors';
import type { HookConfig } from '@directus/extensions';
import type { SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { appendAuditSoon } from '../../kernel/audit.ts';
import { instant } from '../../kernel/db-values.ts';
import { type FailureCounter, memoryCounter, redisCounter } from '../../kernel/failure-counter.ts';
import { addressLimitedMessage, afterFailure, isLocked, lockedMessage, lockNotice } from '../../kernel/login-rule.ts';
import { securitySettingsReader } from '../../kernel/security-settings.ts';
import { notify } from '../../kernel/notify.ts';
import { queueSettingsFromEnv } from '../../kernel/queue.ts';
import type { SecuritySettings } from '../../../schema/collections/security-settings.ts';

const AccountLocked = createError<{ reason: string }>('ACCOUNT_LOCKED', (e) => e.reason, 401);
const AddressLimited = createError<{ reason: string }>('LOGIN_ADDRESS_LIMITED', (e) => e.reason, 429);

/** Failures that say someone does not know the secret; an inactive account or a missing code is not one. */
const GUESSES = new Set(['INVALID_CREDENTIALS', 'INVALID_OTP']);

interface LoginMeta {
  payload?: { email?: unknown; otp?: unknown };
  status?: 'success' | 'fail';
  user?: string;
  provider?: string;
  error?: { code?: string } | null;
}

interface Context {
  accountability?: { ip?: string | null; userAgent?: string | null } | null;
  schema?: SchemaOverview | null;
}

/** The columns exist once `schema/` is applied (the first administrator signs in to apply it). */
const tracksFailures = (schema: SchemaOverview | null | undefined) => Boolean(schema?.collections.directus_users?.fields.locked_until);

const hook: HookConfig = ({ filter, action }, { database, env, logger }) => {
  const db = database as unknown as Knex;
  const queue = queueSettingsFromEnv(env);
  const addresses: FailureCounter = queue ? redisCounter(queue, 'login-failures') : memoryCounter();
  const warn = (error: Error) => logger.warn(`login event not recorded: ${error.message}`);
  const settings = securitySettingsReader(db);

  const emailOf = (meta: LoginMeta) => (typeof meta.payload?.email === 'string' ? meta.payload.email.slice(0, 255) : null);

  filter('auth.login', async (payload, meta, context) => {
    const m = meta as LoginMeta;
    const { accountability, schema } = context as Context;
    const ip = accountability?.ip ?? null;
    if (!tracksFailures(schema)) return payload;
    const s = await settings();
    const refused = (reason: string, detail: Record<string, unknown>) =>
      appendAuditSoon(
        db,
        { action: 'login_failed', outcome: 'refused', actor: m.user ?? null, actorEmail: emailOf(m), detail: { reason, ...detail } },
        warn,
      );
    if (ip && (await addresses.count(ip)) >= s.address_max_failures) {
      refused('address_limited', { window_minutes: s.address_window_minutes });
      throw new AddressLimited({ reason: addressLimitedMessage(s) });
    }
    if (m.user) {
      const row = await db('directus_users').where({ id: m.user }).first('locked_until');
      const lockedUntil = instant(row?.locked_until);
      if (lockedUntil && isLocked(lockedUntil, new Date())) {
        refused('locked', { locked_until: lockedUntil.toISOString() });
        throw new AccountLocked({ reason: lockedMessage(lockedUntil, s) });
      }
    }
    return payload;
  });

  action('auth.login', async (meta, context) => {
    const m = meta as LoginMeta;
    const { accountability, schema } = context as Context;
    const ip = accountability?.ip ?? null;
    if (!tracksFailures(schema)) return;
    if (m.status === 'success') {
      if (m.user) await db('directus_users').where({ id: m.user }).andWhere('login_failures', '>', 0).update({ login_failures: 0 });
      appendAuditSoon(db, { action: 'login', actor: m.user ?? null, actorEmail: emailOf(m) }, warn);
      return;
    }
    const code = m.error?.code ?? 'UNKNOWN';
    // A first step without the one-time code is Directus asking for it: the password was right.
    const guess = GUESSES.has(code) && !(code === 'INVALID_OTP' && !m.payload?.otp);
    appendAuditSoon(
      db,
      { action: 'login_failed', outcome: 'failure', actor: m.user ?? null, actorEmail: emailOf(m), detail: { reason: code } },
      warn,
    );
    if (!guess) return;
    const s = await settings();
    if (ip) await addresses.add(ip, s.address_window_minutes * 60_000);
    if (m.user) await countAgainstAccount(m.user, s, ip);
  });

  async function countAgainstAccount(user: string, s: SecuritySettings, ip: string | null): Promise<void> {
    // Counted in one statement, so that failures arriving together are all counted.
    const counted = await db('directus_users').where({ id: user, status: 'active' }).increment('login_failures', 1);
    // An account that is not active is refused as it is; it is not counted or locked.
    if (!counted) return;
    const row = await db('directus_users').where({ id: user }).first('login_failures', 'unit_path', 'first_name', 'last_name', 'email');
    const now = new Date();
    const outcome = afterFailure(Number(row?.login_failures ?? 1) - 1, s, now);
    if (!outcome.lockedUntil) return;
    await db('directus_users').where({ id: user }).update({ login_failures: outcome.failures, locked_until: outcome.lockedUntil });
    appendAuditSoon(
      db,
      {
        action: 'account_locked',
        actor: user,
        detail: { locked_until: outcome.lockedUntil.toISOString(), failures: s.login_max_failures },
      },
      warn,
    );
    const units = await nearestSysadminUnit(String(row?.unit_path ?? ''));
    if (!units.length) return;
    const who = `${row?.last_name ?? ''}${row?.first_name ?? ''}`.trim() || String(row?.email);
    await notify(db, {
      units,
      jobs: ['sysadmin'],
      ...lockNotice(who, outcome.lockedUntil, s, ip),
      about: { collection: 'directus_users', item: user },
      phone: false,
      now,
    });
  }

  /** The unit on `path` nearest to it (itself first) that has an active system administrator. */
  async function nearestSysadminUnit(path: string): Promise<number[]> {
    const ancestors = path
      .split('/')
      .filter(Boolean)
      .map((_, i, parts) => `/${parts.slice(0, i + 1).join('/')}/`);
    if (!ancestors.length) return [];
    const admins = await db('directus_users')
      .whereIn('unit_path', ancestors)
      .andWhere({ job: 'sysadmin', status: 'active' })
      .select('unit', 'unit_path');
    const nearest = admins.sort((a, b) => String(b.unit_path).length - String(a.unit_path).length)[0];
    return nearest ? [Number(nearest.unit)] : [];
  }
};

export default hook;
