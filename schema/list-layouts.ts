// The columns and order each list opens with, for everyone, until an
// administrator saves another table layout for the collection in Studio (schema
// apply writes these as Studio's default preset where none exists; the app reads
// whatever preset is there). What staff look for first: who or what, the key
// facts, where (the unit), when — not every field in the order it was made.

export interface ListLayout {
  fields: string[];
  /** Directus sort: a field, `-` before it for newest first. */
  sort?: string[];
}

export const LIST_LAYOUTS: Record<string, ListLayout> = {
  // 基础信息
  people: { fields: ['name', 'id_number_masked', 'sex', 'residence_address', 'is_floating', 'is_left_behind', 'unit'] },
  compounds: { fields: ['name', 'address', 'property_company', 'household_count', 'unit'] },
  buildings: { fields: ['name', 'compound', 'floors', 'address', 'unit'] },
  houses: { fields: ['address', 'use', 'owner', 'floor_area', 'unit'] },
  rental_houses: { fields: ['address', 'owner', 'use', 'hazard_type', 'rented_from', 'unit'] },
  rental_tenants: { fields: ['person', 'rental_house', 'moved_in', 'moved_out', 'unit'] },
  key_areas: { fields: ['name', 'area_type', 'problem', 'unit'] },
  security_facilities: { fields: ['name', 'facility_type', 'location', 'keeper_name', 'unit'] },
  facility_inspections: { fields: ['facility', 'month', 'condition', 'inspected_on', 'unit'], sort: ['-inspected_on'] },
  social_units: { fields: ['name', 'unit_type', 'legal_representative', 'phone', 'concern', 'unit'] },
  social_organisations: { fields: ['name', 'org_type', 'head', 'member_count', 'unit'] },
  organisation_activities: { fields: ['title', 'organisation', 'held_on', 'participants', 'unit'], sort: ['-held_on'] },
  patrol_teams: { fields: ['name', 'team_type', 'leader', 'phone', 'unit'] },
  patrol_team_members: { fields: ['name', 'team', 'phone', 'joined_on', 'unit'] },
  offices: { fields: ['name', 'head', 'phone', 'address', 'unit'] },
  office_staff: { fields: ['name', 'position', 'office', 'staffing', 'phone', 'unit'] },
  grid_staff: { fields: ['name', 'role', 'phone', 'valid_from', 'unit'] },
  submissions: { fields: ['target_collection', 'change_kind', 'state', 'submitter', 'submitted_at', 'unit'], sort: ['-submitted_at'] },
  comparisons: { fields: ['registry', 'department', 'month', 'performed_at', 'unit'], sort: ['-performed_at'] },
  person_moves: { fields: ['person', 'from_unit', 'to_unit', 'reason', 'moved_at'], sort: ['-moved_at'] },
  // 服务管理
  service_objects: { fields: ['person', 'category', 'risk_grade', 'state', 'next_visit_due', 'responsible_worker', 'unit'] },
  assistance_groups: { fields: ['name', 'service_object', 'formed_on', 'unit'] },
  assistance_group_members: { fields: ['name', 'role', 'group', 'phone', 'unit'] },
  service_records: { fields: ['service_object', 'kind', 'served_at', 'place', 'worker', 'unit'], sort: ['-served_at'] },
  // 业务工作
  disputes: { fields: ['title', 'dispute_type', 'risk_level', 'status', 'discovered_on', 'unit'], sort: ['-discovered_on'] },
  petition_incidents: { fields: ['title', 'kind', 'status', 'discovered_at', 'people_count', 'unit'], sort: ['-discovered_at'] },
  rectification_campaigns: { fields: ['problem', 'key_area', 'status', 'due_on', 'responsible_person', 'unit'], sort: ['-due_on'] },
  stability_assessments: { fields: ['subject', 'subject_kind', 'risk_level', 'assessed_on', 'unit'], sort: ['-assessed_on'] },
  patrol_routes: { fields: ['name', 'schedule', 'active', 'unit'] },
  patrol_records: { fields: ['route', 'started_at', 'patrollers', 'findings', 'unit'], sort: ['-started_at'] },
  warning_rules: { fields: ['name', 'kind', 'level', 'applies_to', 'active', 'unit'] },
  warnings: { fields: ['level', 'title', 'unit', 'status', 'raised_at'], sort: ['-raised_at'] },
  // 办公
  activity_records: { fields: ['title', 'activity_type', 'occurred_on', 'place', 'participant_count', 'unit'], sort: ['-occurred_on'] },
  daily_task_templates: { fields: ['title', 'kind', 'active', 'unit'] },
  daily_checks: { fields: ['day', 'template', 'user', 'done', 'unit'], sort: ['-day'] },
  special_projects: { fields: ['title', 'status', 'starts_on', 'due_on', 'unit'], sort: ['-starts_on'] },
  report_drafts: { fields: ['key', 'kind', 'document', 'made_at'], sort: ['-made_at'] },
  // 事项（参考数据）
  matter_categories: { fields: ['name', 'code', 'parent'] },
  deadline_policies: { fields: ['matter_type', 'urgency', 'sign_amount', 'sign_unit', 'complete_amount', 'complete_unit'] },
  calendar_days: { fields: ['date', 'kind', 'name'], sort: ['-date'] },
  reminder_templates: { fields: ['kind', 'subject'] },
  matter_reminders: { fields: ['matter', 'kind', 'due_at', 'sent_at', 'unit'], sort: ['-due_at'] },
  phone_messages: { fields: ['recipient', 'status', 'body', 'sent_at'], sort: ['-sent_at'] },
  // 系统管理
  terminals: { fields: ['asset_number', 'kind', 'holder', 'status', 'assigned_on', 'unit'] },
  terminal_handovers: { fields: ['terminal', 'from_user', 'to_user', 'status', 'handed_on', 'unit'], sort: ['-handed_on'] },
  terminal_losses: { fields: ['terminal', 'lost_at', 'within_24_hours', 'reported_by', 'unit'], sort: ['-lost_at'] },
  confidentiality_agreements: { fields: ['signer', 'signed_on', 'unit'], sort: ['-signed_on'] },
  admin_roster_changes: { fields: ['person', 'change', 'effective_on', 'unit'], sort: ['-effective_on'] },
  login_days: { fields: ['user', 'day', 'channel', 'logins', 'unit'], sort: ['-day'] },
  export_requests: { fields: ['scope_collection', 'scope_unit', 'requester', 'state', 'requested_at', 'unit'], sort: ['-requested_at'] },
  export_log: { fields: ['at', 'action', 'user', 'row_count', 'unit'], sort: ['-at'] },
  sensitive_reads: { fields: ['at', 'user', 'collection_name', 'read_through', 'unit'], sort: ['-at'] },
  // 考评
  assessment_rubrics: { fields: ['title', 'assessed_level', 'period_type', 'version', 'status', 'unit'] },
};
