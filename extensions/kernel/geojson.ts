// Places kept as GeoJSON in a JSON field shown on a map (Directus's `map` interface on a
// `json` field: units' boundaries, and any such field an administrator adds): what may be
// stored is one GeoJSON geometry of the field's kind, longitude and latitude in range,
// each polygon's rings closed, and not more points than a drawing of a district needs.
// Pure: the integrity rule (integrity.ts) asks it; the app's boundary import reads files
// with it too.

/** The geometry kinds Directus's map interface offers (`options.geometryType`). */
export const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const;
export type GeometryType = (typeof GEOMETRY_TYPES)[number];
export interface Geometry {
  type: GeometryType;
  coordinates: unknown;
}

/** A grid's boundary drawn by hand has tens of points; a surveyed one thousands. Far more is not a boundary. */
export const MAX_POSITIONS = 50_000;

/** Which stored kinds a field of a kind takes: an area may be in several parts, a line in several strokes. */
export function acceptedTypes(wanted: string | null | undefined): readonly GeometryType[] {
  switch (wanted) {
    case 'Point':
      return ['Point'];
    case 'LineString':
    case 'MultiLineString':
      return ['LineString', 'MultiLineString'];
    case 'Polygon':
    case 'MultiPolygon':
      return ['Polygon', 'MultiPolygon'];
    case 'MultiPoint':
      return ['Point', 'MultiPoint'];
    default:
      return GEOMETRY_TYPES;
  }
}

const TYPE_NAMES: Record<GeometryType, string> = {
  Point: '点',
  MultiPoint: '多点',
  LineString: '线',
  MultiLineString: '多线',
  Polygon: '面（多边形）',
  MultiPolygon: '多面',
};

/** How deep each kind's coordinates nest (a position is depth 0). */
const DEPTH: Record<GeometryType, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

/** What is wrong with `value` as a geometry of the wanted kind (`name` is the field as the refusal names it), or null. */
export function geometryProblem(name: string, value: unknown, wanted?: string | null): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${name}应为 GeoJSON 几何对象`;
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  const accepted = acceptedTypes(wanted);
  if (type === 'Feature' || type === 'FeatureCollection') return `${name}应为几何对象（geometry），不是 ${type}：请取其中的 geometry`;
  if (typeof type !== 'string' || !(accepted as readonly string[]).includes(type))
    return `${name}应为${accepted.map((t) => TYPE_NAMES[t]).join('或')}（GeoJSON type: ${accepted.join(' / ')}）`;
  const count = { positions: 0 };
  return shapeProblem(name, type as GeometryType, coordinates, DEPTH[type as GeometryType], count);
}

function shapeProblem(name: string, type: GeometryType, value: unknown, depth: number, count: { positions: number }): string | null {
  if (depth === 0) {
    count.positions += 1;
    if (count.positions > MAX_POSITIONS) return `${name}的点数超过 ${MAX_POSITIONS} 个，请简化后再导入`;
    return positionProblem(name, value);
  }
  if (!Array.isArray(value)) return `${name}的坐标（coordinates）格式不对`;
  if (type.endsWith('Polygon') && depth === 1) {
    // A ring: at least four positions, the last the first again.
    if (value.length < 4) return `${name}的每个环至少需要 4 个点（首尾相同）`;
  } else if ((type === 'LineString' && depth === 1) || (type === 'MultiLineString' && depth === 1)) {
    if (value.length < 2) return `${name}的每条线至少需要 2 个点`;
  } else if (value.length < 1) return `${name}的坐标为空`;
  for (const part of value) {
    const problem = shapeProblem(name, type, part, depth - 1, count);
    if (problem) return problem;
  }
  if (type.endsWith('Polygon') && depth === 1 && !samePosition(value[0], value[value.length - 1]))
    return `${name}的环未闭合：最后一个点应与第一个点相同`;
  return null;
}

function positionProblem(name: string, value: unknown): string | null {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3 || !value.every((n) => typeof n === 'number' && Number.isFinite(n)))
    return `${name}的每个点应为 [经度, 纬度]`;
  const [lng, lat] = value as number[];
  if (lng! < -180 || lng! > 180 || lat! < -90 || lat! > 90) return `${name}的经纬度超出范围（经度 -180～180，纬度 -90～90）`;
  return null;
}

const samePosition = (a: unknown, b: unknown) => Array.isArray(a) && Array.isArray(b) && a[0] === b[0] && a[1] === b[1];

/** The first geometry of an accepted kind in a GeoJSON text's object: a geometry itself, a Feature's, a collection's. */
export function firstGeometry(value: unknown, wanted?: string | null): Geometry | null {
  const accepted = acceptedTypes(wanted) as readonly string[];
  const candidates = geometriesOf(value);
  return candidates.find((g) => accepted.includes(g.type)) ?? null;
}

/** Every geometry in a GeoJSON object, each with the properties of its Feature. */
export function featuresOf(value: unknown): { geometry: Geometry; properties: Record<string, unknown> }[] {
  if (typeof value !== 'object' || value === null) return [];
  const object = value as { type?: unknown; features?: unknown; geometry?: unknown; properties?: unknown };
  if (object.type === 'FeatureCollection') return Array.isArray(object.features) ? object.features.flatMap(featuresOf) : [];
  if (object.type === 'Feature') {
    const properties = typeof object.properties === 'object' && object.properties !== null ? object.properties : {};
    return geometriesOf(object.geometry).map((geometry) => ({ geometry, properties: properties as Record<string, unknown> }));
  }
  return geometriesOf(value).map((geometry) => ({ geometry, properties: {} }));
}

function geometriesOf(value: unknown): Geometry[] {
  if (typeof value !== 'object' || value === null) return [];
  const object = value as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (object.type === 'GeometryCollection' && Array.isArray(object.geometries)) return object.geometries.flatMap(geometriesOf);
  if (object.type === 'Feature' || object.type === 'FeatureCollection') return featuresOf(value).map((f) => f.geometry);
  if (typeof object.type === 'string' && (GEOMETRY_TYPES as readonly string[]).includes(object.type) && 'coordinates' in object)
    return [{ type: object.type as GeometryType, coordinates: object.coordinates }];
  return [];
}
