// Applies the data model, policies and roles to a running Directus through its
// REST API, idempotently: what is missing is created, what code owns (policies,
// their permissions, roles) is brought to what the code says, and fields that an
// administrator added in Studio are left alone. The result is read back and
// checked: a run that leaves anything missing throws.

import {
  createCollection,
  createField,
  createPermissions,
  createPolicy,
  createPreset,
  createRelation,
  createRole,
  customEndpoint,
  deletePermissions,
  readCollections,
  readFieldsByCollection,
  readItems,
  readPermissions,
  readPolicies,
  readPresets,
  readRelations,
  readRoles,
  readSettings,
  updateCollection,
  updateField,
  updatePermission,
  updatePolicy,
  updateRole,
  updateSettings,
} from '@directus/sdk';
import { METRIC_SOURCES } from '../extensions/domains/assessment/metrics.ts';
import { COLLECTIONS, POLICIES, ROLES } from './index.ts';
import { FOLDERS, folderCollection, inFolder } from './folders.ts';
import { INITIAL_SETTINGS, PROJECT_SETTINGS } from './project-settings.ts';
import type { CollectionSpec } from './types.ts';
import { fieldUpdate, metaChanges, permissionPlan, sameJson } from './reconcile.ts';
import { isEntryPreset, type JurisdictionRule, RULES_COLLECTION, ruledFields, ruledRelation, rulePolicies } from './ruled-collections.ts';
import type { AdminClient } from '../scripts/lib/directus.ts';
import { applyFlows } from '../flows/apply.ts';

export interface ApplyReport {
  created: string[];
  updated: string[];
  deleted: string[];
  /** Differences code asks for that could lose stored values (a shorter text): left for a migration of their own. */
  skipped: string[];
}

type Row = Record<string, any>;

/** What the installation's settings decide of the schema. */
export interface ApplyOptions {
  /** Two-factor sign-in required of the Directus administrator and the system administrators (ENFORCE_TFA; off for the demo). */
  enforceTfa: boolean;
}

/** The folders (folders.ts), before the collections placed in them; their names are code's, their order the administrator's. */
async function applyFolders(client: AdminClient, existing: Map<string, Row>, report: ApplyReport): Promise<void> {
  for (const [i, folder] of FOLDERS.entries()) {
    const wanted = folderCollection(folder, i + 1);
    const stored = existing.get(folder.collection);
    if (!stored) {
      await client.request(createCollection(wanted as Row));
      report.created.push(`folder ${folder.collection}`);
      continue;
    }
    const meta = metaChanges({ translations: wanted.meta.translations, icon: wanted.meta.icon }, stored.meta);
    if (!meta) continue;
    await client.request(updateCollection(folder.collection, { meta } as Row));
    report.updated.push(`folder ${folder.collection}`);
  }
}

async function applyCollection(
  client: AdminClient,
  placed: CollectionSpec,
  existing: Map<string, Row>,
  report: ApplyReport,
): Promise<void> {
  const stored = existing.get(placed.collection);
  // A collection goes into its folder, at its place there, once: where an administrator has put it since, it stays.
  const kept = Object.fromEntries(
    (['group', 'sort'] as const).filter((key) => stored?.meta?.[key] != null).map((key) => [key, stored!.meta[key]]),
  );
  const spec = { ...placed, meta: { ...placed.meta, ...kept } };
  if (!spec.system && !stored) {
    await client.request(createCollection({ collection: spec.collection, meta: spec.meta ?? {}, schema: {}, fields: spec.fields } as Row));
    report.created.push(`collection ${spec.collection}`);
    return;
  }
  const meta = spec.system ? null : metaChanges(spec.meta, stored?.meta);
  if (meta) {
    await client.request(updateCollection(spec.collection, { meta } as Row));
    report.updated.push(`collection ${spec.collection}`);
  }
  // Fields code owns are brought to what code says (what it sets of them); fields made in Studio are left alone.
  const fields = new Map(((await client.request(readFieldsByCollection(spec.collection))) as Row[]).map((f) => [f.field, f]));
  for (const field of spec.fields) {
    const current = fields.get(field.field);
    if (!current) {
      await client.request(createField(spec.collection, field as Row));
      report.created.push(`field ${spec.collection}.${field.field}`);
      continue;
    }
    const update = fieldUpdate(field, current);
    if (!update) continue;
    const { unsafe, ...changes } = update;
    if (unsafe.length) report.skipped.push(`field ${spec.collection}.${field.field}: ${unsafe.join(', ')}`);
    if (!changes.meta && !changes.schema) continue;
    await client.request(updateField(spec.collection, field.field, changes as Row));
    report.updated.push(`field ${spec.collection}.${field.field}`);
  }
}

