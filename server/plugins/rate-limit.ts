/**
 * Rate limits with `@fastify/rate-limit`, on every `/v1` call, before authentication (so guessing
 * keys is limited too). Three buckets, and none that one client can drain for everybody:
 *
 * - per client address, whatever it calls;
 * - public traffic (a publishable key, which every shopper of a merchant shares) per key *and*
 *   client address: one noisy client never locks the merchant's other shoppers out;
 * - everything else (secret keys, unknown tokens) per key.
 *
 * The plugin's own per-route hook runs once per request, so the checks live in one hook here.
 * With `REDIS_URL` the counters live in Redis and every process shares them; without it each
 * process counts alone (N processes allow N× the limit). When Redis is unreachable requests are
 * let through (and logged): a limiter outage must not become a checkout outage.
 */
import fp from 'fastify-plugin';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';

export interface RateLimitOptions {
  /** Per secret key, and per publishable key from one client address. */
  perKey: number;
  /** Per client address. */
  perIp: number;
  windowMs: number;
  /** Shared counters across processes (`redis://…`); per process when absent. */
  redisUrl?: string | undefined;
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

/** The client's address, IPv6 grouped by /64 (one household or host), as the IP bucket counts it. */
const clientOf = (request: FastifyRequest) => normalizeIP(request.ip);

export default fp<RateLimitOptions>(
  async function rateLimitPlugin(app, opts) {
    const redis = opts.redisUrl
      ? new Redis(opts.redisUrl, {
          // Fail fast: a request must not wait on a Redis that is not there.
          connectTimeout: 500,
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          lazyConnect: true,
          connectionName: 'nearbuy-rate-limit',
        })
      : null;
    if (redis) {
      // Connected before the first request (the offline queue is off, so nothing waits on it later).
      await redis.connect().catch((err: Error) => app.log.warn({ err: err.message }, 'rate-limit Redis unreachable at start'));
      redis.on('error', (err: Error) => app.log.warn({ err: err.message }, 'rate-limit Redis unavailable; limits are not enforced'));
      app.addHook('onClose', async () => {
        await redis.quit().catch(() => redis.disconnect());
      });
    }
    await app.register(rateLimit, {
      global: false,
      timeWindow: opts.windowMs,
      max: opts.perIp,
      cache: 10_000,
      ...(redis ? { redis, nameSpace: 'nearbuy-rl-', skipOnError: true } : {}),
    });
    const byIp = app.createRateLimit({ max: opts.perIp, timeWindow: opts.windowMs, keyGenerator: (request) => `ip:${clientOf(request)}` });
    const byClientKey = app.createRateLimit({
      max: opts.perKey,
      timeWindow: opts.windowMs,
      keyGenerator: (request) => `pk:${bearerToken(request) ?? ''}:${clientOf(request)}`,
    });
    const byKey = app.createRateLimit({
      max: opts.perKey,
      timeWindow: opts.windowMs,
      keyGenerator: (request) => `key:${bearerToken(request) ?? ''}`,
    });

    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/v1/')) return;
      const token = bearerToken(request);
      const publicKey = token?.startsWith('pk_') ?? false;
      const ip = await byIp(request);
      const key = token === null ? null : publicKey ? await byClientKey(request) : await byKey(request);
      for (const [limit, who] of [
        [ip, 'this IP address'],
        [key, publicKey ? 'this IP address with this key' : 'this API key'],
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
      const counted = [ip, key].filter((l) => l && !l.isAllowed) as Array<{ max: number; remaining: number; ttlInSeconds: number }>;
      const t = counted.reduce((a, b) => (b.remaining < a.remaining ? b : a));
      reply.header('x-ratelimit-limit', t.max).header('x-ratelimit-remaining', t.remaining).header('x-ratelimit-reset', t.ttlInSeconds);
    });
  },
  { name: 'rate-limit' },
);
