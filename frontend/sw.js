// Service worker of the app: the shell (index.html and every file of the build)
// from cache when the network is down; everything else (the API, /assets)
// straight to the network. index.html is refreshed on every online load.
// The build (vite.config.ts) prepends BUILD_FILES and BUILD_ID to this file.
const CACHE = `zongzhi-shell-${BUILD_ID}`;
const SCOPE = new URL(self.registration.scope).pathname; // "/app/"

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([SCOPE, ...BUILD_FILES.map((f) => SCOPE + f)]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || !url.pathname.startsWith(SCOPE)) return;
  const isPage = event.request.mode === 'navigate';
  if (isPage) {
    // Network first for the page, so a new build is picked up; the cached shell offline.
    event.respondWith(
      fetch(event.request)
        .then((response) => {
          const copy = response.clone();
          if (response.ok) caches.open(CACHE).then((cache) => cache.put(SCOPE, copy));
          return response;
        })
        .catch(() => caches.match(SCOPE)),
    );
    return;
  }
  // Hashed build files never change: cache first, filled as they are fetched.
  event.respondWith(
    caches.match(event.request).then(
      (hit) =>
        hit ??
        fetch(event.request).then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(event.request, copy));
          }
          return response;
        }),
    ),
  );
});
