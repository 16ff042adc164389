// Endpoint: the signed-in owner's own account (账号安全).
//   GET  /account/status        what the owner must do first, if anything (修改密码, 绑定动态口令), and the password rule
//   POST /account/password      { current_password, password }   修改密码
//   POST /account/tfa/generate  { password }        a new one-time-code secret and its otpauth:// URL (not yet in force)
//   POST /account/tfa/enable    { secret, otp }     绑定动态口令: the secret is in force once a code of it is right
// An account that must first set a new password reaches only these
// (extensions/session-guard: `req.pendingAccount`). The change itself is a
// password set by its owner (extensions/password-guard: the rule, no reuse of the
// last ones); afterwards every session of the account ends, and the owner signs
// in with the new password.

import { createError } from '@directus/errors';
import type { EndpointConfig } from '@directus/extensions';
import type { Accountability } from '@directus/types';
import argon2 from 'argon2';
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { appendAuditSoon } from '../../kernel/audit.ts';
import { instant } from '../../kernel/db-values.ts';
import { PASSWORD_RULE_TEXT } from '../../kernel/password-rule.ts';
import { isRecord } from '../../kernel/integrity.ts';
import { securitySettingsReader } from '../../kernel/security-settings.ts';

const NotSignedIn = createError<{ reason: string }>('NOT_SIGNED_IN', (e) => e.reason, 401);
const AccountRefused = createError<{ reason: string }>('ACCOUNT_REFUSED', (e) => e.reason, 400);

type Req = Request & {
  accountability?: Accountability | null;
  pendingAccount?: { user: string; step: 'password' | 'tfa'; reason: string };
};

const endpoint: EndpointConfig = {
  id: 'account',
  handler: (router, { database, services, getSchema, logger }) => {
    const db = database as unknown as Knex;
    const settings = securitySettingsReader(db);
    const warn = (error: Error) => logger.warn(`password change not recorded: ${error.message}`);

    /** A handler's answer as `{ data }`, its refusal to Directus's error handler. */
    const route = (handler: (req: Req) => Promise<unknown>) => (req: Req, res: Response, next: NextFunction) =>
      handler(req).then((data) => res.json({ data }), next);

    /** The owner's current password, checked (an account that is not active has none that counts). */
    async function passwordIsRight(user: string, password: unknown): Promise<boolean> {
      if (typeof password !== 'string' || password.length > 256) return false;
      const row = await db('directus_users').where({ id: user }).first('password', 'status');
      return (
        row?.status === 'active' && typeof row.password === 'string' && (await argon2.verify(row.password, password).catch(() => false))
      );
    }

    function owner(req: Req): string {
      const user = req.pendingAccount?.user ?? req.accountability?.user;
      if (!user) throw new NotSignedIn({ reason: '请先登录' });
      return user;
    }

    router.get(
      '/status',
      route(async (req) => {
        const user = owner(req);
        const row = await db('directus_users').where({ id: user }).first('email', 'password_changed_at', 'tfa_secret');
        const maxAge = (await settings()).password_max_age_days;
        const changedAt = instant(row?.password_changed_at);
        return {
          email: row?.email ?? null,
          must_change_password: req.pendingAccount?.step === 'password',
          must_setup_tfa: req.pendingAccount?.step === 'tfa',
          tfa_enabled: typeof row?.tfa_secret === 'string' && row.tfa_secret.length > 0,
          reason: req.pendingAccount?.reason ?? null,
          password_changed_at: changedAt?.toISOString() ?? null,
          password_expires_at: maxAge > 0 && changedAt ? new Date(changedAt.getTime() + maxAge * 86_400_000).toISOString() : null,
          password_rule: PASSWORD_RULE_TEXT,
        };
      }),
    );

    router.post(
      '/password',
      route(async (req) => {
        const user = owner(req);
        const body: unknown = req.body;
        if (!isRecord(body) || typeof body.current_password !== 'string' || typeof body.password !== 'string')
          throw new AccountRefused({ reason: '请填写原密码和新密码' });
        if (body.current_password.length > 256 || body.password.length > 256) throw new AccountRefused({ reason: PASSWORD_RULE_TEXT });
        if (!(await passwordIsRight(user, body.current_password))) {
          appendAuditSoon(
            db,
            { action: 'password_changed', outcome: 'failure', actor: user, detail: { reason: 'current_password' } },
            warn,
          );
          throw new AccountRefused({ reason: '原密码不正确' });
        }
        if (body.password === body.current_password) throw new AccountRefused({ reason: '新密码不能与原密码相同' });
        // As the system, for the owner: the password guard checks the rule and the history and clears the flag.
        await new services.UsersService({ schema: await getSchema(), accountability: null, knex: db }).updateOne(user, {
          password: body.password,
          must_change_password: false,
        });
        appendAuditSoon(db, { action: 'password_changed', actor: user }, warn);
        return { changed: true, message: '密码已修改，请用新密码重新登录' };
      }),
    );

    // The password first, as Directus's own /users/me/tfa/generate asks.
    router.post(
      '/tfa/generate',
      route(async (req) => {
        const user = owner(req);
        const body: unknown = req.body;
        if (!isRecord(body) || !(await passwordIsRight(user, body.password))) throw new AccountRefused({ reason: '密码不正确' });
        const tfa = new services.TFAService({ schema: await getSchema(), knex: db });
        const { secret, url } = await tfa.generateTFA(user).catch(() => {
          throw new AccountRefused({ reason: '已绑定动态口令；如需更换，请联系系统管理员解除后重新绑定' });
        });
        return { secret, otpauth_url: url };
      }),
    );

    router.post(
      '/tfa/enable',
      route(async (req) => {
        const user = owner(req);
        const body: unknown = req.body;
        if (
          !isRecord(body) ||
          typeof body.secret !== 'string' ||
          typeof body.otp !== 'string' ||
          body.secret.length > 128 ||
          !/^\d{6}$/.test(body.otp)
        )
          throw new AccountRefused({ reason: '请填写 6 位动态口令' });
        const tfa = new services.TFAService({ schema: await getSchema(), knex: db });
        await tfa.enableTFA(user, body.otp, body.secret).catch(() => {
          appendAuditSoon(db, { action: 'tfa_enabled', outcome: 'failure', actor: user }, warn);
          throw new AccountRefused({ reason: '动态口令不正确或已过期，请以手机上当前显示的口令重试' });
        });
        appendAuditSoon(db, { action: 'tfa_enabled', actor: user }, warn);
        return { enabled: true, message: '动态口令已绑定，今后登录时请同时输入手机上显示的动态口令' };
      }),
    );
  },
};

export default endpoint;
