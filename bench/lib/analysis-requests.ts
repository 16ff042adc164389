// The requests of 统计研判 a benchmark times: a GET as a signed-in user, and the
// twelve-month trend (as the district leader) and the monthly bulletin (as the
// district office). Shared by bench:analysis and bench:scale.

/** A GET of `path` as the holder of `bearer`, read to the end; its time in ms. */
export function timedGet(url: string): (path: string, bearer: string) => Promise<number> {
  return async (path, bearer) => {
    const t0 = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    return performance.now() - t0;
  };
}

export const TREND_PATH = '/statistics/trend?figure=matters&months=12';

/**
 * The dashboard's twelve-month trend of matters as the district leader (`trend` samples after
 * one untimed), then the supervision bulletin of the month as the district office (`bulletins`
 * runs); each time in ms.
 */
export async function trendAndBulletin(
  url: string,
  tokens: { leader: string; office: string },
  period: string,
  counts: { trend: number; bulletins: number },
): Promise<{ trend: number[]; bulletins: number[] }> {
  const get = timedGet(url);
  await get(TREND_PATH, tokens.leader);
  const trend: number[] = [];
  for (let i = 0; i < counts.trend; i++) trend.push(await get(TREND_PATH, tokens.leader));
  const bulletins: number[] = [];
  for (let i = 0; i < counts.bulletins; i++) bulletins.push(await get(`/reports/bulletin?span=${period}`, tokens.office));
  return { trend, bulletins };
}
