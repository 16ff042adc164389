// The manuals per role (docs/manual/*.md, Chinese) as the app shows them under 帮助:
// which manual a user opens first, and the Markdown's own links and pictures turned
// into the app's addresses. Pure; the page (index.tsx) renders with marked.

/** The manuals in the order of docs/manual/README.md: the file's name without .md, and its title. */
export const MANUALS = [
  { page: 'gridworker', title: '网格员' },
  { page: 'community', title: '社区工作人员' },
  { page: 'street', title: '街道综治办' },
  { page: 'district', title: '区综治办' },
  { page: 'leader', title: '领导' },
  { page: 'department', title: '部门联络员' },
  { page: 'admin', title: '系统管理员' },
] as const;

export type ManualPage = (typeof MANUALS)[number]['page'];

/** The overview (docs/manual/README.md): the list of manuals and what holds for everyone. */
export const OVERVIEW = 'overview';

/**
 * The manual of a user's work, from their unit's level and their role's job: leaders
 * read the leaders' one, the district's and streets' system administrators the
 * administrators' one; everyone else the one of their level (the overview without either).
 */
export function manualFor(level: string | null | undefined, job: string | null | undefined): ManualPage | null {
  if (job === 'leader') return 'leader';
  if (job === 'sysadmin' && (level === 'district' || level === 'street')) return 'admin';
  if (job === 'grid_worker' || level === 'grid') return 'gridworker';
  if (level === 'community' || level === 'street' || level === 'district' || level === 'department') return level;
  return null;
}

/** A manual page's name from the app's address part; null for one that does not exist. */
export function manualPage(name: string | undefined): ManualPage | typeof OVERVIEW | null {
  return name === OVERVIEW ? OVERVIEW : (MANUALS.find((m) => m.page === name)?.page ?? null);
}

/** The Markdown file a page is read from. */
export const manualFile = (page: ManualPage | typeof OVERVIEW) => (page === OVERVIEW ? 'README.md' : `${page}.md`);

/**
 * Where a link or picture of the Markdown points in the app: another manual
 * (`street.md`, `README.md`) becomes its page under /help, a picture (`images/x.jpg`)
 * the built file's address; anything else stays as written.
 */
export function manualHref(href: string, pictures: Record<string, string>): string {
  const manual = /^(?:\.\/)?([a-z]+|README)\.md$/.exec(href);
  if (manual) return `/app/help/${manual[1] === 'README' ? OVERVIEW : manual[1]}`;
  const picture = /^(?:\.\/)?images\/([\w.-]+)$/.exec(href);
  if (picture) return pictures[picture[1]!] ?? href;
  return href;
}

/** The pictures' built addresses by file name, from Vite's glob of docs/manual/images. */
export function picturesByName(globbed: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(globbed).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));
}
