import { describe, expect, it } from 'vitest';
import { dataProblems, resubmitProblem, reviewProblem, type SubmissionRow } from './submissions.ts';

const submission = (over: Partial<SubmissionRow> = {}): SubmissionRow => ({
  id: 1,
  unit: 30,
  submitter: 'u-grid',
  state: 'submitted',
  ...over,
});

describe('信息采集', () => {
  it('takes an object of fields, never the server’s own', () => {
    expect(dataProblems({ name: '张三' })).toEqual([]);
    expect(dataProblems(null)).toEqual(['请提交采集内容（字段和值）']);
    expect(dataProblems(['x'])).toEqual(['请提交采集内容（字段和值）']);
    expect(dataProblems({})).toEqual(['采集内容为空']);
    expect(dataProblems({ name: 'x', unit_path: '/', id_number_masked: 'x' })).toEqual([
      '采集内容不能包含由系统生成的字段：unit_path、id_number_masked',
    ]);
  });

  it.each([
    [submission(), { user: 'u-c', unit: 20, job: 'staff' }, 20, null],
    [submission(), { user: 'u-c', unit: 20, job: 'social_worker' }, 20, null],
    [submission(), { user: 'u-l', unit: 20, job: 'leader' }, 20, '由上一级（社区）审核'],
    [submission(), { user: 'u-s', unit: 10, job: 'staff' }, 20, '由上一级（社区）审核'],
    [submission(), { user: 'u-grid', unit: 20, job: 'staff' }, 20, '不能审核本人'],
    [submission({ state: 'approved' }), { user: 'u-c', unit: 20, job: 'staff' }, 20, '已审核或已退回'],
  ])('review of %j by %j: %s', (row, who, parent, problem) => {
    const answer = reviewProblem(row, who, parent);
    if (problem === null) expect(answer).toBeNull();
    else expect(answer).toContain(problem);
  });

  it('is submitted again only by its submitter after a return', () => {
    expect(resubmitProblem(submission({ state: 'returned' }), 'u-grid')).toBeNull();
    expect(resubmitProblem(submission({ state: 'returned' }), 'u-other')).toContain('只有采集人本人');
    expect(resubmitProblem(submission(), 'u-grid')).toContain('只有被退回的');
  });
});
