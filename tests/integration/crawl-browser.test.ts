// Every screen for every role, in a real browser: each demo account signs in, opens every
// entry of its menu, the first record of each list and the new-record form where the list
// offers one, on a desktop and on a phone, and nothing goes wrong on the way — no error
// message shown, no answer of 400 or more from the server, no error in the console.
// The suite runs a slice that covers every level and kind of account on both devices;
// `npm run crawl` (CRAWL=all) runs all sixteen accounts on both, every entry
// (CRAWL_ONLY=street-staff:phone walks one; CRAWL_LOG=1 prints each page's time).

import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../seed/demo-users.ts';
import { appBrowser, DESKTOP, PHONE, settle } from '../browser/chromium.ts';

// In the PostgreSQL project: the SQLite one runs the other browser suites (the two groups balanced).
const run = inject('database') === 'pg';

/** Every demo account (one per role): the part of its address before the @. */
const ACCOUNTS = DEMO_USERS.map((u) => u.email.split('@')[0]!);
type Device = 'desktop' | 'phone';

/** Every level (district, street, community, grid, department) and both devices; each menu folder sampled. */
const SLICE: [string, Device][] = [
  ['district-leader', 'desktop'],
  ['street-sysadmin', 'desktop'],
  ['community-staff', 'desktop'],
  ['grid-gridworker', 'phone'],
  ['department-liaison', 'phone'],
];
const WALKS: [string, Device][] = process.env.CRAWL_ONLY
  ? [process.env.CRAWL_ONLY.split(':') as [string, Device]]
  : process.env.CRAWL === 'all'
    ? ACCOUNTS.flatMap((a) => (['desktop', 'phone'] as const).map((d): [string, Device] => [a, d]))
    : SLICE;

/** What went wrong on a page: answers of 400 or more, console errors, error messages shown. */
function watch(page: Page) {
  const problems: string[] = [];
  const origin = () => new URL(page.url()).origin;
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url().startsWith(origin()))
      problems.push(`${r.status()} ${r.request().method()} ${r.url().slice(origin().length)}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text().slice(0, 300)}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message.slice(0, 300)}`));
  return problems;
}

/** Error messages and notifications on the page now, and pages that say something went wrong. */
const shownErrors = (page: Page) =>
  page
    .locator(
      [
        '.ant-notification-notice:has(.ant-notification-notice-icon-error)',
        '.ant-message-notice:has(.anticon-close-circle)',
        '.ant-alert-error',
        '.ant-result-error',
        '.ant-result-403',
        '.ant-result-404',
        '.ant-result-500',
      ].join(', '),
    )
    .allTextContents();

/**
 * The app's own addresses the office menu leads to, every folder opened: all of them, or
 * (the suite's slice) the screens at the top and the first few of each folder.
 */
async function menuEntries(page: Page, all: boolean): Promise<string[]> {
  await page.locator('li.ant-menu-submenu').first().waitFor();
  const closed = page.locator('li.ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title');
  for (let i = 0; i < 20 && (await closed.count()) > 0; i++) {
    await closed.first().click();
    await page.waitForTimeout(300);
  }
  const hrefs = await page.locator('ul.ant-menu-root').evaluate(
    (menu, each) => {
      const links = (root: Element, selector: string) => [...root.querySelectorAll(selector)].map((a) => a.getAttribute('href') ?? '');
      const top = links(menu, ':scope > li.ant-menu-item a[href]');
      const folders = [...menu.querySelectorAll(':scope > li.ant-menu-submenu')].map((f) => links(f, 'a[href]').slice(0, each));
      return [...top, ...folders.flat()];
    },
    all ? 1000 : 2,
  );
  return [...new Set(hrefs.filter((h) => h.startsWith('/app') && !h.endsWith('/login')))];
}

async function visit(page: Page, path: string, problems: string[], found: string[]) {
  const before = problems.length;
  const started = Date.now();
  await page.goto(path);
  await settle(page);
  if (process.env.CRAWL_LOG) console.log(`${Date.now() - started} ms ${path}`);
  for (const text of await shownErrors(page)) problems.push(`shown: ${text.slice(0, 200)}`);
  for (const p of problems.splice(before)) found.push(`${path}: ${p}`);
}

describe.runIf(run)('every screen for every role', () => {
  const app = appBrowser();
  it.each(WALKS)(
    '%s on a %s: every menu entry, a record and a form, with nothing going wrong',
    async (account, device) => {
      // The office menu's entries (read on a desktop); a phone opens them too, and its own tabs.
      const desk = await app.open(DESKTOP, `${account}@pukou.gov.cn`);
      await settle(desk);
      const entries = await menuEntries(desk, process.env.CRAWL === 'all');
      expect(entries.length, 'menu entries').toBeGreaterThan(3);
      const page = device === 'phone' ? await app.open(PHONE, `${account}@pukou.gov.cn`) : desk;
      if (device === 'phone') {
        await settle(page);
        const tabs = await page.locator('.ph-tabs a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
        entries.unshift(...tabs);
      }
      const problems = watch(page);
      const found: string[] = [];
      // The watch notices a page that says something went wrong (a list nobody but the administrator has).
      await visit(page, '/app/data/password_history', problems, found);
      // On a busy machine the refusal may come after the page looks settled: wait for it rather than miss it.
      await expect
        .poll(async () => found.length + problems.length + (await shownErrors(page)).length, {
          message: 'a page in error is noticed',
          timeout: 60_000,
        })
        .toBeGreaterThan(0);
      found.length = 0;
      problems.length = 0;
      for (const entry of entries) {
        await visit(page, entry, problems, found);
        // The list's first record and its new-record form, where it offers them.
        const show = await page
          .locator('a[href*="/show/"], a[href*="/matters/"]')
          .first()
          .getAttribute('href', { timeout: 1000 })
          .catch(() => null);
        const create = await page
          .locator('a[href$="/create"]')
          .first()
          .getAttribute('href', { timeout: 1000 })
          .catch(() => null);
        if (show && /\/(show|matters)\/\d+/.test(show)) await visit(page, show, problems, found);
        if (create) await visit(page, create, problems, found);
      }
      expect(found, `${account} (${device}) saw problems`).toEqual([]);
    },
    1_200_000,
  );
});
