import { describe, expect, it } from 'vitest';
import { checkKey } from '../../extensions/office/src/daily.ts';
import { DAILY_TASK_KINDS } from '../../extensions/office/src/vocabulary.ts';
import { ACTIVITY_TYPES, TRAINING_KINDS } from '../../schema/collections/activity-records.ts';
import { DAILY_ITEMS } from '../office-demo.ts';
import {
  activitiesOf,
  DAILY_DONE,
  dailyChecksOf,
  type FieldWorkContext,
  firstWorkingDay,
  patrolsOfGrid,
  templatesOf,
  uptake,
} from './field-work.ts';
import { DEMO_TEMPLATES, demoInput } from './test-input.ts';
import { HOUR, localMidnight, workingDays } from './time.ts';
import { extendTree } from './tree.ts';

const input = demoInput(1);
const units = [...input.units, ...extendTree(input.units, 1000, 7)];
const offices = units.filter((u) => u.kind === 'office');
const days = workingDays(input.calendar, input.window);
const ctx: FieldWorkContext = { window: input.window, calendar: input.calendar, days, actorOf: (unit) => `user-${unit}`, seed: 7 };
const lastYear = days.filter((d) => d >= '2025-12-05');
const firstYear = days.filter((d) => d < '2024-12-05');
const midnight = (day: string) => localMidnight(Date.parse(`${day}T12:00:00+08:00`));

