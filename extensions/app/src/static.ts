// Which file of the built app answers a path, and how long browsers may keep it.
// Pure, so the rules are tested without a server.

import { extname, normalize, resolve, sep } from 'node:path';

export const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

export interface Answer {
  /** Absolute file to send, or null for 404. */
  file: string | null;
  type: string;
  cacheControl: string;
  /** The file is the gzip-compressed copy (file.gz written by the build). */
  gzip?: boolean;
}

/**
 * `/assets/…` are content-hashed by the build: kept a year. Everything else
 * (index.html, sw.js, the manifest) is revalidated on every load so that a new
 * build is picked up. A path without an extension is a client route: index.html.
 */
export function answerFor(root: string, urlPath: string, exists: (file: string) => boolean, acceptsGzip = false): Answer {
  const plain = locate(root, urlPath, exists);
  if (acceptsGzip && plain.file && exists(`${plain.file}.gz`)) return { ...plain, file: `${plain.file}.gz`, gzip: true };
  return plain;
}

function locate(root: string, urlPath: string, exists: (file: string) => boolean): Answer {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return { file: null, type: 'text/plain', cacheControl: 'no-store' };
  }
  const target = resolve(root, '.' + sep + normalize(path));
  if (target !== root && !target.startsWith(root + sep)) return { file: null, type: 'text/plain', cacheControl: 'no-store' };
  const ext = extname(target);
  if (ext && exists(target)) {
    const immutable = path.startsWith('/assets/');
    return {
      file: target,
      type: TYPES[ext] ?? 'application/octet-stream',
      cacheControl: immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
  }
  if (ext) return { file: null, type: 'text/plain', cacheControl: 'no-store' };
  const index = resolve(root, 'index.html');
  return { file: exists(index) ? index : null, type: TYPES['.html']!, cacheControl: 'no-cache' };
}
