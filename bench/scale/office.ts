// bench:office's fan-out at Pukou scale: a notice sent by the district's staff to every
// community and grid, beside the three years of documents and receipts already there;
// then the sender's status page once most have signed.

import { BUDGET, senderToken, sendNotice, timeStatusPage } from '../office/documents.ts';
import { rounded, slash, type PartResult, type ScaleContext } from './part.ts';

const SENDS = 3;

export async function officePart({ url, sql, small, step }: ScaleContext): Promise<PartResult> {
  const token = await senderToken(url);
  const sends: { id: number; recipients: number; ms: number }[] = [];
  for (let i = 0; i < SENDS; i++) {
    sends.push(await sendNotice(url, token, i + 1));
    step(`office: send ${i + 1}: ${sends[i]!.recipients} recipients in ${rounded(sends[i]!.ms)} ms`);
  }
  const status = await timeStatusPage(url, token, sql, sends.at(-1)!, BUDGET);
  step(`office: status page ${slash(status, 1)} ms`);
  const ms = sends.map((s) => s.ms).sort((a, b) => a - b);
  const receipts = Number((await sql.all('SELECT count(*) AS n FROM document_recipients'))[0]!.n);
  return {
    rows: [
      {
        operation: `send a notice to every community and grid (\`POST /office/documents/:id/send\`, ${sends[0]!.recipients.toLocaleString('en')} recipients), min / median / max`,
        atScale: `${ms.map(rounded).join(' / ')} ms`,
        small: small.figure('office', 'PostgreSQL', ['recipients', 'send: min / median / max'], (c) => `${c[1]} ms (${c[0]} recipients)`),
      },
      {
        operation: "the sender's status page (`GET /office/documents/:id/status?show=unsigned`), p50 / p95",
        atScale: `${slash(status, 1)} ms`,
        small: small.figure('office', 'PostgreSQL', ['status page p50 / p95'], (c) => `${c[0]} ms`),
      },
    ],
    notes: [
      `Office: ${SENDS} notices in a row by the district's staff, with a reply asked for, among ${receipts.toLocaleString('en')} receipts in all afterwards; then, with 70 % of the last one's recipients signed, its status page ${BUDGET.samples} times after ${BUDGET.warmup} untimed (bench/office/documents.ts).`,
    ],
  };
}
