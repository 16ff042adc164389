// The English switch in a real browser: every screen of the office app and the
// phone app, opened in English by the roles that use it, shows no Chinese of its
// own. Chinese that comes from the data (unit and people names, titles, choices
// an administrator keeps in Studio, a field label without an English
// translation) is allowed: every string the page received from the server as
// JSON is taken out of the page's text before the check. Runs once, in the sqlite
// project (the browser suites are shared between the two projects to balance them).

import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { appBrowser, BROWSER_TESTS, DESKTOP, eventually, PHONE, screenshot } from '../browser/chromium.ts';
import { localDateOf } from '../../extensions/kernel/working-days.ts';
import { login, loginAdmin, unitIds } from '../http.ts';

const run = inject('database') === 'sqlite';
const CHINESE = /[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]/;

/**
 * Every string inside a JSON answer; of a list of translations that has an
 * English one, the Chinese one is left out (the page should have shown the English).
 */
function strings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) {
    const english = value.some((v) => v && typeof v === 'object' && (v as { language?: unknown }).language === 'en-US');
    for (const v of value)
      if (!(english && v && typeof v === 'object' && (v as { language?: unknown }).language === 'zh-CN')) strings(v, into);
  } else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, into);
}

/**
 * The strings of every JSON answer the page receives; `settled` once every answer so far is read.
 * The answers are fetched here and handed to the page (not read from the browser afterwards: a body
 * the browser has let go of, under load or after the page moved on, would be missed and its Chinese
 * taken for the screen's own).
 */
async function watchData(page: Page): Promise<{ data: Set<string>; settled: () => Promise<unknown> }> {
  const data = new Set<string>();
  const reading: Promise<void>[] = [];
  await page.route(
    (url) => !url.pathname.startsWith('/app/assets/'),
    async (route) => {
      const answered = route.fetch().then(async (response) => {
        if ((response.headers()['content-type'] ?? '').includes('json')) strings(await response.json().catch(() => undefined), data);
        return response;
      });
      reading.push(answered.then(() => undefined).catch(() => undefined));
      const response = await answered.catch(() => undefined);
      if (response) await route.fulfill({ response }).catch(() => undefined);
      else await route.abort().catch(() => undefined);
    },
  );
  return { data, settled: () => Promise.all(reading) };
}

/** The page's visible text and the texts of its placeholders, labels and titles that hold Chinese. */
const chineseTexts = (page: Page) =>
  page.evaluate((pattern) => {
    const re = new RegExp(pattern);
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.parentElement?.closest('script,style,noscript')) out.push(node.textContent ?? '');
    }
    for (const el of document.querySelectorAll('[placeholder],[aria-label],[title],[alt]'))
      for (const name of ['placeholder', 'aria-label', 'title', 'alt']) out.push(el.getAttribute(name) ?? '');
    return out.filter((t) => re.test(t));
  }, CHINESE.source);

/** What is left of the page's Chinese once every data string is taken out. */
async function ownChinese(page: Page, { data, settled }: Awaited<ReturnType<typeof watchData>>): Promise<string[]> {
  await settled();
  const known = [...data].filter((s) => CHINESE.test(s)).sort((a, b) => b.length - a.length);
  // A long text cut short on screen (antd's ellipsis) is still the data's: the start of a data string.
  const cut = (text: string) => {
    const start = text.replace(/(…|\.\.\.)\s*$/, '').trim();
    return start.length >= 8 && known.some((s) => s.startsWith(start));
  };
  return (await chineseTexts(page))
    .map((text) => (cut(text) ? '' : known.reduce((rest, s) => rest.split(s).join(' '), text)))
    .filter((rest) => CHINESE.test(rest));
}

interface Screen {
  path: string;
  /** English the screen shows once drawn (so an empty page does not pass). */
  shows: string;
  /** A list: wait for its first row as well. */
  rows?: boolean;
}

