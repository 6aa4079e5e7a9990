/**
 * Reservations per second: hold one unit and release it again (two transactions of
 * conditional updates, as a checkout and its expiry do), on PGlite and, when
 * NEARBUY_TEST_DATABASE_URL is set, on PostgreSQL with several connections at once. The
 * baseline, in the same run, is an empty transaction on the same database.
 *
 * Then holds as checkout makes them now, through the per-process `HoldQueue` (holds that arrive
 * together share one transaction, committed without waiting for the flush: docs/ARCHITECTURE.md,
 * "Holds in batches"), one hot SKU: from one queue with 16 shoppers at once; the same with each
 * hold followed by the ordinary commit that makes it durable before a shopper is answered (the
 * payment recorded); 256 at once; and from four queues (as four processes, each with its own
 * pool). Then the release of all of them as the sweeper does it, 100 sessions per transaction.
 *
 *   npm run bench:reservations
 *
 * Prints a table, then one JSON line. Loopback only; every loop is bounded by count and time.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../server/db/migrate.js';
import { openPglite } from '../server/db/pglite.js';
import { openPostgres, quoteIdent } from '../server/db/postgres.js';
import type { Db } from '../server/db/port.js';
import { holdStock, releaseStock } from '../server/inventory/reservations.js';
import { ChangeBus } from '../server/live/changes.js';
import { HoldQueue } from '../server/checkout/hold.js';
import { insertSession, type NewSession } from '../server/checkout/sessions.repository.js';
import type { PromiseOption } from '../server/promise/index.js';

const MAX_OPS = 4_000;
const MAX_SECONDS = 8;
const PG_URL = process.env.NEARBUY_TEST_DATABASE_URL;

async function setUp(db: Db, skus: number): Promise<void> {
  await migrate(db);
  await db.query(
    `INSERT INTO merchants (id, name, publishable_key, secret_key_hash, currency, fee_policy)
     VALUES ('m_bench', 'Bench', 'pk_bench_000000', 'hash_bench', 'USD', '{}')`,
  );
  await db.query(`INSERT INTO nodes (merchant_id, id, name, kind, lat, lng, time_zone, handling_minutes)
                  VALUES ('m_bench', 'n1', 'Bench Store', 'mall_store', 33.3, -111.9, 'America/Phoenix', 30)`);
  for (let i = 0; i < skus; i++) {
    await db.query(`INSERT INTO products (merchant_id, sku, title, price_minor, currency) VALUES ('m_bench', $1, 'x', 100, 'USD')`, [
      `S${i}`,
    ]);
    await db.query(`INSERT INTO inventory_levels (merchant_id, node_id, sku, on_hand) VALUES ('m_bench', 'n1', $1, 1000000)`, [`S${i}`]);
  }
}

/** The hold alone, one transaction per shopper (checkout before holds were batched). */
async function holdOnly(db: Db, sku: string): Promise<void> {
  const session = benchSession(sku);
  await new ChangeBus(db.listen !== undefined).transaction(db, async (tx) => {
    await insertSession(tx, session);
    const short = await holdStock(tx, 'm_bench', session.id, [{ nodeId: 'n1', sku, quantity: 1 }]);
    if (short) throw new Error('bench stock ran out');
  });
}

async function holdAndRelease(db: Db, sku: string): Promise<void> {
  const id = `cs_${randomBytes(9).toString('base64url')}`;
  // As checkout does it: the stock notice goes out with each commit (NOTIFY on PostgreSQL).
  const bus = new ChangeBus(db.listen !== undefined);
  await bus.transaction(db, async (tx) => {
    await tx.query(
      `INSERT INTO checkout_sessions (id, merchant_id, status, email, address, items, service, option, currency,
         subtotal_minor, shipping_minor, total_minor, payment_provider, expires_at)
       VALUES ($1, 'm_bench', 'open', 'b@example.com', '{}', '[]', 'same_day', '{}', 'USD', 100, 0, 100, 'test', now() + interval '15 minutes')`,
      [id],
    );
    const short = await holdStock(tx, 'm_bench', id, [{ nodeId: 'n1', sku, quantity: 1 }]);
    if (short) throw new Error('bench stock ran out');
  });
  await bus.transaction(db, async (tx) => {
    await releaseStock(tx, id);
    await tx.query(`UPDATE checkout_sessions SET status = 'expired' WHERE id = $1`, [id]);
  });
}

