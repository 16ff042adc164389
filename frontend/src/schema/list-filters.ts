// The filters of a schema-driven list: one control for each shown column that can
// be chosen from (a choice, yes or no, a code table, a date range), and the unit
// (its own and those below). Pure: the list screen renders the controls and
// passes what the user picked; Directus filters by the same fields on the server.

import type { CrudFilter } from '@refinedev/core';
import type { Choice, FieldModel } from './model.ts';

export type FilterControl =
  | { field: string; label: string; control: 'choices'; choices: Choice[] }
  | { field: string; label: string; control: 'yesno' }
  | { field: string; label: string; control: 'code'; collection: string }
  | { field: string; label: string; control: 'dates'; kind: 'date' | 'datetime' };

/** The shown columns a user can filter by, in their order; the unit has its own control. */
export function filterControls(columns: FieldModel[]): FilterControl[] {
  const out: FilterControl[] = [];
  for (const m of columns) {
    if (m.field === 'unit') continue;
    if ((m.kind === 'select' || m.kind === 'radio') && m.choices.length)
      out.push({ field: m.field, label: m.label, control: 'choices', choices: m.choices });
    else if (m.kind === 'toggle') out.push({ field: m.field, label: m.label, control: 'yesno' });
    else if (m.kind === 'm2o' && m.related?.collection.startsWith('code_'))
      out.push({ field: m.field, label: m.label, control: 'code', collection: m.related.collection });
    else if (m.kind === 'date' || m.kind === 'datetime') out.push({ field: m.field, label: m.label, control: 'dates', kind: m.kind });
  }
  return out;
}

/** What the user picked: per field a list of values, a yes/no, or a [from, to] pair of instants (ISO); the unit's path. */
export type Picked = Record<string, unknown>;

/** The list's filters for what was picked, each replacing the last (an emptied control filters nothing). */
export function listFilters(controls: FilterControl[], picked: Picked, search: string | undefined, unitPath: string | null): CrudFilter[] {
  const filters: CrudFilter[] = [{ field: 'q', operator: 'contains', value: search ?? '' }];
  for (const c of controls) {
    const value = picked[c.field];
    if (c.control === 'yesno')
      filters.push({ field: c.field, operator: 'eq', value: value === true || value === false ? value : undefined });
    else if (c.control === 'dates')
      filters.push({
        field: c.field,
        operator: 'between',
        value: Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string') ? value : undefined,
      });
    else filters.push({ field: c.field, operator: 'in', value: Array.isArray(value) && value.length ? value : undefined });
  }
  // The unit and those below it: the path starts with the chosen unit's (case-sensitive).
  filters.push({ field: 'unit_path', operator: 'startswiths', value: unitPath ?? undefined });
  return filters;
}
