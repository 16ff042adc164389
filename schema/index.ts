// The data model: every collection, and the access built on it.

import { policies } from './access.ts';
import { activityRecords, activityRecordsFiles, activityRecordsUsers, filesActivityLinks } from './collections/activity-records.ts';
import {
  calendarDays,
  deadlinePolicies,
  filesMatterLinks,
  matterCategories,
  matterCounters,
  matterParticipants,
  matterReminders,
  matters,
  mattersFiles,
  matterSteps,
  phoneMessages,
  reminderTemplates,
} from './collections/matters.ts';
import { dailyChecks, dailyTaskTemplates } from './collections/daily-tasks.ts';
import { disputes, petitionIncidents, rectificationCampaigns, stabilityAssessments } from './collections/field-work.ts';
import {
  documentRecipients,
  documentRecipientsFiles,
  documents,
  documentsFiles,
  filesDocumentLinks,
} from './collections/office-documents.ts';
import { filesProjectLinks, projectSubmissions, projectSubmissionsFiles, specialProjects } from './collections/special-projects.ts';
import {
  adminRosterChanges,
  confidentialityAgreements,
  loginDays,
  terminalHandovers,
  terminalLosses,
  terminals,
} from './collections/terminals.ts';
import { patrolRecords, patrolRoutes } from './collections/patrols.ts';
import { CODE_TABLE_COLLECTIONS } from './collections/code-tables.ts';
import { comparisons, exportLog, exportRequests } from './collections/exports.ts';
import { submissions, submissionSteps } from './collections/field-collection.ts';
import { ORGANISATION_COLLECTIONS } from './collections/organisations.ts';
import { PLACE_COLLECTIONS } from './collections/places.ts';
import {
  assistanceGroupMembers,
  assistanceGroups,
  registryReminders,
  sensitiveReads,
  serviceObjects,
  serviceRecords,
} from './collections/service-objects.ts';
import { people, personMoves } from './collections/people.ts';
import { units } from './collections/units.ts';
import { auditLog } from './collections/audit.ts';
import { ASSESSMENT_COLLECTIONS } from './collections/assessment.ts';
import { WARNING_COLLECTIONS } from './collections/warnings.ts';
import { reportDrafts } from './collections/reports.ts';
import { passwordHistory, securitySettings } from './collections/security-settings.ts';
import { users } from './collections/users.ts';
import { jurisdictionRules } from './collections/jurisdiction-rules.ts';
import { LIST_LAYOUTS } from './list-layouts.ts';
import type { CollectionSpec } from './types.ts';

/** In order of creation: a collection comes after those it refers to. */
const DECLARED: CollectionSpec[] = [
  units,
  users,
  activityRecords,
  matterCategories,
  deadlinePolicies,
  calendarDays,
  matters,
  mattersFiles,
  filesMatterLinks,
  matterSteps,
  matterParticipants,
  matterReminders,
  reminderTemplates,
  phoneMessages,
  matterCounters,
  specialProjects,
  documents,
  documentsFiles,
  documentRecipients,
  documentRecipientsFiles,
  filesDocumentLinks,
  projectSubmissions,
  projectSubmissionsFiles,
  filesProjectLinks,
  activityRecordsFiles,
  activityRecordsUsers,
  filesActivityLinks,
  terminals,
  terminalHandovers,
  terminalLosses,
  confidentialityAgreements,
  adminRosterChanges,
  loginDays,
  disputes,
  petitionIncidents,
  rectificationCampaigns,
  stabilityAssessments,
  dailyTaskTemplates,
  dailyChecks,
  patrolRoutes,
  patrolRecords,
  // Base registries (人、地、事、物、组织): code tables first, the registries refer to them.
  ...CODE_TABLE_COLLECTIONS,
  people,
  personMoves,
  exportRequests,
  exportLog,
  serviceObjects,
  assistanceGroups,
  assistanceGroupMembers,
  serviceRecords,
  sensitiveReads,
  ...PLACE_COLLECTIONS,
  ...ORGANISATION_COLLECTIONS,
  submissions,
  submissionSteps,
  comparisons,
  registryReminders,
  // 考评: after every collection a metric reads.
  ...ASSESSMENT_COLLECTIONS,
  // 预警: after the matter categories its rules name.
  ...WARNING_COLLECTIONS,
  // 月度报告: after the office documents its drafts are.
  reportDrafts,
  auditLog,
  securitySettings,
  passwordHistory,
  jurisdictionRules,
];

/** Every collection with the list layout it opens with (list-layouts.ts). */
export const COLLECTIONS: CollectionSpec[] = DECLARED.map((c) =>
  LIST_LAYOUTS[c.collection] ? { ...c, listLayout: LIST_LAYOUTS[c.collection] } : c,
);

/** Collections whose items are scoped by a unit path (the jurisdiction rule). */
export const SCOPED_COLLECTIONS = COLLECTIONS.filter((c) => c.scopePath);

export const POLICIES = policies(SCOPED_COLLECTIONS);
export { ROLES } from './access.ts';
