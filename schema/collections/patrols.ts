// Patrols (巡逻, 考评办法第九条 2): named routes with their unit and schedule, and
// patrol records (who, when, check points, findings). A finding becomes an event
// report through the matters service (POST /office/patrols/:id/report), which
// links the matter to the record.

import { idField, label, manyToOneField, stringField, textField, timestampField, booleanField, userStamps } from '../fields.ts';
import { jurisdictionFields, jurisdictionRelation } from '../jurisdiction.ts';
import type { CollectionSpec } from '../types.ts';

export const patrolRoutes: CollectionSpec = {
  collection: 'patrol_routes',
  scopePath: 'unit_path',
  meta: {
    icon: 'route',
    display_template: '{{name}}',
    note: '巡逻线路：名称、所属网格、巡逻时间和必经点位',
    ...label('巡逻线路', 'Patrol routes'),
  },
  fields: [
    idField(),
    ...jurisdictionFields(),
    stringField('name', '线路名称', 'Name', { required: true }, { is_nullable: false, max_length: 100 }),
    stringField(
      'schedule',
      '巡逻时间',
      'Schedule',
      { required: true, width: 'half', note: '如 每日19:00—21:00' },
      { is_nullable: false, max_length: 100 },
    ),
    textField('checkpoints', '必经点位', 'Check points', { note: '每行一个点位' }),
    booleanField('active', '启用', 'Active', { width: 'half' }, true),
    ...userStamps(),
  ],
  relations: [
    jurisdictionRelation('patrol_routes'),
    { collection: 'patrol_routes', field: 'user_created', related_collection: 'directus_users' },
  ],
};

export const patrolRecords: CollectionSpec = {
  collection: 'patrol_records',
  scopePath: 'unit_path',
  meta: {
    icon: 'directions_walk',
    display_template: '{{started_at}} {{route.name}}',
    note: '巡逻记录：人员、时间、点位、发现的问题；问题可转为事件上报',
    ...label('巡逻记录', 'Patrol records'),
  },
  fields: [
    idField(),
    ...jurisdictionFields(),
    manyToOneField('route', '巡逻线路', 'Route', '{{name}}', { required: true }, { is_nullable: false }),
    textField('patrollers', '巡逻人员', 'Patrollers', { required: true }),
    { ...timestampField('started_at', '开始时间', 'Started at', { required: true, width: 'half' }), schema: { is_nullable: false } },
    { ...timestampField('ended_at', '结束时间', 'Ended at', { required: true, width: 'half' }), schema: { is_nullable: false } },
    textField('checkpoints_visited', '巡查点位', 'Check points visited'),
    textField('findings', '发现问题', 'Findings'),
    manyToOneField('matter', '转事件上报', 'Reported as matter', '{{number}}', { readonly: true, width: 'half' }),
    ...userStamps(),
  ],
  relations: [
    jurisdictionRelation('patrol_records'),
    { collection: 'patrol_records', field: 'route', related_collection: 'patrol_routes', schema: { on_delete: 'NO ACTION' } },
    { collection: 'patrol_records', field: 'matter', related_collection: 'matters', schema: { on_delete: 'SET NULL' } },
    { collection: 'patrol_records', field: 'user_created', related_collection: 'directus_users' },
  ],
};
