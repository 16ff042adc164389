// The phone app: the grid worker's four tabs and the login, in plain React with
// our own small CSS, talking to Directus with the session cookie. It is the
// first load on a phone; the office app (Refine + antd) is loaded only for
// other routes (main.tsx).

import { useEffect, useState } from 'react';
import { BrowserRouter, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Identity } from '../providers/auth-provider.ts';
import { auth, t, useLoad, useMatterWords } from './data.ts';
import { PhoneLayout } from './layout.tsx';
import { LoginPage } from './login.tsx';
import { PasswordPage } from './password.tsx';
import { Daily, Me, Todos } from './pages.tsx';
import { CATEGORIES, ReportPage } from './report.tsx';
import { useOutboxSender } from './sending.ts';
import { Session } from './session.ts';
import { toast, Toasts } from './ui.tsx';

/**
 * The signed-in routes: shown at once while the server is asked who is signed in
 * (one round trip less before the phone answers); the login replaces them when
 * there is no session.
 */
function SignedIn() {
  const [me, setMe] = useState<Identity | null>(null);
  const navigate = useNavigate();
  useEffect(() => {
    let live = true;
    void auth.check().then(async (answer) => {
      if (!live) return;
      if (!answer.authenticated) return navigate(answer.redirectTo ?? '/login', { replace: true });
      setMe((await auth.getIdentity!()) as Identity);
    });
    return () => {
      live = false;
    };
  }, []);
  return (
    <Session.Provider value={me}>
      <PhoneLayout>
        {me && <Background />}
        <Outlet />
      </PhoneLayout>
    </Session.Provider>
  );
}

/**
 * Once signed in, whatever the tab: sends what waits in the outbox (now and
 * whenever the network returns), and keeps what the report form needs for a
 * day without network.
 */
function Background() {
  useOutboxSender((n) => toast('success', t('phone.outboxSent', { count: n })));
  useMatterWords();
  useLoad(CATEGORIES, { kept: true });
  return null;
}

/** A route the phone app does not have (a matter's detail …): the office app answers it. */
function OfficeRoute() {
  const location = useLocation();
  useEffect(() => window.location.assign(`/app${location.pathname}${location.search}`), [location]);
  return null;
}

export function PhoneApp() {
  return (
    <BrowserRouter basename="/app">
      <Toasts />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/password" element={<PasswordPage />} />
        <Route element={<SignedIn />}>
          <Route index element={<Daily />} />
          <Route path="report" element={<ReportPage />} />
          <Route path="todos" element={<Todos />} />
          <Route path="me" element={<Me />} />
        </Route>
        <Route path="*" element={<OfficeRoute />} />
      </Routes>
    </BrowserRouter>
  );
}
