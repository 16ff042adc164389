// Hides what a user may not do, from Directus's own answer (GET /permissions/me,
// and per item GET /permissions/me/:collection/:id). The server enforces anyway.

import { readItemPermissions, readUserPermissions } from '@directus/sdk';
import type { AccessControlProvider } from '@refinedev/core';
import type { AppClient } from '../directus.ts';

type Access = { access: 'none' | 'partial' | 'full' };
export type PermissionsMe = Record<
  string,
  Partial<Record<'create' | 'read' | 'update' | 'delete' | 'share', Access & { fields?: string[] | null; presets?: unknown }>>
>;

/** Refine's action names → Directus's. Screens of our own (workbench, report) are not collections. */
const ACTIONS: Record<string, 'create' | 'read' | 'update' | 'delete'> = {
  list: 'read',
  show: 'read',
  create: 'create',
  edit: 'update',
  clone: 'create',
  delete: 'delete',
  field: 'read',
};

export function allowed(permissions: PermissionsMe, collection: string, action: string): boolean {
  const directusAction = ACTIONS[action];
  if (!directusAction) return true;
  const access = permissions[collection]?.[directusAction]?.access;
  return access === 'full' || access === 'partial';
}

export function createAccessControlProvider(
  client: AppClient,
): AccessControlProvider & { reset(): void; permissions(): Promise<PermissionsMe> } {
  let cached: Promise<PermissionsMe> | null = null;
  const load = () =>
    (cached ??= client
      .request(readUserPermissions())
      .then((p) => p as PermissionsMe)
      .catch(() => ((cached = null), {})));
  return {
    reset: () => void (cached = null),
    /** The user's rights as read once for the menu and the checks alike (again after a sign-in). */
    permissions: load,
    async can({ resource, action, params }) {
      const collection = (params?.resource?.meta?.collection as string | undefined) ?? resource;
      if (!collection || params?.resource?.meta?.screen) return { can: true };
      if (!allowed(await load(), collection, action)) return { can: false, reason: 'buttons.notAccessTitle' };
      const id = params?.id;
      if (id !== undefined && (action === 'edit' || action === 'delete')) {
        const item = (await client.request(readItemPermissions(collection as never, String(id))).catch(() => null)) as Record<
          string,
          { access: boolean }
        > | null;
        const key = action === 'edit' ? 'update' : 'delete';
        if (!item?.[key]?.access) return { can: false, reason: 'buttons.notAccessTitle' };
      }
      return { can: true };
    },
    options: { buttons: { enableAccessControl: true, hideIfUnauthorized: true } },
  };
}