/** Opens the screens in English as one user and collects the Chinese each shows of its own. */
async function crawl(open: () => Promise<Page>, screens: Screen[], name: string): Promise<Record<string, string[]>> {
  const page = await open();
  const data = await watchData(page);
  // The switch names the other language in that language: the one Chinese word an English screen has.
  data.data.add('中文');
  await page.evaluate(() => localStorage.setItem('zongzhi.locale', 'en-US'));
  const found: Record<string, string[]> = {};
  for (const screen of screens) {
    await page.goto(screen.path);
    await eventually(() => page.locator('body').textContent()).toContain(screen.shows);
    if (screen.rows) await eventually(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    // Lists fill in after their answers: wait until no spinner is left.
    await eventually(() => page.locator('.ant-spin-spinning, .ant-skeleton').count()).toBe(0);
    const left = await ownChinese(page, data);
    if (left.length > 0) found[screen.path] = left;
  }
  await screenshot(page, `english-${name}`);
  return found;
}

describe.runIf(run)('the app in English', BROWSER_TESTS, () => {
  const app = appBrowser();
  const ids: Record<'matter' | 'dispute' | 'document' | 'project', number> = { matter: 0, dispute: 0, document: 0, project: 0 };
  // What the screens show: a grid worker's report, a community's dispute, a street's notice and special project to the community.
  beforeAll(async () => {
    const units = await unitIds(await loginAdmin());
    const community = [units.get('/320111/S01/C001/')];
    const [grid, staff, street] = await Promise.all(
      ['grid-gridworker', 'community-staff', 'street-staff'].map((who) => login(`${who}@pukou.gov.cn`)),
    );
    const created = async (answer: Promise<{ status: number; body: any }>) => {
      const { status, body } = await answer;
      expect(status, JSON.stringify(body)).toBe(200);
      return body.data.id as number;
    };
    ids.matter = await created(
      grid!.post('/matters/report', { type: 'event_report', title: '路灯损坏', category: 1, description: '小区东门路灯损坏' }),
    );
    ids.dispute = await created(
      staff!.post('/items/disputes', {
        title: '楼上漏水纠纷',
        dispute_type: 'neighbourhood',
        risk_level: 'medium',
        parties: '张某、李某',
        description: '楼上卫生间漏水。',
        discovered_on: localDateOf(new Date()),
        method: 'people',
      }),
    );
    ids.document = await created(street!.post('/items/documents', { kind: 'notice', title: '冬季消防检查通知', body: '请开展检查。' }));
    expect((await street!.post(`/office/documents/${ids.document}/send`, { targets: { units: community } })).status).toBe(200);
    ids.project = await created(
      street!.post('/items/special_projects', { title: '平安小区创建专项', due_on: localDateOf(new Date(Date.now() + 7 * 86_400_000)) }),
    );
    expect((await street!.post(`/office/projects/${ids.project}/assign`, { targets: { units: community } })).status).toBe(200);
  });

  it('shows community staff no Chinese of its own on any of their screens', async () => {
    const screens: Screen[] = [
      { path: '/app/', shows: 'workbench' },
      { path: '/app/matters', shows: 'Handling unit' },
      { path: `/app/matters/${ids.matter}`, shows: 'Course' },
      { path: '/app/units', shows: 'Unit path' },
      { path: '/app/office/inbox', shows: 'documents received' },
      { path: '/app/office/projects', shows: 'Projects your unit submits to' },
      { path: `/app/data/disputes/show/${ids.dispute}`, shows: 'Course' },
      { path: '/app/data/people', shows: 'Name', rows: true },
    ];
    expect(await crawl(() => app.open(DESKTOP, 'community-staff@pukou.gov.cn'), screens, 'community-staff')).toEqual({});
  });

  it('shows a street office no Chinese of its own on what it sends and follows', async () => {
    const screens: Screen[] = [
      { path: '/app/office/sent', shows: 'documents sent' },
      { path: `/app/office/sent/${ids.document}`, shows: 'Signed late' },
      { path: '/app/office/projects', shows: 'Projects your unit leads' },
      { path: `/app/office/projects/${ids.project}`, shows: 'Submitted late' },
      // The district's month scored at start: the street reads its own scorecard.
      { path: '/app/assessment', shows: 'Assessment results' },
      { path: '/app/assessment/rubrics', shows: 'Assessment rubrics' },
      { path: '/app/dashboard', shows: 'analysis dashboard' },
      { path: '/app/warnings', shows: 'Warnings' },
      { path: '/app/map', shows: 'grid map' },
    ];
    expect(await crawl(() => app.open(DESKTOP, 'street-staff@pukou.gov.cn'), screens, 'street-staff')).toEqual({});
  });

  it('shows system administrators no Chinese of its own in the user administration and the audit log', async () => {
    expect(
      await crawl(
        () => app.open(DESKTOP, 'community-sysadmin@pukou.gov.cn'),
        [{ path: '/app/users', shows: 'New user' }],
        'community-sysadmin',
      ),
    ).toEqual({});
    expect(
      await crawl(
        () => app.open(DESKTOP, 'district-sysadmin@pukou.gov.cn'),
        [{ path: '/app/audit', shows: 'Audit log' }],
        'district-sysadmin',
      ),
    ).toEqual({});
  });

  it('shows a grid worker no Chinese of its own on the phone', async () => {
    const screens: Screen[] = [
      { path: '/app/', shows: 'Daily duties' },
      { path: '/app/report', shows: 'Report an event' },
      { path: '/app/todos', shows: 'To do (' },
      { path: '/app/me', shows: '中文' },
    ];
    expect(await crawl(() => app.open(PHONE, 'grid-gridworker@pukou.gov.cn'), screens, 'grid-worker-phone')).toEqual({});
  });

  it('finds the Chinese a screen would show of its own (the check can fail)', async () => {
    const page = await app.open(DESKTOP, 'community-staff@pukou.gov.cn');
    const data = await watchData(page);
    await page.goto('/app/units');
    await eventually(() => page.locator('body').textContent()).toContain('单位路径');
    await page.waitForLoadState('networkidle');
    expect((await ownChinese(page, data)).join(' ')).toContain('单位路径');
  });
});
