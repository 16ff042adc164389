// Newest first on the large registries. The generic list asks for `sort=-id`;
// PostgreSQL then walks the primary key backwards, expecting a community's rows
// (0.5 % of the district's people) to be spread evenly over it. They are not:
// people are registered and imported community by community, so the walk reads
// most of the table before it finds a page (350 ms at 1.2 M people). Sorted by
// the creation time (then id), which no index orders on its own, the planner
// takes the caller's rows through the unit path index and sorts that page
// (1 ms for a community, 35 ms for a street). For the district, whose filter
// matches every row, the backward walk is the fast plan, so its order is kept.

/** Registries listed newest first by their creation time. */
export const CREATION_ORDERED = ['people', 'houses'];

/** The sort to run for a caller whose jurisdiction is `callerPath` (null: the administrator, who sees all). */
export function newestFirstSort(sort: unknown, callerPath: string | null): string[] | null {
  if (!Array.isArray(sort) || sort.length !== 1 || sort[0] !== '-id') return null;
  const depth = callerPath ? callerPath.split('/').filter(Boolean).length : 0;
  return depth > 1 ? ['-date_created', '-id'] : null;
}
