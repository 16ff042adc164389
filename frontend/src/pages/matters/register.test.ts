import { describe, expect, it } from 'vitest';
import {
  childOffices,
  choosableTypes,
  departmentUnits,
  gridChoices,
  mayRegister,
  problemsByField,
  registerBody,
  targetOf,
  type RegisterUnit,
  type Registrar,
} from './register.ts';

const unit = (id: number, path: string, level: string, kind = 'office', parent: number | null = null): RegisterUnit => ({
  id,
  name: `单位${id}`,
  path,
  level,
  kind,
  parent,
});
const district = unit(1, '/320111/', 'district');
const street = unit(2, '/320111/S01/', 'street', 'office', 1);
const community = unit(3, '/320111/S01/C001/', 'community', 'office', 2);
const grid = unit(4, '/320111/S01/C001/G01/', 'grid', 'office', 3);
const police = unit(9, '/320111/GA/', 'district', 'department', 1);
const dalianqin = unit(10, '/320111/DLQ/', 'district', 'member', 1);
const who = (u: RegisterUnit, job = 'staff'): Registrar => ({
  job,
  unit: { id: u.id, name: u.name, path: u.path, level: u.level!, kind: u.kind!, parent: u.parent ?? null },
});
const none = { children: [], departments: [] };

describe('事项登记: the types a user may choose', () => {
  it('offers a district office tasks for its streets and assignments to departments, nothing going up', () => {
    expect(choosableTypes(who(district), { children: [street], departments: [police, dalianqin] })).toEqual([
      'task',
      'department_assignment',
    ]);
  });

  it('offers a street everything when it can name departments, and no assignment when it can read none', () => {
    expect(choosableTypes(who(street), { children: [community], departments: [police] })).toEqual([
      'event_report',
      'task',
      'request',
      'help',
      'department_assignment',
    ]);
    expect(choosableTypes(who(street), { children: [community], departments: [] })).toEqual(['event_report', 'task', 'request', 'help']);
  });

  it('offers a community tasks for its grids but never a department assignment, and a grid only what goes up', () => {
    expect(choosableTypes(who(community), { children: [grid], departments: [police] })).toEqual([
      'event_report',
      'task',
      'request',
      'help',
    ]);
    expect(choosableTypes(who(grid), none)).toEqual(['event_report', 'request', 'help']);
    // A community without grids yet has nobody to give a task to.
    expect(choosableTypes(who(community), none)).toEqual(['event_report', 'request', 'help']);
  });

  it('offers a department only what goes up, and leaders and users without a unit nothing', () => {
    expect(choosableTypes(who(police), { children: [], departments: [dalianqin] })).toEqual(['event_report', 'request', 'help']);
    expect(choosableTypes(who(street, 'leader'), { children: [community], departments: [police] })).toEqual([]);
    expect(choosableTypes({ job: 'staff', unit: null }, none)).toEqual([]);
    expect(choosableTypes(null, none)).toEqual([]);
    expect([mayRegister(who(street, 'head')), mayRegister(who(street, 'leader')), mayRegister(undefined)]).toEqual([true, false, false]);
  });

  it('names whom each type goes to', () => {
    expect(['event_report', 'task', 'request', 'help', 'department_assignment', undefined].map((t) => targetOf(t as never))).toEqual([
      null,
      'child',
      null,
      null,
      'department',
      null,
    ]);
    expect(targetOf('__proto__' as never)).toBeNull();
  });
});

describe('事项登记: the units to choose', () => {
  const read = [district, street, community, grid, unit(5, '/320111/S01/C002/', 'community', 'office', 2), police, dalianqin];

  it('gives the offices directly below, by parent or else by path, and the departments and member units', () => {
    expect(childOffices(read, who(street)).map((u) => u.id)).toEqual([3, 5]);
    expect(childOffices(read, who(community)).map((u) => u.id)).toEqual([4]);
    expect(childOffices(read, who(district)).map((u) => u.id)).toEqual([2]);
    const withoutParents = read.map(({ parent: _, ...u }) => u);
    expect(childOffices(withoutParents, who(street)).map((u) => u.id)).toEqual([3, 5]);
    expect(childOffices(read, null)).toEqual([]);
    expect(departmentUnits(read).map((u) => u.id)).toEqual([10, 9]);
  });

  it('lets a community name one of its grids, fixes a grid worker’s own, and names none above', () => {
    expect(gridChoices(who(community), [grid]).map((u) => u.id)).toEqual([4]);
    expect(gridChoices(who(grid), []).map((u) => u.id)).toEqual([4]);
    expect(gridChoices(who(street), [community])).toEqual([]);
  });
});

describe('事项登记: the body sent', () => {
  const values = {
    type: 'event_report' as const,
    title: '  楼道堆物 ',
    category: 2,
    urgency: 'urgent',
    occurred_at: '2026-12-06T01:30:00.000Z',
    address: ' ',
    people_involved: '张某',
    description: ' 三楼楼道堆放杂物 ',
    measures: '',
    target_unit: 7,
  };

  it('trims texts, leaves empty ones null, never names a target for a type going up, and carries the submission id', () => {
    expect(registerBody(values, who(community), 'ref-1')).toEqual({
      type: 'event_report',
      title: '楼道堆物',
      category: 2,
      urgency: 'urgent',
      source: null,
      occurred_at: '2026-12-06T01:30:00.000Z',
      address: null,
      grid: null,
      people_involved: '张某',
      description: '三楼楼道堆放杂物',
      measures: null,
      client_ref: 'ref-1',
    });
  });

  it('names the target of a task or an assignment, a grid worker’s grid, and the administrator’s fields', () => {
    const task = registerBody({ ...values, type: 'task', source: 'superior', grid: 4 }, who(street), 'ref-2', { check_no: 'A-1' });
    expect(task).toMatchObject({ type: 'task', target_unit: 7, source: 'superior', grid: 4, check_no: 'A-1', client_ref: 'ref-2' });
    expect(registerBody({ ...values, type: 'department_assignment', target_unit: undefined }, who(district), 'r').target_unit).toBeNull();
    expect(registerBody({ ...values, grid: 99 }, who(grid), 'r').grid).toBe(4);
    expect(registerBody({ type: 'help' }, who(grid), 'r')).toMatchObject({ urgency: 'normal', title: '', description: '' });
  });

  it('keeps the fixed fields over an administrator’s field of the same name', () => {
    expect(registerBody(values, who(community), 'ref', { type: 'task', client_ref: 'other' })).toMatchObject({
      type: 'event_report',
      client_ref: 'ref',
    });
  });
});

describe('事项登记: the server’s refusal on the form', () => {
  it('lays each problem on the field whose label it names, the rest on the form', () => {
    const fields = [
      { field: 'amount', label: '涉及金额' },
      { field: 'check_no', label: '核查编号' },
    ];
    expect(problemsByField('“核查编号”不符合填写要求：编号应以HC开头；承办单位“12”不存在；“涉及金额”应为数字', fields)).toEqual({
      fields: { check_no: ['“核查编号”不符合填写要求：编号应以HC开头'], amount: ['“涉及金额”应为数字'] },
      rest: ['承办单位“12”不存在'],
    });
    expect(problemsByField('', fields)).toEqual({ fields: {}, rest: [] });
  });
});
