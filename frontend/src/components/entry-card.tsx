// The card of a screen reached before the office itself (登录, 修改密码, 绑定动态口令):
// centred on the page, the title above its content.

import { Card } from 'antd';
import type { ReactNode } from 'react';

export function EntryCard({
  title,
  width,
  titleGap = 16,
  testId,
  children,
}: {
  title: ReactNode;
  width: number;
  titleGap?: number;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div
      style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f5ff', padding: 16 }}
    >
      <Card style={{ width, maxWidth: '100%' }} data-testid={testId}>
        <h1 style={{ textAlign: 'center', fontSize: 22, fontWeight: 600, margin: `0 0 ${titleGap}px` }}>{title}</h1>
        {children}
      </Card>
    </div>
  );
}
