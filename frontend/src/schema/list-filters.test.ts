import { describe, expect, it } from 'vitest';
import { toDirectusFilter } from '../providers/filters.ts';
import { filterControls, listFilters } from './list-filters.ts';
import type { FieldModel } from './model.ts';

const model = (field: string, kind: FieldModel['kind'], extra: Partial<FieldModel> = {}): FieldModel => ({
  field,
  label: field,
  kind,
  type: 'string',
  required: false,
  maxLength: null,
  readonly: false,
  hidden: false,
  span: 12,
  sort: 0,
  group: null,
  note: null,
  choices: [],
  related: null,
  system: false,
  validation: null,
  validationMessage: null,
  conditions: [],
  ...extra,
});

const columns = [
  model('title', 'text'),
  model('status', 'select', { choices: [{ text: '调解中', value: 'mediating' }] }),
  model('agreement', 'toggle'),
  model('sex', 'm2o', { related: { collection: 'code_sex', template: '{{name}}', key: 'code' } }),
  model('owner', 'm2o', { related: { collection: 'people', template: '{{name}}', key: 'id' } }),
  model('discovered_on', 'date'),
  model('unit', 'm2o', { related: { collection: 'units', template: '{{name}}', key: 'id' } }),
];

describe('the filters of a list', () => {
  const controls = filterControls(columns);

  it('offers a control for each shown column that can be chosen from, the unit apart', () => {
    expect(controls.map((c) => `${c.field}:${c.control}`)).toEqual([
      'status:choices',
      'agreement:yesno',
      'sex:code',
      'discovered_on:dates',
    ]);
  });

  it('turns what was picked into one Directus filter, leaving out what was not', () => {
    const picked = {
      status: ['mediating'],
      agreement: false,
      sex: [],
      discovered_on: ['2026-11-01T00:00:00.000Z', '2026-11-30T23:59:59.999Z'],
    };
    expect(toDirectusFilter(listFilters(controls, picked, '噪音', '/320111/S01/'))).toEqual({
      _and: [
        { status: { _in: ['mediating'] } },
        { agreement: { _eq: false } },
        { discovered_on: { _between: ['2026-11-01T00:00:00.000Z', '2026-11-30T23:59:59.999Z'] } },
        { unit_path: { _starts_with: '/320111/S01/' } },
      ],
    });
    expect(toDirectusFilter(listFilters(controls, {}, undefined, null))).toBeUndefined();
  });

  it('ignores picked values of the wrong shape rather than sending them', () => {
    const odd = { status: 'mediating', agreement: 'yes', discovered_on: ['2026-11-01'], __proto__: { x: 1 } };
    expect(toDirectusFilter(listFilters(controls, odd, ' ', null))).toBeUndefined();
  });
});
