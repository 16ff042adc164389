import { Badge } from 'antd';
import type { Light } from './lights.ts';

export const LIGHT_COLORS: Record<Light, string> = { red: '#f5222d', yellow: '#faad14', green: '#52c41a', none: '#d9d9d9' };
export const LIGHT_LABELS: Record<Light, string> = { red: '已超期', yellow: '临期', green: '正常', none: '—' };

export function LightBadge({ light }: { light: Light }) {
  return <Badge color={LIGHT_COLORS[light]} text={LIGHT_LABELS[light]} data-light={light} />;
}