async function applyRelations(client: AdminClient, report: ApplyReport): Promise<void> {
  const existing = new Set(((await client.request(readRelations())) as Row[]).map((r) => `${r.collection}.${r.field}`));
  for (const relation of COLLECTIONS.flatMap((c) => c.relations ?? [])) {
    const key = `${relation.collection}.${relation.field}`;
    if (existing.has(key)) continue;
    await client.request(createRelation(relation as Row));
    report.created.push(`relation ${key}`);
  }
}

async function applyPolicies(client: AdminClient, report: ApplyReport, options: ApplyOptions, rules: JurisdictionRule[]): Promise<void> {
  const ids = POLICIES.map((p) => p.id);
  const existing = new Map(
    ((await client.request(readPolicies({ filter: { id: { _in: ids } }, limit: -1 }))) as Row[]).map((p) => [p.id, p]),
  );
  for (const { permissions: _permissions, key: _key, ...spec } of POLICIES) {
    const policy = { ...spec, enforce_tfa: Boolean(spec.enforce_tfa) && options.enforceTfa };
    const current = existing.get(policy.id);
    if (!current) {
      await client.request(createPolicy(policy as Row));
      report.created.push(`policy ${policy.name}`);
    } else if (Object.entries(policy).some(([k, v]) => !sameJson(current[k], v))) {
      await client.request(updatePolicy(policy.id, policy as Row));
      report.updated.push(`policy ${policy.name}`);
    }
  }

  // The rules' policies hold the permissions of the collections administrators put under the rule.
  const ruled = new Map(rulePolicies(rules).map((p) => [p.id, p.permissions]));
  const wanted = POLICIES.flatMap((policy) => (ruled.get(policy.id) ?? policy.permissions).map((p) => ({ ...p, policy: policy.id })));
  const current = (await client.request(readPermissions({ filter: { policy: { _in: ids } }, limit: -1 }))) as Row[];
  const plan = permissionPlan(current, wanted);
  for (const { id, key, changes } of plan.update) {
    await client.request(updatePermission(id, changes));
    report.updated.push(`permission ${key}`);
  }
  if (plan.remove.length) {
    await client.request(deletePermissions(plan.remove));
    report.deleted.push(...plan.remove.map((id) => `permission ${id}`));
  }
  if (plan.create.length) {
    await client.request(createPermissions(plan.create as Row[]));
    report.created.push(...plan.create.map((p) => `permission ${p.policy}|${p.collection}|${p.action}`));
  }
}

/**
 * The rules administrators made (辖区规则) for collections that still exist, with the fields and the
 * relation each of their collections gets (created where missing, code's keys kept true).
 */
async function applyRuledCollections(client: AdminClient, existing: Map<string, Row>, report: ApplyReport): Promise<JurisdictionRule[]> {
  const rows = (await client.request(readItems(RULES_COLLECTION, { limit: -1 }))) as Row[];
  const rules = rows.filter((r) => existing.has(r.collection) && isEntryPreset(r.entry)) as JurisdictionRule[];
  const relations = new Set(((await client.request(readRelations())) as Row[]).map((r) => `${r.collection}.${r.field}`));
  for (const rule of rules) {
    await applyCollection(client, { collection: rule.collection, system: true, fields: ruledFields() }, existing, report);
    const relation = ruledRelation(rule.collection);
    if (relations.has(`${relation.collection}.${relation.field}`)) continue;
    await client.request(createRelation(relation as Row));
    report.created.push(`relation ${relation.collection}.${relation.field}`);
  }
  return rules;
}

/** The default table layout of collections that declare their list columns, where Studio has none yet. */
async function applyListColumns(client: AdminClient, report: ApplyReport): Promise<void> {
  const declared = COLLECTIONS.filter((c) => c.listLayout?.fields.length);
  if (!declared.length) return;
  const existing = (await client.request(
    readPresets({
      filter: {
        collection: { _in: declared.map((c) => c.collection) },
        user: { _null: true },
        role: { _null: true },
        bookmark: { _null: true },
      },
      fields: ['collection'],
      limit: -1,
    }),
  )) as Row[];
  for (const spec of declared.filter((c) => !existing.some((p) => p.collection === c.collection))) {
    await client.request(
      createPreset({ collection: spec.collection, layout: 'tabular', layout_query: { tabular: { ...spec.listLayout } } } as Row),
    );
    report.created.push(`list columns ${spec.collection}`);
  }
}

