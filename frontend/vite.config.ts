// The Refine app's build: served by Directus under /app (extensions/app), so the
// base is /app/ and the API is the same origin. `npm run dev:frontend` serves it
// with hot reload and passes every other path to a running Directus.

import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const directus = process.env.DIRECTUS_URL ?? 'http://localhost:8055';

/** Emits sw.js with the list of every built file, so the service worker can keep the whole shell. */
function serviceWorker(): Plugin {
  return {
    name: 'zongzhi-service-worker',
    apply: 'build',
    generateBundle(_, bundle) {
      // The manual's pictures (the only .jpg files) are read online, not kept on every phone.
      const files = Object.keys(bundle)
        .filter((f) => !f.endsWith('.map') && !f.endsWith('.jpg'))
        .sort();
      const id = createHash('sha1').update(files.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(resolve(import.meta.dirname, 'sw.js'), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: `const BUILD_FILES = ${JSON.stringify(files.filter((f) => f !== 'index.html'))};\nconst BUILD_ID = '${id}';\n${source}`,
      });
    },
  };
}

/** Writes file.gz beside each text file, served by extensions/app to browsers that accept gzip. */
function precompress(): Plugin {
  return {
    name: 'zongzhi-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json|webmanifest)$/.test(file)) continue;
        const path = resolve(options.dir!, file);
        const source = readFileSync(path);
        if (source.length > 1024) writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  plugins: [react(), serviceWorker(), precompress()],
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
