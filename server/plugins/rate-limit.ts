/**
 * Rate limits per API key and per client IP with `@fastify/rate-limit`, on every `/v1` call.
 * Two limiters from one plugin registration: the plugin's own per-route hook runs once per
 * request, so both checks live in one hook here. Runs before authentication, so guessing keys
 * is limited too. In memory per process: with N processes the effective limit is N× (a shared
 * store such as Redis can be plugged in later).
 */
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';

export interface RateLimitOptions {
  perKey: number;
  perIp: number;
  windowMs: number;
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) {
    // The widget's promise request carries its publishable key in the query (server/auth/plugin.ts).
    const key = (request.query as Record<string, unknown> | undefined)?.key;
    return typeof key === 'string' && key !== '' ? key.slice(0, 200) : null;
  }
  const m = /^Bearer\s+(\S{1,200})/i.exec(header);
  return m ? m[1]! : null;
}

export default fp<RateLimitOptions>(
  async function rateLimitPlugin(app, opts) {
    await app.register(rateLimit, { global: false, timeWindow: opts.windowMs, max: opts.perIp, cache: 10_000 });
    const byIp = app.createRateLimit({ max: opts.perIp, timeWindow: opts.windowMs });
    const byKey = app.createRateLimit({
      max: opts.perKey,
      timeWindow: opts.windowMs,
      keyGenerator: (request) => `key:${bearerToken(request) ?? ''}`,
    });

    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/v1/')) return;
      const ip = await byIp(request);
      const key = bearerToken(request) ? await byKey(request) : null;
      for (const [limit, who] of [
        [ip, 'this IP address'],
        [key, 'this API key'],
      ] as const) {
        if (!limit || limit.isAllowed) continue;
        if (limit.isExceeded) {
          const retry = String(Math.max(1, limit.ttlInSeconds));
          throw new ApiError(
            'rate_limited',
            `Too many requests from ${who}: at most ${limit.max} per ${Math.round(limit.timeWindow / 1000)} s; retry in ${retry} s`,
            undefined,
            { 'retry-after': retry },
          );
        }
      }
      const tightest = [ip, key].filter((l) => l && !l.isAllowed) as Array<{ max: number; remaining: number; ttlInSeconds: number }>;
      const t = tightest.reduce((a, b) => (b.remaining < a.remaining ? b : a));
      reply.header('x-ratelimit-limit', t.max).header('x-ratelimit-remaining', t.remaining).header('x-ratelimit-reset', t.ttlInSeconds);
    });
  },
  { name: 'rate-limit' },
);
