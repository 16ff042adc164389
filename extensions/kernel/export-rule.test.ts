import { describe, expect, it } from 'vitest';
import { exportAsked, mayExportInBulk } from './export-rule.ts';

describe('bulk export', () => {
  it('is the Directus administrator’s alone', () => {
    expect(mayExportInBulk({ admin: true })).toBe(true);
    for (const who of [{ admin: false }, {}, null, undefined]) expect(mayExportInBulk(who)).toBe(false);
  });

  it.each([
    [{ export: 'csv' }, 'csv'],
    [{ export: 'CSV' }, 'CSV'],
    [{ export: 'json', limit: -1 }, 'json'],
    [{ export: ['csv'] }, 'csv'],
    [{ export: 1 }, '1'],
    [{ limit: 10 }, null],
    [{ export: '' }, null],
    [{ export: null }, null],
    [null, null],
    ['export=csv', null],
    [Object.create({ export: 'csv' }), null],
  ])('is asked by the query %j: %s', (query, expected) => {
    expect(exportAsked(query)).toBe(expected);
  });
});
