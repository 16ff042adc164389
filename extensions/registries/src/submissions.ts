// The rules of 信息采集: what a grid worker may submit, who reviews (the unit
// directly above the submitting unit), and who may submit again after a return.

import { DERIVED_PERSON_FIELDS } from '../../../schema/collections/people.ts';

export interface SubmissionRow {
  id: number;
  unit: number;
  submitter: string;
  state: string;
}

export interface Reviewer {
  user: string;
  unit: number;
  job: string | null;
}

/** Fields a submission may not set: the server's and the jurisdiction's. */
const FORBIDDEN = new Set(['id', 'unit', 'unit_path', 'user_created', 'date_created', 'date_updated', ...DERIVED_PERSON_FIELDS]);

/** Problems with submitted data, before it is looked at as a record. */
export function dataProblems(data: unknown): string[] {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return ['请提交采集内容（字段和值）'];
  const keys = Object.keys(data);
  if (!keys.length) return ['采集内容为空'];
  if (keys.length > 100) return ['采集内容字段过多'];
  const forbidden = keys.filter((k) => FORBIDDEN.has(k));
  return forbidden.length ? [`采集内容不能包含由系统生成的字段：${forbidden.join('、')}`] : [];
}

/** Why `who` may not review, or null; `parentOfSubmitting` is the parent unit of the submitting unit. */
export function reviewProblem(submission: SubmissionRow, who: Reviewer, parentOfSubmitting: number | null): string | null {
  if (submission.state !== 'submitted') return '该采集信息已审核或已退回，不能再次审核';
  if (who.user === submission.submitter) return '不能审核本人提交的采集信息';
  if (who.job === 'leader' || who.job === 'grid_worker' || who.unit !== parentOfSubmitting) return '采集信息由上一级（社区）审核';
  return null;
}

export function resubmitProblem(submission: SubmissionRow, who: string): string | null {
  if (who !== submission.submitter) return '只有采集人本人可以重新提交';
  if (submission.state !== 'returned') return '只有被退回的采集信息可以重新提交';
  return null;
}
