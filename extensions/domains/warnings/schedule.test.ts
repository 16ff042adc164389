import { describe, expect, it } from 'vitest';
import { warningEvaluations } from './schedule.ts';

const dueAt = async (minutes: number, now: Date) => {
  const pages = [];
  for await (const page of warningEvaluations(minutes).due(null as never, now, now)) pages.push(...page);
  return pages;
};

describe('warnings on the reminder engine', () => {
  it('is due once per slot of the interval, at the slot’s start, keyed by it', async () => {
    const now = new Date('2026-12-03T08:07:30Z');
    const [due] = await dueAt(5, now);
    expect(due).toMatchObject({ at: new Date('2026-12-03T08:05:00Z') });
    // Within the same five minutes the same key (queued once); the next slot a new one.
    expect((await dueAt(5, new Date('2026-12-03T08:09:59Z')))[0]!.key).toBe(due!.key);
    expect((await dueAt(5, new Date('2026-12-03T08:10:00Z')))[0]!.key).not.toBe(due!.key);
  });

  it('is switched off by an interval of 0', async () => {
    expect(await dueAt(0, new Date())).toEqual([]);
  });
});
