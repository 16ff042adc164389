// 工作活动记录: a unit's meetings, patrols, visits, publicity and trainings.
// The rubric counts at least ten a month per unit (考评办法第八条). The first
// collection under the jurisdiction rule; the office-work issue extends it.

import { jurisdictionFields, jurisdictionRelation } from '../jurisdiction.ts';
import { dateField, idField, label, selectField, stringField, textField, userStamps } from '../fields.ts';
import type { CollectionSpec } from '../types.ts';

export const ACTIVITY_TYPES = { meeting: '会议', patrol: '巡逻', visit: '走访', publicity: '宣传', training: '培训', other: '其他' };

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
    ...userStamps(),
  ],
  relations: [jurisdictionRelation('activity_records'), { collection: 'activity_records', field: 'user_created', related_collection: 'directus_users' }],
};
