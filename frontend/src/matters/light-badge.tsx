import { Badge } from 'antd';
import { LIGHT_COLORS, LIGHT_LABELS, type Light } from './lights.ts';

export { LIGHT_COLORS, LIGHT_LABELS };

export function LightBadge({ light }: { light: Light }) {
  return <Badge color={LIGHT_COLORS[light]} text={LIGHT_LABELS[light]} data-light={light} />;
}
