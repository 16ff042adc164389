// The units a matter has reached, as one text on the matter's own row:
// `|/320111/S01/|/320111/S01/C003/|`. The visibility rule (a matter is seen by
// every unit it passed through and by their superiors) is then a condition on
// the matter itself, "its participant paths contain my unit's path", instead of
// a join of every participant row of the viewer's jurisdiction, which Directus
// groups per matter before it can sort and take a page (seconds for a street at
// the district's real size, docs/benchmarks.md).
//
// "Contains my path" means "a participant is my unit or below it" because a path
// begins with the district's code and no unit below a district repeats a
// district's code (rootCodeProblem in kernel/unit-path.ts): a unit's path can
// only be found at the start of another's. `|` is never in a path.
//
// `matter_participants` stays the record of who took part (with the unit ids);
// this text is kept beside it in the same transaction, and rebased when a unit
// moves, as every unit_path column is.

export const PARTICIPANT_PATHS = 'participant_paths';
const SEPARATOR = '|';

/** The text for these paths, each once, in their order: `|a|b|`. */
export function participantPaths(paths: Iterable<string>): string {
  const unique = [...new Set(paths)];
  return unique.length ? `${SEPARATOR}${unique.join(SEPARATOR)}${SEPARATOR}` : '';
}

/** The paths in a stored text (empty for none). */
export function pathsIn(text: string | null | undefined): string[] {
  return (text ?? '').split(SEPARATOR).filter((p) => p !== '');
}

/** The stored text with these paths added at the end (those already in it are not repeated). */
export function withParticipants(text: string | null | undefined, added: Iterable<string>): string {
  return participantPaths([...pathsIn(text), ...added]);
}

/** Whether a user of the unit at `viewerPath` sees a matter with this text: the rule as Directus applies it (`_contains`). */
export function visibleTo(text: string | null | undefined, viewerPath: string): boolean {
  return (text ?? '').includes(viewerPath);
}

/** The text after the unit at `from` moved to `to`: every participant at or below it rebased (as rebaseSql does). */
export function rebased(text: string, from: string, to: string): string {
  return text.split(`${SEPARATOR}${from}`).join(`${SEPARATOR}${to}`);
}

/**
 * The statement that rebases the texts when the unit at `from` moves to `to`: SQL's
 * replace() on both databases, on the matters that have a participant there.
 */
export function rebaseSql(from: string, to: string): { sql: string; bindings: string[] } {
  return {
    sql: `UPDATE matters SET ${PARTICIPANT_PATHS} = replace(${PARTICIPANT_PATHS}, ?, ?) WHERE ${PARTICIPANT_PATHS} LIKE ?`,
    bindings: [`${SEPARATOR}${from}`, `${SEPARATOR}${to}`, `%${SEPARATOR}${from}%`],
  };
}

/**
 * The statement that fills the text of matters that have none from their participant
 * rows (matters stored before the column existed, or loaded in bulk). Idempotent.
 */
export function backfillSql(client: string): string {
  const joined = client === 'pg' ? `string_agg(p.unit_path, '${SEPARATOR}' ORDER BY p.id)` : `group_concat(p.unit_path, '${SEPARATOR}')`;
  return [
    `UPDATE matters SET ${PARTICIPANT_PATHS} = '${SEPARATOR}' || (SELECT ${joined} FROM matter_participants p WHERE p.matter = matters.id) || '${SEPARATOR}'`,
    `WHERE (${PARTICIPANT_PATHS} IS NULL OR ${PARTICIPANT_PATHS} = '') AND EXISTS (SELECT 1 FROM matter_participants p WHERE p.matter = matters.id)`,
  ].join(' ');
}
