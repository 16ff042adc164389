// A receipt's state as a coloured tag (receipts.ts says which).

import { Tag } from 'antd';
import type { Marker } from './receipts.ts';

export const MarkerTag = ({ marker, testId }: { marker: Marker | null; testId?: string }) =>
  marker ? (
    <Tag color={marker.color} data-testid={testId}>
      {marker.label}
    </Tag>
  ) : null;
