// Which of a list's columns make a phone's card: pure, beside list-table.tsx.

export interface CardLayout {
  /** Positions in the list's columns. */
  title: number;
  fields: number[];
  /** Shown at the right of the title (a light, a status tag); none by default. */
  extra: number | null;
  /** The row's buttons, at the bottom. */
  actions: number | null;
}

/** How many fields a card shows under its title unless the list says. */
export const CARD_FIELDS = 3;

/**
 * The card of a list: the list's own choice where it makes one, else the first
 * column as the title, the next three (not the actions) as fields and the
 * right-hand actions column, if any, at the bottom.
 */
export function cardLayout(columns: { actions: boolean }[], chosen: Partial<CardLayout> = {}): CardLayout {
  const actions = chosen.actions !== undefined ? chosen.actions : columns.findIndex((c) => c.actions);
  const title = chosen.title ?? columns.findIndex((c, i) => !c.actions && i !== chosen.extra);
  const rest = columns.map((_, i) => i).filter((i) => i !== title && i !== actions && i !== chosen.extra && !columns[i]!.actions);
  return {
    title: Math.max(title, 0),
    fields: chosen.fields ?? rest.slice(0, CARD_FIELDS),
    extra: chosen.extra ?? null,
    actions: actions === null || actions < 0 ? null : actions,
  };
}

/** A record's value at a column's dataIndex ("name", or a path like ["unit", "name"]). */
export function valueAt(record: unknown, dataIndex: string | number | readonly (string | number)[] | undefined): unknown {
  if (dataIndex === undefined) return undefined;
  const path = Array.isArray(dataIndex) ? dataIndex : [dataIndex];
  let value: unknown = record;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key as string];
  }
  return value;
}
