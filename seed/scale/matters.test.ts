import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../extensions/domains/matters/transitions.ts';
import { milestonesOf } from '../../extensions/domains/matters/milestones.ts';
import { pathsIn } from '../../extensions/domains/matters/participant-paths.ts';
import { COURSES, mattersOfGrid, MATTERS_PER_GRID, type MatterContext, type StepRow } from './matters.ts';
import { demoInput } from './test-input.ts';
import { extendTree, type ScaleUnit } from './tree.ts';

function context(scale: number, seed = 7): { ctx: MatterContext; grids: ScaleUnit[] } {
  const input = demoInput(scale, seed);
  const units = [...input.units, ...extendTree(input.units, 1000, seed)];
  const grids = units.filter((u) => u.level === 'grid' && u.kind === 'office');
  const gridsOf = new Map<number, ScaleUnit[]>();
  for (const g of grids) gridsOf.set(g.parent!, [...(gridsOf.get(g.parent!) ?? []), g]);
  const ctx: MatterContext = {
    window: input.window,
    calendar: input.calendar,
    policy: input.policy,
    categories: input.categories,
    units: new Map(units.map((u) => [u.id, u])),
    gridsOf,
    departments: units.filter((u) => u.kind === 'department'),
    actorOf: (unit) => (unit % 3 === 0 ? null : `user-${unit}`),
    counters: new Map(input.counters),
    scale,
    seed,
  };
  return { ctx, grids };
}

function generate(scale: number, gridCount: number, seed = 7) {
  const { ctx, grids } = context(scale, seed);
  let id = 1;
  const parts = grids.slice(0, gridCount).map((g) => mattersOfGrid(ctx, g, () => id++));
  return {
    ctx,
    matters: parts.flatMap((p) => p.matters),
    steps: parts.flatMap((p) => p.steps),
    participants: parts.flatMap((p) => p.participants),
    reminders: parts.flatMap((p) => p.reminders),
  };
}

