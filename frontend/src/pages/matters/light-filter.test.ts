import { describe, expect, it } from 'vitest';
import { toDirectusFilter } from '../../providers/filters.ts';
import { matches } from '../../schema/rules.ts';
import { lightOf, type Light } from '../../matters/lights.ts';
import { lightFilter } from './light-filter.ts';

const NOW = new Date('2026-11-27T06:00:00.000Z');
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000).toISOString();

// Matters of every kind, as the server stores them (yellow_at from extensions/domains/matters/lights.ts).
const MATTERS = [
  { id: 1, status: 'handling', date_created: hours(-10), due_at: hours(-1), yellow_at: hours(-3), paused_at: null }, // red
  {
    id: 2,
    status: 'pending_sign',
    date_created: hours(-10),
    sign_due_at: hours(-2),
    due_at: hours(100),
    yellow_at: hours(-4),
    paused_at: null,
  }, // red: the sign-for deadline runs
  {
    id: 3,
    status: 'pending_acceptance',
    date_created: hours(-10),
    sign_due_at: null,
    due_at: hours(-1),
    yellow_at: hours(-3),
    paused_at: null,
  }, // red: falls back to due_at
  { id: 4, status: 'handling', date_created: hours(-90), due_at: hours(10), yellow_at: hours(-15), paused_at: null }, // yellow
  { id: 5, status: 'handling', date_created: hours(-10), due_at: hours(90), yellow_at: hours(65), paused_at: null }, // green
  {
    id: 6,
    status: 'pending_sign',
    date_created: hours(-1),
    sign_due_at: hours(1),
    due_at: hours(-5),
    yellow_at: hours(0.5),
    paused_at: null,
  }, // green: sign-for deadline runs
  { id: 7, status: 'closed', date_created: hours(-10), due_at: hours(-1), yellow_at: null, paused_at: null }, // none
  { id: 8, status: 'handling', date_created: hours(-10), sign_due_at: hours(5), due_at: null, yellow_at: null, paused_at: null }, // none: no running deadline
  { id: 9, status: 'handling', date_created: hours(-90), due_at: hours(-1), yellow_at: null, paused_at: hours(-50) }, // none: paused, its old deadline passed
  { id: 10, status: 'replied', date_created: hours(-40), due_at: hours(20), yellow_at: hours(0), paused_at: null }, // yellow: from yellow_at itself
  { id: 11, status: 'closed', date_created: hours(-10), due_at: hours(90), yellow_at: hours(-1), paused_at: null }, // none: closed by hand, yellow_at left
  // NOW is 14:00 China time: today began 14 hours ago.
  { id: 12, status: 'handling', date_created: hours(-40), due_at: hours(-15), yellow_at: hours(-21), paused_at: null }, // overdue: due yesterday 23:00
  {
    id: 13,
    status: 'pending_sign',
    date_created: hours(-40),
    sign_due_at: hours(-30),
    due_at: hours(100),
    yellow_at: hours(-32),
    paused_at: null,
  }, // overdue: the sign-for deadline, yesterday
  { id: 14, status: 'handling', date_created: hours(-40), due_at: hours(-14), yellow_at: hours(-20), paused_at: null }, // red: due at today's midnight
  { id: 15, status: 'handling', date_created: hours(-40), due_at: hours(0), yellow_at: hours(-10), paused_at: null }, // red: due this instant
];

/** The Directus filter evaluated the way the server does, on these rows. */
const serverPicks = (light: Light) => MATTERS.filter((m) => matches(toDirectusFilter(lightFilter(light, NOW)), m)).map((m) => m.id);

describe('the light as a list filter', () => {
  it('agrees with lights.ts on every example', () => {
    expect(MATTERS.map((m) => lightOf(m, NOW))).toEqual([
      'red',
      'red',
      'red',
      'yellow',
      'green',
      'green',
      'none',
      'none',
      'none',
      'yellow',
      'none',
      'overdue',
      'overdue',
      'red',
      'red',
    ]);
  });

  it('finds every light exactly on the server, each matter under one light', () => {
    const picks = Object.fromEntries((['overdue', 'red', 'yellow', 'green', 'none'] as const).map((light) => [light, serverPicks(light)]));
    expect(picks).toEqual({ overdue: [12, 13], red: [1, 2, 3, 14, 15], yellow: [4, 10], green: [5, 6], none: [7, 8, 9, 11] });
    for (const m of MATTERS) expect(picks[lightOf(m, NOW)]).toContain(m.id);
  });
});
