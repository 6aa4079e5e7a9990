/**
 * One API process for multi-process tests: PostgreSQL from NEARBUY_TEST_DATABASE_URL in the
 * schema NEARBUY_TEST_SCHEMA, its clock pinned to NEARBUY_TEST_NOW (epoch ms) when set, listening on a free loopback port it prints as "PORT <n>".
 */
import { buildApp } from '../../server/app.js';

const url = process.env.NEARBUY_TEST_DATABASE_URL;
const schema = process.env.NEARBUY_TEST_SCHEMA;
if (!url || !schema) throw new Error('NEARBUY_TEST_DATABASE_URL and NEARBUY_TEST_SCHEMA are required');

const pinned = process.env.NEARBUY_TEST_NOW ? Number(process.env.NEARBUY_TEST_NOW) : null;
const app = await buildApp({
  // No background work: a test decides which process sends email and webhooks, and when.
  config: {
    DATABASE_URL: url,
    CHECKOUT_SWEEP_SECONDS: 0,
    MAIL_WORKER_INTERVAL_MS: 0,
    WEBHOOK_WORKER_INTERVAL_MS: 0,
    COURIER_WORKER_INTERVAL_MS: 0,
  },
  schema,
  ...(pinned ? { clock: () => pinned } : {}),
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
