import { describe, expect, it } from 'vitest';
import { signOutcome } from '../../extensions/office/src/receipts.ts';
import { disputesOfGrid, DISPUTES_PER_GRID, documentsOf, DOCUMENTS_PER_MONTH, type OfficeContext } from './office.ts';
import { demoInput } from './test-input.ts';
import { extendTree, type ScaleUnit } from './tree.ts';

function context(scale: number): { ctx: OfficeContext; units: ScaleUnit[] } {
  const input = demoInput(scale);
  const units = [...input.units, ...extendTree(input.units, 1000, 7)];
  const offices = units.filter((u) => u.kind === 'office');
  return {
    units,
    ctx: {
      window: input.window,
      calendar: input.calendar,
      policy: input.policy,
      below: (sender, level) => offices.filter((u) => u.level === level && u.path.startsWith(sender.path) && u.id !== sender.id),
      actorOf: (unit) => `user-${unit}`,
      scale,
      seed: 7,
    },
  };
}

describe('documents and receipts', () => {
  const { ctx, units } = context(0.5);
  const district = units.find((u) => u.level === 'district' && u.kind === 'office')!;
  const street = units.find((u) => u.code === 'S03')!;
  let id = 1;
  const fromDistrict = documentsOf(ctx, district, () => id++);
  const fromStreet = documentsOf(ctx, street, () => id++);

  it('are sent in the numbers asked for, each to the offices below its sender', () => {
    expect(fromDistrict.documents.length).toBeGreaterThan(DOCUMENTS_PER_MONTH.district * 36 * 0.5 * 0.8);
    expect(fromDistrict.documents.length).toBeLessThan(DOCUMENTS_PER_MONTH.district * 36 * 0.5 * 1.2);
    for (const { documents, recipients } of [fromDistrict, fromStreet])
      for (const d of documents) {
        const own = recipients.filter((r) => r.document === d.id);
        expect(own.length).toBe(d.recipient_count);
        expect(new Set(own.map((r) => r.unit)).size).toBe(own.length);
        for (const r of own) expect(r.unit_path.startsWith(d.unit_path) && r.unit_path !== d.unit_path).toBe(true);
      }
  });

  it('are signed for on time mostly, late sometimes, the status as the office rule says; replies only when asked', () => {
    const all = [...fromDistrict.recipients, ...fromStreet.recipients];
    const docs = new Map([...fromDistrict.documents, ...fromStreet.documents].map((d) => [d.id, d]));
    for (const r of all) {
      const d = docs.get(r.document)!;
      if (r.signed_at) expect(r.status).toBe(signOutcome(d.sign_due_at, r.signed_at));
      else expect(['read', 'unread']).toContain(r.status);
      if (!d.reply_required) expect(r.reply_status).toBe('not_required');
      if (r.replied_at) expect(['submitted', 'late']).toContain(r.reply_status);
    }
    const late = all.filter((r) => r.status === 'late').length / all.length;
    expect(late).toBeGreaterThan(0.03);
    expect(late).toBeLessThan(0.15);
    expect(all.filter((r) => r.status === 'signed').length / all.length).toBeGreaterThan(0.8);
  });

  it('record the office reminders that fell due while a receipt was open, as sent', () => {
    const all = [...fromDistrict.recipients, ...fromStreet.recipients];
    const docs = new Map([...fromDistrict.documents, ...fromStreet.documents].map((d) => [d.id, d]));
    const end = ctx.window.end.getTime();
    for (const r of all) {
      const d = docs.get(r.document)!;
      // A receipt unsigned past its deadline was chased; one signed on time never was.
      if (!r.signed_at && d.sign_due_at.getTime() <= end) expect(r.chased_at).not.toBeNull();
      if (r.status === 'signed') expect(r.chased_at).toBeNull();
      if (r.chased_at) expect(r.chased_at.getTime()).toBeGreaterThanOrEqual(d.sign_due_at.getTime());
      if (!d.reply_required) expect(r.reply_reminded_at ?? r.reply_chased_at).toBeNull();
    }
    expect(all.some((r) => r.reminded_at !== null)).toBe(true);
  });

  it('are the same for the same seed', () => {
    let again = 1;
    expect(documentsOf(ctx, district, () => again++)).toEqual(fromDistrict);
  });
});

describe('disputes', () => {
  const { ctx, units } = context(1);
  const grids = units.filter((u) => u.level === 'grid').slice(0, 60);
  const byId = new Map(units.map((u) => [u.id, u]));
  const disputes = grids.flatMap((g) => disputesOfGrid(ctx, g, byId.get(g.parent!)!));

  it('are found in grids and their communities, about as many as asked for', () => {
    expect(disputes.length).toBeGreaterThan(DISPUTES_PER_GRID * 60 * 0.75);
    expect(disputes.length).toBeLessThan(DISPUTES_PER_GRID * 60 * 1.25);
    for (const d of disputes) expect(d.unit_path).toBe(byId.get(d.unit)!.path);
  });

  it('are mostly resolved, with a mediation deadline; the open ones recent', () => {
    const resolved = disputes.filter((d) => d.status === 'resolved');
    expect(resolved.length / disputes.length).toBeGreaterThan(0.85);
    for (const d of disputes) {
      expect(d.mediation_due_at.getTime()).toBeGreaterThan(d.date_created.getTime());
      expect(d.resolved_at !== null).toBe(d.status === 'resolved');
      if (d.status === 'mediating') expect(ctx.window.end.getTime() - d.date_created.getTime()).toBeLessThan(120 * 86_400_000);
    }
  });
});
