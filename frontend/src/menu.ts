// The office menu: the screens and the collections a user may read, in the folders of the
// work (schema/folders.ts — the same folders as Studio's), each collection in the folder its
// `meta.group` names (as an administrator may have moved it), a collection of an unknown
// folder under 其他数据. Code tables are read by everyone through dropdowns but listed only
// for those who may change them. A folder with nothing in it is not shown.

import { CODE_TABLE_FOLDER, FOLDERS } from '../../schema/folders.ts';
import type { Identity } from './providers/auth-provider.ts';

type Translations = readonly { language: string; translation: string }[];

/** A collection as /collections describes it to the user, and whether the user may change its items. */
export interface MenuCollection {
  collection: string;
  translations: Translations;
  group: string | null;
  changeable: boolean;
}

/** A screen of our own, with the folder it belongs in (null: at the top). */
export interface MenuScreen {
  name: string;
  list: string;
  show?: string;
  label: string;
  folder: string | null;
  /** The collection whose rights decide whether the screen is listed (none: listed for everyone signed in). */
  collection?: string;
  /** A collection this screen shows instead of its plain list: the list stays reachable, not in the menu. */
  covers?: string;
  /** Jobs it is not listed for (事项登记: leaders read and instruct, they raise nothing). */
  exceptJobs?: readonly string[];
}

/** The screens listed for a user of this job (unknown: all of them). */
export const screensFor = (screens: readonly MenuScreen[], job: string | null | undefined): MenuScreen[] =>
  screens.filter((s) => !job || !s.exceptJobs?.includes(job));

export interface MenuResource {
  name: string;
  list?: string;
  create?: string;
  edit?: string;
  show?: string;
  meta: { label: string; parent?: string; collection?: string; screen?: boolean; hide?: boolean };
}

export const OTHER_FOLDER = 'folder_other';

const named = (translations: Translations, locale: string, fallback: string) =>
  translations.find((t) => t.language === locale)?.translation ?? translations[0]?.translation ?? fallback;

export function menuResources(
  screens: readonly MenuScreen[],
  collections: readonly MenuCollection[],
  locale: string,
  otherLabel: string,
): MenuResource[] {
  const known = new Set(FOLDERS.map((f) => f.collection));
  const folderOf = (c: MenuCollection) => (c.group && known.has(c.group) ? c.group : OTHER_FOLDER);
  // In a folder, its built-in collections in the order it lists them (the registers people open most first), then the rest.
  const order = new Map(FOLDERS.flatMap((f) => f.holds.map((c, i) => [c, i] as const)));
  const place = (c: MenuCollection) => order.get(c.collection) ?? Number.MAX_SAFE_INTEGER;
  const screenNames = new Set(screens.map((s) => s.name));
  const covered = new Set(screens.flatMap((s) => (s.covers ? [s.covers] : [])));
  // A collection whose screen has its name is that screen; one a screen covers stays reachable, unlisted.
  const listed = collections.filter((c) => !screenNames.has(c.collection) && (folderOf(c) !== CODE_TABLE_FOLDER || c.changeable));
  const screen = (s: MenuScreen, parent?: string): MenuResource => ({
    name: s.name,
    list: s.list,
    ...(s.show ? { show: s.show } : {}),
    meta: { label: s.label, ...(parent ? { parent } : {}), ...(s.collection ? { collection: s.collection } : { screen: true }) },
  });
  const children = (folder: string): MenuResource[] => [
    ...screens.filter((s) => s.folder === folder).map((s) => screen(s, folder)),
    ...listed
      .filter((c) => folderOf(c) === folder)
      .sort((a, b) => place(a) - place(b))
      .map((c) => ({
        name: c.collection,
        list: `/data/${c.collection}`,
        create: `/data/${c.collection}/create`,
        edit: `/data/${c.collection}/edit/:id`,
        show: `/data/${c.collection}/show/:id`,
        meta: {
          parent: folder,
          collection: c.collection,
          label: named(c.translations, locale, c.collection),
          ...(covered.has(c.collection) ? { hide: true } : {}),
        },
      })),
  ];
  const folders = [
    ...FOLDERS.map((f) => ({ name: f.collection, label: locale === 'en-US' ? f.en : f.zh })),
    { name: OTHER_FOLDER, label: otherLabel },
  ];
  return [
    ...screens.filter((s) => s.folder === null).map((s) => screen(s)),
    ...folders.flatMap((f) => {
      const inside = children(f.name);
      return inside.some((r) => !r.meta.hide) ? [{ name: f.name, meta: { label: f.label, screen: true } }, ...inside] : inside;
    }),
  ];
}

/** A menu entry as the layout draws it (Refine's tree of resources). */
export interface MenuEntry {
  key: string;
  label: string;
  children: MenuEntry[];
}

/** The entries (leaves) whose name, or whose folder's name, holds the words typed; case and spaces ignored. */
export function matchingEntries<T extends MenuEntry>(tree: readonly T[], query: string): T[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const found: T[] = [];
  const walk = (entries: readonly T[], folder: string) => {
    for (const entry of entries) {
      const text = `${folder} ${entry.label}`.toLowerCase();
      if (entry.children.length) walk(entry.children as T[], entry.label);
      else if (words.every((w) => text.includes(w))) found.push(entry);
    }
  };
  walk(tree, '');
  return found;
}

/** How often each entry was opened, kept on this device. */
export type Usage = Record<string, number>;

/** The entries opened most, most first (at least `least` times each, at most `count` of them). */
export function mostUsed<T extends MenuEntry>(tree: readonly T[], usage: Usage, count = 5, least = 3): T[] {
  const leaves: T[] = [];
  const walk = (entries: readonly T[]) => {
    for (const e of entries) e.children.length ? walk(e.children as T[]) : leaves.push(e);
  };
  walk(tree);
  const times = (e: T) => (Object.hasOwn(usage, e.key) && Number.isFinite(usage[e.key]) ? usage[e.key]! : 0);
  return leaves
    .filter((e) => times(e) >= least)
    .sort((a, b) => times(b) - times(a))
    .slice(0, count);
}

/** Whose home is the dashboard (研判看板): the district's and streets' leaders and heads; everyone else's is the workbench. */
export function homeIsDashboard(me: Pick<Identity, 'job' | 'unit'> | null | undefined): boolean {
  return (me?.job === 'leader' || me?.job === 'head') && (me.unit?.level === 'district' || me.unit?.level === 'street');
}
