import { Badge } from 'antd';
import { LIGHT_COLORS, lightLabel, type Light } from './lights.ts';

export { LIGHT_COLORS, lightLabel };

export function LightBadge({ light }: { light: Light }) {
  return <Badge color={LIGHT_COLORS[light]} text={lightLabel(light)} data-light={light} />;
}
