import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { patientFetch } from './directus.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A server answering each request with the next of `answers` (the last one repeated), counting them. */
async function serve(answers: { status: number; code?: string }[]): Promise<{ url: string; seen: () => string[] }> {
  const bodies: string[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      bodies.push(body);
      const answer = answers[Math.min(bodies.length - 1, answers.length - 1)]!;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.code ? { errors: [{ message: 'x', extensions: { code: answer.code } }] } : { data: 'ok' }));
    });
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`, seen: () => bodies };
}

describe('setup requests on a busy machine', () => {
  it('are sent again, body and all, while Directus refuses them as under pressure', async () => {
    const { url, seen } = await serve([
      { status: 503, code: 'SERVICE_UNAVAILABLE' },
      { status: 503, code: 'SERVICE_UNAVAILABLE' },
      { status: 200 },
    ]);
    const answer = await patientFetch(url, { method: 'POST', body: '{"a":1}' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: 'ok' });
    expect(seen()).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
  });

  it('are answered at once with any other refusal, a database out of reach included', async () => {
    for (const answer of [
      { status: 503, code: 'DATABASE_UNAVAILABLE' },
      { status: 500, code: 'INTERNAL_SERVER_ERROR' },
      { status: 400, code: 'INVALID_PAYLOAD' },
    ]) {
      const { url, seen } = await serve([answer, { status: 200 }]);
      const got = await patientFetch(url, { method: 'POST', body: '{}' });
      expect(got.status).toBe(answer.status);
      expect(((await got.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(answer.code);
      expect(seen()).toHaveLength(1);
      await new Promise<void>((done) => server!.close(() => done()));
      server = undefined;
    }
  });
});