describe('matters at Pukou’s scale', () => {
  const { ctx, matters, steps, participants, reminders } = generate(0.12, 40);
  const stepsOf = new Map<number, StepRow[]>();
  for (const s of steps) stepsOf.set(s.matter, [...(stepsOf.get(s.matter) ?? []), s]);

  it('come in the numbers asked for, about five steps each, the same for the same seed', () => {
    const expected = MATTERS_PER_GRID * 0.12 * 40;
    expect(matters.length).toBeGreaterThan(expected * 0.75);
    expect(matters.length).toBeLessThan(expected * 1.25);
    expect(steps.length / matters.length).toBeGreaterThan(4.3);
    expect(steps.length / matters.length).toBeLessThan(5.7);
    const again = generate(0.12, 40);
    expect(again.matters).toEqual(matters);
    expect(again.steps).toEqual(steps);
    expect(generate(0.12, 40, 8).matters[10]).not.toEqual(matters[10]);
  });

  it('take every course the workflow allows to its end (each step through decide() when generated)', () => {
    // A refused step throws while generating; here every course is seen taken in full somewhere.
    const taken = new Set(
      matters.map((m) =>
        stepsOf
          .get(m.id)!
          .map((s) => s.action)
          .join(','),
      ),
    );
    for (const [kind, courses] of Object.entries(COURSES))
      for (const [, course] of courses) expect(taken, kind).toContain(['report', ...course.map((s) => s.action)].join(','));
  });

  it('store the state the steps lead to: status, version, holder, closing time', () => {
    for (const m of matters) {
      const own = stepsOf.get(m.id)!;
      expect(own[0]!.action).toBe('report');
      expect(own[0]!.date_created).toEqual(m.date_created);
      expect(own.at(-1)!.status_after).toBe(m.status);
      expect(m.version).toBe(own.length);
      expect(STATUSES).toContain(m.status);
      expect(JSON.parse(m.route).at(-1)).toBe(m.handler_unit);
      expect(JSON.parse(m.route)[0]).toBe(m.unit);
      expect(m.closed_at !== null).toBe(m.status === 'closed');
      if (m.status === 'closed') {
        expect(m.closed_at).toEqual(own.at(-1)!.date_created);
        expect(m.yellow_at).toBeNull();
        expect(m.sign_due_at).toBeNull();
      }
      for (let i = 1; i < own.length; i++) expect(own[i]!.date_created.getTime()).toBeGreaterThan(own[i - 1]!.date_created.getTime());
      expect(own.at(-1)!.date_created.getTime()).toBeLessThanOrEqual(ctx.window.end.getTime());
    }
  });

  it('refer to units that exist, with their paths, and list every unit they passed through', () => {
    for (const m of matters) expect(m.unit_path).toBe(ctx.units.get(m.unit)!.path);
    for (const p of participants) expect(p.unit_path).toBe(ctx.units.get(p.unit)!.path);
    const passed = new Map<number, Set<number>>();
    for (const p of participants) passed.set(p.matter, (passed.get(p.matter) ?? new Set()).add(p.unit));
    for (const s of steps) {
      for (const u of [s.actor_unit, s.from_unit, s.to_unit]) expect(ctx.units.has(u)).toBe(true);
      expect(passed.get(s.matter)!.has(s.to_unit)).toBe(true);
    }
    expect(new Set(participants.map((p) => `${p.matter}:${p.unit}`)).size).toBe(participants.length);
    // The matter's own list of the paths is its participant rows' paths.
    const paths = new Map<number, string[]>();
    for (const p of participants) paths.set(p.matter, [...(paths.get(p.matter) ?? []), p.unit_path]);
    for (const m of matters) expect(pathsIn(m.participant_paths)).toEqual(paths.get(m.id));
  });

  it('are numbered as reports are, after the numbers already given, none twice', () => {
    expect(new Set(matters.map((m) => m.number)).size).toBe(matters.length);
    for (const m of matters) expect(m.number).toMatch(/^(SJ|RW|QS|QZ|JB)-\d{8}-\d{4,}$/);
    expect(matters.some((m) => m.number === 'SJ-20261204-0090')).toBe(false);
    expect(ctx.counters.get('SJ-20261204')).toBeGreaterThan(90);
  });

  it('are mostly closed, mostly on time; recent ones open in several states, some overdue', () => {
    const share = (f: (m: (typeof matters)[number]) => boolean) => matters.filter(f).length / matters.length;
    const closed = matters.filter((m) => m.status === 'closed');
    expect(closed.length / matters.length).toBeGreaterThan(0.95);
    const late = closed.filter((m) => m.closed_at! > m.due_at!).length / closed.length;
    expect(late).toBeGreaterThan(0.05);
    expect(late).toBeLessThan(0.3);
    const end = ctx.window.end.getTime();
    expect(share((m) => m.status !== 'closed' && m.due_at!.getTime() < end)).toBeGreaterThan(0);
    expect(new Set(matters.filter((m) => m.status !== 'closed').map((m) => m.status)).size).toBeGreaterThanOrEqual(3);
    // Most of the work in office hours of working days.
    const hours = steps.map((s) => (s.date_created.getUTCHours() + 8) % 24);
    expect(hours.filter((h) => h >= 8 && h < 18).length / hours.length).toBeGreaterThan(0.7);
  });

  it('have the reminders of the milestones they passed while open recorded as sent, as the reminder engine keys them', () => {
    const end = ctx.window.end.getTime();
    const byMatter = new Map<number, Set<string>>();
    for (const r of reminders) byMatter.set(r.matter, (byMatter.get(r.matter) ?? new Set()).add(r.key));
    expect(new Set(reminders.map((r) => r.key)).size).toBe(reminders.length);
    for (const m of matters) {
      if (m.status === 'closed') {
        expect(byMatter.has(m.id)).toBe(false);
        continue;
      }
      const policy = ctx.policy(m.type, m.urgency);
      const due = milestonesOf(
        {
          id: m.id,
          status: m.status,
          created: m.date_created,
          sign_due_at: m.sign_due_at,
          due_at: m.due_at,
          complete_unit: policy.complete.unit,
        },
        ctx.calendar,
      ).filter((x) => x.at.getTime() <= end);
      expect(byMatter.get(m.id)?.size ?? 0).toBe(due.length);
    }
    expect(reminders.length).toBeGreaterThan(0);
  });
});
