/**
 * Renderer-only build for the e2e suite, used when out/renderer is missing or stale. It takes
 * the renderer section of electron.vite.config.ts, so the bundle matches `electron-vite build`,
 * but does not depend on the main process compiling (other work may be mid-edit there).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';
import electronViteConfig from '../../electron.vite.config';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const renderer = (electronViteConfig as { renderer?: UserConfig }).renderer ?? {};

export default defineConfig({
  ...renderer,
  base: './',
  logLevel: 'warn',
  build: {
    ...renderer.build,
    outDir: resolve(root, 'out/renderer'),
    emptyOutDir: true,
    // One local bundle for a desktop app: its size is not a download concern.
    chunkSizeWarningLimit: 8000,
  },
});