/** A session that holds one unit of `sku` at the bench's one node. */
function benchSession(sku: string): NewSession {
  const now = Date.now();
  return {
    id: `cs_${randomBytes(9).toString('base64url')}`,
    merchantId: 'm_bench',
    email: 'b@example.com',
    member: false,
    address: { name: 'B', line1: '1 Main St', city: 'Chandler', region: 'AZ', postalCode: '85226', country: 'US' },
    items: [],
    option: { service: 'same_day', shipments: [{ nodeId: 'n1', items: [{ sku, quantity: 1 }] }] } as unknown as PromiseOption,
    currency: 'USD',
    subtotal: 100,
    shipping: 0,
    paymentProvider: 'test',
    expiresAt: new Date(now + 15 * 60_000),
    createdAt: new Date(now),
  };
}

async function queuedHold(queue: HoldQueue, sku: string): Promise<string> {
  const session = benchSession(sku);
  const outcome = await queue.hold(session);
  if (outcome !== 'held') throw new Error(`bench hold was ${outcome}`);
  return session.id;
}

/**
 * A hold as a shopper is answered after it: the batch commits without waiting for the flush, and
 * checkout's next ordinary commit (the payment recorded on the session) makes it durable.
 */
async function durableHold(db: Db, queue: HoldQueue, sku: string): Promise<void> {
  const id = await queuedHold(queue, sku);
  await db.query(`UPDATE checkout_sessions SET payment_ref = $2, updated_at = now() WHERE id = $1`, [id, `pay_${id}`]);
}

/** Releases every open session's hold as the sweeper does: 100 sessions per transaction. */
async function releaseAll(db: Db): Promise<{ sessions: number; perSecond: number }> {
  const bus = new ChangeBus(db.listen !== undefined);
  let sessions = 0;
  const started = process.hrtime.bigint();
  for (let round = 0; round < 1_000; round++) {
    const done = await bus.transaction(db, async (tx) => {
      const rows = await tx.query<{ id: string }>(
        `SELECT id FROM checkout_sessions WHERE status = 'open' ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED`,
      );
      for (const row of rows) {
        await releaseStock(tx, row.id);
        await tx.query(`UPDATE checkout_sessions SET status = 'expired' WHERE id = $1`, [row.id]);
      }
      return rows.length;
    });
    sessions += done;
    if (done < 100) break;
  }
  return { sessions, perSecond: sessions / (Number(process.hrtime.bigint() - started) / 1e9) };
}

async function run(label: string, concurrency: number, op: (worker: number) => Promise<void>) {
  const deadline = Date.now() + MAX_SECONDS * 1000;
  let done = 0;
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (done < MAX_OPS && Date.now() < deadline) {
        done++;
        const t0 = process.hrtime.bigint();
        await op(worker);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    label,
    concurrency,
    ops: latencies.length,
    perSecond: latencies.length / seconds,
    p50Ms: latencies[Math.floor(latencies.length / 2)]!,
    p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))]!,
  };
}

type Row = Awaited<ReturnType<typeof run>>;
const rows: Row[] = [];
const released: Array<{ label: string; sessions: number; perSecond: number }> = [];
const others: Db[] = [];

{
  const db = await openPglite();
  await setUp(db, 1);
  rows.push(await run('pglite: empty transaction (baseline)', 1, () => db.transaction(async (tx) => void (await tx.query('SELECT 1')))));
  rows.push(await run('pglite: hold + release', 1, () => holdAndRelease(db, 'S0')));
  await db.close();
}

