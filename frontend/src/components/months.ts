// Months as the screens ask for them, YYYY-MM in Beijing time (the district's calendar).

const beijingNow = () => new Date(Date.now() + 8 * 3_600_000);

/** This month: what the dashboard and the map show. */
export const thisMonth = () => beijingNow().toISOString().slice(0, 7);

/** The month before this one: the one a monthly report is about. */
export function lastMonth(): string {
  const at = beijingNow();
  at.setUTCDate(0);
  return at.toISOString().slice(0, 7);
}
