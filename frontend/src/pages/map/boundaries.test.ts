import { describe, expect, it } from 'vitest';
import { boundariesFrom } from './boundaries.ts';

const square = (x: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, 32],
      [x + 0.01, 32],
      [x + 0.01, 32.01],
      [x, 32],
    ],
  ],
});
const units = [
  { id: 11, name: '象山社区第一网格', code: 'G01' },
  { id: 12, name: '象山社区第二网格', code: 'G02' },
  { id: 21, name: '第一网格', code: 'G01' },
  { id: 22, name: '第一网格', code: 'G09' },
];
const feature = (properties: unknown, geometry: unknown = square(118.6)) => ({ type: 'Feature', properties, geometry });

describe('grid boundaries read from a GeoJSON file', () => {
  it('matches each feature to one unit by its number, its name or its code', () => {
    const read = boundariesFrom(
      {
        type: 'FeatureCollection',
        features: [
          feature({ name: '象山社区第一网格' }),
          feature({ 网格编码: 'G02' }, square(118.7)),
          feature({ id: 22, name: '第一网格' }),
        ],
      },
      units,
    );
    expect(read.updates.map((u) => [u.id, u.name])).toEqual([
      [11, '象山社区第一网格'],
      [12, '象山社区第二网格'],
      [22, '第一网格'],
    ]);
    expect(read.updates[1]!.boundary).toEqual(square(118.7));
    expect(read.unmatched).toEqual([]);
    expect(read.invalid).toEqual([]);
  });

  it('lists what it cannot place, and why, instead of dropping it', () => {
    const read = boundariesFrom(
      {
        type: 'FeatureCollection',
        features: [
          feature({ name: '不存在的网格' }),
          feature({ name: '第一网格' }),
          feature({ code: 'G01' }),
          feature({}),
          feature({ name: '象山社区第二网格' }, { type: 'Point', coordinates: [118.6, 32] }),
          feature(
            { name: '象山社区第二网格' },
            {
              type: 'Polygon',
              coordinates: [
                [
                  [118.6, 32],
                  [118.7, 32],
                  [118.7, 32.1],
                  [118.6, 32.2],
                ],
              ],
            },
          ),
          feature({ name: '象山社区第一网格' }),
          feature({ name: '象山社区第一网格' }),
          feature({ __proto__: { name: '象山社区第一网格' } }),
          feature(JSON.parse('{"__proto__": {"name": "象山社区第一网格", "id": 11}}')),
        ],
      },
      units,
    );
    expect(read.updates.map((u) => u.id)).toEqual([11]);
    expect(read.unmatched).toEqual([
      '不存在的网格（没有对应的单位）',
      '第一网格（对应多个单位，请在文件中写明单位编号 id）',
      'G01（对应多个单位，请在文件中写明单位编号 id）',
      '第 4 个要素（没有对应的单位）',
      '象山社区第一网格（与前面的要素对应同一单位）',
      '第 9 个要素（没有对应的单位）',
      '第 10 个要素（没有对应的单位）',
    ]);
    expect(read.invalid).toEqual([
      '“象山社区第二网格”的边界应为面（多边形）或多面（GeoJSON type: Polygon / MultiPolygon）',
      '“象山社区第二网格”的边界的环未闭合：最后一个点应与第一个点相同',
    ]);
  });

  it('reads nothing from what is not GeoJSON', () => {
    for (const nothing of [null, 'x', 42, [], { type: 'FeatureCollection', features: 'x' }])
      expect(boundariesFrom(nothing, units)).toEqual({ updates: [], unmatched: [], invalid: [] });
  });
});
