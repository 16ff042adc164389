// The Studio side (app.js, plain data with no build) says what the API side reads: the
// same ids and names, every option the parsers take, and the same choices as the
// vocabularies they come from.

import { describe, expect, it } from 'vitest';
import { JOB_LABELS, LEVEL_LABELS } from '../../kernel/unit-path.ts';
import { MATTER_TYPES, URGENCIES } from '../../domains/matters/vocabulary.ts';
import { WARNING_LEVELS } from '../../domains/warnings/rules.ts';
// @ts-expect-error: plain JavaScript without declarations, read as Studio reads it.
import { operations } from './app.js';
import { DISPATCH_TYPES, OPERATION_NAMES } from './options.ts';

interface AppOperation {
  id: string;
  name: string;
  icon: string;
  description: string;
  overview: (options: Record<string, unknown>) => { label: string; text: string }[];
  options: { field: string; name: string; meta?: { options?: { choices?: { text: string; value: string }[] } } }[];
}
const ops = operations as AppOperation[];
const choicesOf = (id: string, field: string) =>
  Object.fromEntries(
    (ops.find((o) => o.id === id)!.options.find((f) => f.field === field)!.meta!.options!.choices ?? []).map((c) => [c.value, c.text]),
  );

describe('the Studio side of the operations', () => {
  it('lists the four operations with their Chinese names, an icon, a description and an overview', () => {
    expect(Object.fromEntries(ops.map((o) => [o.id, o.name]))).toEqual(OPERATION_NAMES);
    for (const o of ops) {
      expect(o.icon).toMatch(/^[a-z_]+$/);
      expect(o.description).toMatch(/[\u4e00-\u9fa5]/);
      expect(o.overview({}).length).toBeGreaterThan(0);
      for (const f of o.options) expect(f.name).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('asks for exactly the options the API side reads', () => {
    const fields = (id: string) =>
      ops
        .find((o) => o.id === id)!
        .options.map((f) => f.field)
        .sort();
    expect(fields('workday-deadline')).toEqual(['days', 'start']);
    expect(fields('notify-unit')).toEqual(['about_collection', 'about_item', 'jobs', 'level', 'message', 'phone', 'subject', 'unit']);
    expect(fields('dispatch-matter')).toEqual(['category', 'description', 'from_unit', 'title', 'type', 'unit', 'urgency']);
    expect(fields('raise-warning')).toEqual(['level', 'rule', 'summary', 'unit']);
  });

  it('offers the same choices as the vocabularies', () => {
    expect(choicesOf('notify-unit', 'level')).toEqual(LEVEL_LABELS);
    expect(choicesOf('notify-unit', 'jobs')).toEqual(JOB_LABELS);
    expect(choicesOf('dispatch-matter', 'type')).toEqual(Object.fromEntries(DISPATCH_TYPES.map((t) => [t, MATTER_TYPES[t].label])));
    expect(choicesOf('dispatch-matter', 'urgency')).toEqual(URGENCIES);
    expect(choicesOf('raise-warning', 'level')).toEqual(WARNING_LEVELS);
  });
});
