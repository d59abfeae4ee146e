// Builds the viewer (viewer/ -> viewer/dist), which `cardtwin serve` serves at /. Every URL the page
// uses is relative (/api, /ws from location), so in development `vite` proxies both to a twin running
// on port 3000 (`cardtwin serve`), or to CARDTWIN_URL.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const twin = process.env.CARDTWIN_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: {
      '/api': twin,
      '/openapi.json': twin,
      '/ws': { target: twin.replace(/^http/, 'ws'), ws: true },
    },
  },
});
