import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../../schema/access.ts';
import { MANUALS, manualFile, manualFor, manualHref, manualPage, picturesByName } from './manuals.ts';

const DIR = resolve(import.meta.dirname, '../../../../docs/manual');
const pictures = { 'street-sent.jpg': '/app/assets/street-sent-abc123.jpg' };

describe('the manuals per role', () => {
  it('give every role of the district a manual that exists', () => {
    const files = readdirSync(DIR);
    for (const role of ROLES) {
      const level = role.level === 'department' ? 'department' : role.level;
      const page = manualFor(level, role.job);
      expect(page, role.key).not.toBeNull();
      expect(files, role.key).toContain(`${page}.md`);
    }
    expect(MANUALS.map((m) => `${m.page}.md`).every((f) => files.includes(f))).toBe(true);
  });

  it('send leaders, administrators and grid workers to their own and the rest to their level', () => {
    expect(manualFor('street', 'leader')).toBe('leader');
    expect(manualFor('district', 'sysadmin')).toBe('admin');
    expect(manualFor('community', 'sysadmin')).toBe('community');
    expect(manualFor('grid', 'grid_worker')).toBe('gridworker');
    expect(manualFor('department', 'liaison')).toBe('department');
    expect(manualFor(null, null)).toBeNull();
    expect(manualFor('district', undefined)).toBe('district');
  });

  it('know only their own pages', () => {
    expect(manualPage('street')).toBe('street');
    expect(manualPage('../admin')).toBeNull();
    expect(manualPage(undefined)).toBeNull();
    expect(manualPage('overview')).toBe('overview');
    expect(manualFile('overview')).toBe('README.md');
    expect(manualFile('admin')).toBe('admin.md');
  });

  it("turn the Markdown's links and pictures into the app's addresses", () => {
    expect(manualHref('street.md', pictures)).toBe('/app/help/street');
    expect(manualHref('./README.md', pictures)).toBe('/app/help/overview');
    expect(manualHref('images/street-sent.jpg', pictures)).toBe('/app/assets/street-sent-abc123.jpg');
    expect(manualHref('images/missing.jpg', pictures)).toBe('images/missing.jpg');
    expect(manualHref('https://example.org/x.md', pictures)).toBe('https://example.org/x.md');
    expect(picturesByName({ '../../../../docs/manual/images/a.jpg': '/app/assets/a-1.jpg' })).toEqual({ 'a.jpg': '/app/assets/a-1.jpg' });
  });

  it('link each other by pages that exist', () => {
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(resolve(DIR, file), 'utf8');
      for (const [, href] of text.matchAll(/\]\(([^)]+\.md)\)/g)) expect(readdirSync(DIR), `${file} → ${href}`).toContain(href);
    }
  });
});
