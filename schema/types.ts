import type { ListLayout } from './list-layouts.ts';
// Shapes of the data model as code. They mirror the bodies Directus's REST API
// takes for /collections, /fields, /relations, /policies and /permissions, so
// that `schema/apply.ts` can send them as they are.

export type Filter = Record<string, unknown>;

export interface FieldSpec {
  field: string;
  type: string;
  schema?: Record<string, unknown> | null;
  meta?: Record<string, unknown> | null;
}

export interface RelationSpec {
  collection: string;
  field: string;
  related_collection: string;
  meta?: Record<string, unknown>;
  schema?: Record<string, unknown>;
}

/**
 * An index a collection's queries need beyond those Directus makes (primary
 * keys, unique fields) and the unit path prefix index every scoped collection
 * gets. Created by schema apply (POST /jurisdiction-indexes), idempotently.
 */
export interface IndexSpec {
  columns: string[];
  unique?: boolean;
  /** Defaults to `<collection>_<columns>_idx`. */
  name?: string;
}

export interface CollectionSpec {
  collection: string;
  /** System collections (directus_users) only get our extra fields. */
  system?: boolean;
  meta?: Record<string, unknown>;
  fields: FieldSpec[];
  relations?: RelationSpec[];
  /** Name of the field holding the unit path this collection's items are scoped by, if any. */
  scopePath?: string;
  /** Name of a field naming the functional department an item is assigned to (部门交办), if any. */
  assignedUnitField?: string;
  indexes?: IndexSpec[];
  /**
   * The columns and order its lists open with, for everyone (schema/list-layouts.ts):
   * written by schema apply as Studio's default table layout (a preset of no user and
   * no role) where there is none yet, so that an administrator changes them in Studio
   * and the app follows.
   */
  listLayout?: ListLayout;
  /**
   * Rows are only ever added: the database refuses updates, and deletes of rows whose
   * `timeColumn` is younger than `minRetentionDays` (triggers made by schema apply).
   */
  appendOnly?: { minRetentionDays: number; timeColumn: string };
  /**
   * What to do instead of deleting an item that other records still refer to: the advice
   * that ends the refusal (extensions/integrity, kernel/delete-rule.ts).
   */
  keepInstead?: string;
}

export type Action = 'create' | 'read' | 'update' | 'delete';

export interface PermissionSpec {
  collection: string;
  action: Action;
  fields: string[];
  permissions?: Filter | null;
  validation?: Filter | null;
  presets?: Record<string, unknown> | null;
}

export interface PolicySpec {
  id: string;
  key: string;
  name: string;
  icon: string;
  description: string;
  app_access: boolean;
  admin_access: false;
  /** Its users sign in with a one-time code too (a setting may turn it off: schema/apply.ts). */
  enforce_tfa?: boolean;
  permissions: PermissionSpec[];
}

export interface RoleSpec {
  id: string;
  key: string;
  name: string;
  icon: string;
  description: string;
  level: string;
  job: string;
  policies: string[];
}
