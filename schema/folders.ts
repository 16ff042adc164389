// The folders collections are kept in, the same in Studio's data model and content
// module (Directus collection folders: collections without a table) and in the app's
// menu, named after the work: 基础信息, 服务管理, 事项, 办公, 业务工作, 考评, 系统管理,
// 代码表. Code puts each built-in collection in its folder when it is first placed;
// an administrator may move it (or a collection of their own) to another folder in
// Studio, and schema apply leaves it there.

import type { CollectionSpec } from './types.ts';

export interface FolderSpec {
  collection: string;
  zh: string;
  en: string;
  icon: string;
  /** What the folder holds: the built-in collections placed in it. */
  holds: readonly string[];
}

/** Code tables: read by everyone through dropdowns, listed in the menu only for those who may change them. */
export const CODE_TABLE_FOLDER = 'folder_code_tables';

export const FOLDERS: readonly FolderSpec[] = [
  {
    collection: 'folder_base',
    zh: '基础信息',
    en: 'Base registries',
    icon: 'folder_shared',
    holds: [
      'units',
      'people',
      'person_moves',
      'compounds',
      'buildings',
      'houses',
      'rental_houses',
      'rental_tenants',
      'key_areas',
      'security_facilities',
      'facility_inspections',
      'social_units',
      'social_organisations',
      'organisation_activities',
      'offices',
      'office_staff',
      'grid_staff',
      'patrol_teams',
      'patrol_team_members',
      'submissions',
      'submission_steps',
      'comparisons',
      'registry_reminders',
    ],
  },
  {
    collection: 'folder_services',
    zh: '服务管理',
    en: 'Services',
    icon: 'volunteer_activism',
    holds: ['service_objects', 'assistance_groups', 'assistance_group_members', 'service_records', 'sensitive_reads'],
  },
  {
    collection: 'folder_matters',
    zh: '事项',
    en: 'Matters',
    icon: 'assignment',
    holds: [
      'matters',
      'matter_steps',
      'matter_reminders',
      'matter_categories',
      'deadline_policies',
      'calendar_days',
      'reminder_templates',
      'phone_messages',
    ],
  },
  {
    collection: 'folder_office',
    zh: '办公',
    en: 'Office',
    icon: 'work',
    holds: [
      'documents',
      'document_recipients',
      'special_projects',
      'project_submissions',
      'activity_records',
      'daily_task_templates',
      'daily_checks',
      'report_drafts',
    ],
  },
  {
    collection: 'folder_work',
    zh: '业务工作',
    en: 'Field work',
    icon: 'shield',
    holds: [
      'disputes',
      'petition_incidents',
      'rectification_campaigns',
      'stability_assessments',
      'patrol_routes',
      'patrol_records',
      'warning_rules',
      'warnings',
    ],
  },
  {
    collection: 'folder_assessment',
    zh: '考评',
    en: 'Assessment',
    icon: 'grading',
    holds: ['assessment_rubrics', 'assessment_sections', 'assessment_items', 'assessment_runs', 'assessment_scores', 'assessment_changes'],
  },
  {
    collection: 'folder_system',
    zh: '系统管理',
    en: 'System',
    icon: 'admin_panel_settings',
    holds: [
      'terminals',
      'terminal_handovers',
      'terminal_losses',
      'confidentiality_agreements',
      'admin_roster_changes',
      'login_days',
      'export_requests',
      'export_log',
      'audit_log',
      'security_settings',
      'jurisdiction_rules',
    ],
  },
  { collection: CODE_TABLE_FOLDER, zh: '代码表', en: 'Code tables', icon: 'list_alt', holds: [] },
];

/** The folder code places a collection in: its listed folder; a code table (code_…) in 代码表. */
export function folderOf(collection: string): string | null {
  if (collection.startsWith('code_')) return CODE_TABLE_FOLDER;
  return FOLDERS.find((f) => f.holds.includes(collection))?.collection ?? null;
}

/** A folder as Directus keeps it: a collection without a table, named in both languages. */
export function folderCollection(folder: FolderSpec, sort: number): { collection: string; meta: Record<string, unknown>; schema: null } {
  return {
    collection: folder.collection,
    schema: null,
    meta: {
      icon: folder.icon,
      sort,
      collapse: 'open',
      translations: [
        { language: 'zh-CN', translation: folder.zh, singular: folder.zh, plural: folder.zh },
        { language: 'en-US', translation: folder.en, singular: folder.en, plural: folder.en },
      ],
    },
  };
}

/** The collection with the folder code places it in, and its place there (kept out of its spec files: one table here). */
export function inFolder(spec: CollectionSpec): CollectionSpec {
  const folder = spec.system ? null : folderOf(spec.collection);
  if (!folder) return spec;
  const place = FOLDERS.find((f) => f.collection === folder)?.holds.indexOf(spec.collection) ?? -1;
  return { ...spec, meta: { ...spec.meta, group: folder, ...(place >= 0 ? { sort: place + 1 } : {}) } };
}
