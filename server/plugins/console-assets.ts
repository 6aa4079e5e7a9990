/**
 * Serves the built merchant console (`npm run build:console` → `dist/console/`) at `/console/`.
 * The page is a single HTML file and hashed assets; the page itself is revalidated on every load
 * and carries a strict Content-Security-Policy (scripts and styles from this host only, no
 * framing). docs/ARCHITECTURE.md, "The console".
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { ApiError } from '../errors.js';

export interface ConsoleAssetsOptions {
  dir: string;
}

export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Lit adopts its styles as constructed style sheets; inline style attributes are not used.
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export default fp<ConsoleAssetsOptions>(
  async function consoleAssets(app, opts) {
    const root = resolve(opts.dir);
    const built = existsSync(resolve(root, 'index.html'));
    if (!built) app.log.warn({ dir: root }, 'the console is not built, so /console/ serves nothing; run `npm run build:console`');

    const pageHeaders = {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONSOLE_CSP,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'x-frame-options': 'DENY',
    };
    const page = async () => {
      if (!built) throw new ApiError('unavailable', 'The console is not built on this server; run `npm run build:console`');
      return readFile(resolve(root, 'index.html'), 'utf8');
    };
    app.get('/console', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console/', 301));
    app.get('/console/', { schema: { hide: true } }, async (_request, reply) => reply.headers(pageHeaders).send(await page()));
    if (built && existsSync(resolve(root, 'assets'))) {
      await app.register(fastifyStatic, {
        root: resolve(root, 'assets'),
        prefix: '/console/assets/',
        decorateReply: false,
        index: false,
        setHeaders: (reply) => {
          reply.header('x-content-type-options', 'nosniff');
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        },
      });
    }
  },
  { name: 'console-assets' },
);
