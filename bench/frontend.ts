// npm run bench:frontend — what a phone and an office PC download and wait for.
//
// Starts Directus on a fresh SQLite database with the demo data, builds the app
// when stale, and loads two routes cold (no HTTP cache, no service worker) in
// headless Chromium with a phone's handicaps through the DevTools protocol:
// CPU slowed 4×, network at 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up
// (Lighthouse's "slow 4G"). For each route: the JavaScript of the initial load
// (gzip, as served), and the time until the route's main control is on screen
// and the page answers input (median of RUNS loads).
//   phone report     360×740, 网格员, /app/report → the 上报 button
//   office workbench 1440×900, 社区专职人员, /app/ → the 待签收 box filled; also when
//                    the office app behind it has drawn the menu
//   other office screens (事项, 实有人口, 收文, 研判看板): figures only, no goal.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, PROJECT_ROOT, readSettings } from '../directus.config.ts';
import { freePort } from '../scripts/lib/local.ts';
import { ensureFrontendBuilt } from '../scripts/lib/frontend.ts';
import { prepare, startSystem, stopSystem } from '../scripts/lib/system.ts';
import { DESKTOP, launch, newContext, PHONE, signIn } from '../tests/browser/chromium.ts';
import { onCleanUp, runBench } from './lib/cleanup.ts';
import { machine, writeSection } from './lib/section.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DOC = resolve(PROJECT_ROOT, 'docs/benchmarks.md');
const GOAL = { phoneJsKb: 300, interactiveMs: 2000, officeJsKb: 200, officeMs: 3000 };
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

interface Route {
  name: string;
  device: typeof PHONE | typeof DESKTOP;
  email: string;
  path: string;
  ready: string;
  /** Also timed: when this is on screen (the office app's menu behind the first screen). */
  after?: string;
}

const ROUTES: Route[] = [
  {
    name: 'phone report (上报)',
    device: PHONE,
    email: 'grid-gridworker@pukou.gov.cn',
    path: '/app/report',
    ready: '[data-testid="submit-report"]',
  },
  {
    name: 'office workbench (工作台)',
    device: DESKTOP,
    email: 'community-staff@pukou.gov.cn',
    path: '/app/',
    ready: '[data-testid="todo-sign"][aria-busy="false"]',
    after: '.ant-menu',
  },
  { name: 'matters (事项)', device: DESKTOP, email: 'street-staff@pukou.gov.cn', path: '/app/matters', ready: '.ant-table-row' },
  {
    name: 'people (实有人口)',
    device: DESKTOP,
    email: 'community-staff@pukou.gov.cn',
    path: '/app/data/people',
    ready: '.ant-table-row',
  },
  { name: 'inbox (收文)', device: DESKTOP, email: 'community-staff@pukou.gov.cn', path: '/app/office/inbox', ready: '.ant-table' },
  {
    name: 'dashboard (研判看板)',
    device: DESKTOP,
    email: 'district-leader@pukou.gov.cn',
    path: '/app/dashboard',
    ready: '[data-testid^="figure-"]',
  },
];

interface Load {
  ms: number;
  /** When `after` was on screen (ms from navigation start). */
  afterMs: number | null;
  /** When the last script of the load had arrived (ms from navigation start): the network's share. */
  scriptsMs: number;
  jsBytes: number;
  jsFiles: string[];
  totalBytes: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** One cold load: throttled, cache off, service worker blocked; bytes as they came over the wire. */
async function load(
  browser: Browser,
  url: string,
  route: Route,
  cookies: Awaited<ReturnType<import('playwright-core').BrowserContext['cookies']>>,
): Promise<Load> {
  const context = await browser.newContext({ ...route.device, baseURL: url, locale: 'zh-CN', serviceWorkers: 'block' });
  try {
    await context.addCookies(cookies);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const sizes = new Map<string, { url: string; type: string; bytes: number }>();
    cdp.on('Network.responseReceived', (e) => sizes.set(e.requestId, { url: e.response.url, type: e.type, bytes: 0 }));
    cdp.on('Network.loadingFinished', (e) => {
      const entry = sizes.get(e.requestId);
      if (entry) entry.bytes = e.encodedDataLength;
    });
    // The scripts of the load are those asked for before the route's control was on screen (a page that
    // goes on loading the rest of the app behind its first screen does so after).
    await page.addInitScript((ready) => {
      const w = window as unknown as { readyAt?: number };
      const look = () => {
        if (w.readyAt === undefined && document.querySelector(ready)) w.readyAt = performance.now();
      };
      new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true });
    }, route.ready);
    await page.goto(route.path, { waitUntil: 'commit' });
    await page.locator(route.ready).first().waitFor({ state: 'visible', timeout: 120_000 });
    // Interactive: the main thread is free to answer (a task queued now runs at once).
    const ms = await page.evaluate(() => new Promise<number>((done) => setTimeout(() => done(performance.now()), 0)));
    const readyAt = await page.evaluate(() => (window as unknown as { readyAt?: number }).readyAt ?? performance.now());
    const before = new Set(
      await page.evaluate(
        (at) =>
          performance
            .getEntriesByType('resource')
            .filter((e) => e.startTime < at)
            .map((e) => e.name),
        readyAt,
      ),
    );
    let afterMs: number | null = null;
    if (route.after) {
      await page.locator(route.after).first().waitFor({ state: 'visible', timeout: 120_000 });
      afterMs = await page.evaluate(() => performance.now());
    }
    const scriptsMs = await page.evaluate(
      (at) =>
        Math.max(
          0,
          ...performance
            .getEntriesByType('resource')
            .filter((e) => e.name.endsWith('.js') && e.startTime < at)
            .map((e) => (e as PerformanceResourceTiming).responseEnd),
        ),
      readyAt,
    );
    const all = [...sizes.values()].filter((r) => before.has(r.url));
    const js = all.filter((r) => r.type === 'Script');
    return {
      ms,
      afterMs,
      scriptsMs,
      jsBytes: js.reduce((s, r) => s + r.bytes, 0),
      jsFiles: js.map((r) => new URL(r.url).pathname),
      totalBytes: all.reduce((s, r) => s + r.bytes, 0),
    };
  } finally {
    await context.close();
  }
}

