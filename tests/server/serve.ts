/**
 * One API process for multi-process tests: PostgreSQL from NEARBUY_TEST_DATABASE_URL in the
 * schema NEARBUY_TEST_SCHEMA, its clock pinned to NEARBUY_TEST_NOW (epoch ms) when set, listening on a free loopback port it prints as "PORT <n>".
 * With NEARBUY_TEST_CLOCK_RATE the clock starts at NEARBUY_TEST_NOW and runs that many times
 * faster than real time (leases and holds lapse in seconds); NEARBUY_TEST_CONFIG (JSON) sets
 * more configuration (rate limits, hold minutes).
 */
import { buildApp } from '../../server/app.js';

const url = process.env.NEARBUY_TEST_DATABASE_URL;
const schema = process.env.NEARBUY_TEST_SCHEMA;
if (!url || !schema) throw new Error('NEARBUY_TEST_DATABASE_URL and NEARBUY_TEST_SCHEMA are required');

const pinned = process.env.NEARBUY_TEST_NOW ? Number(process.env.NEARBUY_TEST_NOW) : null;
const rate = Number(process.env.NEARBUY_TEST_CLOCK_RATE ?? 0);
const startedAt = Date.now();
const clock = pinned === null ? null : rate > 0 ? () => pinned + (Date.now() - startedAt) * rate : () => pinned;
const extra = JSON.parse(process.env.NEARBUY_TEST_CONFIG ?? '{}') as Record<string, unknown>;
const app = await buildApp({
  // No background work: a test decides which process sends email and webhooks, and when.
  config: {
    DATABASE_URL: url,
    CHECKOUT_SWEEP_SECONDS: 0,
    MAIL_WORKER_INTERVAL_MS: 0,
    WEBHOOK_WORKER_INTERVAL_MS: 0,
    COURIER_WORKER_INTERVAL_MS: 0,
    ...extra,
  },
  schema,
  ...(clock ? { clock } : {}),
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
