// 工作活动记录: a unit's meetings, patrols, visits, publicity and trainings.
// The rubric counts at least ten a month per unit (考评办法第八条). The first
// collection under the jurisdiction rule; the office work extends it with photos,
// monthly meetings (例会) with minutes and decisions, and trainings (培训) with
// their kind and attendees (R18: twice a year, and before the job on a staff change).

import { jurisdictionFields, jurisdictionRelation } from '../jurisdiction.ts';
import { booleanField, dateField, idField, integerField, label, selectField, stringField, textField, userStamps } from '../fields.ts';
import { junction } from '../junction.ts';
import type { CollectionSpec } from '../types.ts';

export const ACTIVITY_TYPES = { meeting: '会议', patrol: '巡逻', visit: '走访', publicity: '宣传', training: '培训', other: '其他' };
export const TRAINING_KINDS = { regular: '集中培训', pre_job: '岗前培训', guidance: '上级指导' };

export const activityRecords: CollectionSpec = {
  collection: 'activity_records',
  scopePath: 'unit_path',
  meta: {
    icon: 'event_note',
    note: '会议、巡逻、走访、宣传、培训等工作活动',
    display_template: '{{occurred_on}} {{title}}',
    sort_field: null,
    ...label('工作活动记录', 'Activity records'),
  },
  fields: [
    idField(),
    ...jurisdictionFields(),
    selectField('activity_type', '活动类型', 'Type', ACTIVITY_TYPES, { required: true, width: 'half' }, { is_nullable: false }),
    dateField('occurred_on', '活动日期', 'Date', { required: true, width: 'half' }),
    stringField('title', '标题', 'Title', { required: true }, { is_nullable: false, max_length: 200 }),
    stringField('place', '地点', 'Place', { width: 'half' }),
    textField('participants', '参加人员', 'Participants'),
    textField('content', '活动内容', 'Content'),
    integerField('participant_count', '参加人数', 'Number of participants', {
      width: 'half',
      validation: { _or: [{ participant_count: { _null: true } }, { participant_count: { _between: [0, 100000] } }] },
      validation_message: '参加人数不能为负数',
    }),
    { field: 'photos', type: 'alias', schema: null, meta: { interface: 'files', special: ['files'], ...label('活动照片', 'Photos') } },
    booleanField('regular_meeting', '例会', 'Monthly meeting', { width: 'half', note: '每月例会：请填写会议纪要和议定事项' }),
    textField('minutes', '会议纪要', 'Minutes', {
      conditions: [{ name: '会议', rule: { activity_type: { _neq: 'meeting' } }, hidden: true }],
    }),
    textField('decisions', '议定事项', 'Decisions', {
      conditions: [{ name: '会议', rule: { activity_type: { _neq: 'meeting' } }, hidden: true }],
    }),
    selectField('training_kind', '培训类别', 'Training kind', TRAINING_KINDS, {
      width: 'half',
      conditions: [{ name: '培训', rule: { activity_type: { _neq: 'training' } }, hidden: true }],
    }),
    {
      field: 'attendees',
      type: 'alias',
      schema: null,
      meta: {
        interface: 'list-m2m',
        special: ['m2m'],
        options: { template: '{{directus_users_id.last_name}}{{directus_users_id.first_name}}' },
        ...label('参训人员', 'Attendees'),
        note: '本单位及下级单位的工作人员',
      },
    },
    ...userStamps(),
  ],
  relations: [
    jurisdictionRelation('activity_records'),
    { collection: 'activity_records', field: 'user_created', related_collection: 'directus_users' },
  ],
};

export const activityRecordsFiles = junction(
  { collection: 'activity_records', alias: 'photos' },
  { collection: 'directus_files', alias: 'activity_links', keyType: 'uuid' },
);

/** Who attended a training or meeting: staff of the record's unit or of units below it. */
export const activityRecordsUsers = junction(
  { collection: 'activity_records', alias: 'attendees' },
  { collection: 'directus_users', keyType: 'uuid' },
);

/** The way back from a file to the activity records it illustrates, for read permissions. */
export const filesActivityLinks: CollectionSpec = {
  collection: 'directus_files',
  system: true,
  fields: [
    {
      field: 'activity_links',
      type: 'alias',
      schema: null,
      meta: { interface: 'list-o2m', special: ['o2m'], hidden: true, readonly: true, ...label('所属活动记录', 'Activity records') },
    },
  ],
};
