// Reference data for office work: the sign-for and reply times of documents
// (公文, 通知 …), as rows of the deadline policies with the type “document”.
// 特急 sign for within 1 hour, reply within 1 working day; 紧急 4 hours / 2
// working days; 一般 1 / 5 working days. Disputes are mediated within the
// policy's completion time by risk. Administrators change them in Studio.

import { createItems, readItems } from '@directus/sdk';
import type { AdminClient } from '../scripts/lib/directus.ts';
import { DISPUTE_POLICY_TYPE, DOCUMENT_POLICY_TYPE } from '../extensions/office/src/vocabulary.ts';

export const DOCUMENT_DEADLINE_POLICIES = [
  { urgency: 'extra_urgent', sign_amount: 1, sign_unit: 'hours', complete_amount: 1, complete_unit: 'working_days' },
  { urgency: 'urgent', sign_amount: 4, sign_unit: 'hours', complete_amount: 2, complete_unit: 'working_days' },
  { urgency: 'normal', sign_amount: 1, sign_unit: 'working_days', complete_amount: 5, complete_unit: 'working_days' },
].map((p) => ({ matter_type: DOCUMENT_POLICY_TYPE, max_extension_days: 0, pausable: false, ...p }));

/** Mediation of a dispute by risk (high, medium, low → 特急, 紧急, 一般): within 3, 7, 15 working days. */
export const DISPUTE_DEADLINE_POLICIES = [
  { urgency: 'extra_urgent', complete_amount: 3 },
  { urgency: 'urgent', complete_amount: 7 },
  { urgency: 'normal', complete_amount: 15 },
].map((p) => ({
  matter_type: DISPUTE_POLICY_TYPE,
  sign_amount: 1,
  sign_unit: 'working_days',
  complete_unit: 'working_days',
  max_extension_days: 0,
  pausable: false,
  ...p,
}));

/** Adds the document and dispute policies once; rows an administrator has edited are left as they are. */
export async function seedOfficeReference(client: AdminClient): Promise<number> {
  const existing = (await client.request(
    readItems('deadline_policies', {
      fields: ['matter_type', 'urgency'],
      filter: { matter_type: { _in: [DOCUMENT_POLICY_TYPE, DISPUTE_POLICY_TYPE] } },
      limit: -1,
    }),
  )) as { matter_type: string; urgency: string }[];
  const missing = [...DOCUMENT_DEADLINE_POLICIES, ...DISPUTE_DEADLINE_POLICIES].filter(
    (p) => !existing.some((e) => e.matter_type === p.matter_type && e.urgency === p.urgency),
  );
  if (missing.length) await client.request(createItems('deadline_policies', missing));
  return missing.length;
}
