// Directus filter rules in the browser: a field's `meta.validation` (checked before
// the server checks it again) and `meta.conditions` (hide, make read-only or required,
// change options depending on the other fields' values). Pure: the form in
// ../components/schema asks these functions on every change.
//
// The operators Studio offers for these rules are evaluated here; dynamic values
// ($NOW, $CURRENT_USER) and relational paths are not: a rule using them passes in
// the browser and is left to the server.

export type FilterRule = Record<string, unknown>;

/** One of a field's `meta.conditions`: the last whose rule matches applies (as in Studio). */
export interface FieldCondition {
  name?: string | null;
  rule: FilterRule;
  hidden?: boolean | null;
  readonly?: boolean | null;
  required?: boolean | null;
  options?: Record<string, unknown> | null;
}

/** The part of a field model the rules read and change. */
export interface RuledField {
  field: string;
  hidden: boolean;
  readonly: boolean;
  required: boolean;
  choices: { text: string; value: string | number }[];
  validation: FilterRule | null;
  validationMessage: string | null;
  conditions: FieldCondition[];
}

const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const isDynamic = (v: unknown) => typeof v === 'string' && v.startsWith('$');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [v]);

/** Numbers and ISO dates compare as numbers; everything else as strings. */
function comparable(v: unknown): number | string {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return Date.parse(v);
  return String(v);
}

function loose(a: unknown, b: unknown): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a) === String(b);
  return a === b || (a !== null && b !== null && a !== undefined && b !== undefined && comparable(a) === comparable(b));
}

function regex(source: string): RegExp {
  const wrapped = source.length > 1 && source.startsWith('/') && source.endsWith('/');
  return new RegExp(wrapped ? source.slice(1, -1) : source);
}

/** One operator on one value. Unknown operators and dynamic values pass (the server decides). */
function test(operator: string, value: unknown, arg: unknown): boolean {
  if (isDynamic(arg) || (Array.isArray(arg) && arg.some(isDynamic))) return true;
  const text = value === undefined || value === null ? '' : String(value);
  switch (operator) {
    case '_eq':
      return loose(value, arg);
    case '_neq':
      return !loose(value, arg);
    case '_lt':
      return !isBlank(value) && comparable(value) < comparable(arg);
    case '_lte':
      return !isBlank(value) && comparable(value) <= comparable(arg);
    case '_gt':
      return !isBlank(value) && comparable(value) > comparable(arg);
    case '_gte':
      return !isBlank(value) && comparable(value) >= comparable(arg);
    case '_in':
      return list(arg).some((a) => loose(value, a));
    case '_nin':
      return !list(arg).some((a) => loose(value, a));
    case '_null':
      return (value === null || value === undefined) === (arg !== false && arg !== 'false');
    case '_nnull':
      return (value !== null && value !== undefined) === (arg !== false && arg !== 'false');
    case '_empty':
      return isBlank(value) === (arg !== false && arg !== 'false');
    case '_nempty':
      return !isBlank(value) === (arg !== false && arg !== 'false');
    case '_contains':
      return text.includes(String(arg));
    case '_ncontains':
      return !text.includes(String(arg));
    case '_icontains':
      return text.toLowerCase().includes(String(arg).toLowerCase());
    case '_nicontains':
      return !text.toLowerCase().includes(String(arg).toLowerCase());
    case '_starts_with':
      return text.startsWith(String(arg));
    case '_nstarts_with':
      return !text.startsWith(String(arg));
    case '_istarts_with':
      return text.toLowerCase().startsWith(String(arg).toLowerCase());
    case '_ends_with':
      return text.endsWith(String(arg));
    case '_nends_with':
      return !text.endsWith(String(arg));
    case '_iends_with':
      return text.toLowerCase().endsWith(String(arg).toLowerCase());
    case '_regex':
      return regex(String(arg)).test(text);
    case '_between':
    case '_nbetween': {
      const [low, high] = list(arg);
      const inside = !isBlank(value) && comparable(value) >= comparable(low) && comparable(value) <= comparable(high);
      return operator === '_between' ? inside : !inside;
    }
    default:
      return true;
  }
}

/** Operators that say something about an empty value; the others leave an empty value to `required`. */
const ABOUT_EMPTINESS = ['_null', '_nnull', '_empty', '_nempty'];

export interface MatchOptions {
  /** Validation: a rule on a field that is empty (and not about emptiness) passes, as `required` covers it. */
  skipBlank?: boolean;
}

/** Does `item` satisfy the Directus filter `rule`? */
export function matches(rule: FilterRule | null | undefined, item: Record<string, unknown>, options: MatchOptions = {}): boolean {
  if (!rule || typeof rule !== 'object') return true;
  return Object.entries(rule).every(([key, inner]) => {
    if (key === '_and') return (inner as FilterRule[]).every((r) => matches(r, item, options));
    if (key === '_or') return (inner as FilterRule[]).some((r) => matches(r, item, options));
    if (!inner || typeof inner !== 'object') return true;
    const value = item[key];
    return Object.entries(inner as FilterRule).every(([operator, arg]) => {
      // A nested object here is a relational path: the browser has no related item to look into.
      if (!operator.startsWith('_')) return true;
      if (options.skipBlank && isBlank(value) && !ABOUT_EMPTINESS.includes(operator)) return true;
      return test(operator, value, arg);
    });
  });
}

/** The field as the current values make it: the last matching condition's hidden/readonly/required/choices. */
export function applyConditions<F extends RuledField>(field: F, values: Record<string, unknown>): F {
  const hit = [...field.conditions].reverse().find((c) => c.rule && Object.keys(c.rule).length > 0 && matches(c.rule, values));
  if (!hit) return field;
  const choices = (hit.options as { choices?: F['choices'] } | null | undefined)?.choices;
  return {
    ...field,
    hidden: hit.hidden ?? field.hidden,
    readonly: hit.readonly ?? field.readonly,
    required: hit.required ?? field.required,
    choices: Array.isArray(choices) ? choices : field.choices,
  };
}

/** The field's validation message when `values` break its rule, else null. */
export function validationError(field: RuledField, values: Record<string, unknown>, fallback: string): string | null {
  if (!field.validation || matches(field.validation, values, { skipBlank: true })) return null;
  return field.validationMessage || fallback;
}
