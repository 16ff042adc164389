// The phone layout (under 768 px): content above, a bottom tab bar of four
// 56 px tabs (每日必办, 上报, 待办, 我的).

import { CheckSquareOutlined, FormOutlined, ScheduleOutlined, UserOutlined } from '@ant-design/icons';
import { useEffect, useState, type ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useMatterWords } from '../matters/use-matter-schema.ts';
import { useCachedGet } from '../schema/use-schema.ts';
import { CATEGORIES } from './report.tsx';

const QUERY = '(max-width: 767.98px)';

export function usePhone(): boolean {
  const [phone, setPhone] = useState(() => window.matchMedia(QUERY).matches);
  useEffect(() => {
    const media = window.matchMedia(QUERY);
    const update = () => setPhone(media.matches);
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, []);
  return phone;
}

const TABS = [
  { to: '/', label: '每日必办', icon: <ScheduleOutlined />, end: true },
  { to: '/report', label: '上报', icon: <FormOutlined /> },
  { to: '/todos', label: '待办', icon: <CheckSquareOutlined /> },
  { to: '/me', label: '我的', icon: <UserOutlined /> },
];

export function PhoneLayout({ children }: { children: ReactNode }) {
  // Whenever the app opens online, keep what the report form needs for a day without network.
  useMatterWords();
  useCachedGet(CATEGORIES);
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', paddingBottom: 'calc(64px + env(safe-area-inset-bottom))' }}>
      <main style={{ padding: 12 }}>{children}</main>
      <nav
        aria-label="主导航"
        style={{ position: 'fixed', left: 0, right: 0, bottom: 0, display: 'flex', background: '#fff', borderTop: '1px solid #eee', paddingBottom: 'env(safe-area-inset-bottom)', zIndex: 100 }}
      >
        {TABS.map((tab) => (
          <NavLink
            key={tab.to}
            to={tab.to}
            end={tab.end}
            style={({ isActive }) => ({ flex: 1, minHeight: 56, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 2, fontSize: 12, color: isActive ? '#1677ff' : '#666', textDecoration: 'none' })}
          >
            <span style={{ fontSize: 22 }}>{tab.icon}</span>
            {tab.label}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
