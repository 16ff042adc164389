// Hook: a warning rule is saved only when it can be evaluated (rules.ts ruleProblems:
// the parameters of its kind, a figure that exists and fits), checked together with
// the stored row a change leaves as it is. A rule that has raised warnings is kept
// (they name it): the integrity hook refuses deleting what is referred to, with the
// advice schema/collections/warnings.ts gives (switch it off instead).

import { InvalidPayloadError } from '@directus/errors';
import type { HookConfig } from '@directus/extensions';
import { ruleProblems } from '../../domains/warnings/rules.ts';
import { ruleOf } from '../../domains/warnings/service.ts';

const refuse = (reason: string) => new InvalidPayloadError({ reason });
const payload = (input: unknown) =>
  typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : null;

function check(row: Record<string, unknown>): void {
  const problems = ruleProblems(row);
  if (problems.length) throw refuse(problems.join('；'));
}

const hook: HookConfig = ({ filter }) => {
  filter('warning_rules.items.create', async (input) => {
    const row = payload(input);
    if (row) check(row);
    return input;
  });
  filter('warning_rules.items.update', async (input, { keys }, { database }) => {
    const change = payload(input);
    if (!change) return input;
    const stored = (await database('warning_rules')
      .whereIn('id', keys as number[])
      .select('*')) as Record<string, unknown>[];
    for (const row of stored) check({ ...ruleOf(row), ...change });
    return input;
  });
};

export default hook;
