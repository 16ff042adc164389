// A stand-in for the 大联勤 platform, run as its own process by the tests:
// it checks the signature of everything it receives, keeps it, and shows it at
// GET /received. With FAIL_FIRST=N it answers the first N posts with 503.
//   node tests/fake-dalianqin.ts <port> <secret>

import { createServer } from 'node:http';
import { verify } from '../extensions/dalianqin/src/signature.ts';

const [port, secret] = process.argv.slice(2);
let failures = Number(process.env.FAIL_FIRST ?? 0);
const received: { path: string; body: unknown; signed: boolean }[] = [];

createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/received') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received));
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (failures > 0) {
      failures -= 1;
      res.writeHead(503).end();
      return;
    }
    const raw = Buffer.concat(chunks);
    const signed = verify(secret!, req.headers, raw, new Date()).ok;
    received.push({ path: req.url ?? '', body: JSON.parse(raw.toString() || 'null'), signed });
    res.writeHead(signed ? 200 : 401, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
}).listen(Number(port), '127.0.0.1', () => console.log(`fake 大联勤 on ${port}`));
