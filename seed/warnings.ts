// The district's early-warning rules (预警规则) as seed data, after the rules' call for
// 预警 (管理办法第二十五条): written once, when the district has none; its office
// changes them, switches them off or adds its own in Studio or the app afterwards, and
// each street may set rules for its communities and grids.

import { createItem, readItems } from '@directus/sdk';
import type { AdminClient } from '../scripts/lib/directus.ts';

export const DISTRICT_WARNING_RULES = [
  {
    name: '按期办结率偏低',
    kind: 'threshold',
    level: 'yellow',
    applies_to: 'community',
    figure: 'matters_closed_on_time',
    comparator: 'below',
    threshold: 85,
    window_days: 30,
    min_base: 5,
    note: '近30天办结的事项中按期办结的比例低于85%（至少5件才判断）',
  },
  {
    name: '矛盾纠纷异常增多',
    kind: 'trend',
    level: 'orange',
    applies_to: 'grid',
    figure: 'disputes',
    months: 6,
    sigma: 2,
    min_base: 3,
    note: '网格本月排查的矛盾纠纷高于前6个月均值加2倍标准差（至少3件）',
  },
  {
    name: '网格巡逻中断',
    kind: 'silence',
    level: 'blue',
    applies_to: 'grid',
    source: 'patrols',
    days: 7,
    note: '网格连续7天没有巡逻记录',
  },
  {
    name: '手机终端未登录',
    kind: 'silence',
    level: 'blue',
    applies_to: 'grid',
    source: 'logins',
    days: 3,
    note: '在用手机或电脑终端连续3个工作日没有登录',
  },
  {
    name: '同类事项聚集',
    kind: 'cluster',
    level: 'red',
    applies_to: 'grid',
    count: 5,
    hours: 72,
    note: '同一网格72小时内上报同一类别事项5件以上，可能形成群体性事件',
  },
  {
    name: '事项超期未办结',
    kind: 'deadline',
    level: 'yellow',
    applies_to: 'community',
    threshold: 1,
    note: '社区（含所辖网格）有事项超过办结时限仍未办结',
  },
] as const;

/** The district's rules for the units under it, once. */
export async function seedDistrictWarningRules(client: AdminClient, ids: Map<string, number>): Promise<boolean> {
  const district = ids.get('/320111/');
  if (!district) return false;
  const existing = await client.request(readItems('warning_rules', { filter: { unit: { _eq: district } }, fields: ['id'], limit: 1 }));
  if (existing.length) return false;
  for (const rule of DISTRICT_WARNING_RULES) await client.request(createItem('warning_rules', { unit: district, active: true, ...rule }));
  return true;
}
