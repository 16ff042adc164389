// Applies the shipped flows (flows/index.ts) through the REST API, as schema/apply.ts
// applies policies: a flow or operation of ours that is missing is created, one that
// differs from code is brought back to it. Only rows under our stable ids are read or
// written: flows and operations an administrator made in Studio are never touched, and
// where one of ours ends its chain an administrator's operation hung after it stays hung
// there. A flow's status is set when it is created and is the administrator's afterwards
// (switching a shipped flow off in Studio lasts). A flow or operation that code shipped once
// and no longer lists is deleted: ours are told apart by their stable ids (version 5 layout,
// schema/ids.ts), where Directus gives what administrators make random ones (version 4); an
// administrator's operation hung after a deleted one of ours is hung after its successor.
// Run twice, the second run changes nothing.

import {
  createFlow,
  createOperation,
  deleteFlow,
  deleteOperation,
  readFlows,
  readOperations,
  updateFlow,
  updateOperation,
} from '@directus/sdk';
import type { AdminClient } from '../scripts/lib/directus.ts';
import { sameJson } from '../schema/reconcile.ts';
import { FLOWS, flowRows } from './index.ts';

type Row = Record<string, any>;

export interface FlowReport {
  created: string[];
  updated: string[];
  deleted: string[];
}

/** An id code made (schema/ids.ts stableId, version 5 layout); Directus makes version 4 ones. */
export const isStableId = (id: unknown): boolean => typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab]/.test(id);

/** The fields of a row that differ from what code says. */
function changes(wanted: Row, current: Row): Row | null {
  const out = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => k !== 'id' && !sameJson(current[k] ?? null, v)));
  return Object.keys(out).length ? out : null;
}

export async function applyFlows(client: AdminClient, report: FlowReport): Promise<void> {
  const shipped = FLOWS.map(flowRows);
  const flowIds = shipped.map((s) => s.flow.id);
  const flows = new Map(
    ((await client.request(readFlows({ filter: { id: { _in: flowIds } }, fields: ['*'], limit: -1 }))) as Row[]).map((f) => [f.id, f]),
  );
  // Every operation in our flows: ours, and those an administrator added to them.
  const operations = new Map(
    ((await client.request(readOperations({ filter: { flow: { _in: flowIds } }, fields: ['*'], limit: -1 }))) as Row[]).map((o) => [
      o.id,
      o,
    ]),
  );
  for (const { flow, operations: ops } of shipped) {
    const { operation: first, ...base } = flow;
    if (!flows.has(flow.id)) {
      await client.request(createFlow({ ...base, status: 'active' } as Row));
      report.created.push(`flow ${flow.name}`);
    }
    const ours = new Set(ops.map((o) => o.id));
    // Missing operations first, unlinked (a link needs its target to exist), then every link as code says.
    for (const op of ops.filter((o) => !operations.has(o.id))) {
      await client.request(createOperation({ ...op, resolve: null, reject: null } as Row));
      operations.set(op.id, { ...op, resolve: null, reject: null });
      report.created.push(`operation ${flow.name}.${op.key}`);
    }
    for (const op of ops) {
      const current = operations.get(op.id)!;
      const keepsAdmins = (link: 'resolve' | 'reject') =>
        op[link] === null && current[link] && !ours.has(current[link]) && operations.has(current[link]);
      const wanted = {
        ...op,
        resolve: keepsAdmins('resolve') ? current.resolve : op.resolve,
        reject: keepsAdmins('reject') ? current.reject : op.reject,
      };
      const diff = changes(wanted, current);
      if (!diff) continue;
      await client.request(updateOperation(op.id, diff));
      if (!report.created.includes(`operation ${flow.name}.${op.key}`)) report.updated.push(`operation ${flow.name}.${op.key}`);
    }
    const diff = changes({ ...base, operation: first }, flows.get(flow.id) ?? { ...base });
    if (diff) {
      await client.request(updateFlow(flow.id, diff));
      if (!report.created.includes(`flow ${flow.name}`)) report.updated.push(`flow ${flow.name}`);
    }
  }
  await removeRetired(client, report, shipped, [...operations.values()]);
}

/** Operations and flows code shipped once and no longer lists. */
async function removeRetired(client: AdminClient, report: FlowReport, shipped: ReturnType<typeof flowRows>[], inOurFlows: Row[]) {
  const listed = new Set(shipped.flatMap((s) => s.operations.map((o) => o.id)));
  for (const retired of inOurFlows.filter((o) => isStableId(o.id) && !listed.has(o.id))) {
    // An operation hung after the retired one (an administrator's) is hung after what followed it
    // (a link is unique: the retired one lets go of its successor first).
    if (retired.resolve || retired.reject) await client.request(updateOperation(retired.id, { resolve: null, reject: null }));
    for (const link of ['resolve', 'reject'] as const)
      for (const before of inOurFlows.filter((o) => o[link] === retired.id && o.id !== retired.id))
        await client.request(updateOperation(before.id, { [link]: retired.resolve ?? null }));
    await client.request(deleteOperation(retired.id));
    report.deleted.push(`operation ${retired.key}`);
  }
  const flowIds = new Set(shipped.map((s) => s.flow.id));
  const others = (await client.request(readFlows({ fields: ['id', 'name'], limit: -1 }))) as Row[];
  for (const retired of others.filter((f) => isStableId(f.id) && !flowIds.has(f.id))) {
    await client.request(deleteFlow(retired.id));
    report.deleted.push(`flow ${retired.name}`);
  }
}
