// The manuals' pictures (docs/manual), taken in a real browser from the demo district:
// each demo account opens the screens its manual shows, on its device, and each picture
// is checked to show the screen (its text there, no error, not a blank page). The suite
// writes them under .test-data/manual; `npm run manual` (MANUAL_IMAGES=docs/manual/images)
// writes the manual's own, on a server holding only the demo data. The 帮助 screen opens
// the manual of the user's role with its pictures.

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../directus.config.ts';
import { appBrowser, BROWSER_TESTS, DESKTOP, eventually, PHONE, settle } from '../browser/chromium.ts';
import { MANUAL_SHOTS, type ManualShot } from '../browser/manual-shots.ts';

const run = inject('database') === 'sqlite';
const OUT = resolve(PROJECT_ROOT, process.env.MANUAL_IMAGES ?? '.test-data/manual');
const ERRORS =
  '.ant-notification-notice:has(.ant-notification-notice-icon-error), .ant-alert-error, .ant-result-error, .ant-result-403, .ant-result-404, .ant-result-500';

/** The shots of one account on one device, in the order of the list. */
const groups = [...new Set(MANUAL_SHOTS.map((s) => `${s.account}:${s.device}`))].map((key) => ({
  key,
  shots: MANUAL_SHOTS.filter((s) => `${s.account}:${s.device}` === key),
}));

async function take(page: Page, shot: ManualShot) {
  await page.goto(shot.path);
  if (shot.follow) {
    // A row drawn before the list's answer came is replaced: clicked again until the page is the record's.
    const target = page.locator(shot.follow).first();
    await eventually(async () => {
      await target.click({ timeout: 5_000 }).catch(() => undefined);
      return new URL(page.url()).pathname;
    }).not.toBe(shot.path);
  }
  // The screen's own text, in its content (on a desktop the menu beside it names every screen).
  const content = page.locator(shot.device === 'desktop' ? '.ant-layout-content' : 'body');
  await eventually(() => content.innerText()).toContain(shot.shows);
  await settle(page);
  expect(await page.locator(ERRORS).allTextContents(), `${shot.image}: no error shown`).toEqual([]);
  // Charts draw themselves in for about a second.
  await page.waitForTimeout(1500);
  const picture = await page.screenshot({ path: resolve(OUT, shot.image), type: 'jpeg', quality: 70 });
  // Not blank: the picture has tones and detail, not one colour.
  const stats = await sharp(picture).stats();
  expect(stats.entropy, `${shot.image}: not blank`).toBeGreaterThan(1);
  expect(Math.max(...stats.channels.map((c) => c.stdev)), `${shot.image}: not one colour`).toBeGreaterThan(10);
}

describe.runIf(run)('the manuals per role', () => {
  const app = appBrowser();
  mkdirSync(OUT, { recursive: true });

  it.each(groups)(
    'pictures of $key',
    async ({ shots }) => {
      const first = shots[0]!;
      const page = await app.open(first.device === 'phone' ? PHONE : DESKTOP, `${first.account}@pukou.gov.cn`);
      for (const shot of shots) await take(page, shot);
    },
    300_000,
  );

  it(
    'open under 帮助 at the manual of the user’s work, with its pictures, and lead to the others',
    async () => {
      const page = await app.open(DESKTOP, 'street-staff@pukou.gov.cn');
      await page.getByTestId('help-link').click();
      const manual = page.getByTestId('manual');
      await eventually(() => manual.locator('h1').textContent()).toBe('街道综治办手册');
      const picture = manual.locator('img').first();
      await eventually(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
      await page.getByTestId('manual-list').getByText('网格员').click();
      await eventually(() => manual.locator('h1').textContent()).toBe('网格员手册');
      await page.getByTestId('manual-list').getByText('区综治办').click();
      await manual.getByRole('link', { name: '街道综治办手册' }).click();
      await eventually(() => manual.locator('h1').textContent()).toBe('街道综治办手册');
      expect(new URL(page.url()).pathname).toBe('/app/help/street');
    },
    BROWSER_TESTS.timeout,
  );
});
