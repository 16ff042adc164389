// Which app this page load starts (phone/routes.ts): on a phone, the four tabs
// and the login are the light phone app, in the first load; everything else is
// the office app (Refine + antd), loaded only then.

import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { loadLocale, storedLocale } from './i18n/index.ts';
import { PhoneApp } from './phone/app.tsx';
import { isPhoneRoute, PHONE_QUERY, watchPhoneQuery } from './phone/routes.ts';
import { registerServiceWorker } from './phone/service-worker.ts';

const media = window.matchMedia(PHONE_QUERY);
const wantsPhoneApp = () => media.matches && isPhoneRoute(window.location.pathname);
const root = createRoot(document.getElementById('root')!);
const render = (App: ComponentType) =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

const phone = wantsPhoneApp();
// English, for those who chose it, comes before the first paint (Chinese is in this load).
void loadLocale(storedLocale()).then(() => {
  if (phone) render(PhoneApp);
  else void import('./office.tsx').then((m) => render(m.OfficeApp));
});
// A window resized across 768 px starts the other app.
watchPhoneQuery(() => wantsPhoneApp() !== phone && window.location.reload());
registerServiceWorker();