async function applyRoles(client: AdminClient, report: ApplyReport): Promise<void> {
  const existing = new Map(
    (
      (await client.request(
        readRoles({
          filter: { id: { _in: ROLES.map((r) => r.id) } },
          fields: ['id', 'name', 'icon', 'description', 'policies.id', 'policies.policy'],
          limit: -1,
        }),
      )) as Row[]
    ).map((r) => [r.id, r]),
  );
  for (const role of ROLES) {
    const base = { name: role.name, icon: role.icon, description: role.description };
    const current = existing.get(role.id);
    if (!current) {
      await client.request(createRole({ id: role.id, ...base, policies: role.policies.map((policy) => ({ policy })) } as Row));
      report.created.push(`role ${role.name}`);
      continue;
    }
    const attached = new Map<string, string>((current.policies as Row[]).map((a) => [a.policy, a.id]));
    const missing = role.policies.filter((p) => !attached.has(p));
    const extra = [...attached].filter(([policy]) => !role.policies.includes(policy)).map(([, accessId]) => accessId);
    const baseChanged = Object.entries(base).some(([k, v]) => current[k] !== v);
    if (missing.length || extra.length || baseChanged) {
      await client.request(
        updateRole(role.id, { ...base, policies: { create: missing.map((policy) => ({ policy })), update: [], delete: extra } } as Row),
      );
      report.updated.push(`role ${role.name}`);
    }
  }
}

/** The indexes the collections declare, as POST /jurisdiction-indexes takes them. */
export const DECLARED_INDEXES = COLLECTIONS.flatMap((c) => (c.indexes ?? []).map((index) => ({ table: c.collection, ...index })));

/** The append-only tables and their retention, as POST /jurisdiction-indexes takes them. */
export const APPEND_ONLY = COLLECTIONS.flatMap((c) => (c.appendOnly ? [{ table: c.collection, ...c.appendOnly }] : []));

/** Prefix indexes on every unit path column, the declared indexes, the append-only triggers and the assessment's change marks (idempotent). */
export async function applyIndexes(client: AdminClient): Promise<void> {
  await client.request(
    customEndpoint({
      method: 'POST',
      path: '/jurisdiction-indexes',
      body: JSON.stringify({ indexes: DECLARED_INDEXES, appendOnly: APPEND_ONLY, changeMarks: METRIC_SOURCES }),
    }),
  );
}

async function applyProjectSettings(client: AdminClient, report: ApplyReport): Promise<void> {
  const stored = (await client.request(readSettings())) as Row;
  const unset = (value: unknown) => value === null || value === undefined || (Array.isArray(value) && value.length === 0);
  const changes = Object.fromEntries([
    ...Object.entries(PROJECT_SETTINGS).filter(([key, value]) => !sameJson(stored[key] ?? null, value)),
    ...Object.entries(INITIAL_SETTINGS).filter(([key]) => unset(stored[key])),
  ]);
  if (!Object.keys(changes).length) return;
  await client.request(updateSettings(changes as Row));
  report.updated.push(`settings ${Object.keys(changes).join(', ')}`);
}

/** Directus's own administrator policies (admin access) ask for two factors as the setting says. */
async function applyAdministratorTfa(client: AdminClient, report: ApplyReport, options: ApplyOptions): Promise<void> {
  const admins = (await client.request(
    readPolicies({ filter: { admin_access: { _eq: true } }, fields: ['id', 'enforce_tfa'], limit: -1 }),
  )) as Row[];
  for (const row of admins) {
    if (Boolean(row.enforce_tfa) === options.enforceTfa) continue;
    await client.request(updatePolicy(row.id, { enforce_tfa: options.enforceTfa } as Row));
    report.updated.push(`policy ${row.id} enforce_tfa`);
  }
}

export async function applySchema(client: AdminClient, options: ApplyOptions): Promise<ApplyReport> {
  const report: ApplyReport = { created: [], updated: [], deleted: [], skipped: [] };
  const existing = new Map(((await client.request(readCollections())) as Row[]).map((c) => [c.collection, c]));
  await applyFolders(client, existing, report);
  for (const spec of COLLECTIONS) await applyCollection(client, inFolder(spec), existing, report);
  await applyRelations(client, report);
  const rules = await applyRuledCollections(client, existing, report);
  await applyIndexes(client);
  await applyPolicies(client, report, options, rules);
  await applyAdministratorTfa(client, report, options);
  await applyRoles(client, report);
  await applyListColumns(client, report);
  await applyProjectSettings(client, report);
  // The shipped flows (flows/), after the collections their triggers name.
  await applyFlows(client, report);
  return report;
}

/** Applies, then applies again: the second pass must find nothing to do. */
export async function applyAndVerify(client: AdminClient, options: ApplyOptions): Promise<ApplyReport> {
  const report = await applySchema(client, options);
  const again = await applySchema(client, options);
  const leftovers = [...again.created, ...again.updated, ...again.deleted];
  if (leftovers.length) throw new Error(`schema apply did not converge; still to do: ${leftovers.join(', ')}`);
  return report;
}
