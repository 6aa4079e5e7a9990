/** Modules only the lazy chunks need; everything else is the first chunk. */
const lazyOnly =
  /[\\/](widget[\\/]checkout[\\/]|widget[\\/]button[\\/]more\.ts|widget[\\/]locales[\\/](?!(?:en|load|messages)\.ts)|widget[\\/]internal[\\/]format(?:-reason)?\.ts|contract[\\/]money\.ts|widget[\\/]events[\\/](?:order-placed|checkout-opened|member-signed-in)\.ts|contract[\\/](?:http|timeline)\.ts|@stripe[\\/]|node_modules[\\/](?:lit-element|@lit[\\/]reactive-element|lit[\\/]index\.js))/;

/**
 * Builds the embeddable widget into dist/widget/ (`npm run build:widget` runs both modes):
 *   default mode → dist/widget/nearbuy.js, the script-tag entry (defines the elements); everything
 *                  the promise and Buy need is in this one file, the rest are lazy chunks
 *                  (checkout dialog, Stripe loader, options list, one chunk per locale).
 *   `--mode esm` → dist/widget/esm/index.js, the side-effect-free entry (exports the classes).
 * Two builds rather than two entries of one, so that each entry's first chunk is its own. A `core`
 * group gathers everything the first paint needs into one chunk (one gzip stream instead of four
 * small ones), and in the script-tag build it is merged into nearbuy.js (see
 * `preserveEntrySignatures` below), so the promise request waits for one file, not two.
 * Budgets are checked by tests/widget/size-budget.ts (`npm run test:size`); widget/README.md says
 * how the first chunk stays small.
 */
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { minifyLitTemplates } from './widget/build/minify-templates.js';

/**
 * `widget/nearbuy.css`, the embed's reservation stylesheet, written beside the script-tag entry
 * without its comments and indentation (it holds back the page's first paint: every byte counts).
 */
function embedStylesheet(): Plugin {
  return {
    name: 'nearbuy-embed-stylesheet',
    generateBundle() {
      const source = readFileSync('widget/nearbuy.css', 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/\s*([{};,])\s*/g, '$1')
        .trim();
      this.emitFile({ type: 'asset', fileName: 'nearbuy.css', source: `${source}\n` });
    },
  };
}

export default defineConfig(({ mode }) => {
  const esm = mode === 'esm';
  return {
    publicDir: false,
    logLevel: 'warn',
    plugins: esm ? [minifyLitTemplates()] : [minifyLitTemplates(), embedStylesheet()],
    build: {
      outDir: esm ? 'dist/widget/esm' : 'dist/widget',
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      reportCompressedSize: false,
      // Library mode: dynamic imports stay plain ES `import()`, without Vite's app preload
      // helper (3 KB the widget does not need: its chunks have no CSS and no deep import chains).
      lib: {
        entry: (esm ? { index: 'widget/index.ts' } : { nearbuy: 'widget/nearbuy.ts' }) as Record<string, string>,
        formats: ['es'],
      },
      rollupOptions: {
        // The entry may gain exports, so that the `core` group merges into nearbuy.js itself: one
        // file (one round trip, one gzip stream) before the promise request; the lazy chunks
        // import the entry (`../nearbuy.js`).
        ...(esm ? {} : { preserveEntrySignatures: 'allow-extension' as const }),
        output: {
          minify: true,
          // Pure annotations help a bundler that takes the ESM entry; nearbuy.js is loaded as it is.
          ...(esm ? {} : { comments: { annotation: false } }),
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          codeSplitting: {
            groups: [{ name: 'core', test: (id: string) => !lazyOnly.test(id) }],
          },
        },
      },
    },
  };
});
