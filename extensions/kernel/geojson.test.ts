import { describe, expect, it } from 'vitest';
import { featuresOf, firstGeometry, geometryProblem, MAX_POSITIONS } from './geojson.ts';

const ring = [
  [118.6, 32.05],
  [118.61, 32.05],
  [118.61, 32.06],
  [118.6, 32.05],
];
const square = { type: 'Polygon', coordinates: [ring] };
const NAME = '“边界”';

describe('a geometry kept in a map field', () => {
  it('takes a polygon or a multipolygon for an area, a point for a point, anything drawable otherwise', () => {
    expect(geometryProblem(NAME, square, 'Polygon')).toBeNull();
    expect(geometryProblem(NAME, { type: 'MultiPolygon', coordinates: [[ring], [ring]] }, 'Polygon')).toBeNull();
    expect(geometryProblem(NAME, { type: 'Point', coordinates: [118.6, 32.05] }, 'Point')).toBeNull();
    expect(
      geometryProblem(
        NAME,
        {
          type: 'LineString',
          coordinates: [
            [118.6, 32.05],
            [118.7, 32.1, 12],
          ],
        },
        null,
      ),
    ).toBeNull();
    expect(geometryProblem(NAME, { type: 'Point', coordinates: [118.6, 32.05] }, 'Polygon')).toBe(
      '“边界”应为面（多边形）或多面（GeoJSON type: Polygon / MultiPolygon）',
    );
  });

  it('says what is wrong with what is not one, in Chinese', () => {
    const cases: [unknown, string][] = [
      ['POLYGON((1 2, 3 4))', '应为 GeoJSON 几何对象'],
      [[ring], '应为 GeoJSON 几何对象'],
      [{ type: 'Feature', geometry: square }, '不是 Feature'],
      [{ type: 'Polygon' }, '坐标（coordinates）格式不对'],
      [{ type: 'Polygon', coordinates: [] }, '坐标为空'],
      [{ type: 'Polygon', coordinates: [ring.slice(0, 3)] }, '至少需要 4 个点'],
      [{ type: 'Polygon', coordinates: [[...ring.slice(0, 3), [118.7, 32.07]]] }, '环未闭合'],
      [{ type: 'Polygon', coordinates: [[[118.6, 'x'], ...ring.slice(1)]] }, '[经度, 纬度]'],
      [{ type: 'Polygon', coordinates: [[[32.05, 118.6, 1, 2], ...ring.slice(1)]] }, '[经度, 纬度]'],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [200, 32],
              [201, 32],
              [201, 33],
              [200, 32],
            ],
          ],
        },
        '超出范围',
      ],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [118, 95],
              [119, 95],
              [119, 96],
              [118, 95],
            ],
          ],
        },
        '超出范围',
      ],
      [{ type: 'Polygon', coordinates: [[[Number.NaN, 1], ...ring.slice(1)]] }, '[经度, 纬度]'],
      [{ type: 'GeometryCollection', geometries: [square] }, '应为面（多边形）或多面'],
      [{ type: '__proto__', coordinates: [] }, '应为面（多边形）或多面'],
      [{ type: 'Polygon', coordinates: { 0: ring } }, '格式不对'],
    ];
    for (const [value, problem] of cases) expect(geometryProblem(NAME, value, 'Polygon'), JSON.stringify(value)).toContain(problem);
  });

  it('refuses more points than a boundary needs, and nesting deeper than its kind', () => {
    const big = Array.from({ length: MAX_POSITIONS + 1 }, (_, i) => [118 + i / 1e6, 32]);
    big.push(big[0]!);
    expect(geometryProblem(NAME, { type: 'Polygon', coordinates: [big] }, 'Polygon')).toContain('超过 50000 个');
    expect(geometryProblem(NAME, { type: 'Polygon', coordinates: [[ring]] }, 'Polygon')).not.toBeNull();
    expect(geometryProblem(NAME, { type: 'Polygon', coordinates: [[ring, ring, ring, ring]] }, 'Polygon')).toContain('[经度, 纬度]');
  });
});

describe('geometries read from a GeoJSON file', () => {
  const collection = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { name: '一网格', code: 'G01' }, geometry: square },
      { type: 'Feature', properties: null, geometry: { type: 'Point', coordinates: [118.6, 32.05] } },
      { type: 'Feature', properties: { name: '坏的' }, geometry: null },
    ],
  };

  it('finds each feature’s geometry with its properties, and the first of a kind', () => {
    expect(featuresOf(collection).map((f) => [f.geometry.type, f.properties])).toEqual([
      ['Polygon', { name: '一网格', code: 'G01' }],
      ['Point', {}],
    ]);
    expect(firstGeometry(collection, 'Point')).toEqual({ type: 'Point', coordinates: [118.6, 32.05] });
    expect(firstGeometry(collection, 'Polygon')).toEqual(square);
    expect(firstGeometry({ type: 'Feature', geometry: square }, 'Polygon')).toEqual(square);
    expect(firstGeometry(square, 'Polygon')).toEqual(square);
    expect(firstGeometry({ type: 'GeometryCollection', geometries: [square] }, 'Polygon')).toEqual(square);
    for (const nothing of [null, 'x', [], { type: 'FeatureCollection' }, { type: 'Feature' }])
      expect(firstGeometry(nothing, 'Polygon')).toBeNull();
  });
});
