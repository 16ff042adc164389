import { describe, expect, it } from 'vitest';
import { chinaToday, dueReminders, type Candidate } from './expiry.ts';

const base = { collection: 'people', unit: 7, unit_path: '/320111/S01/C001/G01/', name: '张三' };

describe('expiry reminders', () => {
  it('warn 30 days ahead of a permit expiry or a correction term end, and after a missed visit', () => {
    const candidates: Candidate[] = [
      { ...base, kind: 'permit_expiry', id: 1, date: '2026-12-27' },
      { ...base, kind: 'permit_expiry', id: 2, date: '2026-12-28' },
      { ...base, kind: 'permit_expiry', id: 3, date: '2026-11-01' },
      { ...base, collection: 'service_objects', kind: 'correction_end', id: 4, date: '2026-12-01' },
      { ...base, collection: 'service_objects', kind: 'visit_overdue', id: 5, date: '2026-11-26' },
      { ...base, collection: 'service_objects', kind: 'visit_overdue', id: 6, date: '2026-11-27' },
      { ...base, kind: 'permit_expiry', id: 7, date: null },
    ];
    const due = dueReminders(candidates, '2026-11-27');
    expect(due.map((r) => r.key)).toEqual([
      'permit_expiry-people-1-2026-12-27',
      'permit_expiry-people-3-2026-11-01',
      'correction_end-service_objects-4-2026-12-01',
      'visit_overdue-service_objects-5-2026-11-26',
    ]);
    expect(due[0]!.text).toBe('张三的居住证件将于2026-12-27到期，请及时核实办理。');
    expect(due[1]!.text).toBe('张三的居住证件已于2026-11-01到期，请及时核实办理。');
    expect(due[3]!.text).toContain('应于2026-11-26走访，已逾期');
  });

  it('count the day in China time', () => {
    expect(chinaToday(new Date('2026-11-26T16:30:00Z'))).toBe('2026-11-27');
  });
});
