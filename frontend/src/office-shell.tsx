// The office's first screen, light. A fresh load of the office's home draws the
// workbench (plain React, pages/workbench.tsx) in a frame like the office layout's,
// with React and our own code only; the office app (Refine + antd: the menu and
// every other screen) loads behind it, draws itself hidden and takes its place
// once it has drawn the same workbench. A click before then (a matter, 帮助 …)
// opens that address in the office app as soon as it is there.

import { StrictMode, useEffect, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { officeDrawn } from './handover.ts';
import { switchLanguageAndReload } from './i18n/index.ts';
import { homeIsDashboard } from './menu.ts';
import { Workbench } from './pages/workbench.tsx';
import { auth, t } from './phone/data.ts';
import type { Identity } from './providers/auth-provider.ts';
import './office-shell.css';

/** How long the first screen waits for the office app to say it has drawn itself before showing it anyway. */
const SHOW_ANYWAY_MS = 5_000;

let office: Promise<void> | null = null;
let shown = false;

/**
 * Starts the office app in place of what `root` (in `container`) shows: drawn hidden
 * beside it and shown when it has drawn the workbench, or at once with `now`.
 */
export function startOffice(root: Root, container: HTMLElement, { now }: { now: boolean }) {
  let element: HTMLElement | null = null;
  const show = () => {
    if (shown || !element) return;
    shown = true;
    root.unmount();
    container.remove();
    element.id = 'root';
    element.hidden = false;
  };
  office ??= import('./office.tsx').then(({ OfficeApp }) => {
    element = document.createElement('div');
    element.hidden = true;
    container.after(element);
    createRoot(element).render(
      <StrictMode>
        <OfficeApp />
      </StrictMode>,
    );
    void officeDrawn.then(show);
    setTimeout(show, SHOW_ANYWAY_MS);
  });
  if (now) void office.then(show);
}

/** The first screen: the workbench now, the office app when it is there. */
export function OfficeShell({ takeOver }: { takeOver: (path?: string) => void }) {
  const [me, setMe] = useState<Identity | null>(null);
  useEffect(() => {
    let live = true;
    void auth.check().then(async (answer) => {
      if (!live) return;
      if (!answer.authenticated) return takeOver(answer.redirectTo ?? '/login');
      const identity = (await auth.getIdentity!()) as Identity;
      if (!live) return;
      // A leader's home is the dashboard, a screen of the office app.
      if (homeIsDashboard(identity)) return takeOver('/');
      setMe(identity);
    });
    return () => {
      live = false;
    };
  }, [takeOver]);
  const link = (path: string, key: string, testId: string) => (
    <a
      href={`/app${path}`}
      data-testid={testId}
      onClick={(e) => {
        e.preventDefault();
        takeOver(path);
      }}
    >
      {t(key)}
    </a>
  );
  return (
    <div className="sh">
      <aside className="sh-sider">
        <div className="sh-title">{t('app.short')}</div>
        {/* The menu comes with the office app, in a moment. */}
        <nav className="sh-menu" aria-busy="true" aria-label={t('loading')}>
          {[72, 56, 64, 80, 60, 68, 52].map((width, i) => (
            <div key={i} className="sh-menu-bar" style={{ width: `${width}%` }} />
          ))}
        </nav>
      </aside>
      <div className="sh-main">
        <header className="sh-header">
          <span data-testid="identity">
            {me?.unit?.name ? `${me.unit.name} · ` : ''}
            {me?.name}
          </span>
          {link('/help', 'help.link', 'help-link')}
          {link('/password', 'account.link', 'change-password')}
          {link('/tfa', 'tfa.link', 'tfa-link')}
          <button type="button" className="sh-language" onClick={switchLanguageAndReload} data-testid="language-switch">
            {t('app.switchTo')}
          </button>
        </header>
        <main className="sh-content">{me && <Workbench me={me} go={takeOver} onShown={takeOver} />}</main>
      </div>
    </div>
  );
}
