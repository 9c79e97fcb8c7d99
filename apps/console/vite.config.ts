import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));

// The console is served by the API itself (apps/api/src/console), so it is built to static files under
// dist/console and never loads anything from another origin (it must work offline).
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('../../dist/console'),
    // Not emptied: a page loaded just before a rebuild still finds its hashed CSS and JS (build.mjs prunes
    // assets that the new index.html does not use once they are ten minutes old).
    emptyOutDir: false,
    assetsDir: 'assets',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    // `npx vite apps/console` while the API runs on :3000: the dev server proxies API routes to it.
    proxy: Object.fromEntries(['/graphql', '/dev', '/claim', '/webhooks', '/health', '/api', '/shortlists', '/unsubscribe', '/apply', '/creators'].map((p) => [p, 'http://localhost:3000'])),
  },
});
