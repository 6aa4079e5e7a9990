/**
 * Security headers on every answer, with `helmet`: `X-Content-Type-Options: nosniff`,
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
import helmet from 'helmet';

const NOTHING_RUNS = "default-src 'none'; frame-ancestors 'none'";

/**
 * What helmet (with the options below) and the hook after it put on an error answer. The router
 * answers a path it refuses (too long, broken percent-encoding) before any hook runs, so
 * `app.ts` sets these by hand there; `tests/server/plugins/errors.test.ts` checks that they stay
 * the same as on every other error.
 */
export const ERROR_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': NOTHING_RUNS,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'cross-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

export default fp(
  async function securityHeadersPlugin(app) {
    // Built once: the Fastify wrapper builds helmet's middleware again for every request, which
    // cost the promise route 2-5% of its CPU (BENCHMARKS.md, "A flash sale on a warm shop").
    const headers = helmet({ contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'cross-origin' } });
    app.addHook('onRequest', (request, reply, done) =>
      headers(request.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined)),
    );
    app.addHook('onSend', async (_request, reply, payload) => {
      if (reply.hasHeader('content-security-policy')) return payload;
      const type = String(reply.getHeader('content-type') ?? '');
      if (!type.startsWith('text/html')) reply.header('content-security-policy', NOTHING_RUNS);
      return payload;
    });
  },
  { name: 'security-headers' },
);
