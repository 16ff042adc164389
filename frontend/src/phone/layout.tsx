// The phone layout (under 768 px): content above, a bottom tab bar of four
// 56 px tabs (每日必办, 上报, 待办, 我的). Plain React: it is part of the phone's
// first load. In the office app (a matter's detail opened on a phone) the tabs
// load the phone app afresh (reloadDocument).

import { useEffect, useState, type ReactNode } from 'react';
import { NavLink } from 'react-router';
import './phone.css';
import { say } from '../i18n/index.ts';
import { PHONE_QUERY, watchPhoneQuery } from './routes.ts';

export function usePhone(): boolean {
  const [phone, setPhone] = useState(() => window.matchMedia(PHONE_QUERY).matches);
  useEffect(() => watchPhoneQuery(setPhone), []);
  return phone;
}

// Outline icons (24 × 24), drawn here rather than loading an icon set.
const icon = (d: string) => (
  <svg
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth="1.8"
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
  >
    <path d={d} />
  </svg>
);

const TABS = [
  { to: '/', label: 'phone.daily', icon: icon('M4 5h16v15H4zM4 9h16M8 3v4M16 3v4M8 14l2.5 2.5L16 12'), end: true },
  { to: '/report', label: 'phone.report', icon: icon('M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z') },
  { to: '/todos', label: 'phone.todosTab', icon: icon('M9 11l3 3 8-8M20 12v7a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h11') },
  { to: '/me', label: 'phone.me', icon: icon('M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0') },
];

export function PhoneLayout({ children, reloadDocument = false }: { children: ReactNode; reloadDocument?: boolean }) {
  return (
    <div className="ph-app">
      <main className="ph-main">{children}</main>
      <nav aria-label={say('phone.tabs')} className="ph-tabs">
        {TABS.map((tab) => (
          <NavLink
            key={tab.to}
            to={tab.to}
            end={tab.end}
            reloadDocument={reloadDocument}
            className={({ isActive }) => `ph-tab${isActive ? ' active' : ''}`}
          >
            {tab.icon}
            {say(tab.label)}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}

/** A phone tab reached inside the office app: the phone app answers it (main.tsx). */
export function LoadPhoneApp() {
  useEffect(() => window.location.reload(), []);
  return null;
}
