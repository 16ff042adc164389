// Plain rows for phone lists: antd's List brings Pagination and Select with it,
// which the phone's first load does without.

import type { CSSProperties, ReactNode } from 'react';

const ROW: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: 8,
  minHeight: 56,
  padding: '8px 0',
  borderBottom: '1px solid #f0f0f0',
};

export function Rows<T>({ items, empty, render }: { items: T[]; empty: string; render: (item: T) => ReactNode }) {
  if (items.length === 0) return <div style={{ color: '#999', textAlign: 'center', padding: 16 }}>{empty}</div>;
  return <div>{items.map(render)}</div>;
}

export function Row({
  title,
  description,
  extra,
  onClick,
  ...rest
}: {
  title: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
  onClick?: () => void;
  [data: `data-${string}`]: string;
}) {
  return (
    <div style={{ ...ROW, cursor: onClick ? 'pointer' : undefined }} onClick={onClick} role={onClick ? 'button' : undefined} {...rest}>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ fontWeight: 500 }}>{title}</div>
        {description && <div style={{ color: '#888', fontSize: 13 }}>{description}</div>}
      </div>
      {extra}
    </div>
  );
}
