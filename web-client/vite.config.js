// Builds the page into dist/ for layoutd --web-root. The public folder is the one the C++ build
// generates (build/web-public: the SDF glyph ranges, see glyphs/README.md), so dist/ is complete.
// `npm run dev` serves the page with hot reload and sends API and tile requests to a running
// layoutd (LAYOUTD_URL, default http://127.0.0.1:8080).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const publicDir = resolve(process.env.LAYOUTD_WEB_PUBLIC ?? resolve(here, '../build/web-public'));
if (!existsSync(resolve(publicDir, 'fonts'))) {
  throw new Error(`no glyph ranges in ${publicDir}/fonts: build them first (ninja -C build web_glyphs), ` +
    'or point LAYOUTD_WEB_PUBLIC at the build tree\'s web-public folder');
}
const layoutd = process.env.LAYOUTD_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  publicDir,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // MapLibre alone is ~1 MB minified; it is one cacheable, immutable file.
    chunkSizeWarningLimit: 1400,
  },
  server: {
    proxy: Object.fromEntries(['/api', '/tiles', '/tiles.json', '/ogc'].map((p) => [p, layoutd])),
  },
});
