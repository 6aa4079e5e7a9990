/**
 * CORS per merchant. A real request is answered with Access-Control-Allow-Origin only when its
 * publishable key's merchant allowed that Origin (the auth hook then refuses the others with
 * 403). A preflight carries no key, so it is allowed for any origin some merchant allowed; the
 * real request is checked per merchant. Admin routes never answer browsers.
 *
 * Written as one small hook rather than `@fastify/cors` in its per-request (delegator) mode:
 * that mode rebuilds and normalises its options on every request, and measured on
 * `npm run bench:api` it cost the promise route a third of its throughput. The rules here are
 * the handful that decision needs; the headers are the standard ones.
 */
import fp from 'fastify-plugin';
import { HEADERS } from '../../contract/http.js';
import { requestKey } from '../merchants/keys.js';
import { addVary } from './vary.js';

// DELETE: a member signing out (`DELETE /v1/members/sessions/current`).
const ALLOW_METHODS = 'GET, POST, DELETE';
const ALLOW_HEADERS = ['authorization', 'content-type', HEADERS.idempotencyKey, HEADERS.memberToken].join(', ');
const EXPOSE_HEADERS = ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'idempotent-replayed'].join(', ');
const PREFLIGHT_MAX_AGE = '600';

export default fp(
  async function corsPlugin(app) {
    app.addHook('onRequest', (request, reply, done) => {
      const origin = request.headers.origin;
      if (origin === undefined || !request.url.startsWith('/v1/')) return done();
      // Answers differ by origin: shared caches must keep them apart.
      addVary(reply, 'Origin');
      if (request.url.startsWith('/v1/admin')) return done();

      if (request.method === 'OPTIONS') {
        // A preflight: answered here, before routing, whatever the path.
        if (request.headers['access-control-request-method'] !== undefined && app.merchants.anyAllows(origin)) {
          reply
            .header('access-control-allow-origin', origin)
            .header('access-control-allow-methods', ALLOW_METHODS)
            .header('access-control-allow-headers', ALLOW_HEADERS)
            .header('access-control-max-age', PREFLIGHT_MAX_AGE);
        }
        reply.code(204).send();
        return;
      }

      // The key comes in the header, or in the query of a simple request (server/auth/plugin.ts).
      const key = requestKey(request.headers.authorization, request.query);
      if (key && typeof key !== 'string' && key.kind === 'publishable') {
        const merchant = app.merchants.byPublishableKey(key.key);
        if (merchant !== undefined && app.merchants.allows(merchant, origin)) {
          reply.header('access-control-allow-origin', origin).header('access-control-expose-headers', EXPOSE_HEADERS);
        }
      }
      done();
    });
  },
  { name: 'cors', dependencies: ['merchants'] },
);