if (PG_URL) {
  const schema = `nb_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  const db = await openPostgres({ connectionString: PG_URL, schema, maxConnections: 16 });
  try {
    await setUp(db, 16);
    rows.push(
      await run('postgres: empty transaction (baseline)', 16, () => db.transaction(async (tx) => void (await tx.query('SELECT 1')))),
    );
    rows.push(await run('postgres: hold + release, one hot SKU', 16, () => holdAndRelease(db, 'S0')));
    rows.push(await run('postgres: hold + release, 16 SKUs', 16, (w) => holdAndRelease(db, `S${w % 16}`)));
    rows.push(await run('postgres: holds, hot SKU, 1 tx each', 16, () => holdOnly(db, 'S0')));
    released.push({ label: 'after 1 tx each', ...(await releaseAll(db)) });
    const one = new HoldQueue(db, new ChangeBus(true));
    rows.push(await run('postgres: batched holds, hot SKU, 1 queue', 16, async () => void (await queuedHold(one, 'S0'))));
    released.push({ label: 'after 1 queue', ...(await releaseAll(db)) });
    rows.push(await run('postgres: batched holds + payment commit, 1 queue', 16, () => durableHold(db, one, 'S0')));
    released.push({ label: 'after holds + payment commit', ...(await releaseAll(db)) });
    // A flash sale has far more shoppers waiting than 16: batches fill up (64 at most).
    rows.push(await run('postgres: batched holds, hot SKU, 256 at once', 256, async () => void (await queuedHold(one, 'S0'))));
    released.push({ label: 'after 256 at once', ...(await releaseAll(db)) });
    const pools = await Promise.all(Array.from({ length: 4 }, () => openPostgres({ connectionString: PG_URL, schema, maxConnections: 4 })));
    others.push(...pools);
    const queues = pools.map((p) => new HoldQueue(p, new ChangeBus(true)));
    rows.push(await run('postgres: batched holds, hot SKU, 4 queues', 64, async (w) => void (await queuedHold(queues[w % 4]!, 'S0'))));
    released.push({ label: 'after 4 queues', ...(await releaseAll(db)) });
    const [level] = await db.query<{ reserved: number }>(`SELECT reserved FROM inventory_levels WHERE sku = 'S0'`);
    if (Number(level?.reserved) !== 0) throw new Error(`${level?.reserved} units still reserved after releasing everything`);
  } finally {
    await Promise.all(others.map((d) => d.close()));
    await db.close();
    await admin.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
    await admin.end();
  }
} else {
  console.log('(NEARBUY_TEST_DATABASE_URL not set: PostgreSQL rows skipped)');
}

console.log('run                                                conc  ops    per s    p50 ms  p99 ms');
for (const r of rows) {
  console.log(
    `${r.label.padEnd(50)} ${String(r.concurrency).padEnd(5)} ${String(r.ops).padEnd(6)} ${r.perSecond.toFixed(0).padEnd(8)} ${r.p50Ms.toFixed(2).padEnd(7)} ${r.p99Ms.toFixed(2)}`,
  );
}
for (const r of released) console.log(`release as the sweeper does (${r.label}): ${r.sessions} sessions, ${r.perSecond.toFixed(0)} per s`);
const ratio = (a?: Row, b?: Row) => (a && b ? a.perSecond / b.perSecond : null);
console.log(
  JSON.stringify({
    bench: 'reservations',
    rows,
    pgliteVsBaseline: ratio(
      rows.find((r) => r.label.startsWith('pglite: hold')),
      rows.find((r) => r.label.startsWith('pglite: empty')),
    ),
    postgresVsBaseline: ratio(
      rows.find((r) => r.label.includes('16 SKUs')),
      rows.find((r) => r.label.startsWith('postgres: empty')),
    ),
    released,
    hotSku256VsBaseline: ratio(
      rows.find((r) => r.label.includes('256 at once')),
      rows.find((r) => r.label.startsWith('postgres: empty')),
    ),
    batchedVsOneTransactionEach: ratio(
      rows.find((r) => r.label.includes('batched holds, hot SKU, 1 queue')),
      rows.find((r) => r.label.includes('holds, hot SKU, 1 tx each')),
    ),
  }),
);
