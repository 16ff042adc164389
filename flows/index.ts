// The flows the system ships (Directus flows, `directus_flows` and `directus_operations`),
// as data: applied by `npm run schema:apply` (flows/apply.ts), each flow and each of its
// operations under a stable id made from its key (schema/ids.ts). Studio shows them
// like any flow; an administrator may switch one off there, and may add flows of their own.

import { stableId } from '../schema/ids.ts';
import type { OperationId } from '../extensions/flow-operations/src/options.ts';

/** Directus's own operations the shipped flows use, besides ours. */
type BuiltIn = 'condition' | 'item-read';

export interface OperationSpec {
  /** Unique within its flow: later operations read its result as {{key}}. */
  key: string;
  name: string;
  type: OperationId | BuiltIn;
  options: Record<string, unknown>;
  /** The key of the operation run next on success (Directus's `resolve`); the chain ends when absent. */
  next?: string;
}

export interface FlowSpec {
  key: string;
  name: string;
  icon: string;
  color: string;
  description: string;
  trigger: 'event' | 'schedule' | 'webhook' | 'manual' | 'operation';
  options: Record<string, unknown>;
  /** The first runs first. */
  operations: OperationSpec[];
}

/** How many working days the assistance group has for the visit after a key person's status changed. */
export const VISIT_WITHIN_WORKING_DAYS = 3;

export const FLOWS: FlowSpec[] = [
  {
    key: 'major-dispute',
    name: '重大矛盾纠纷告知街道领导',
    icon: 'handshake',
    color: '#E35169',
    description: '矛盾纠纷登记为或改为高风险（重大）时，在系统内并以短信告知纠纷所在街道的领导',
    trigger: 'event',
    options: { type: 'action', scope: ['items.create', 'items.update'], collections: ['disputes'] },
    operations: [
      {
        key: 'major',
        name: '是否重大',
        type: 'condition',
        options: { filter: { $trigger: { payload: { risk_level: { _eq: 'high' } } } } },
        next: 'tell',
      },
      {
        key: 'tell',
        name: '通知街道领导',
        type: 'notify-unit',
        options: {
          unit: '{{$trigger}}',
          level: 'street',
          jobs: ['leader'],
          subject: '重大矛盾纠纷',
          message: '【综治】辖区内有一起矛盾纠纷登记为高风险（重大），请登录系统查看并督办。',
          phone: true,
        },
      },
    ],
  },
  {
    key: 'terminal-loss',
    name: '终端丢失告知区系统管理员',
    icon: 'phonelink_erase',
    color: '#FFA439',
    description: '有终端报告丢失时，在系统内并以短信告知区综治办的系统管理员，以便停机、锁定和核查',
    trigger: 'event',
    options: { type: 'action', scope: ['items.create'], collections: ['terminal_losses'] },
    operations: [
      {
        key: 'tell',
        name: '通知区系统管理员',
        type: 'notify-unit',
        options: {
          unit: '{{$trigger}}',
          level: 'district',
          jobs: ['sysadmin'],
          subject: '终端丢失',
          message: '【综治】有终端报告丢失，请及时核查，并停机、远程锁定、修改相关账号密码。',
          phone: true,
        },
      },
    ],
  },
  {
    key: 'key-person-visit',
    name: '重点人员状态变更请帮教小组走访',
    icon: 'diversity_3',
    color: '#3399FF',
    description: `服务对象（重点人员）的管理状态变更时，请其帮教小组所在单位在${VISIT_WITHIN_WORKING_DAYS}个工作日内走访`,
    trigger: 'event',
    options: { type: 'action', scope: ['items.update'], collections: ['service_objects'] },
    operations: [
      {
        key: 'changed',
        name: '状态是否变更',
        type: 'condition',
        options: { filter: { $trigger: { payload: { state: { _nnull: true } } } } },
        next: 'groups',
      },
      {
        key: 'groups',
        name: '读取帮教小组',
        type: 'item-read',
        options: {
          collection: 'assistance_groups',
          permissions: '$full',
          query: { filter: { service_object: { _in: '{{$trigger.keys}}' } }, fields: ['id', 'unit', 'service_object'], limit: -1 },
        },
        next: 'deadline',
      },
      {
        key: 'deadline',
        name: '走访期限',
        type: 'workday-deadline',
        options: { days: VISIT_WITHIN_WORKING_DAYS },
        next: 'ask',
      },
      {
        key: 'ask',
        name: '请帮教小组走访',
        type: 'notify-unit',
        options: {
          unit: '{{groups}}',
          subject: '重点人员走访',
          message: '【综治】重点人员（服务对象）的管理状态已变更，请帮教小组于{{deadline.text}}前完成走访，并登记服务记录。',
          phone: true,
          about_collection: 'service_objects',
          about_item: '{{$trigger.keys.0}}',
        },
      },
    ],
  },
];

export const flowId = (flow: string) => stableId(`flow:${flow}`);
export const operationId = (flow: string, key: string) => stableId(`flow:${flow}:operation:${key}`);

/** Rows as Directus's /flows and /operations take them. */
export function flowRows(spec: FlowSpec) {
  const id = flowId(spec.key);
  const flow = {
    id,
    name: spec.name,
    icon: spec.icon,
    color: spec.color,
    description: spec.description,
    trigger: spec.trigger,
    accountability: 'all',
    options: spec.options,
    operation: spec.operations.length ? operationId(spec.key, spec.operations[0]!.key) : null,
  };
  const operations = spec.operations.map((op, i) => ({
    id: operationId(spec.key, op.key),
    flow: id,
    key: op.key,
    name: op.name,
    type: op.type,
    // Studio's grid: the trigger sits at (1, 1), each operation 18 columns to the right of the one before.
    position_x: 19 + 18 * i,
    position_y: 1,
    options: op.options,
    resolve: op.next ? operationId(spec.key, op.next) : null,
    reject: null,
  }));
  return { flow, operations };
}
