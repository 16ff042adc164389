import { describe, expect, it } from 'vitest';
import { homeIsDashboard, matchingEntries, menuResources, mostUsed, OTHER_FOLDER, screensFor } from './menu.ts';

const zh = (translation: string) => [{ language: 'zh-CN', translation }];
const screens = [
  { name: 'workbench', list: '/', label: '工作台', folder: null },
  { name: 'matters', list: '/matters', label: '事项', folder: 'folder_matters', collection: 'matters' },
  { name: 'office-inbox', list: '/office/inbox', label: '收文签收', folder: 'folder_office' },
];

describe('the office menu', () => {
  it('puts screens and collections in the folders of the work, in the folders’ order, empty folders left out', () => {
    const menu = menuResources(
      screens,
      [
        { collection: 'rental_houses', translations: zh('出租房屋'), group: 'folder_base', changeable: true },
        { collection: 'people', translations: zh('实有人口'), group: 'folder_base', changeable: true },
        { collection: 'matter_steps', translations: zh('流转记录'), group: 'folder_matters', changeable: false },
        { collection: 'fire_hydrants', translations: zh('消防栓'), group: null, changeable: true },
        { collection: 'moved', translations: zh('挪过的'), group: 'folder_office', changeable: true },
      ],
      'zh-CN',
      '其他数据',
    );
    expect(menu.map((r) => [r.name, r.meta.label, r.meta.parent ?? null])).toEqual([
      ['workbench', '工作台', null],
      ['folder_base', '基础信息', null],
      ['people', '实有人口', 'folder_base'],
      ['rental_houses', '出租房屋', 'folder_base'],
      ['folder_matters', '事项', null],
      ['matters', '事项', 'folder_matters'],
      ['matter_steps', '流转记录', 'folder_matters'],
      ['folder_office', '办公', null],
      ['office-inbox', '收文签收', 'folder_office'],
      ['moved', '挪过的', 'folder_office'],
      [OTHER_FOLDER, '其他数据', null],
      ['fire_hydrants', '消防栓', OTHER_FOLDER],
    ]);
    expect(menu.find((r) => r.name === 'people')).toMatchObject({ list: '/data/people', show: '/data/people/show/:id' });
    expect(menu.find((r) => r.name === 'matters')!.meta).toEqual({ label: '事项', parent: 'folder_matters', collection: 'matters' });
    expect(menu.find((r) => r.name === 'office-inbox')!.meta.screen).toBe(true);
  });

  it('keeps a collection a screen shows reachable but out of the menu, and one named as a screen as that screen', () => {
    const menu = menuResources(
      [
        { name: 'unit-tree', list: '/units', label: '单位', folder: 'folder_base', covers: 'units' },
        { name: 'audit_log', list: '/audit', label: '审计', folder: 'folder_system', collection: 'audit_log' },
      ],
      [
        { collection: 'units', translations: zh('单位'), group: 'folder_base', changeable: true },
        { collection: 'audit_log', translations: zh('安全审计日志'), group: 'folder_system', changeable: false },
      ],
      'zh-CN',
      '其他数据',
    );
    expect(menu.map((r) => [r.name, r.meta.hide ?? false])).toEqual([
      ['folder_base', false],
      ['unit-tree', false],
      ['units', true],
      ['folder_system', false],
      ['audit_log', false],
    ]);
    expect(menu.find((r) => r.name === 'audit_log')).toEqual({
      name: 'audit_log',
      list: '/audit',
      meta: { label: '审计', parent: 'folder_system', collection: 'audit_log' },
    });
  });

  it('lists code tables only for those who may change them, and names folders in English in English', () => {
    const codes = (changeable: boolean) => [
      {
        collection: 'code_education',
        translations: [...zh('代码表·学历'), { language: 'en-US', translation: 'Education' }],
        group: 'folder_code_tables',
        changeable,
      },
    ];
    expect(menuResources([], codes(false), 'zh-CN', '其他数据')).toEqual([]);
    expect(menuResources([], codes(true), 'en-US', 'Other data').map((r) => r.meta.label)).toEqual(['Code tables', 'Education']);
  });
});

describe('finding one’s way in the menu', () => {
  const tree = [
    { key: '/', label: '工作台', children: [] },
    {
      key: 'folder_base',
      label: '基础信息',
      children: [
        { key: '/data/people', label: '实有人口', children: [] },
        { key: '/data/rental_houses', label: '出租房屋', children: [] },
      ],
    },
    { key: 'folder_office', label: '办公', children: [{ key: '/office/inbox', label: '收文签收', children: [] }] },
  ];

  it('finds entries by their name or their folder’s', () => {
    expect(matchingEntries(tree, '人口').map((e) => e.key)).toEqual(['/data/people']);
    expect(matchingEntries(tree, ' 基础 ').map((e) => e.key)).toEqual(['/data/people', '/data/rental_houses']);
    expect(matchingEntries(tree, '基础 房屋').map((e) => e.key)).toEqual(['/data/rental_houses']);
    expect(matchingEntries(tree, '')).toEqual([]);
    expect(matchingEntries(tree, '没有')).toEqual([]);
  });

  it('puts the entries opened most first, once opened a few times', () => {
    expect(mostUsed(tree, { '/office/inbox': 9, '/data/people': 4, '/': 2 }).map((e) => e.key)).toEqual(['/office/inbox', '/data/people']);
    expect(mostUsed(tree, { '/office/inbox': 9, '/data/people': 4 }, 1).map((e) => e.key)).toEqual(['/office/inbox']);
    expect(mostUsed(tree, JSON.parse('{"__proto__": 99, "folder_base": 50}'))).toEqual([]);
  });
});

describe('the home screen', () => {
  const unit = (level: string) => ({ id: 1, name: '单位', path: '1', level, kind: 'office', parent: null });
  it('is the dashboard for the district’s and streets’ leaders and heads', () => {
    for (const level of ['district', 'street'])
      for (const job of ['leader', 'head']) expect(homeIsDashboard({ job, unit: unit(level) }), `${job} of a ${level}`).toBe(true);
  });
  it('is the workbench for everyone else: staff, leaders of communities and grids, no unit, no one signed in', () => {
    expect(homeIsDashboard({ job: 'staff', unit: unit('district') })).toBe(false);
    expect(homeIsDashboard({ job: 'leader', unit: unit('community') })).toBe(false);
    expect(homeIsDashboard({ job: 'head', unit: unit('grid') })).toBe(false);
    expect(homeIsDashboard({ job: 'leader', unit: null })).toBe(false);
    expect(homeIsDashboard(null)).toBe(false);
  });

  it('leaves out a screen for the jobs it is not for (事项登记: not for leaders), all of them while the job is unknown', () => {
    const all = [
      ...screens,
      { name: 'matter-register', list: '/matters/new', label: '事项登记', folder: 'folder_matters', exceptJobs: ['leader'] },
    ];
    expect(screensFor(all, 'leader').map((s) => s.name)).toEqual(['workbench', 'matters', 'office-inbox']);
    expect(screensFor(all, 'staff').map((s) => s.name)).toContain('matter-register');
    expect(screensFor(all, null)).toHaveLength(4);
  });
});
