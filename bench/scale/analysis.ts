// bench:analysis's requests at Pukou scale: the dashboard's twelve-month trend as the
// district leader and the month's supervision bulletin as the district office (the
// dashboard's statistics are in the lists table).

import { DEMO_PASSWORD } from '../../directus.config.ts';
import { trendAndBulletin } from '../lib/analysis-requests.ts';
import { token } from '../lib/login.ts';
import { timing } from '../lib/measure.ts';
import { p50p95, rounded, type PartResult, type ScaleContext } from './part.ts';

const COUNTS = { trend: 20, bulletins: 3 };

export async function analysisPart({ url, period, small, step }: ScaleContext): Promise<PartResult> {
  const tokens = {
    leader: await token(url, 'district-leader@pukou.gov.cn', DEMO_PASSWORD),
    office: await token(url, 'district-staff@pukou.gov.cn', DEMO_PASSWORD),
  };
  const { trend, bulletins } = await trendAndBulletin(url, tokens, period.key, COUNTS);
  step(`analysis: trend ${p50p95(timing(trend))}; bulletin ${bulletins.map(rounded).join(', ')} ms`);
  const pair = (c: string[]) => `p50 ${c[0]} / p95 ${c[1]}`;
  return {
    rows: [
      {
        operation: '12-month trend of matters (`GET /statistics/trend`), district leader',
        atScale: p50p95(timing(trend)),
        small: small.figure('analysis', '12-month trend', ['p50', 'p95'], pair),
      },
      {
        operation: `supervision bulletin ${period.key} (\`GET /reports/bulletin\`), district office`,
        atScale: `p50 ${rounded(timing(bulletins).p50)} ms, slowest ${rounded(Math.max(...bulletins))} ms`,
        small: small.figure('analysis', 'bulletin', ['p50', 'p95'], (c) => `p50 ${c[0]}, slowest ${c[1]!.replace(' (slowest)', '')}`),
      },
    ],
    notes: [
      `Analysis: the trend ${COUNTS.trend} times after one untimed, then the bulletin (nine streets, a .docx with two charts) ${COUNTS.bulletins} times, as bench:analysis asks them (bench/lib/analysis-requests.ts).`,
    ],
  };
}
