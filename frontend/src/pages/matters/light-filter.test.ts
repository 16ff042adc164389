import { describe, expect, it } from 'vitest';
import { toDirectusFilter } from '../../providers/filters.ts';
import { matches } from '../../schema/rules.ts';
import { lightOf, type Light } from '../../matters/lights.ts';
import { idsWithLight, lightFilter } from './light-filter.ts';

const NOW = new Date('2026-11-27T06:00:00.000Z');
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000).toISOString();

// Matters of every kind, with the light lights.ts gives them.
const MATTERS = [
  { id: 1, status: 'handling', date_created: hours(-10), due_at: hours(-1) }, // red
  { id: 2, status: 'pending_sign', date_created: hours(-10), sign_due_at: hours(-2), due_at: hours(100) }, // red: the sign-for deadline runs
  { id: 3, status: 'pending_acceptance', date_created: hours(-10), sign_due_at: null, due_at: hours(-1) }, // red: falls back to due_at
  { id: 4, status: 'handling', date_created: hours(-90), due_at: hours(10) }, // yellow: 90 % used
  { id: 5, status: 'handling', date_created: hours(-10), due_at: hours(90) }, // green
  { id: 6, status: 'pending_sign', date_created: hours(-1), sign_due_at: hours(1), due_at: hours(-5) }, // green: sign-for deadline runs
  { id: 7, status: 'closed', date_created: hours(-10), due_at: hours(-1) }, // none
  { id: 8, status: 'handling', date_created: hours(-10), sign_due_at: null, due_at: null }, // none
];

/** The Directus filter evaluated the way the server does, on these rows. */
const serverPicks = (light: Light) => MATTERS.filter((m) => matches(toDirectusFilter(lightFilter(light, NOW)), m)).map((m) => m.id);

describe('the light as a list filter', () => {
  it('agrees with lights.ts on every example', () => {
    expect(MATTERS.map((m) => lightOf(m, NOW))).toEqual(['red', 'red', 'red', 'yellow', 'green', 'green', 'none', 'none']);
  });

  it('finds red and none exactly on the server', () => {
    expect(serverPicks('red')).toEqual([1, 2, 3]);
    expect(serverPicks('none')).toEqual([7, 8]);
  });

  it('narrows yellow and green to open matters within their deadline, then tells them apart in the browser', () => {
    expect(serverPicks('yellow')).toEqual([4, 5, 6]);
    expect(serverPicks('green')).toEqual([4, 5, 6]);
    const candidates = MATTERS.filter((m) => serverPicks('yellow').includes(m.id));
    expect(idsWithLight(candidates, 'yellow', NOW)).toEqual([4]);
    expect(idsWithLight(candidates, 'green', NOW)).toEqual([5, 6]);
  });
});
