// Debian's Chromium driven by playwright-core (no browser download: R20 and the
// registry-only rule). Installed with apt when missing, as CI runs as root.

import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { DEMO_PASSWORD, PROJECT_ROOT } from '../../directus.config.ts';
import { ensureFrontendBuilt } from '../../scripts/lib/frontend.ts';
import { aptInstall, hasChineseFont } from '../apt.ts';
import { baseUrl } from '../http.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve(PROJECT_ROOT, '.test-data/screenshots');
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** apt-get install chromium (and a Chinese font, for legible screenshots) when missing; needs root, as on CI. */
export function ensureChromium(): void {
  const missing = [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...(hasChineseFont() ? [] : ['fonts-wqy-microhei'])];
  aptInstall(missing, 'install Chromium (Debian: apt-get install chromium) or set CHROMIUM_PATH');
}

export async function launch(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/**
 * Options of every browser test file's outer describe. A browser test clicks through
 * several screens; on a busy two-core machine (CI, other suites beside it) one such
 * test once took longer than the integration tests' 60 s. A limit, not a measure:
 * speed is what bench:frontend measures.
 */
export const BROWSER_TESTS = { timeout: 180_000 };

/** Polls until the probe's value passes the assertion that follows (a page on a busy machine can take a while). */
export const eventually = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 30_000 });

/**
 * Clicks what sends a write, waits for the page's own answer to it (a busy machine can take
 * long, and a failure then says whether and how the server answered), then for the message the
 * page shows about it. `path`: a part of the request's URL. Returns the answer's status.
 */
export async function clickForMessage(page: Page, target: Locator, path: string, message: string): Promise<number> {
  const answered = page.waitForResponse((r) => r.request().method() !== 'GET' && r.url().includes(path), { timeout: 90_000 });
  await target.click();
  const status = await answered.then(
    (r) => r.status(),
    async (error: Error) => {
      // What the page showed instead (a dialog still open, a field's message): the failure says it.
      const shown = await page
        .locator('.ant-modal, .ant-message, .ant-form-item-explain')
        .allTextContents()
        .catch(() => []);
      await screenshot(page, `no-answer-${path.replace(/\W+/g, '-')}`).catch(() => undefined);
      throw new Error(
        `${error.message}; no ${path} request was answered; the page at ${page.url()} showed: ${shown.join(' | ') || '(nothing)'}`,
      );
    },
  );
  await eventually(() => page.locator('.ant-message-notice').filter({ hasText: message }).count()).toBeGreaterThan(0);
  return status;
}

export const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1440, height: 900 } };

export async function newContext(browser: Browser, baseURL: string, device: typeof PHONE | typeof DESKTOP): Promise<BrowserContext> {
  // Reduced motion turns antd's animations off (frontend/src/App.tsx): on a loaded machine a dialog
  // zooms in from the button that opened it for long, and a click into it can land beside its button
  // (twice a dialog stood open, its button clicked, and nothing was sent).
  const context = await browser.newContext({
    ...device,
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'allow',
    reducedMotion: 'reduce',
  });
  // A step that does not come says which one it was, well within the test's time.
  context.setDefaultTimeout(30_000);
  return context;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the login page. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/app/login');
  await page.getByLabel('账号（电子邮箱）').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
}

/**
 * A page of Studio (`/admin`) signed in as `email`, in a context of its own. Directus asks a fresh
 * project's administrator for the owner's e-mail (its licence); its "稍后提醒" is the cookie set here.
 */
export async function studioPage(browser: Browser, email: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, baseUrl(), DESKTOP);
  await context.addCookies([{ name: 'license-banner-dismissed', value: 'true', url: baseUrl() }]);
  const page = await context.newPage();
  await page.goto('/admin/login');
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('input[type="password"]').press('Enter');
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  return { context, page };
}

/**
 * One Chromium for the tests of the describe that calls it: the app built and the
 * browser launched before them; every page's context and the browser closed after.
 * `open` gives a page in a context of its own (its own session), signed in when an
 * email is given; errors thrown in the page are logged.
 */
export function appBrowser(): { open: (device: typeof PHONE | typeof DESKTOP, email?: string) => Promise<Page> } {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    await ensureFrontendBuilt();
    browser = await launch();
  }, 600_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
  });
  return {
    async open(device, email) {
      const context = await newContext(browser!, baseUrl(), device);
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      if (email) await signIn(page, email, DEMO_PASSWORD);
      return page;
    },
  };
}

/** Waits until the page has nothing loading (requests done, no spinner). */
export async function settle(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined);
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
}
