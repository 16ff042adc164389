import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../assessment/period.ts';
import { bulletinDocx } from './bulletin-docx.ts';
import { BULLETIN_ITEMS, type Bulletin, type BulletinUnit } from './bulletin.ts';
import { docxText } from '../../../tests/docx.ts';

/** A unit with every measure of every item at `cell`, and a shortfall where `short` names the measure. */
function unit(id: number, name: string, short: Record<string, string> = {}): BulletinUnit {
  return {
    id,
    name,
    items: Object.fromEntries(
      BULLETIN_ITEMS.map((item) => [
        item.key,
        Object.fromEntries(item.measures.map((m) => [m.key, { cell: `${id}-${m.key}`, short: short[m.key] ?? null }])),
      ]),
    ),
    assessment: null,
  };
}

describe('the supervision bulletin as a Word file', () => {
  it('opens as a .docx with each unit, each of the eight items, the figures, a chart and page numbers', async () => {
    const b: Bulletin = {
      issuer: { id: 1, name: '浦口区', level: 'district' },
      period: parsePeriod('2026-11')!,
      at: new Date('2026-12-01T02:00:00Z'),
      units: [
        {
          ...unit(2, '江浦街道', { daily: '每日必办未完成3项', logins: '终端工作日登录率80%' }),
          assessment: { total: 92.5, deductions: [{ code: '7.4', name: '手机终端登录', deducted: 1.5, reason: null }] },
        },
        unit(3, '泰山街道'),
      ],
    };
    const { files, document, words } = docxText(new Uint8Array(await bulletinDocx(b)));
    expect(words).toContain('关于2026年11月全区综治信息系统运行情况的督查通报');
    for (const item of BULLETIN_ITEMS) expect(words).toContain(item.title);
    for (const name of ['江浦街道', '泰山街道']) expect(words).toContain(name);
    expect(words).toContain('2-daily');
    expect(words).toContain('3-agreements');
    expect(words).toContain('存在问题：江浦街道每日必办未完成3项');
    expect(words).toContain('江浦街道终端工作日登录率80%');
    expect(words).toContain('7.4 手机终端登录（扣1.5分）');
    expect(words).toContain('1个街道存在问题，共2项');
    expect(words).toContain('2026年12月1日');
    // Header rows repeat on every page; the body is 仿宋 三号.
    expect(document).toContain('<w:tblHeader');
    expect(document).toMatch(/仿宋_GB2312/);
    // Word's own charts: the problems per street and the scores.
    const charts = Object.keys(files).filter((f) => /^word\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(2);
    expect(strFromU8(files[charts[0]!]!)).toContain('江浦街道');
    const footer = Object.keys(files).find((f) => /^word\/footer\d*\.xml$/.test(f));
    expect(strFromU8(files[footer!]!)).toMatch(/PAGE/);
  });

  it('says every unit met the requirements where none fell short, and leaves out the assessment without a run', async () => {
    const { words } = docxText(
      new Uint8Array(
        await bulletinDocx({
          issuer: { id: 2, name: '江浦街道', level: 'street' },
          period: parsePeriod('2026-11')!,
          at: new Date(),
          units: [unit(9, '珠江社区')],
        }),
      ),
    );
    expect(words).toContain('关于2026年11月江浦街道综治信息系统运行情况的督查通报');
    expect(words).toContain('各社区均达到要求。');
    expect(words).not.toContain('考评扣分情况');
    expect(words).toContain('三、工作要求');
  });
});
