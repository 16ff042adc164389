// Hook: what office work records on its own.
// - Every successful login is counted per user, local day and terminal kind (PC or
//   phone, from the user agent), so that "logged in every working day" can be
//   counted (考评办法第九条 1).
// - A change of a unit's administrator roster is filed upward (管理办法第十一条):
//   the superior office's heads and administrators are told at once.

import type { HookConfig } from '@directus/extensions';
import { notify } from '../../kernel/notify.ts';
import { ROSTER_CHANGES } from './vocabulary.ts';
import { recordLogin } from './terminals.ts';

const hook: HookConfig = ({ action }, { database, logger }) => {
  action('auth.login', (meta, context) => {
    const { status, user } = meta as { status?: string; user?: string };
    // Before the schema is applied (the first start's own login) there is nothing to record in.
    if (status !== 'success' || !user || !(context.schema as { collections?: Record<string, unknown> } | null)?.collections?.login_days)
      return;
    const userAgent = (context.accountability as { userAgent?: string } | null)?.userAgent;
    recordLogin(database, user, userAgent, new Date()).catch((error) =>
      logger.warn(`login of ${user} not recorded: ${(error as Error).message}`),
    );
  });

  action('admin_roster_changes.items.create', async ({ key, payload }) => {
    try {
      const change = await database('admin_roster_changes as c')
        .join('units as u', 'u.id', 'c.unit')
        .where('c.id', key)
        .first('c.change', 'c.person', 'u.name', 'u.parent');
      if (!change?.parent) return;
      const person = await database('directus_users').where({ id: change.person }).first('first_name', 'last_name');
      // The unit above's head and system administrator, in the app.
      await notify(database, {
        units: [change.parent],
        jobs: ['head', 'sysadmin'],
        subject: '管理员变动报备',
        body: `【综治】${change.name}报备系统管理员变动：${ROSTER_CHANGES[change.change as keyof typeof ROSTER_CHANGES] ?? change.change}${person?.last_name ?? ''}${person?.first_name ?? ''}。`,
        about: { collection: 'admin_roster_changes', item: key },
        phone: false,
        now: new Date(),
      });
    } catch (error) {
      logger.warn(`roster change ${key} not announced: ${(error as Error).message} (${JSON.stringify(payload)})`);
    }
  });
};

export default hook;
