/**
 * Builds the merchant console (`npm run build:console`) into dist/console/, served by the server
 * at /console/. A bundle of its own: nothing here reaches the widget's chunks. Its size is in
 * BENCHMARKS.md ("Console bundle").
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'console',
  base: '/console/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: '../dist/console',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The page's CSP allows scripts from this host only: no inline module-preload helper.
    modulePreload: false,
    assetsInlineLimit: 0,
  },
});
