// The shipped flows as data: stable and distinct ids, chains that lead somewhere, and
// options our own operations accept as they stand (with {{ }} filled as a run fills them).

import { describe, expect, it } from 'vitest';
import { parseDeadline, parseNotify } from '../extensions/flow-operations/src/options.ts';
import { FLOWS, flowId, flowRows, operationId } from './index.ts';

describe('shipped flows', () => {
  it('have stable ids, distinct across flows and operations', () => {
    expect(flowId('major-dispute')).toBe(flowId('major-dispute'));
    const all = FLOWS.flatMap((f) => [flowId(f.key), ...f.operations.map((o) => operationId(f.key, o.key))]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('start at their first operation and link only to operations of their own', () => {
    for (const spec of FLOWS) {
      const { flow, operations } = flowRows(spec);
      expect(flow.operation).toBe(operations[0]!.id);
      const ids = new Set(operations.map((o) => o.id));
      for (const o of operations) if (o.resolve) expect(ids.has(o.resolve)).toBe(true);
      // Every operation is reached from the first.
      const reached = new Set<string>();
      for (let id: string | null = flow.operation; id; id = operations.find((o) => o.id === id)!.resolve) reached.add(id);
      expect(reached.size).toBe(operations.length);
    }
  });

  it('give our operations options they accept once a run has filled in the trigger', () => {
    const trigger = { collection: 'disputes', key: 7, keys: [7], payload: { unit: 3 } };
    const fill = (value: unknown): unknown =>
      value === '{{$trigger}}'
        ? trigger
        : value === '{{groups}}'
          ? [{ unit: 3 }]
          : typeof value === 'string'
            ? value.replace(/\{\{[^}]+\}\}/g, '7')
            : value;
    for (const spec of FLOWS)
      for (const o of spec.operations) {
        const options = Object.fromEntries(Object.entries(o.options).map(([k, v]) => [k, fill(v)]));
        if (o.type === 'notify-unit') expect(parseNotify(options).ok, `${spec.key}.${o.key}`).toBe(true);
        if (o.type === 'workday-deadline') expect(parseDeadline(options).ok, `${spec.key}.${o.key}`).toBe(true);
      }
  });

  it('tell the people the issue names', () => {
    const tell = (key: string) => FLOWS.find((f) => f.key === key)!.operations.find((o) => o.type === 'notify-unit')!.options;
    expect(tell('major-dispute')).toMatchObject({ level: 'street', jobs: ['leader'] });
    expect(tell('terminal-loss')).toMatchObject({ level: 'district', jobs: ['sysadmin'] });
    expect(tell('key-person-visit')).toMatchObject({ unit: '{{groups}}' });
  });
});