describe('field work over three years', () => {
  it('knows the first working day of a month, after a holiday or on a make-up Sunday', () => {
    expect(firstWorkingDay(input.calendar, '2026-01-20')).toBe('2026-01-04');
    expect(firstWorkingDay(input.calendar, '2026-10-20')).toBe('2026-10-08');
    expect(firstWorkingDay(input.calendar, '2026-12-04')).toBe('2026-12-01');
  });

  it('is taken up over the window: two thirds of it at the start, all of it at the end', () => {
    expect(uptake(input.window, days[0]!)).toBeCloseTo(1 / 1.6, 2);
    expect(uptake(input.window, days[days.length - 1]!)).toBeCloseTo(1, 2);
  });

  describe('activity records', () => {
    const communities = offices.filter((u) => u.level === 'community').slice(0, 30);
    const grids = offices.filter((u) => u.level === 'grid').slice(0, 60);
    const ofCommunities = communities.flatMap((c) => activitiesOf(ctx, c));
    const ofGrids = grids.flatMap((g) => activitiesOf(ctx, g));

    it('come from the street, community and grid offices only, on working days of the window', () => {
      const department = units.find((u) => u.kind === 'department')!;
      const district = offices.find((u) => u.level === 'district')!;
      expect(activitiesOf(ctx, department)).toEqual([]);
      expect(activitiesOf(ctx, district)).toEqual([]);
      const street = offices.find((u) => u.level === 'street')!;
      expect(activitiesOf(ctx, street).length).toBeGreaterThan(100);
      const working = new Set(days);
      const wrong = [...ofCommunities, ...ofGrids].filter(
        (a) =>
          !working.has(a.occurred_on) ||
          a.date_created.getTime() > input.window.end.getTime() ||
          !Object.hasOwn(ACTIVITY_TYPES, a.activity_type) ||
          (a.training_kind === null) !== (a.activity_type !== 'training') ||
          (a.training_kind !== null && !Object.hasOwn(TRAINING_KINDS, a.training_kind)) ||
          (a.minutes === null) !== (a.activity_type !== 'meeting') ||
          a.title.length > 200,
      );
      expect(wrong).toEqual([]);
    });

    it('reach the rubric’s ten a month at a community with its grids in the last year, fewer in the first', () => {
      const month = (rows: typeof ofCommunities, span: string[]) =>
        rows.filter((a) => a.occurred_on >= span[0]! && a.occurred_on <= span[span.length - 1]!).length / (span.length / 21.75);
      const perCommunity = (span: string[]) => (month(ofCommunities, span) + month(ofGrids, span)) / communities.length;
      // Their own ~10, and their grids' (two grids of ten here: a fifth of them).
      expect(month(ofCommunities, lastYear) / communities.length).toBeGreaterThan(9);
      expect(month(ofCommunities, lastYear) / communities.length).toBeLessThan(14);
      expect(month(ofGrids, lastYear) / grids.length).toBeGreaterThan(3);
      expect(month(ofGrids, lastYear) / grids.length).toBeLessThan(6);
      expect(perCommunity(lastYear) / perCommunity(firstYear)).toBeGreaterThan(1.3);
    });

    it('hold a regular meeting with minutes and decisions in most months, and trainings every year', () => {
      const regular = ofCommunities.filter((a) => a.regular_meeting);
      for (const a of regular) {
        expect(a.activity_type).toBe('meeting');
        expect(a.decisions).not.toBeNull();
        expect(a.occurred_on).toBe(firstWorkingDay(input.calendar, a.occurred_on));
      }
      const months = new Set(days.map((d) => d.slice(0, 7))).size;
      expect(regular.length / (communities.length * months)).toBeGreaterThan(0.7);
      expect(new Set(regular.map((a) => `${a.unit}:${a.occurred_on.slice(0, 7)}`)).size).toBe(regular.length);
      const trainings = ofCommunities.filter((a) => a.activity_type === 'training' && a.occurred_on >= lastYear[0]!);
      expect(trainings.length / communities.length).toBeGreaterThan(2);
    });
  });

  describe('patrols', () => {
    const grids = offices.filter((u) => u.level === 'grid').slice(0, 40);
    let id = 1;
    const data = grids.map((g) => ({ grid: g, ...patrolsOfGrid(ctx, g, () => id++) }));

    it('follow a grid’s own routes, each with its schedule and check points', () => {
      const routes = data.flatMap((d) => d.routes);
      expect(new Set(routes.map((r) => r.id)).size).toBe(routes.length);
      for (const { grid, routes: own, patrols } of data) {
        expect(own.length).toBeGreaterThanOrEqual(1);
        expect(own.length).toBeLessThanOrEqual(2);
        for (const r of own) {
          expect([r.unit, r.unit_path]).toEqual([grid.id, grid.path]);
          expect(r.checkpoints.split('\n').length).toBeGreaterThanOrEqual(3);
        }
        const known = new Set(own.map((r) => r.id));
        const wrong = patrols.filter(
          (p) =>
            !known.has(p.route) ||
            p.unit !== grid.id ||
            p.unit_path !== grid.path ||
            p.user_created !== `user-${grid.id}` ||
            p.ended_at.getTime() <= p.started_at.getTime() ||
            p.date_created.getTime() > input.window.end.getTime() ||
            p.started_at.getTime() < input.window.start.getTime() - 24 * HOUR,
        );
        expect(wrong).toEqual([]);
      }
      expect(routes.some((r) => r.schedule.includes('19:00'))).toBe(true);
    });

    it('are made on most working days of a grid lately, fewer early on; some find something', () => {
      const patrols = data.flatMap((d) => d.patrols.filter((p) => d.routes[0]!.id === p.route));
      const share = (span: string[]) =>
        new Set(
          patrols
            .filter(
              (p) => p.started_at.getTime() >= midnight(span[0]!) && p.started_at.getTime() < midnight(span[span.length - 1]!) + 24 * HOUR,
            )
            .map((p) => `${p.unit}:${p.started_at.getTime()}`),
        ).size /
        (span.length * grids.length);
      expect(share(lastYear)).toBeGreaterThan(0.75);
      expect(share(lastYear)).toBeLessThan(0.98);
      expect(share(firstYear)).toBeLessThan(share(lastYear) * 0.85);
      const found = patrols.filter((p) => p.findings !== '未发现异常').length / patrols.length;
      expect(found).toBeGreaterThan(0.06);
      expect(found).toBeLessThan(0.2);
    });
  });

  describe('每日必办', () => {
    const community = offices.find((u) => u.level === 'community' && !DEMO_TEMPLATES.some((t) => u.path.startsWith(t.unit_path)))!;
    let id = 500;
    const own = templatesOf(community, DEMO_TEMPLATES, () => id++, 'staff', input.window.start);
    const templates = [...DEMO_TEMPLATES, ...own];
    const grid = offices.find((u) => u.parent === community.id)!;
    const worker = { id: 'worker-1', unit: grid.id, unit_path: grid.path };
    const loggedIn = lastYear.filter((_, i) => i % 7 !== 3);
    const checks = dailyChecksOf(ctx, worker, templates, loggedIn);
    // Forty workers of the community's grids and the demo's over a quarter.
    const quarter = lastYear.slice(-65);
    const many = offices
      .filter((u) => u.level === 'grid')
      .slice(0, 40)
      .map((g, i) => dailyChecksOf(ctx, { id: `worker-${i + 2}`, unit: g.id, unit_path: g.path }, templates, quarter));

    it('gives a community the demo’s checklist unless one already applies to its grids', () => {
      expect(own.map((t) => [t.title, t.kind, t.unit_path])).toEqual(DAILY_ITEMS.map((i) => [i.title, i.kind, community.path]));
      expect(own.map((t) => t.id)).toEqual([500, 501, 502, 503]);
      const demoCommunity = offices.find((u) => u.path === DEMO_TEMPLATES[0]!.unit_path)!;
      expect(templatesOf(demoCommunity, DEMO_TEMPLATES, () => id++, null, input.window.start)).toEqual([]);
      for (const t of own) expect(Object.keys(DAILY_TASK_KINDS)).toContain(t.kind);
    });

    it('lists every item that applies on each day the worker opened the list, most done that day', () => {
      expect(checks.length).toBe(loggedIn.length * own.length);
      expect(new Set(checks.map((c) => c.template))).toEqual(new Set(own.map((t) => t.id)));
      for (const c of checks) {
        expect(c.key).toBe(checkKey(worker.id, c.day, c.template));
        if (c.done_at) {
          expect(c.done).toBe(true);
          expect(c.done_at.getTime() - midnight(c.day)).toBeGreaterThanOrEqual(8 * HOUR);
          expect(c.done_at.getTime() - midnight(c.day)).toBeLessThan(18 * HOUR);
          expect(c.done_at.getTime()).toBeLessThanOrEqual(input.window.end.getTime());
        } else expect([c.done, c.note]).toEqual([false, null]);
      }
      expect(new Set(checks.map((c) => c.key)).size).toBe(checks.length);
    });

    it('are done by most workers nearly always, by a few sloppy ones less often', () => {
      const shares = many.map((rows) => {
        expect(rows.length).toBe(quarter.length * DAILY_ITEMS.length);
        return rows.filter((c) => c.done).length / rows.length;
      });
      const all = many.flat();
      const done = all.filter((c) => c.done).length / all.length;
      expect(done).toBeGreaterThan(0.94);
      expect(done).toBeLessThan(0.99);
      expect(shares.filter((s) => s >= DAILY_DONE.diligent[0] - 0.02).length).toBeGreaterThan(many.length * 0.7);
      expect(shares.some((s) => s < DAILY_DONE.sloppy[1] + 0.02)).toBe(true);
    });

    it('are the same for the same seed, and others for another', () => {
      expect(dailyChecksOf(ctx, worker, templates, loggedIn)).toEqual(checks);
      expect(dailyChecksOf({ ...ctx, seed: 8 }, worker, templates, loggedIn)).not.toEqual(checks);
      expect(activitiesOf(ctx, grid)).toEqual(activitiesOf(ctx, grid));
      expect(activitiesOf({ ...ctx, seed: 8 }, grid)).not.toEqual(activitiesOf(ctx, grid));
    });
  });
});
