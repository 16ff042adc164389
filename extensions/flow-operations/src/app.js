// The Studio side of our flow operations: what the flow editor lists and the options it
// asks for, in Chinese. Plain ES module data, no build: Directus bundles it into Studio's
// extensions at start. The choices repeat the vocabularies of the TypeScript side
// (unit-path.ts, domains/…); app.test.ts holds them to those, so they cannot drift apart.

const LEVELS = [
  { text: '区', value: 'district' },
  { text: '街道', value: 'street' },
  { text: '社区', value: 'community' },
  { text: '网格', value: 'grid' },
];
const JOBS = [
  { text: '系统管理员', value: 'sysadmin' },
  { text: '综治办主任', value: 'head' },
  { text: '专职人员', value: 'staff' },
  { text: '综治社工', value: 'social_worker' },
  { text: '网格员', value: 'grid_worker' },
  { text: '领导', value: 'leader' },
  { text: '部门联络员', value: 'liaison' },
];
const DISPATCH_TYPES = [
  { text: '任务分派', value: 'task' },
  { text: '部门交办', value: 'department_assignment' },
];
const URGENCIES = [
  { text: '特急', value: 'extra_urgent' },
  { text: '紧急', value: 'urgent' },
  { text: '一般', value: 'normal' },
];
const WARNING_LEVELS = [
  { text: '蓝色（一般）', value: 'blue' },
  { text: '黄色（较重）', value: 'yellow' },
  { text: '橙色（严重）', value: 'orange' },
  { text: '红色（特别严重）', value: 'red' },
];

const half = (meta = {}) => ({ width: 'half', ...meta });
const input = (placeholder, meta = {}) => ({ interface: 'input', options: { placeholder }, ...meta });
const text = (field, name, placeholder, meta = {}) => ({
  field,
  name,
  type: 'string',
  meta: { width: 'full', ...input(placeholder), ...meta },
});
const choose = (field, name, choices, meta = {}) => ({
  field,
  name,
  type: 'string',
  meta: half({ interface: 'select-dropdown', options: { choices, allowNone: true }, ...meta }),
});
const unitField = (field, name, note) =>
  text(field, name, '单位编号，或 {{$trigger}}（触发记录的所属单位），或 {{上一步}}（读出的带“所属单位”的记录）', { required: true, note });
const shown = (value, fallback) => (value === undefined || value === null || value === '' ? fallback : String(value));
const label = (choices, value, fallback) => choices.find((c) => c.value === value)?.text ?? shown(value, fallback);

export const operations = [
  {
    id: 'workday-deadline',
    name: '工作日期限',
    icon: 'event_available',
    description: '按区工作日历（节假日、调休上班日）从起算时间数若干个工作日，得出期限',
    overview: ({ days, start }) => [
      { label: '工作日数', text: shown(days, '—') },
      { label: '起算时间', text: shown(start, '现在') },
    ],
    options: [
      {
        field: 'days',
        name: '工作日数',
        type: 'integer',
        meta: half({ interface: 'input', required: true, options: { min: 1, max: 250 } }),
      },
      text('start', '起算时间', '留空为现在；或 {{$trigger.payload.date_created}}、2026-12-01', { width: 'half' }),
    ],
  },
  {
    id: 'notify-unit',
    name: '通知单位',
    icon: 'campaign',
    description: '在系统内并以短信通知单位的人员（可限定岗位，或改为通知其上级某一层级的综治办）',
    overview: ({ unit, level, jobs, subject }) => [
      { label: '单位', text: shown(typeof unit === 'object' ? JSON.stringify(unit) : unit, '—') },
      { label: '层级', text: level ? `所在${label(LEVELS, level, level)}` : '单位本身' },
      { label: '岗位', text: Array.isArray(jobs) && jobs.length ? jobs.map((j) => label(JOBS, j, j)).join('、') : '全部人员' },
      { label: '标题', text: shown(subject, '—') },
    ],
    options: [
      unitField('unit', '通知的单位', '可为多个单位；“{{$trigger}}”即触发事件的记录所属单位'),
      choose('level', '改为通知所在的', LEVELS, { note: '如选“街道”，通知记录所属单位所在的街道综治办' }),
      {
        field: 'jobs',
        name: '只通知这些岗位',
        type: 'csv',
        meta: half({ interface: 'select-multiple-dropdown', options: { choices: JOBS }, note: '不选即单位全部在岗人员' }),
      },
      text('subject', '通知标题', '如 重大矛盾纠纷', { required: true }),
      {
        field: 'message',
        name: '通知内容',
        type: 'text',
        meta: { width: 'full', interface: 'input-multiline', required: true, note: '也作为短信内容，不超过500字' },
      },
      { field: 'phone', name: '同时发送短信', type: 'boolean', meta: half({ interface: 'boolean' }), schema: { default_value: true } },
      text('about_collection', '关联集合', '留空则关联触发记录', { width: 'half' }),
      text('about_item', '关联记录编号', '如 {{$trigger.key}}', { width: 'half' }),
    ],
  },
  {
    id: 'dispatch-matter',
    name: '派发事项',
    icon: 'assignment_turned_in',
    description: '由发起单位（默认承办单位的上级）向承办单位派发任务或部门交办，与“事项”功能同一套校验、编号、时限和提醒',
    overview: ({ type, unit, title }) => [
      { label: '类型', text: label(DISPATCH_TYPES, type, '任务分派') },
      { label: '承办单位', text: shown(typeof unit === 'object' ? JSON.stringify(unit) : unit, '—') },
      { label: '标题', text: shown(title, '—') },
    ],
    options: [
      choose('type', '事项类型', DISPATCH_TYPES, { note: '默认任务分派（只能派给发起单位的直属下级）' }),
      unitField('unit', '承办单位', '一个单位'),
      text('from_unit', '发起单位', '留空为承办单位的上级单位', { width: 'half' }),
      text('category', '事项分类', '分类编号或代码，如 MDJF（矛盾纠纷）', { width: 'half', required: true }),
      choose('urgency', '紧急程度', URGENCIES, { note: '默认一般' }),
      text('title', '事项标题', '不超过200字', { required: true }),
      { field: 'description', name: '事项内容', type: 'text', meta: { width: 'full', interface: 'input-multiline', required: true } },
    ],
  },
  {
    id: 'raise-warning',
    name: '预警',
    icon: 'warning',
    description: '按一条预警规则向单位发出预警，并通知该单位及其上级（与规则研判产生的预警同样签收、处置、核销）',
    overview: ({ rule, unit, level }) => [
      { label: '预警规则', text: shown(rule, '—') },
      { label: '被预警单位', text: shown(typeof unit === 'object' ? JSON.stringify(unit) : unit, '—') },
      { label: '等级', text: label(WARNING_LEVELS, level, '按规则') },
    ],
    options: [
      text('rule', '预警规则', '预警规则编号', { width: 'half', required: true, note: '预警归属于该规则（可为不启用的规则）' }),
      choose('level', '预警等级', WARNING_LEVELS, { note: '默认按规则' }),
      unitField('unit', '被预警单位', '一个单位，须在规则设定单位辖区内'),
      {
        field: 'summary',
        name: '预警内容',
        type: 'text',
        meta: { width: 'full', interface: 'input-multiline', required: true, note: '不超过400字' },
      },
    ],
  },
];
