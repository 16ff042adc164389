import { describe, expect, it } from 'vitest';
import { isWorkingDay } from '../../extensions/kernel/working-days.ts';
import { ROLES } from '../../schema/access.ts';
import { loginDaysOf, LOGIN_RATES, staffFor, terminalsOf } from './staff.ts';
import { demoInput } from './test-input.ts';
import { workingDays } from './time.ts';
import { extendTree } from './tree.ts';

describe('staff, terminals and login days', () => {
  const input = demoInput(1);
  const units = [...input.units, ...extendTree(input.units, 1000, 7)];
  const staff = staffFor(units, input.users, 7);

  it('give every grid a grid worker and every community and department staff, where none is', () => {
    const gridWorker = ROLES.find((r) => r.key === 'grid-grid_worker')!.id;
    for (const grid of units.filter((u) => u.level === 'grid')) {
      const workers = [...input.users, ...staff].filter((u) => u.unit === grid.id && u.role === gridWorker);
      expect(workers, grid.path).toHaveLength(1);
    }
    const communityStaff = ROLES.find((r) => r.key === 'community-staff')!.id;
    for (const community of units.filter((u) => u.level === 'community'))
      expect([...input.users, ...staff].filter((u) => u.unit === community.id && u.role === communityStaff)).toHaveLength(1);
    expect(staff.filter((s) => s.job === 'liaison').length).toBe(units.filter((u) => u.kind === 'department').length - 1);
  });

  it('with unique accounts named as the demo ones are, jobs following their roles, paths their units’', () => {
    expect(new Set(staff.map((s) => s.email)).size).toBe(staff.length);
    expect(new Set(staff.map((s) => s.id)).size).toBe(staff.length);
    expect(staff.map((s) => s.email)).toContain('grid-gridworker.c150g10@pukou.gov.cn');
    expect(staff.map((s) => s.email)).toContain('community-staff.c150@pukou.gov.cn');
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const s of staff) {
      expect(ROLES.find((r) => r.id === s.role)!.job).toBe(s.job);
      expect(s.unit_path).toBe(byId.get(s.unit)!.path);
      expect(s.phone).toMatch(/^1[3-9]\d{9}$/);
    }
    expect(staffFor(units, input.users, 7)).toEqual(staff);
  });

  it('hand out a phone to everyone and PCs at the offices, asset numbers unique', () => {
    const terminals = terminalsOf(staff, '2023-12-05', 7);
    expect(new Set(terminals.map((t) => t.asset_number)).size).toBe(terminals.length);
    for (const s of staff) expect(terminals.some((t) => t.holder === s.id && t.kind === 'phone')).toBe(true);
    for (const s of staff.filter((p) => p.job === 'staff')) expect(terminals.some((t) => t.holder === s.id && t.kind === 'pc')).toBe(true);
  });

  it('log in on most working days, one row per day and terminal, keyed as the login hook keys them', () => {
    const days = workingDays(input.calendar, { start: new Date('2026-01-01T00:00:00Z'), end: input.window.end });
    const worker = staff.find((s) => s.job === 'grid_worker')!;
    const rows = loginDaysOf(worker, ['phone', 'pc'], days, 7);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.key).toBe(`${worker.id}.${r.day}.${r.channel}`);
      expect(isWorkingDay(input.calendar, r.day)).toBe(true);
      expect(r.last_at.getTime()).toBeGreaterThanOrEqual(r.first_at.getTime());
    }
    const phone = rows.filter((r) => r.channel === 'phone').length / days.length;
    expect(phone).toBeGreaterThan(LOGIN_RATES.grid_worker.phone - 0.15);
    expect(phone).toBeLessThanOrEqual(1);
    expect(rows.filter((r) => r.channel === 'pc').length / days.length).toBeLessThan(phone);
  });
});
