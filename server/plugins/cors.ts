/**
 * CORS per merchant with `@fastify/cors`. A real request is answered with
 * Access-Control-Allow-Origin only when its publishable key's merchant allowed that Origin
 * (the auth hook then refuses the others with 403). A preflight carries no key, so it is
 * allowed for any origin some merchant allowed; the real request is checked per merchant.
 * Admin routes never answer browsers.
 */
import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import { HEADERS } from '../../contract/http.js';
import { parseBearer } from '../keys.js';

export default fp(
  async function corsPlugin(app) {
    const base = {
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', HEADERS.idempotencyKey, HEADERS.memberToken],
      exposedHeaders: ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
      maxAge: 600,
      credentials: false,
      // A bare OPTIONS is answered 204 without CORS headers rather than a text/plain 400.
      strictPreflight: false,
    };
    await app.register(cors, {
      delegator(request, callback) {
        const origin = request.headers.origin;
        if (!origin || request.url.startsWith('/v1/admin')) {
          callback(null, { ...base, origin: false });
          return;
        }
        let allowed = false;
        if (request.method === 'OPTIONS') {
          allowed = app.merchants.anyAllows(origin);
        } else {
          const key = parseBearer(request.headers.authorization);
          if (key && typeof key !== 'string' && key.kind === 'publishable') {
            const merchant = app.merchants.byPublishableKey(key.key);
            allowed = merchant !== undefined && app.merchants.allows(merchant, origin);
          }
        }
        callback(null, { ...base, origin: allowed ? origin : false });
      },
    });
  },
  { name: 'cors', dependencies: ['merchants'] },
);
