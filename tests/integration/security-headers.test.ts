// The browser-facing headers (security issue, family 15): a strict content security
// policy (no eval, nothing from other hosts), no framing by others, no sniffing, no
// referrer to other sites, no product banner, no schema described to anyone; and
// Studio and the app both work under that policy in a real browser, with no
// violation reported.

import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { appBrowser, BROWSER_TESTS, DESKTOP, eventually, screenshot } from '../browser/chromium.ts';
import { baseUrl, loginAdmin } from '../http.ts';

const directives = (csp: string) =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );

describe('headers of every answer', () => {
  it.each([['/server/ping'], ['/admin/login'], ['/app/'], ['/items/units']])('%s', async (path) => {
    const res = await fetch(baseUrl() + path);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    const csp = directives(res.headers.get('content-security-policy') ?? '');
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    for (const [name, values] of csp) {
      expect(values, name).not.toContain("'unsafe-eval'");
      expect(
        values.filter((v) => v.startsWith('https:') || v.startsWith('wss:') || v.includes('github')),
        name,
      ).toEqual([]);
    }
  });

  it('describes the schema to no one through GraphQL introspection', async () => {
    const query = JSON.stringify({ query: '{ __schema { types { name } } }' });
    const anonymous = await fetch(`${baseUrl()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query });
    expect(JSON.stringify(await anonymous.json())).not.toContain('"types"');
    const admin = await loginAdmin();
    const asAdmin = await admin.send('POST', '/graphql', query);
    expect(asAdmin.body.data?.__schema).toBeUndefined();
    expect(asAdmin.body.errors?.length).toBeGreaterThan(0);
  });
});

/** Collects the policy violations a page reports, from the first script on. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  await page.exposeFunction('reportViolation', (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation: (t: string) => void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      ),
    );
  });
  return seen;
}

/** Signs the Directus administrator in to Studio. */
async function signInStudio(page: Page) {
  const { adminEmail, adminPassword } = inject('directus');
  await page.goto('/admin/login');
  await page.locator('input[type="email"]').fill(adminEmail);
  await page.locator('input[type="password"]').fill(adminPassword);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 60_000 });
}

describe.runIf(inject('database') === 'sqlite')('Studio and the app under the policy', BROWSER_TESTS, () => {
  const { open } = appBrowser();

  it('Studio signs the administrator in and opens the content module with no violation', async () => {
    const page = await open(DESKTOP);
    const violations = await watchViolations(page);
    await signInStudio(page);
    await page.goto('/admin/content/units');
    await eventually(() => page.locator('.v-table, table').count()).toBeGreaterThan(0);
    await screenshot(page, 'studio-under-csp');

    // Studio's libraries probe whether eval works (zod's Function(''), core-js's Function('return this'))
    // and fall back when it does not: those probes are the only reports, nothing else is blocked.
    expect(violations.filter((v) => !v.startsWith('script-src eval ') || !v.includes('/admin/assets/'))).toEqual([]);
  });

  it('Studio shows a unit’s boundary on a map to draw on; its OpenStreetMap default is blocked, nothing else', async () => {
    const page = await open(DESKTOP);
    const violations = await watchViolations(page);
    await signInStudio(page);
    const admin = await loginAdmin();
    const grid = (await admin.get('/items/units?filter[level][_eq]=grid&filter[boundary][_nnull]=true&fields=id&limit=1')).body.data[0].id;
    await page.goto(`/admin/content/units/${grid}`);
    await page.locator('.maplibregl-canvas').first().waitFor({ timeout: 60_000 });
    await page.locator('.mapbox-gl-draw_polygon').first().waitFor();
    await screenshot(page, 'studio-unit-boundary');
    // No AI assistant (it would send what it is given to a model provider on the internet).
    expect(await page.getByText('AI助手').count()).toBe(0);
    expect((await admin.get('/server/info')).body.data).toMatchObject({ ai_enabled: false, mcp_enabled: false });
    // Directus always offers OpenStreetMap first (and its label fonts): on a closed network the policy keeps them
    // from being asked at all. The blank base map in Settings → Maps is served by the system itself.
    const internet = /https:\/\/([a-c]\.tile\.openstreetmap\.org|fonts\.openmaptiles\.org)\//;
    expect(violations.filter((v) => !internet.test(v) && !(v.startsWith('script-src eval ') && v.includes('/admin/assets/')))).toEqual([]);
    expect((await admin.get('/settings?fields=basemaps')).body.data.basemaps).toContainEqual({
      name: '空白底图（不连接互联网）',
      type: 'style',
      url: '/app/blank-map-style.json',
    });
    // Studio's settings in Chinese; its 反馈Bug and 功能建议 links lead to the system's own help, not to Directus's sites.
    await page.goto('/admin/settings/project');
    const bug = page.locator('a', { hasText: '反馈Bug' });
    await bug.waitFor();
    expect(await bug.getAttribute('href')).toBe('/app/help');
    expect(await page.locator('a', { hasText: '功能建议' }).getAttribute('href')).toBe('/app/help');
  });

  it('the app signs a user in and opens the workbench and a list with no violation', async () => {
    const page = await open(DESKTOP);
    const violations = await watchViolations(page);
    await page.goto('/app/login');
    await page.getByLabel('账号（电子邮箱）').fill('community-staff@pukou.gov.cn');
    await page.getByLabel('密码').fill('Pukou@2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/login'));
    await page.goto('/app/data/activity_records');
    await eventually(() => page.locator('.ant-table-tbody tr').count()).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });
});
