import { describe, expect, it } from 'vitest';
import {
  deadlineResult,
  idOf,
  instantOf,
  parseDeadline,
  parseDispatch,
  parseNotify,
  parseWarning,
  pathsUpFrom,
  recordRef,
  refusal,
  unitSource,
} from './options.ts';

const problems = (parsed: { ok: boolean; problems?: string[] }) => (parsed.ok ? [] : parsed.problems!);

describe('what names units', () => {
  it('takes ids as numbers or numeric text, lists, rows with a unit, and the trigger of an item event', () => {
    expect(idOf(12)).toBe(12);
    expect(idOf(' 12 ')).toBe(12);
    expect(idOf('12a')).toBeNull();
    expect(idOf(0)).toBeNull();
    expect(unitSource(5, '单位')).toEqual({ ok: true, value: { kind: 'ids', ids: [5] } });
    expect(unitSource(['5', 6, { unit: 5 }], '单位')).toEqual({ ok: true, value: { kind: 'ids', ids: [5, 6] } });
    expect(unitSource({ collection: 'disputes', key: 9, payload: { unit: 3 } }, '单位')).toEqual({
      ok: true,
      value: { kind: 'records', ref: { collection: 'disputes', keys: [9] } },
    });
    expect(recordRef({ collection: 'disputes', keys: ['1', 2] })).toEqual({ collection: 'disputes', keys: [1, 2] });
  });

  it('an empty list names nobody; nothing at all, a word or an unfilled {{ }} is refused', () => {
    expect(unitSource([], '单位')).toEqual({ ok: true, value: { kind: 'ids', ids: [] } });
    expect(problems(unitSource('', '通知的单位'))).toEqual(['请填写通知的单位']);
    expect(problems(unitSource('abc', '通知的单位'))).toEqual(['通知的单位“abc”不是有效的单位编号，也不是带“所属单位”的记录']);
    expect(problems(unitSource('undefined', '单位'))[0]).toContain('“undefined”');
    expect(recordRef({ collection: 'bad name; drop', key: 1 })).toBeNull();
    expect(recordRef({ collection: 'disputes' })).toBeNull();
  });

  it('walks up a path to the district', () => {
    expect(pathsUpFrom('/320111/S03/C012/G05/')).toEqual(['/320111/', '/320111/S03/', '/320111/S03/C012/', '/320111/S03/C012/G05/']);
  });
});

describe('工作日期限', () => {
  it('takes a start with its zone or a date, and a whole number of working days', () => {
    expect(parseDeadline({ days: '3' })).toEqual({ ok: true, value: { start: null, days: 3 } });
    expect(parseDeadline({ days: 5, start: '2026-12-01' })).toEqual({
      ok: true,
      value: { start: new Date('2026-11-30T16:00:00Z'), days: 5 },
    });
    expect(instantOf('2026-12-01 09:00')).toBeNull();
    expect(problems(parseDeadline({}))).toEqual(['请填写工作日数']);
    expect(problems(parseDeadline({ days: 1.5, start: '明天' }))).toEqual([
      '起算时间“明天”无效，应为带时区的时间（如 2026-12-01T09:00:00+08:00）或日期（2026-12-01）',
      '工作日数应为1到250之间的整数，而不是“1.5”',
    ]);
  });

  it('says the last working day of a deadline at 24:00, in Chinese', () => {
    const start = new Date('2026-12-01T02:00:00Z');
    // 24:00 of Friday 4 December, China Standard Time.
    const result = deadlineResult(start, new Date('2026-12-04T16:00:00Z'), 3);
    expect(result).toEqual({
      start: '2026-12-01T02:00:00.000Z',
      days: 3,
      deadline: '2026-12-04T16:00:00.000Z',
      date: '2026-12-04',
      text: '2026年12月4日（星期五）',
    });
  });
});

