// The Refine app's build: served by Directus under /app (extensions/app), so the
// base is /app/ and the API is the same origin. `npm run dev:frontend` serves it
// with hot reload and passes every other path to a running Directus.

import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const directus = process.env.DIRECTUS_URL ?? 'http://localhost:8055';

export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // Everything that is not the app goes to Directus, cookies included.
    proxy: { '^/(?!app(/|$)).*': { target: directus, changeOrigin: false } },
  },
});
