// What an edit sends: only the fields whose value differs from the record as the form
// began. An untouched field is not sent, so a rule it breaks as stored (an empty phone
// under a phone pattern, a value an administrator's later validation refuses) does not
// stop the change somebody did make, and two people editing different fields of one
// record do not overwrite each other.

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function changesOf(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(after).filter(([field, value]) => !Object.hasOwn(before, field) || !same(before[field], value)));
}
