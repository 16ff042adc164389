// The office layout: Refine's themed sider and our header. Loaded only on screens
// of 768 px and more.

import { ThemedLayout } from '@refinedev/antd';
import type { ReactNode } from 'react';
import { Header } from './header.tsx';

export default function OfficeLayout({ children }: { children: ReactNode }) {
  return <ThemedLayout Header={Header}>{children}</ThemedLayout>;
}
