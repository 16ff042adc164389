// 事项登记 in the office (./new.tsx): which types of matter a user may raise from
// their unit, the units a type is handed to, the body of POST /matters/report, and
// the server's refusal laid on the fields it names. Pure, tested beside this file.
// The server checks the same (extensions/domains/matters/service.ts): this only
// offers what it would take.

import { MATTER_TYPES, type MatterType } from '../../../../extensions/domains/matters/vocabulary.ts';
import type { Identity } from '../../providers/auth-provider.ts';

/** A unit as the form reads it (GET /matters/report-targets). */
export interface RegisterUnit {
  id: number;
  name: string;
  path: string;
  level: string | null;
  kind: string | null;
  parent?: number | null;
}

/** Who registers: their unit and their job (leaders only read and instruct). */
export type Registrar = Pick<Identity, 'unit' | 'job'>;

/** The units a type that is handed on may go to: the direct offices below, the departments and member units. */
export interface Targets {
  children: RegisterUnit[];
  departments: RegisterUnit[];
}

/** Whom a type is handed to when raised: the unit above (null: nobody to choose), a unit below, a department. */
export function targetOf(type: MatterType | undefined): 'child' | 'department' | null {
  if (!type || !Object.hasOwn(MATTER_TYPES, type)) return null;
  const direction = MATTER_TYPES[type].direction;
  return direction === 'down' ? 'child' : direction === 'department' ? 'department' : null;
}

/** Whether this user may register matters at all: a unit, and not a leader's account. */
export const mayRegister = (me: Registrar | null | undefined): boolean => Boolean(me?.unit) && me?.job !== 'leader';

/**
 * The types this user may choose, in the vocabulary's order: those going up where the unit has one
 * above it; 任务分派 where it has offices below it; 部门交办 for a district's or street's office that
 * has departments to choose from.
 */
export function choosableTypes(me: Registrar | null | undefined, targets: Targets): MatterType[] {
  if (!mayRegister(me)) return [];
  const unit = me!.unit!;
  const office = unit.kind === 'office';
  return (Object.keys(MATTER_TYPES) as MatterType[]).filter((type) => {
    const target = targetOf(type);
    if (target === 'child') return office && targets.children.length > 0;
    if (target === 'department') return office && (unit.level === 'district' || unit.level === 'street') && targets.departments.length > 0;
    return unit.parent !== null && unit.parent !== undefined;
  });
}

/** Of the units read, the offices directly below the user's unit, in path order. */
export function childOffices(units: readonly RegisterUnit[], me: Registrar | null | undefined): RegisterUnit[] {
  const unit = me?.unit;
  if (!unit) return [];
  return units
    .filter((u) => u.kind === 'office' && (u.parent === unit.id || (u.parent === undefined && isDirectlyBelow(u.path, unit.path))))
    .sort((a, b) => a.path.localeCompare(b.path));
}

const isDirectlyBelow = (path: string, parent: string) =>
  path.startsWith(parent) && path !== parent && path.slice(parent.length).split('/').filter(Boolean).length === 1;

/** Of the units read, those a department assignment goes to (functional departments and member units), in path order. */
export const departmentUnits = (units: readonly RegisterUnit[]): RegisterUnit[] =>
  units.filter((u) => u.kind !== null && u.kind !== 'office').sort((a, b) => a.path.localeCompare(b.path));

/** The grids a report may name: a grid worker's own, a community's grids; none above. */
export function gridChoices(me: Registrar | null | undefined, children: readonly RegisterUnit[]): RegisterUnit[] {
  const unit = me?.unit;
  if (!unit) return [];
  if (unit.level === 'grid') return [{ id: unit.id, name: unit.name, path: unit.path, level: unit.level, kind: unit.kind }];
  if (unit.level === 'community') return children.filter((u) => u.level === 'grid');
  return [];
}

/** What the form holds of the fixed fields (the administrator's come as a payload beside them). */
export interface RegisterValues {
  type?: MatterType;
  title?: string;
  category?: number;
  urgency?: string;
  source?: string | null;
  /** An ISO instant, or empty. */
  occurred_at?: string | null;
  address?: string;
  grid?: number | null;
  people_involved?: string;
  description?: string;
  measures?: string;
  target_unit?: number | null;
}

const text = (v: string | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/**
 * The body of POST /matters/report: the fixed fields trimmed (empty ones null), the target unit only
 * for a type that is handed on (the server refuses it on one going up), a grid worker's own grid, the
 * form's submission id (one matter however often it is sent), then the administrator's fields.
 */
export function registerBody(
  values: RegisterValues,
  me: Registrar | null | undefined,
  clientRef: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const target = targetOf(values.type);
  const grid = me?.unit?.level === 'grid' ? me.unit.id : (values.grid ?? null);
  return {
    ...extra,
    type: values.type,
    title: text(values.title) ?? '',
    category: values.category,
    urgency: values.urgency || 'normal',
    source: values.source || null,
    occurred_at: values.occurred_at || null,
    address: text(values.address),
    grid,
    people_involved: text(values.people_involved),
    description: text(values.description) ?? '',
    measures: text(values.measures),
    ...(target ? { target_unit: values.target_unit ?? null } : {}),
    client_ref: clientRef,
  };
}

/**
 * A refusal of the server (its problems joined by “；”) laid on the fields it names by their label
 * (“涉及金额”不符合填写要求：…); what names none stays for the form as a whole.
 */
export function problemsByField(
  message: string,
  fields: readonly { field: string; label: string }[],
): { fields: Record<string, string[]>; rest: string[] } {
  const found: Record<string, string[]> = {};
  const rest: string[] = [];
  for (const problem of message
    .split('；')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const named = fields.find((f) => problem.includes(`“${f.label}”`));
    if (named) (found[named.field] ??= []).push(problem);
    else rest.push(problem);
  }
  return { fields: found, rest };
}
