import { describe, expect, it } from 'vitest';
import { emptyReport, localMinute, reportBody, reportErrors } from './report-form.ts';

const now = new Date(2026, 10, 27, 9, 30);
const filled = { ...emptyReport(now), title: ' 路灯损坏 ', category: 3, description: '东门路灯不亮', latitude: '32.06', longitude: '' };
const gridWorker = {
  id: 'u',
  name: '王',
  email: 'g@x',
  role: null,
  unit: { id: 17, name: '第一网格', path: '/320111/S01/C001/G01/', level: 'grid', kind: 'grid', parent: 5 },
};

describe('the phone report form', () => {
  it('starts at the current minute, normal urgency', () => {
    expect(localMinute(now)).toBe('2026-11-27T09:30');
    expect(emptyReport(now)).toMatchObject({ occurred_at: '2026-11-27T09:30', urgency: 'normal', title: '' });
  });

  it('names every missing or wrong field in Chinese', () => {
    expect(reportErrors(emptyReport(now), now)).toEqual({ title: '请填写标题', category: '请选择事项分类', description: '请填写事件描述' });
    expect(
      reportErrors({ ...filled, title: '字'.repeat(201), latitude: '91', longitude: 'abc', occurred_at: '2026-11-28T09:30' }, now),
    ).toEqual({
      title: '标题不超过200字',
      latitude: '纬度应在 -90 到 90 之间',
      longitude: '经度应在 -180 到 180 之间',
      occurred_at: '发生时间不能晚于现在',
    });
    expect(reportErrors(filled, now)).toEqual({});
  });

  it('holds each text to the limit the server holds it to, so a report kept offline is not refused later', () => {
    // 涉及人员: 2,000 characters on the server (the form once allowed 5,000).
    const long = { ...filled, people_involved: '人'.repeat(2001), measures: '措'.repeat(5001), address: '址'.repeat(256) };
    expect(reportErrors(long, now)).toEqual({ people_involved: '不超过2000字', measures: '不超过5000字', address: '不超过255字' });
    expect(reportErrors({ ...long, people_involved: '人'.repeat(2000), measures: '', address: '' }, now)).toEqual({});
  });

  it('sends trimmed text, numbers or null, the grid of a grid worker', () => {
    expect(reportBody(filled, gridWorker)).toEqual({
      type: 'event_report',
      source: 'grid_worker',
      title: '路灯损坏',
      category: 3,
      urgency: 'normal',
      occurred_at: new Date(2026, 10, 27, 9, 30).toISOString(),
      address: null,
      latitude: 32.06,
      longitude: null,
      grid: 17,
      people_involved: null,
      description: '东门路灯不亮',
      measures: null,
    });
    expect(reportBody(filled, { ...gridWorker, unit: { ...gridWorker.unit, level: 'community' } }).grid).toBeNull();
  });
});