describe('通知单位', () => {
  const good = { unit: { collection: 'disputes', key: 4 }, level: 'street', jobs: ['leader'], subject: '重大矛盾纠纷', message: '请关注' };

  it('links the notice to the one record named, with jobs and the level above', () => {
    expect(parseNotify(good)).toEqual({
      ok: true,
      value: {
        units: { kind: 'records', ref: { collection: 'disputes', keys: [4] } },
        level: 'street',
        jobs: ['leader'],
        subject: '重大矛盾纠纷',
        message: '请关注',
        phone: true,
        about: { collection: 'disputes', item: '4' },
      },
    });
    const listed = parseNotify({
      ...good,
      unit: [1, 2],
      jobs: 'leader,head',
      phone: false,
      about_collection: 'service_objects',
      about_item: 7,
    });
    expect(listed.ok && listed.value).toMatchObject({
      jobs: ['leader', 'head'],
      phone: false,
      about: { collection: 'service_objects', item: '7' },
    });
  });

  it('refuses every bad option at once, naming them', () => {
    expect(
      refusal(
        'notify-unit',
        problems(parseNotify({ unit: 3, level: 'province', jobs: ['boss'], subject: '', message: 'x'.repeat(501), phone: 'maybe' })),
      ),
    ).toBe(
      '通知单位：单位层级“province”无效，可选：district（区）、street（街道）、community（社区）、grid（网格）；' +
        '岗位“boss”无效，可选：sysadmin（系统管理员）、head（综治办主任）、staff（专职人员）、social_worker（综治社工）、grid_worker（网格员）、leader（领导）、liaison（部门联络员）；' +
        '请填写通知标题；通知内容不能超过500字；同时发送短信应为“是”或“否”',
    );
    expect(problems(parseNotify({ ...good, message: '于undefined前走访' }))).toEqual([
      '通知内容引用了流程数据中不存在的值（出现“undefined”），请检查 {{ }} 中的路径',
    ]);
    expect(problems(parseNotify({ ...good, about_collection: 'service_objects' }))).toEqual(['填写了关联集合时，请同时填写关联记录编号']);
  });
});

describe('派发事项', () => {
  it('takes a task to one unit with a category id or code', () => {
    expect(parseDispatch({ unit: '8', category: 'MDJF', title: ' 走访 ', description: '请走访' })).toEqual({
      ok: true,
      value: {
        type: 'task',
        unit: { kind: 'ids', ids: [8] },
        from: null,
        category: 'MDJF',
        title: '走访',
        description: '请走访',
        urgency: 'normal',
      },
    });
    const assigned = parseDispatch({
      type: 'department_assignment',
      unit: 8,
      from_unit: '2',
      category: 3,
      title: 't',
      description: 'd',
      urgency: 'urgent',
    });
    expect(assigned.ok && assigned.value).toMatchObject({ type: 'department_assignment', from: 2, category: 3, urgency: 'urgent' });
  });

  it('refuses an upward type, two units, a bad category and missing texts', () => {
    expect(problems(parseDispatch({ type: 'event_report', unit: [1, 2], category: 'md jf' }))).toEqual([
      '事项类型“event_report”无效，可选：task（任务分派）、department_assignment（部门交办）',
      '承办单位只能是一个单位',
      '事项分类“md jf”无效，应为分类编号或代码（如 MDJF）',
      '请填写事项标题',
      '请填写事项内容',
    ]);
  });
});

describe('预警', () => {
  it('takes a rule, one unit, a level or the rule’s, and what was found', () => {
    expect(parseWarning({ rule: '4', unit: 9, summary: '发现聚集' })).toEqual({
      ok: true,
      value: { rule: 4, unit: { kind: 'ids', ids: [9] }, level: null, summary: '发现聚集' },
    });
    expect(problems(parseWarning({ unit: [1, 2], level: 'purple', summary: '' }))).toEqual([
      '请选择预警规则（预警总是归属于一条规则）',
      '被预警单位只能是一个单位',
      '预警等级“purple”无效，可选：blue（蓝色（一般））、yellow（黄色（较重））、orange（橙色（严重））、red（红色（特别严重））',
      '请填写预警内容',
    ]);
  });
});
