// Which app this page load starts (phone/routes.ts): on a phone, the four tabs
// and the login are the light phone app, in the first load; on an office PC, the
// office's home is first drawn light (office-shell.tsx) while the office app
// (Refine + antd) loads behind it; every other address is the office app, loaded
// only then.

import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { loadLocale, storedLocale } from './i18n/index.ts';
import { OfficeShell, startOffice } from './office-shell.tsx';
import { PhoneApp } from './phone/app.tsx';
import { isPhoneRoute, PHONE_QUERY, routeOf, watchPhoneQuery } from './phone/routes.ts';
import { registerServiceWorker } from './phone/service-worker.ts';

const media = window.matchMedia(PHONE_QUERY);
const wantsPhoneApp = () => media.matches && isPhoneRoute(window.location.pathname);
const container = document.getElementById('root')!;
const root = createRoot(container);
const render = (App: ComponentType) =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

/** The office app: behind the first screen (no path), or at once at an address of the app. */
function takeOver(path?: string) {
  if (path !== undefined) {
    window.history.pushState(null, '', `/app${path}`);
    // An office app already drawn behind follows the address.
    window.dispatchEvent(new PopStateEvent('popstate'));
  }
  startOffice(root, container, { now: path !== undefined });
}
const FirstScreen = () => <OfficeShell takeOver={takeOver} />;

const phone = wantsPhoneApp();
// English, for those who chose it, comes before the first paint (Chinese is in this load).
void loadLocale(storedLocale()).then(() => {
  if (phone) render(PhoneApp);
  else if (routeOf(window.location.pathname) === '/') render(FirstScreen);
  else startOffice(root, container, { now: true });
});
// A window resized across 768 px starts the other app.
watchPhoneQuery(() => wantsPhoneApp() !== phone && window.location.reload());
registerServiceWorker();
