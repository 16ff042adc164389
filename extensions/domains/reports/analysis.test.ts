import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../assessment/period.ts';
import { type Analysis, ANALYSIS_FIGURES, type AnalysisFigure, analysisText, changeWords, figureWords } from './analysis.ts';
import { analysisDocx, analysisTitle } from './analysis-docx.ts';
import { docxText } from '../../../tests/docx.ts';

const KINDS: Record<string, AnalysisFigure['kind']> = {
  matters_signed_on_time: 'rate',
  matters_closed_on_time: 'rate',
  dispute_resolution: 'rate',
  receipts_on_time: 'rate',
  login_days_rate: 'rate',
  matters_handling_hours: 'duration',
};
const LABELS: Record<string, string> = {
  matters: '事项数（上报与交办）',
  matters_closed_on_time: '按期办结率（本期办结的事项中在办理时限内办结的比例）',
  disputes: '矛盾纠纷数（本期排查登记）',
};

/** A month with every figure at `value` and no change, but where `set` says otherwise. */
function analysis(set: Partial<Record<string, Partial<AnalysisFigure>>> = {}, more: Partial<Analysis> = {}): Analysis {
  return {
    unit: { id: 2, name: '江浦街道', level: 'street' },
    period: parsePeriod('2026-11')!,
    figures: ANALYSIS_FIGURES.map((key) => ({
      key,
      label: LABELS[key] ?? key,
      kind: KINDS[key] ?? 'count',
      value: KINDS[key] === 'rate' ? 90 : 0,
      before: KINDS[key] === 'rate' ? 90 : 0,
      yearEarlier: null,
      changeBefore: 0,
      changeYear: null,
      ...set[key],
    })),
    categories: [],
    disputeTypes: [],
    children: [],
    warnings: { raised: 0, open: 0, byKind: [], list: [] },
    at: new Date('2026-12-01T00:30:00Z'),
    ...more,
  };
}

describe('the analysis report’s words', () => {
  it('writes numbers and changes as an office does', () => {
    expect(figureWords({ key: 'matters', kind: 'count', value: 12 })).toBe('12件');
    expect(figureWords({ key: 'disputes', kind: 'count', value: 3 })).toBe('3起');
    expect(figureWords({ key: 'matters_closed_on_time', kind: 'rate', value: 87.5 })).toBe('87.5%');
    expect(figureWords({ key: 'matters_handling_hours', kind: 'duration', value: 36.2 })).toBe('36.2小时');
    expect(figureWords({ key: 'matters_closed_on_time', kind: 'rate', value: null })).toBe('无');
    expect(changeWords('count', 12.5, '环比')).toBe('环比上升12.5%');
    expect(changeWords('rate', -3, '同比')).toBe('同比下降3个百分点');
    expect(changeWords('count', 0, '环比')).toBe('环比持平');
    expect(changeWords('count', null, '环比')).toBe('');
  });

  it('states the month in four sections and judges a quiet month calm', () => {
    const text = analysisText(analysis({ matters: { value: 12, changeBefore: 0 } }));
    expect(text.split('\n\n').map((s) => s.split('\n')[0])).toEqual(['一、基本情况', '二、主要特点', '三、预警情况', '四、研判和建议']);
    expect(text).toContain('2026年11月，江浦街道事项数12件，环比持平');
    expect(text).toContain('本月各项数据平稳，无突出变化。');
    expect(text).toContain('本月未产生预警。');
    expect(text).toContain('本月辖区综治形势总体平稳');
  });

  it('names what stands out and advises on each thing found', () => {
    const text = analysisText(
      analysis(
        {
          matters: { value: 30, before: 20, changeBefore: 50, changeYear: 25, yearEarlier: 24 },
          matters_closed_on_time: { value: 70 },
          matters_overdue: { value: 2 },
          disputes: { value: 6, changeBefore: 100 },
        },
        {
          categories: [
            { name: '矛盾纠纷', count: 12 },
            { name: '安全隐患', count: 9 },
          ],
          disputeTypes: [{ name: '邻里纠纷', count: 4 }],
          children: [
            { name: '珠江社区', matters: 18, overdue: 2, disputes: 4, closedOnTime: 60 },
            { name: '求雨山社区', matters: 12, overdue: 0, disputes: 2, closedOnTime: 90 },
          ],
          warnings: {
            raised: 2,
            open: 1,
            byKind: [{ name: '阈值预警', count: 2 }],
            list: [{ title: '珠江社区按期办结率低于85%', kind: '阈值预警', level: '黄色（较重）', state: '待签收' }],
          },
        },
      ),
    );
    expect(text).toContain('事项数30件，环比上升50%，同比上升25%');
    expect(text).toContain('事项类别居前的是矛盾纠纷（12件）、安全隐患（9件）');
    expect(text).toContain('矛盾纠纷以邻里纠纷（4起）为主');
    expect(text).toContain('下级单位中珠江社区事项最多（18件）');
    expect(text).toContain('珠江社区（60%）按期办结率低于85%');
    expect(text).toContain('珠江社区2件事项超期未办结');
    expect(text).toContain('本月产生预警2条（阈值预警2条），截至月末尚未核销1条');
    for (const advice of [
      '事项数量环比明显上升',
      '矛盾纠纷环比上升',
      '按期办结率低于85%，要督促',
      '对超期未办结事项逐件督办',
      '对未核销的预警逐条落实',
    ])
      expect(text).toContain(advice);
  });
});

describe('the analysis report as a Word file', () => {
  it('opens as a .docx with its title, its sections, the figures table, a chart and the units below', async () => {
    const a = analysis(
      { matters: { value: 30, changeBefore: 50 } },
      {
        categories: [{ name: '矛盾纠纷', count: 12 }],
        children: [{ name: '珠江社区', matters: 18, overdue: 2, disputes: 4, closedOnTime: 60 }],
      },
    );
    const { files, document, words } = docxText(new Uint8Array(await analysisDocx(a, analysisText(a))));
    expect(analysisTitle(a)).toBe('江浦街道2026年11月综治形势分析研判报告');
    expect(words).toContain('江浦街道2026年11月综治形势分析研判报告');
    for (const head of ['一、基本情况', '二、主要特点', '三、预警情况', '四、研判和建议', '附表']) expect(words).toContain(head);
    expect(words).toContain('事项数（上报与交办）30件0件+50%');
    expect(words).toContain('珠江社区1860%24');
    expect(words).toContain('2026年12月1日');
    expect(document).toContain('<w:tblHeader');
    expect(Object.keys(files).filter((f) => /^word\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(1);
  });
});
