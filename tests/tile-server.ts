// A stand-in for a tile service on the government network (an intranet 天地图), run in the
// test's own process: every tile is a 256-pixel square of one colour as a PNG, and the
// server keeps the paths asked for. A path under /broken/ is answered 500, one under
// /text/ with a page instead of an image.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';

/** A PNG of one colour. */
export function solidPng(size: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const row = Buffer.alloc(1 + size * 3);
  for (let i = 0; i < size; i++) row.set([r, g, b], 1 + i * 3);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const TILE_COLOUR: [number, number, number] = [0, 200, 83];

export async function tileServer() {
  const tile = solidPng(256, TILE_COLOUR);
  const asked: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '';
    asked.push(path);
    if (path.startsWith('/broken/')) res.writeHead(500).end('down');
    else if (path.startsWith('/text/')) res.writeHead(200, { 'content-type': 'text/html' }).end('<html>登录</html>');
    else res.writeHead(200, { 'content-type': 'image/png', 'content-length': tile.length }).end(tile);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    tile,
    asked,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
