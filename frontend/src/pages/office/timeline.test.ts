import { describe, expect, it } from 'vitest';
import { disputeTimeline } from './timeline.ts';

const intake = {
  dispute_type: 'neighbourhood',
  scale: 'individual',
  risk_level: 'medium',
  parties: '张某、李某',
  discovered_on: '2026-11-02',
  mediation_due_at: '2026-11-11T00:00:00.000Z',
};
const at = (iso: string) => new Date(iso);

describe('a dispute’s timeline', () => {
  it('starts with the intake and shows mediation under way before its deadline', () => {
    const steps = disputeTimeline(
      { ...intake, status: 'mediating', method: 'people', mediators: '社区人民调解委员会' },
      at('2026-11-05T00:00:00Z'),
    );
    expect(steps.map((s) => [s.key, s.state])).toEqual([
      ['intake', 'done'],
      ['mediation', 'open'],
      ['outcome', 'waiting'],
    ]);
    expect(steps[0]!.lines).toEqual(['类型：邻里纠纷', '规模：个体', '风险等级：中', '当事人：张某、李某']);
    expect(steps[1]!.lines).toEqual(['调解时限：2026-11-11 08:00', '调解方式：人民调解', '调解人员：社区人民调解委员会']);
  });

  it('marks mediation overdue past the deadline, and a late resolution as late', () => {
    expect(disputeTimeline({ ...intake, status: 'mediating' }, at('2026-11-12T00:00:00Z'))[1]!.state).toBe('overdue');
    const late = disputeTimeline(
      { ...intake, status: 'resolved', agreement: true, outcome: '赔偿维修费', resolved_at: '2026-11-12T02:00:00Z' },
      at('2026-11-20T00:00:00Z'),
    );
    expect(late.map((s) => [s.key, s.state])).toEqual([
      ['intake', 'done'],
      ['mediation', 'done'],
      ['outcome', 'overdue'],
    ]);
    expect(late[2]).toMatchObject({ title: '已化解', lines: ['达成调解协议', '结果：赔偿维修费', '超过调解时限化解'] });
  });

  it('puts supervision before an outcome still awaited, after one already recorded, and ends with the follow-up', () => {
    const supervised = {
      ...intake,
      supervised_by: { name: '江浦街道' },
      supervised_at: '2026-11-06T01:00:00Z',
      supervision_opinion: '请加快调解',
    };
    expect(disputeTimeline({ ...supervised, status: 'mediating' }, at('2026-11-07T00:00:00Z')).map((s) => s.key)).toEqual([
      'intake',
      'mediation',
      'supervision',
      'outcome',
    ]);
    const after = disputeTimeline(
      { ...supervised, status: 'resolved', resolved_at: '2026-11-05T00:00:00Z', follow_up: '回访双方，无反复' },
      at('2026-11-20T00:00:00Z'),
    );
    expect(after.map((s) => s.key)).toEqual(['intake', 'mediation', 'outcome', 'supervision', 'follow_up']);
    expect(after[3]!.lines).toEqual(['督办单位：江浦街道', '督办意见：请加快调解']);
    // Seen from below, the supervising unit is not readable: only its id comes.
    expect(disputeTimeline({ ...supervised, supervised_by: 12, status: 'mediating' }, at('2026-11-07T00:00:00Z'))[2]!.lines[0]).toBe(
      '督办单位：上级综治办',
    );
  });
});
