/**
 * Serves the built widget (`npm run build:widget` → `dist/widget/`) at `/widget/`, so a merchant
 * can load `<script type="module" src="https://<api host>/widget/nearbuy.js">` and the widget's
 * `api-base` defaults to the same host. Any shop may load it: module scripts from another
 * origin are fetched with CORS. Hashed chunks never change and are cached for a year; the entry
 * files are revalidated so a new release reaches pages at once. Files are precompressed at build
 * (`server/cli/compress-assets.ts`): brotli or gzip is sent as the browser accepts, with
 * `Vary: Accept-Encoding` so caches keep the variants apart.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

export interface WidgetAssetsOptions {
  dir: string;
}

export default fp<WidgetAssetsOptions>(
  async function widgetAssets(app, opts) {
    const root = resolve(opts.dir);
    if (!existsSync(resolve(root, 'nearbuy.js'))) {
      app.log.warn({ dir: root }, 'the widget is not built, so /widget/ serves nothing; run `npm run build:widget`');
      return;
    }
    await app.register(fastifyStatic, {
      root,
      prefix: '/widget/',
      decorateReply: false,
      index: false,
      preCompressed: true,
      setHeaders: (reply, path) => {
        reply.header('access-control-allow-origin', '*');
        reply.header('x-content-type-options', 'nosniff');
        reply.header('cache-control', /[/\\]chunks[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  },
  { name: 'widget-assets' },
);