async function main() {
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const loadAverage = loadavg()[0]!.toFixed(1);
  await ensureFrontendBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'zongzhi-bench-frontend-'));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  const settings = readSettings({
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    DEMO: 'true',
    RATE_LIMIT_PER_SECOND: '0',
    LOG_LEVEL: 'warn',
  });
  console.log('bench:frontend: starting Directus on SQLite with the demo data …');
  const system = await startSystem(settings, { logFile: resolve(PROJECT_ROOT, '.test-data', 'bench-frontend-directus.log') });
  onCleanUp(() => stopSystem(system));
  await prepare(system, settings, { schema: true, seed: true });
  const browser = await launch();
  onCleanUp(() => browser.close());

  const rows: { route: Route; loads: Load[] }[] = [];
  for (const route of ROUTES) {
    const context = await newContext(browser, system.directus.url, route.device);
    const page = await context.newPage();
    await signIn(page, route.email, DEMO_PASSWORD);
    const cookies = await context.cookies();
    await context.close();
    const loads: Load[] = [];
    for (let i = 0; i < RUNS; i++) loads.push(await load(browser, system.directus.url, route, cookies));
    rows.push({ route, loads });
    console.log(
      `${route.name}: JS ${kb(loads[0]!.jsBytes)} gzip in ${loads[0]!.jsFiles.length} files; interactive ${loads.map((l) => Math.round(l.ms)).join(', ')} ms${route.after ? `; menu ${loads.map((l) => Math.round(l.afterMs ?? 0)).join(', ')} ms` : ''}`,
    );
  }

  const built = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'node_modules/vite/package.json'), 'utf8')) as { version: string };
  const phone = rows[0]!;
  const phoneJs = phone.loads[0]!.jsBytes;
  const phoneMs = median(phone.loads.map((l) => l.ms));
  const office = rows[1]!;
  const officeJs = office.loads[0]!.jsBytes;
  const officeMs = median(office.loads.map((l) => l.ms));
  const menuMs = median(office.loads.map((l) => l.afterMs ?? 0));
  const verdict = (ok: boolean) => `**${ok ? 'met' : 'not met'}**`;
  const body = [
    `Last run: ${date}, \`npm run bench:frontend\`.`,
    '',
    `Machine: ${machine().join('; ')}; load average ${loadAverage} when the run began. Chromium ${browser.version()} headless, Vite ${built.version} production build (frontend/dist), served by Directus (extensions/app, precompressed gzip).`,
    '',
    `Each route loaded cold ${RUNS} times (no HTTP cache, service worker blocked, signed in) with CPU slowed ${CPU_SLOWDOWN}× and the network at ${NETWORK.latency} ms latency, 1.6 Mbit/s down, 750 kbit/s up. JS: bytes of the scripts asked for before the route's main control was on screen (gzip, over the wire). Interactive: from navigation start until that control is visible and the main thread answers. Scripts in: when the last of those scripts had arrived (median), the rest being the CPU and the API's round trips. Menu: for the workbench, when the office app loaded behind the first screen had drawn its menu (median).`,
    '',
    '| route | JS files | JS (gzip) | all bytes | scripts in | interactive median | min / max | menu |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map(({ route, loads }) => {
      const ms = loads.map((l) => l.ms);
      const then = route.after ? `${Math.round(median(loads.map((l) => l.afterMs ?? 0)))} ms` : '—';
      return `| ${route.name} | ${loads[0]!.jsFiles.length} | ${kb(loads[0]!.jsBytes)} | ${kb(loads[0]!.totalBytes)} | ${Math.round(median(loads.map((l) => l.scriptsMs)))} ms | ${Math.round(median(ms))} ms | ${Math.round(Math.min(...ms))} / ${Math.round(Math.max(...ms))} ms | ${then} |`;
    }),
    '',
    `Goal for the phone route: initial JS < ${GOAL.phoneJsKb} KB gzip — ${kb(phoneJs)}: ${verdict(phoneJs < GOAL.phoneJsKb * 1024)}; interactive < ${GOAL.interactiveMs / 1000} s throttled — ${Math.round(phoneMs)} ms: ${verdict(phoneMs < GOAL.interactiveMs)}.`,
    `Goal for the office workbench: initial JS < ${GOAL.officeJsKb} KB gzip — ${kb(officeJs)}: ${verdict(officeJs < GOAL.officeJsKb * 1024)}; interactive < ${GOAL.officeMs / 1000} s throttled — ${Math.round(officeMs)} ms: ${verdict(officeMs < GOAL.officeMs)} (the menu follows at ${Math.round(menuMs)} ms).`,
  ].join('\n');
  console.log(`\n${body}\n`);
  writeSection(DOC, 'frontend', 'Front end: initial load on a phone and an office PC', body);
  console.log(`written to ${DOC}`);
}

await runBench(main);
