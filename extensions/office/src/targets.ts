// Whom a document goes to (发送范围): a whole level, a subtree, a list of units,
// or any union of them, always within the sender's own jurisdiction; a document
// may also go up to the sender's superior office (报送上级, as an analysis report
// does). Pure: the endpoint passes the units at or below the sender, and its
// superior where the sending allows it.

export interface TargetUnit {
  id: number;
  level: string;
  kind: string;
  path: string;
}

export interface TargetSpec {
  /** Every unit of these levels (街道, 社区, 网格) within the jurisdiction, or under `under`. */
  levels: string[];
  /** A unit whose subtree (without itself) is meant; with `levels`, only those levels of it. */
  under: number | null;
  /** Units named one by one. */
  units: number[];
  /** The sender's superior office (报送上级). */
  superior: boolean;
}

export const TARGET_LEVELS = ['street', 'community', 'grid', 'department'] as const;
/** More recipients than the whole district has units is a mistake, not a mailing. */
export const MAX_RECIPIENTS = 20_000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

const isId = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

/** Reads `{ levels?, under?, units? }` from a request body. */
export function parseTargets(body: unknown): Parsed<TargetSpec> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return { ok: false, problems: ['请选择接收单位（targets：levels、under 或 units）'] };
  const raw = body as Record<string, unknown>;
  const problems: string[] = [];
  const unknownKeys = Object.keys(raw).filter((k) => !['levels', 'under', 'units', 'superior'].includes(k));
  if (unknownKeys.length) problems.push(`不认识的发送范围：${unknownKeys.join('、')}`);
  const levels = raw.levels ?? [];
  if (!Array.isArray(levels) || levels.some((l) => !(TARGET_LEVELS as readonly string[]).includes(l as string)))
    problems.push(`层级只能是 ${TARGET_LEVELS.join('、')}`);
  const under = raw.under ?? null;
  if (under !== null && !isId(under)) problems.push('“under”应为单位编号');
  const units = raw.units ?? [];
  if (!Array.isArray(units) || units.some((u) => !isId(u))) problems.push('“units”应为单位编号的列表');
  else if (units.length > MAX_RECIPIENTS) problems.push(`一次最多发送给${MAX_RECIPIENTS}个单位`);
  const superior = raw.superior ?? false;
  if (typeof superior !== 'boolean') problems.push('“superior”应为 true 或 false');
  if (problems.length) return { ok: false, problems };
  const spec = { levels: levels as string[], under: under as number | null, units: units as number[], superior: superior as boolean };
  if (!spec.levels.length && spec.under === null && !spec.units.length && !spec.superior)
    return { ok: false, problems: ['请选择接收单位'] };
  return { ok: true, value: spec };
}

/** A department is addressed by kind, an office by its level. */
function hasLevel(unit: TargetUnit, levels: string[]): boolean {
  return unit.kind === 'office' ? levels.includes(unit.level) : levels.includes('department');
}

/**
 * The recipient units, in path order, never the sender itself. `within` holds
 * the units at or below the sender; a named unit outside it is refused. `superior`
 * is the sender's superior office where the sending may go up (undefined: it may not).
 */
export function resolveTargets(
  sender: TargetUnit,
  within: TargetUnit[],
  spec: TargetSpec,
  superior?: TargetUnit | null,
): Parsed<TargetUnit[]> {
  const byId = new Map(within.map((u) => [u.id, u]));
  const problems: string[] = [];
  const chosen = new Map<number, TargetUnit>();
  const below = (path: string) => within.filter((u) => u.path.startsWith(path) && u.path !== path);

  if (spec.under !== null) {
    const root = byId.get(spec.under);
    if (!root) problems.push(`单位“${spec.under}”不在本单位辖区内，不能向其发送`);
    else for (const u of below(root.path)) if (!spec.levels.length || hasLevel(u, spec.levels)) chosen.set(u.id, u);
  } else if (spec.levels.length) {
    for (const u of below(sender.path)) if (hasLevel(u, spec.levels)) chosen.set(u.id, u);
  }
  for (const id of spec.units) {
    const unit = byId.get(id);
    if (!unit || unit.id === sender.id) problems.push(`单位“${id}”不是本单位的下级单位，不能向其发送`);
    else chosen.set(id, unit);
  }
  if (spec.superior) {
    if (superior === undefined) problems.push('此处只能选择本单位的下级单位');
    else if (superior === null) problems.push('本单位没有上级综治办，不能报送上级');
    else chosen.set(superior.id, superior);
  }
  if (problems.length) return { ok: false, problems };
  chosen.delete(sender.id);
  if (!chosen.size) return { ok: false, problems: ['所选范围内没有接收单位'] };
  if (chosen.size > MAX_RECIPIENTS) return { ok: false, problems: [`一次最多发送给${MAX_RECIPIENTS}个单位`] };
  return { ok: true, value: [...chosen.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}
