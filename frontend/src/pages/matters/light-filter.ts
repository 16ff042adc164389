// The deadline light as a filter of the matters list. Red (已超期: the running
// deadline has passed) and "no light" (closed, or no deadline) are plain Directus
// filters on status, sign_due_at and due_at. Yellow and green part at 75 % of the
// allowed time (lights.ts), which compares two columns of a row (raised and due):
// Directus filters cannot, so the server narrows to "open, deadline not passed",
// the browser computes the light of those candidates, and the list asks for their ids.

import type { CrudFilter } from '@refinedev/core';
import { lightOf, WAITING, type Light, type Timed } from '../../matters/lights.ts';

/** Candidates fetched for the yellow/green step; more and the filter says it is partial. */
export const MAX_CANDIDATES = 800;

const open: CrudFilter = { field: 'status', operator: 'ne', value: 'closed' };

/** The running deadline compared with `operator` to `at` (sign-for while waiting, else completion). */
function deadline(operator: 'lt' | 'gte', at: string): CrudFilter {
  return {
    operator: 'or',
    value: [
      { operator: 'and', value: [{ field: 'status', operator: 'in', value: WAITING }, { field: 'sign_due_at', operator, value: at }] },
      { operator: 'and', value: [{ field: 'status', operator: 'in', value: WAITING }, { field: 'sign_due_at', operator: 'null', value: true }, { field: 'due_at', operator, value: at }] },
      { operator: 'and', value: [{ field: 'status', operator: 'nin', value: WAITING }, { field: 'due_at', operator, value: at }] },
    ],
  };
}

/** The server-side filter of a light: exact for red and none; for yellow and green the candidates. */
export function lightFilter(light: Light, now: Date): CrudFilter[] {
  const at = now.toISOString();
  if (light === 'red') return [open, deadline('lt', at)];
  if (light === 'none') return [{ operator: 'or', value: [{ field: 'status', operator: 'eq', value: 'closed' }, { operator: 'and', value: [{ field: 'sign_due_at', operator: 'null', value: true }, { field: 'due_at', operator: 'null', value: true }] }] }];
  return [open, deadline('gte', at)];
}

/** The fields the browser needs to tell yellow from green. */
export const TIMED_FIELDS = ['id', 'status', 'date_created', 'sign_due_at', 'due_at'];

/** Of the candidates, the ids whose light is `light`. */
export function idsWithLight(candidates: (Timed & { id: number })[], light: Light, now: Date): number[] {
  return candidates.filter((m) => lightOf(m, now) === light).map((m) => m.id);
}
