// Grid boundaries read from one GeoJSON file (what a surveying office hands over for a
// street's or the district's grids): each feature matched to a unit the user can see,
// by the unit's number (`id`), else by its name, else by its code, each only where it
// names one unit; the geometry checked as the server checks it. What cannot be matched
// or is not an area is listed by the feature's name, so nothing is dropped unsaid.

import { featuresOf, type Geometry, geometryProblem } from '../../../../extensions/kernel/geojson.ts';

export interface KnownUnit {
  id: number;
  name: string;
  code: string | null;
}

export interface BoundaryImport {
  updates: { id: number; name: string; boundary: Geometry }[];
  /** Features with no unit, or more than one, of theirs; each by its name and why. */
  unmatched: string[];
  /** Features matched to a unit whose geometry is not an area (or a broken one). */
  invalid: string[];
}

const NAME_KEYS = ['name', 'NAME', 'Name', '名称', '网格名称', '单位名称'];
const CODE_KEYS = ['code', 'CODE', 'Code', '编码', '网格编码', '单位编码'];
const text = (properties: Record<string, unknown>, keys: string[]) => {
  for (const key of keys) {
    if (!Object.hasOwn(properties, key)) continue;
    const value = properties[key];
    if ((typeof value === 'string' && value.trim()) || typeof value === 'number') return String(value).trim();
  }
  return null;
};

export function boundariesFrom(geojson: unknown, units: KnownUnit[]): BoundaryImport {
  const result: BoundaryImport = { updates: [], unmatched: [], invalid: [] };
  const chosen = new Set<number>();
  const features = featuresOf(geojson);
  for (const [index, { geometry, properties }] of features.entries()) {
    const name = text(properties, NAME_KEYS);
    const code = text(properties, CODE_KEYS);
    const id = Object.hasOwn(properties, 'id') && Number.isSafeInteger(properties.id) ? (properties.id as number) : null;
    const called = name ?? code ?? `第 ${index + 1} 个要素`;
    const byId = id === null ? [] : units.filter((u) => u.id === id);
    const byName = name === null ? [] : units.filter((u) => u.name === name);
    const byCode = code === null ? [] : units.filter((u) => u.code === code);
    const found = [byId, byName, byCode].find((list) => list.length > 0) ?? [];
    if (found.length === 0) {
      result.unmatched.push(`${called}（没有对应的单位）`);
      continue;
    }
    if (found.length > 1) {
      result.unmatched.push(`${called}（对应多个单位，请在文件中写明单位编号 id）`);
      continue;
    }
    const unit = found[0]!;
    if (chosen.has(unit.id)) {
      result.unmatched.push(`${called}（与前面的要素对应同一单位）`);
      continue;
    }
    const problem = geometryProblem(`“${called}”的边界`, geometry, 'Polygon');
    if (problem) {
      result.invalid.push(problem);
      continue;
    }
    chosen.add(unit.id);
    result.updates.push({ id: unit.id, name: unit.name, boundary: geometry });
  }
  return result;
}
