// 研判看板, the grid map and 预警 in a real browser (sqlite project): a street head
// lands on the dashboard, whose charts are drawn (the canvas holds pixels) and whose
// figures open the records behind them; the map draws the street's grids from their
// (demo) boundaries without fetching anything from outside, and lays a base map's
// tiles under them when one is set in Settings → Maps (a stand-in tile service,
// reached only through our server, following the zoom); a street office
// evaluates a rule of its own from the warnings screen, and the community warned
// acknowledges the warning there.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appBrowser, BROWSER_TESTS, clickForMessage, DESKTOP, eventually, screenshot } from '../browser/chromium.ts';
import { ensureLibreOffice } from '../apt.ts';
import { login, loginAdmin, type Session } from '../http.ts';
import { TILE_COLOUR, tileServer } from '../tile-server.ts';

const run = inject('database') === 'sqlite';
const STAMP = Date.now().toString(36).toUpperCase();

/** How many pixels of a chart's canvas are not blank. */
const drawn = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });

describe.runIf(run)('the dashboard and the warnings in a browser', BROWSER_TESTS, () => {
  const app = appBrowser();
  let street: Session;
  let rule = 0;

  beforeAll(async () => {
    ensureLibreOffice(); // for the bulletin as PDF; installed before any request (see reports.test.ts)
    const grid = await login('grid-gridworker@pukou.gov.cn');
    street = await login('street-staff@pukou.gov.cn');
    // Two reports of one category from the demo grid: the matters the dashboard counts and a cluster to warn of.
    for (const title of ['楼道堆物', '楼道堆物又现'])
      expect(
        (await grid.post('/matters/report', { type: 'event_report', title: `${title} ${STAMP}`, category: 1, description: '看板测试' }))
          .status,
      ).toBe(200);
    const made = await street.post('/items/warning_rules', {
      name: `看板测试聚集 ${STAMP}`,
      kind: 'cluster',
      level: 'red',
      applies_to: 'community',
      count: 2,
      hours: 1,
      category: 1,
      active: true,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    rule = made.body.data.id;
  });

  const drafts: number[] = [];

  afterAll(async () => {
    const admin = await loginAdmin();
    for (const id of drafts) {
      await admin.send('DELETE', '/items/document_recipients', JSON.stringify({ query: { filter: { document: { _eq: id } } } }));
      await admin.delete(`/items/documents/${id}`);
    }
    if (!rule) return;
    await street.patch(`/items/warning_rules/${rule}`, { active: false });
    await street.post('/warnings/evaluate', { rules: [rule] });
  });

  it('shows a street head the dashboard as home, with charts drawn and figures opening their records', async () => {
    const page = await app.open(DESKTOP, 'street-head@pukou.gov.cn');
    await eventually(() => page.locator('main').textContent()).toContain('研判看板');
    await eventually(() => page.getByTestId('figure-matters').textContent()).toMatch(/事项数\s*\d+/);
    await eventually(() => drawn(page, 'chart-trend')).toBeGreaterThan(500);
    await eventually(() => drawn(page, 'chart-units')).toBeGreaterThan(500);
    await eventually(() => drawn(page, 'chart-category')).toBeGreaterThan(500);
    await screenshot(page, 'dashboard-street-head');
    await page.getByTestId('figure-matters').click();
    await eventually(() => page.getByTestId('drill-record').count()).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Escape');
    await page.locator('.ant-drawer-mask').waitFor({ state: 'detached' });
    // The head of the office issues the bulletin: as Word or PDF, or as a draft notice to send.
    for (const [button, ending] of [
      ['bulletin-download', '.docx'],
      ['bulletin-pdf', '.pdf'],
    ] as const) {
      const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId(button).click()]);
      expect(file.suggestedFilename()).toMatch(new RegExp(`^\\d{4}-\\d{2}督查通报（江浦街道）\\${ending}$`));
    }
    // A month not begun: the refusal in a message, the dashboard still there.
    await page.getByTestId('bulletin-month').fill('2999-01');
    await page.getByTestId('bulletin-pdf').click();
    await eventually(() => page.locator('.ant-message').textContent()).toContain('该月份尚未开始');
    await eventually(() => page.locator('main').textContent()).toContain('研判看板');
  });

  it('lets a community office draft its month’s analysis report and send it up to its street', async () => {
    const page = await app.open(DESKTOP, 'community-staff@pukou.gov.cn');
    await page.goto('/app/office/sent');
    await page.getByTestId('analysis-month').fill('2018-04');
    await page.getByTestId('analysis-draft').click();
    await eventually(() => page.url()).toMatch(/\/data\/documents\/edit\/\d+$/);
    const id = Number(page.url().split('/').pop());
    drafts.push(id);
    const community = await login('community-staff@pukou.gov.cn');
    expect((await community.get(`/items/documents/${id}?fields=title,kind,status`)).body.data).toEqual({
      title: '求雨山社区2018年4月综治形势分析研判报告',
      kind: 'analysis',
      status: 'draft',
    });
    await page.goto('/app/office/sent');
    const row = page.getByTestId(`draft-${id}`);
    await row.getByTestId('send-document').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('targets-superior').check();
    await dialog.getByRole('button', { name: '确定' }).click();
    await eventually(() => page.getByTestId(`draft-${id}`).count()).toBe(0);
    const receipts = (await (await loginAdmin()).get(`/items/document_recipients?filter[document][_eq]=${id}&fields=unit.name,status`)).body
      .data;
    expect(receipts).toEqual([{ unit: { name: '江浦街道' }, status: 'unread' }]);
  });

  it('draws the street’s grids on the map from their boundaries, with no map fetched from outside', async () => {
    const page = await app.open(DESKTOP, 'street-head@pukou.gov.cn');
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(new URL(page.url()).origin)) outside.push(r.url());
    });
    await page.goto('/app/map');
    await eventually(() => drawn(page, 'grid-map')).toBeGreaterThan(5000);
    await screenshot(page, 'grid-map-street-head');
    expect(outside).toEqual([]);
  });

  it('lays the base map set in Settings → Maps under the grids, through our own server, and follows the zoom', async () => {
    const tiles = await tileServer();
    const admin = await loginAdmin();
    const before = (await admin.get('/settings?fields=basemaps')).body.data.basemaps;
    const url = `${tiles.origin}/tiles/{z}/{x}/{y}.png`;
    expect((await admin.patch('/settings', { basemaps: [{ name: '政务网底图', type: 'raster', url, tileSize: 256 }] })).status).toBe(200);
    try {
      const page = await app.open(DESKTOP, 'street-head@pukou.gov.cn');
      const outside: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(new URL(page.url()).origin)) outside.push(r.url());
      });
      await page.goto('/app/map');
      // The tile's colour shows between the grids (the boundaries and shading are drawn over it).
      const tileColoured = () =>
        page
          .getByTestId('grid-map')
          .locator('canvas')
          .first()
          .evaluate((canvas: HTMLCanvasElement, [r, g, b]) => {
            const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
            let n = 0;
            for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b) n++;
            return n;
          }, TILE_COLOUR);
      await eventually(tileColoured).toBeGreaterThan(10_000);
      await page.getByText('底图：政务网底图').waitFor();
      await screenshot(page, 'grid-map-base-map');
      const zoomOf = (path: string) => Number(path.split('/')[2]);
      const first = Math.max(...tiles.asked.map(zoomOf));
      expect(first).toBeGreaterThan(5);
      // Zooming in asks for the next level's tiles.
      const box = (await page.getByTestId('grid-map').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -300);
      await eventually(async () => Math.max(...tiles.asked.map(zoomOf))).toBeGreaterThan(first);
      expect(outside).toEqual([]);
    } finally {
      await admin.patch('/settings', { basemaps: before });
      await tiles.close();
    }
  });

  it('lets the street’s system administrator import grid boundaries from a GeoJSON file, saying what it left', async () => {
    const admin = await loginAdmin();
    const street = (await admin.get('/items/units?filter[name][_eq]=江浦街道&fields=path')).body.data[0].path as string;
    const grids = (
      await admin.get(`/items/units?filter[path][_starts_with]=${street}&filter[level][_eq]=grid&fields=id,name,boundary&sort=id&limit=2`)
    ).body.data as { id: number; name: string; boundary: unknown }[];
    expect(grids).toHaveLength(2);
    const square = (x: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, 32.2],
          [x + 0.004, 32.2],
          [x + 0.004, 32.204],
          [x, 32.2],
        ],
      ],
    });
    const file = {
      type: 'FeatureCollection',
      features: [
        ...grids.map((g, i) => ({ type: 'Feature', properties: { 名称: g.name }, geometry: square(118.6 + i / 100) })),
        { type: 'Feature', properties: { 名称: '不存在的网格' }, geometry: square(118.7) },
      ],
    };
    try {
      const page = await app.open(DESKTOP, 'street-sysadmin@pukou.gov.cn');
      await page.goto('/app/map');
      await eventually(() => page.getByTestId('boundary-import').isEnabled()).toBe(true);
      await page.getByTestId('boundary-import-file').setInputFiles({
        name: '江浦街道网格边界.geojson',
        mimeType: 'application/geo+json',
        buffer: Buffer.from(JSON.stringify(file)),
      });
      const summary = page.getByTestId('boundary-import-summary');
      await eventually(() => summary.textContent()).toContain(grids[1]!.name);
      expect(await page.locator('.ant-modal-confirm-title').textContent()).toBe('将更新 2 个单位的边界');
      expect(await summary.textContent()).toContain('不存在的网格（没有对应的单位）');
      expect(await clickForMessage(page, page.getByTestId('boundary-import-ok'), '/items/units', '已更新 2 个单位的边界')).toBe(200);
      const stored = (await admin.get(`/items/units?filter[id][_in]=${grids.map((g) => g.id).join(',')}&fields=boundary&sort=id`)).body
        .data;
      expect(stored.map((u: { boundary: unknown }) => u.boundary)).toEqual([square(118.6), square(118.61)]);
      // One unit's boundary from a file in its form: the Feature's geometry taken, saved as the server checks it.
      await page.goto(`/app/data/units/edit/${grids[0]!.id}`);
      await page.getByTestId('geojson-import-file').setInputFiles({
        name: '一个网格.geojson',
        mimeType: 'application/geo+json',
        buffer: Buffer.from(JSON.stringify({ type: 'Feature', properties: {}, geometry: square(118.65) })),
      });
      await eventually(() => page.locator('.ant-message').textContent()).toContain('已读入“一个网格.geojson”');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await eventually(async () => (await admin.get(`/items/units/${grids[0]!.id}?fields=boundary`)).body.data.boundary).toEqual(
        square(118.65),
      );
      // A street's staff (no right to change units) is not offered the import.
      const staff = await app.open(DESKTOP, 'street-staff@pukou.gov.cn');
      await staff.goto('/app/map');
      await eventually(() => drawn(staff, 'grid-map')).toBeGreaterThan(1000);
      expect(await staff.getByTestId('boundary-import').count()).toBe(0);
    } finally {
      for (const g of grids) await admin.patch(`/items/units/${g.id}`, { boundary: g.boundary });
    }
  });

  it('lets the street evaluate its rule and the community acknowledge the warning', async () => {
    const office = await app.open(DESKTOP, 'street-staff@pukou.gov.cn');
    await office.goto('/app/warnings');
    await office.getByTestId('evaluate').click();
    await eventually(() => office.locator('body').textContent()).toMatch(/已研判\d+条规则：新预警[1-9]\d*条/);
    await eventually(() => office.locator('main').textContent()).toContain(`看板测试聚集 ${STAMP}`);
    await screenshot(office, 'warnings-street');

    const community = await app.open(DESKTOP, 'community-staff@pukou.gov.cn');
    await community.goto('/app/warnings');
    const row = community.locator('tr', { hasText: `看板测试聚集 ${STAMP}` });
    await eventually(() => row.count()).toBe(1);
    await row.locator('[data-step="acknowledge"]').click();
    await community.getByTestId('step-form').waitFor();
    // What the step answered (签收成功, or the refusal in words) before the list is read again.
    expect(await clickForMessage(community, community.getByRole('button', { name: '确定' }), '/steps/acknowledge', '签收成功')).toBe(200);
    await eventually(() => row.textContent()).toContain('处置中');
  });
});
