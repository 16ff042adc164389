import { describe, expect, it } from 'vitest';
import { answerFor } from './static.ts';

const root = '/srv/dist';
const files = new Set(['/srv/dist/index.html', '/srv/dist/sw.js', '/srv/dist/assets/index-abc123.js']);
const exists = (f: string) => files.has(f);

describe('serving the built app', () => {
  it('keeps hashed assets a year and revalidates the rest', () => {
    expect(answerFor(root, '/assets/index-abc123.js', exists)).toEqual({
      file: '/srv/dist/assets/index-abc123.js',
      type: 'text/javascript; charset=utf-8',
      cacheControl: 'public, max-age=31536000, immutable',
    });
    expect(answerFor(root, '/sw.js', exists).cacheControl).toBe('no-cache');
  });

  it('sends the precompressed copy to browsers that accept gzip', () => {
    const withGzip = (f: string) => exists(f) || f === '/srv/dist/assets/index-abc123.js.gz';
    expect(answerFor(root, '/assets/index-abc123.js', withGzip, true)).toMatchObject({
      file: '/srv/dist/assets/index-abc123.js.gz',
      gzip: true,
      type: 'text/javascript; charset=utf-8',
    });
    expect(answerFor(root, '/assets/index-abc123.js', withGzip, false)).toMatchObject({ file: '/srv/dist/assets/index-abc123.js' });
    expect(answerFor(root, '/sw.js', withGzip, true)).toMatchObject({ file: '/srv/dist/sw.js' });
  });

  it('answers client routes with index.html', () => {
    expect(answerFor(root, '/matters/12', exists)).toMatchObject({ file: '/srv/dist/index.html', cacheControl: 'no-cache' });
    expect(answerFor(root, '/', exists).file).toBe('/srv/dist/index.html');
  });

  it('gives 404 for a missing file and for anything outside the build', () => {
    expect(answerFor(root, '/assets/gone.js', exists).file).toBeNull();
    expect(answerFor(root, '/../../etc/passwd', exists).file).not.toBe('/etc/passwd');
    expect(answerFor(root, '/%2e%2e/%2e%2e/etc/passwd.txt', exists).file).toBeNull();
    expect(answerFor(root, '/%E0%A4%A', exists).file).toBeNull();
  });
});
