import { describe, expect, it } from 'vitest';
import { RULES } from '../extensions/domains/matters/transitions.ts';
import { makeCalendar } from '../extensions/kernel/working-days.ts';
import { lightOf } from '../frontend/src/matters/lights.ts';
import { CALENDAR_2026 } from './calendar-2026.ts';
import { demoCommunities, shiftFor, storiesFor, STORIES } from './matters-demo.ts';
import { flattenUnits, PUKOU } from './pukou.ts';

describe('the demo matters', () => {
  it('take only steps of the transition table', () => {
    for (const story of STORIES) for (const step of story.steps) expect(RULES[step.action], step.action).toBeDefined();
  });

  it('play every story in some community of the demo district, and each community several', () => {
    const ids = new Map(flattenUnits(PUKOU).map((u, i) => [u.path, i + 1]));
    const communities = demoCommunities(ids);
    expect(communities.length).toBe(flattenUnits(PUKOU).filter((u) => u.level === 'community').length);
    const played = new Set(communities.flatMap((_, i) => storiesFor(i)));
    expect(played.size).toBe(STORIES.length);
    for (const [i] of communities.entries()) expect(new Set(storiesFor(i)).size).toBe(5);
    // Accounts exist for every actor, and differ between communities.
    expect(new Set(communities.map((c) => c.accounts.grid)).size).toBe(communities.length);
  });

  it('finds how far to set the clocks back for each of the four lights', () => {
    const calendar = makeCalendar(CALENDAR_2026);
    const now = new Date('2026-12-09T03:00:00Z'); // a Wednesday, 11:00 in China
    const raised = new Date('2026-12-09T01:00:00Z');
    const matter = {
      id: 1,
      type: 'event_report' as const,
      urgency: 'normal' as const,
      status: 'handling' as const,
      date_created: raised.toISOString(),
      sign_due_at: '2026-12-10T01:00:00Z',
      due_at: '2026-12-16T01:00:00Z',
      paused_at: null,
      steps: [{ id: 1, action: 'report', date_created: raised.toISOString() }],
    };
    const units = { sign: 'working_days', complete: 'working_days' } as const;
    for (const light of ['green', 'yellow', 'red', 'overdue'] as const) {
      const found = shiftFor(matter, light, units, calendar, now);
      expect(found, light).not.toBeNull();
      const back = (iso: string) => new Date(Date.parse(iso) - found!.by).toISOString();
      expect(
        lightOf({ ...matter, due_at: back(matter.due_at), sign_due_at: back(matter.sign_due_at), yellow_at: found!.yellow_at }, now),
      ).toBe(light);
    }
    expect(shiftFor({ ...matter, due_at: null, sign_due_at: null }, 'red', units, calendar, now)).toBeNull();
  });
});
