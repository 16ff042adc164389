// A matter's deadline light as a coloured dot and its name: plain React (light-badge.css), so the
// phone's and the workbench's first loads carry it without antd.

import { LIGHT_COLORS, lightLabel, type Light } from './lights.ts';
import './light-badge.css';

export { LIGHT_COLORS, lightLabel };

export function LightBadge({ light }: { light: Light }) {
  return (
    <span className="light-badge" style={{ ['--light' as string]: LIGHT_COLORS[light] }} data-light={light}>
      {lightLabel(light)}
    </span>
  );
}
