import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../seed/demo-users.ts';
import { MANUAL_SHOTS } from './manual-shots.ts';

const DIR = resolve(import.meta.dirname, '../../docs/manual');
const pictures = readdirSync(DIR)
  .filter((f) => f.endsWith('.md'))
  .flatMap((file) =>
    [...readFileSync(resolve(DIR, file), 'utf8').matchAll(/!\[[^\]]*\]\(images\/([^)]+)\)/g)].map((m) => ({ file, image: m[1]! })),
  );

describe("the manuals' pictures", () => {
  it('are each taken by a shot, and every shot is in a manual', () => {
    const shots = new Set(MANUAL_SHOTS.map((s) => s.image));
    for (const { file, image } of pictures) expect(shots.has(image), `${file}: ${image}`).toBe(true);
    for (const image of shots) expect(pictures.map((p) => p.image)).toContain(image);
  });

  it('are in the repository (npm run manual takes them)', () => {
    for (const { image } of pictures) expect(existsSync(resolve(DIR, 'images', image)), image).toBe(true);
  });

  it('are taken as demo accounts that exist, each picture once', () => {
    const accounts = new Set(DEMO_USERS.map((u) => u.email.split('@')[0]));
    for (const shot of MANUAL_SHOTS) expect(accounts.has(shot.account), shot.account).toBe(true);
    expect(new Set(MANUAL_SHOTS.map((s) => s.image)).size).toBe(MANUAL_SHOTS.length);
  });
});
