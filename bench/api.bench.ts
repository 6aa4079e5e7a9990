/**
 * API benchmark (`npm run bench:api`): the real app on 127.0.0.1 with the demo data, and a bare
 * Fastify route returning a fixed JSON object, each loaded by autocannon for a bounded time at
 * 50 connections over loopback. Prints requests/s and p99 for both and their ratio; the last line
 * is one JSON object. Goal: the promise route at >= 60% of bare, p99 < 10 ms. Figures only:
 * this never fails on time.
 *
 * Two bare routes serve as controls: a tiny fixed JSON object, and a fixed JSON object of the
 * same bytes as the promise answer (so the ratio shows the work our route adds, not the cost of
 * moving 2.5 KB through the kernel and the load generator). The promise route is measured with
 * its 1 s answer cache (the way it runs) and with the cache off (every request runs the engine).
 *
 * BENCH_SECONDS (default 5) and BENCH_CONNECTIONS (default 50) tune the run. The load runs in a
 * worker thread so the servers keep the main thread to themselves. Rate limits are raised for
 * the run (their per-request cost is still paid).
 */
import autocannon from 'autocannon';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/app.js';
import { openPglite } from '../server/db/pglite.js';
import { migrate } from '../server/db/migrate.js';
import { seedDemo, DEMO_PUBLISHABLE_KEY } from '../server/seed/demo.js';

const SECONDS = Math.min(Math.max(Number(process.env.BENCH_SECONDS ?? 5), 1), 30);
const CONNECTIONS = Math.min(Math.max(Number(process.env.BENCH_CONNECTIONS ?? 50), 1), 200);
const HOST = '127.0.0.1';

interface Figures {
  requestsPerSec: number;
  p99Ms: number;
  p50Ms: number;
  errors: number;
  non2xx: number;
}

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Figures> {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: seconds, workers: 1 });
  return {
    requestsPerSec: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    p50Ms: result.latency.p50,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function startApp(db: Awaited<ReturnType<typeof openPglite>>, cacheMs: number) {
  const app = await buildApp({
    db,
    logger: false,
    config: { RATE_LIMIT_PER_KEY: 1e9, RATE_LIMIT_PER_IP: 1e9, PROMISE_CACHE_MS: cacheMs, CHECKOUT_SWEEP_SECONDS: 0 },
  });
  await app.listen({ host: HOST, port: 0 });
  return { app, port: (app.server.address() as AddressInfo).port };
}

function line(name: string, f: Figures): string {
  return `${name.padEnd(22)} ${String(f.requestsPerSec).padStart(6)} req/s  p50 ${f.p50Ms} ms  p99 ${f.p99Ms} ms  errors ${f.errors}  non-2xx ${f.non2xx}`;
}

const ratioOf = (a: Figures, b: Figures) => Math.round((a.requestsPerSec / b.requestsPerSec) * 1000) / 1000;

async function main(): Promise<void> {
  const db = await openPglite();
  await migrate(db);
  await seedDemo(db);
  const cached = await startApp(db, 1000);
  const uncached = await startApp(db, 0);

  const path = '/v1/promise?sku=TEE-BLK-M&postal_code=85226';
  const headers = { authorization: `Bearer ${DEMO_PUBLISHABLE_KEY}`, origin: 'http://localhost:3000' };
  // Sanity: the promise route answers 200 with options before it is measured.
  const check = await fetch(`http://${HOST}:${cached.port}${path}`, { headers });
  const sample = await check.text();
  const parsed = JSON.parse(sample) as { options?: unknown[] };
  if (check.status !== 200 || !parsed.options?.length) throw new Error(`promise route answered ${check.status}: ${sample.slice(0, 200)}`);

  const bare = Fastify({ logger: false });
  const tiny = { hello: 'world', items: [1, 2, 3], ok: true };
  bare.get('/tiny', async () => tiny);
  bare.get('/same-size', async () => parsed);
  await bare.listen({ host: HOST, port: 0 });
  const barePort = (bare.server.address() as AddressInfo).port;

  const targets: Array<[string, string, Record<string, string>]> = [
    ['bare (tiny object)', `http://${HOST}:${barePort}/tiny`, {}],
    ['bare (same-size object)', `http://${HOST}:${barePort}/same-size`, {}],
    ['promise', `http://${HOST}:${cached.port}${path}`, headers],
    ['promise (no cache)', `http://${HOST}:${uncached.port}${path}`, headers],
  ];

  try {
    console.log(
      `${sample.length}-byte promise answer; warming up 1 s each, then ${SECONDS} s per target at ${CONNECTIONS} connections on ${HOST}`,
    );
    for (const [, url, h] of targets) await load(url, h, 1);
    const figures: Figures[] = [];
    for (const [name, url, h] of targets) {
      const f = await load(url, h, SECONDS);
      figures.push(f);
      console.log(line(name, f));
    }
    const [tinyF, sameF, promiseF, noCacheF] = figures as [Figures, Figures, Figures, Figures];
    const ratio = ratioOf(promiseF, tinyF);
    const ratioSameSize = ratioOf(promiseF, sameF);
    const ratioNoCache = ratioOf(noCacheF, sameF);
    console.log(
      `ratios: promise/bare-tiny ${(ratio * 100).toFixed(1)}%, promise/bare-same-size ${(ratioSameSize * 100).toFixed(1)}%, ` +
        `uncached/bare-same-size ${(ratioNoCache * 100).toFixed(1)}% (goal >= 60%); promise p99 ${promiseF.p99Ms} ms (goal < 10 ms)`,
    );
    console.log(
      JSON.stringify({
        bench: 'api',
        seconds: SECONDS,
        connections: CONNECTIONS,
        responseBytes: sample.length,
        bare: tinyF,
        bareSameSize: sameF,
        promise: promiseF,
        promiseNoCache: noCacheF,
        ratio,
        ratioSameSize,
        ratioNoCacheSameSize: ratioNoCache,
        goals: { ratioAtLeast: 0.6, p99BelowMs: 10, p99Met: promiseF.p99Ms < 10 },
      }),
    );
  } finally {
    await bare.close();
    await cached.app.close();
    await uncached.app.close();
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
