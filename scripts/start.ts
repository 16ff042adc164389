// npm start — everything a first user needs, in one command:
// bootstrap the database, apply schema/, seed when empty, start every process,
// print where to go and how to log in. Ctrl-C stops all of it. With INSTANCES=N (N > 1, on
// PostgreSQL) it runs N Directus instances behind nginx instead (scripts/lib/cluster.ts).

import { DEMO_PASSWORD, readSettings } from '../directus.config.ts';
import { DEMO_USERS, DISTRICT_DEMO_USERS } from '../seed/demo-users.ts';
import { exitOnError } from './lib/cli.ts';
import { ensureFrontendBuilt } from './lib/frontend.ts';
import { instancePorts, instanceSettings, startCluster } from './lib/cluster.ts';
import { prepare, startSystem, startWorker, stopSystem } from './lib/system.ts';

await exitOnError(async () => {
  const settings = readSettings();
  console.log(
    `浦口区综治信息系统: starting on ${settings.database.client === 'pg' ? 'PostgreSQL' : `SQLite (${settings.database.filename})`} …`,
  );
  await ensureFrontendBuilt();
  const cluster = settings.instances > 1;
  // A cluster's first instance prepares the database alone; the others start once it is ready.
  const system = await startSystem(cluster ? instanceSettings(settings, instancePorts(settings)[0]!) : settings);

  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stopSystem(system);
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const { schema, seeded, sealed } = await prepare(system, settings, { schema: true, seed: true });
    const changed = schema!.created.length + schema!.updated.length + schema!.deleted.length;
    console.log(
      `schema: ${changed ? `${changed} changes applied` : 'up to date'}; units: ${seeded!.units}${seeded!.users ? `; demo users added: ${seeded!.users}` : ''}${sealed ? `; personal numbers stored in the clear, now sealed: ${sealed}` : ''}`,
    );
    if (cluster) {
      const ports = await startCluster(system, settings);
      console.log(
        `instances: ${ports.length} Directus on 127.0.0.1:${ports.join(', ')} behind nginx (${settings.dataDir}/cluster/nginx.conf); a stopped one is started again`,
      );
    } else startWorker(system);
  } catch (error) {
    console.error(error);
    await stopAll(1);
  }
  // One process: one ending (Directus, the worker, a private Redis) ends them all. A cluster starts
  // a stopped instance, worker or proxy again; only its private Redis ending ends it.
  for (const p of system.processes) if (!cluster || p.name === 'redis') p.process.once('exit', (code) => void stopAll(code ?? 1));

  const lines = [
    '',
    '浦口区综治信息系统 is running.',
    `  Web app (办公与手机端):               ${settings.publicUrl}/app/`,
    `  Directus Studio (数据模型与权限管理): ${settings.publicUrl}/admin`,
    `  API:                                  ${settings.publicUrl}`,
    `  Administrator: ${settings.adminEmail}${settings.demo ? ` / ${DEMO_PASSWORD}` : ' (password in DATA_DIR/admin-password unless ADMIN_PASSWORD is set)'}`,
  ];
  if (settings.demo) {
    lines.push(`  Demo accounts (password ${DEMO_PASSWORD} for all):`);
    for (const u of DEMO_USERS) lines.push(`    ${u.roleName.padEnd(12, '　')} ${u.email}`);
    lines.push(
      `    …and ${DISTRICT_DEMO_USERS.length} more in every street and community: street-staff.s02@pukou.gov.cn, community-staff.c004@pukou.gov.cn, grid-gridworker.c004g01@pukou.gov.cn …`,
    );
  }
  lines.push('Press Ctrl-C to stop.');
  console.log(lines.join('\n'));
});
