/**
 * Security headers on every answer, with `@fastify/helmet`: `X-Content-Type-Options: nosniff`,
 * HSTS, `X-Frame-Options`, `Referrer-Policy`, `Cross-Origin-Opener-Policy` and the rest of
 * helmet's defaults, with two exceptions the product needs:
 *
 * - `Cross-Origin-Resource-Policy: cross-origin`: merchants' pages load the widget and call the
 *   API from their own origins (CORS still decides who may read the API's answers);
 * - no blanket Content-Security-Policy: each HTML page (the docs, the order page, the demo) sets
 *   the policy it needs itself. Every other answer (JSON, scripts, errors) gets
 *   `default-src 'none'; frame-ancestors 'none'`, so nothing it carries can run as a page.
 */
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

const NOTHING_RUNS = "default-src 'none'; frame-ancestors 'none'";

export default fp(
  async function securityHeadersPlugin(app) {
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: false,
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      if (reply.hasHeader('content-security-policy')) return payload;
      const type = String(reply.getHeader('content-type') ?? '');
      if (!type.startsWith('text/html')) reply.header('content-security-policy', NOTHING_RUNS);
      return payload;
    });
  },
  { name: 'security-headers' },
);
