/**
 * Test helpers: databases (PGlite in memory always; a fresh PostgreSQL schema per use when
 * NEARBUY_TEST_DATABASE_URL is set, in a database of the Vitest worker's own), the real app built
 * without a port, and small request helpers. Every app and database opened here is closed by the
 * caller's `close()`.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { inject } from 'vitest';
import { buildApp, type AppOptions } from '../../server/app.js';
import type { Db } from '../../server/db/port.js';
import { openPglite } from '../../server/db/pglite.js';
import { openPostgres, quoteIdent } from '../../server/db/postgres.js';
import { migrate } from '../../server/db/migrate.js';
import { ChangeBus, type Writes } from '../../server/live/changes.js';
import { createMerchant as createMerchantRecord } from '../../server/merchants/merchants.service.js';
import { seedDemo, type SeedResult } from '../../server/seed/demo.js';
import { templateTarball, type TemplateKind } from '../support/pglite-template.js';

/**
 * The database this worker's PostgreSQL tests use: a database per Vitest worker, named by the
 * global setup (tests/support/vitest-global-setup.ts), not the configured one itself.
 * LISTEN/NOTIFY channels belong to a database, not a schema: two test files running at once (or
 * two runs) in one database hear each other's change notices, and every test app seeds the same
 * demo merchant, so each would apply the other's. Outside a Vitest worker, the configured URL.
 */
export const PG_URL = workerDatabaseUrl(process.env.NEARBUY_TEST_DATABASE_URL);

function workerDatabaseUrl(configured: string | undefined): string | undefined {
  const pool = process.env.VITEST_POOL_ID;
  if (!configured || !pool) return configured;
  const url = new URL(configured);
  url.pathname = `/${inject('nearbuyDatabasePrefix')}${pool}`;
  return url.toString();
}

let workerDatabase: Promise<void> | undefined;
/** Creates the worker's database the first time a test needs it (the global setup drops it). */
function ensureWorkerDatabase(): Promise<void> {
  const configured = process.env.NEARBUY_TEST_DATABASE_URL;
  if (!configured || !PG_URL || PG_URL === configured) return Promise.resolve();
  workerDatabase ??= (async () => {
    const admin = new pg.Client({ connectionString: configured });
    await admin.connect();
    try {
      const name = decodeURIComponent(new URL(PG_URL).pathname.slice(1));
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rows.length === 0) await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    } finally {
      await admin.end();
    }
  })();
  return workerDatabase;
}
export type DbKind = 'pglite' | 'postgres';
/** Storage tests run on both whenever PostgreSQL is configured. */
export const DB_KINDS: DbKind[] = PG_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A Tuesday, 08:00 in Phoenix and Las Vegas, 11:00 in Virginia: before every cut-off. */
export const TUESDAY_MORNING = Date.parse('2026-03-10T15:00:00Z');

export interface TestDb {
  db: Db;
  kind: DbKind;
  /** PostgreSQL only: the schema this database lives in. */
  schema?: string;
  /** Another connection to the same database (PostgreSQL: same schema), as a second process would have. */
  openAnother(): Promise<Db>;
  close(): Promise<void>;
}

/** Each template read once per worker (its files share one module graph: vitest.config.ts). */
const templates = new Map<TemplateKind, Promise<Blob>>();
function template(kind: TemplateKind): Promise<Blob> {
  let blob = templates.get(kind);
  if (!blob) {
    blob = templateTarball(kind).then((file) => new Blob([readFileSync(file)]));
    templates.set(kind, blob);
  }
  return blob;
}

/**
 * A database of its own. PGlite starts from a prepared cluster (tests/support/pglite-template.ts),
 * migrated unless `empty` is asked for; a PostgreSQL schema starts empty.
 */
export async function openTestDb(kind: DbKind, options: { empty?: boolean } = {}): Promise<TestDb> {
  if (kind === 'pglite') {
    const db = await openPglite(undefined, { loadDataDir: await template(options.empty ? 'empty' : 'migrated') });
    return {
      db,
      kind,
      openAnother: () => Promise.reject(new Error('PGlite is one process')),
      close: () => db.close(),
    };
  }
  if (!PG_URL) throw new Error('NEARBUY_TEST_DATABASE_URL is not set');
  await ensureWorkerDatabase();
  const schema = `nb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  await admin.end();
  const opened: Db[] = [];
  const open = async () => {
    const db = await openPostgres({ connectionString: PG_URL, schema, maxConnections: 4 });
    opened.push(db);
    return db;
  };
  const db = await open();
  return {
    db,
    kind,
    schema,
    openAnother: open,
    async close() {
      await Promise.all(opened.map((d) => d.close().catch(() => undefined)));
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
      await c.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  demo: SeedResult & { secretKey: string };
  close(): Promise<void>;
}

/** Builds the real app over a seeded database. The clock is pinned to `TUESDAY_MORNING`. */
export async function buildTestApp(options: Partial<AppOptions> & { testDb?: TestDb } = {}): Promise<TestApp> {
  const testDb = options.testDb ?? (await openTestDb('pglite'));
  await migrate(testDb.db);
  const demo = await seedDemo(testDb.db, { secretKey: `sk_test_${randomBytes(12).toString('hex')}` });
  // Background workers off: tests run them by hand (`deliverDue`, `tick`), at the clock they set.
  const workers = { MAIL_WORKER_INTERVAL_MS: 0, WEBHOOK_WORKER_INTERVAL_MS: 0, COURIER_WORKER_INTERVAL_MS: 0 };
  const app = await buildApp({ clock: () => TUESDAY_MORNING, ...options, config: { ...workers, ...options.config }, db: testDb.db });
  await app.ready();
  return {
    app,
    db: testDb.db,
    demo: demo as SeedResult & { secretKey: string },
    async close() {
      await app.close();
      if (!options.testDb) await testDb.close();
    },
  };
}

export interface TestMerchant {
  id: string;
  publishableKey: string;
  secretKey: string;
}

/** A fresh merchant of its own, so tests that change things do not meet each other. */
export async function createMerchant(app: FastifyInstance, origins: string[] = ['https://shop.example']): Promise<TestMerchant> {
  const { merchant, publishableKey, secretKey } = await createMerchantRecord(app.db, app.changes, {
    name: 'Test Shop',
    allowedOrigins: origins,
    currency: 'USD',
  });
  return { id: merchant.id, publishableKey, secretKey };
}

/** Repository writes outside an app: a transaction whose change notices go nowhere (PGlite) or out as NOTIFY. */
export function writes<T>(db: Db, work: (tx: Writes) => Promise<T>): Promise<T> {
  return new ChangeBus(db.listen !== undefined).transaction(db, work);
}

/**
 * Reads until `ok` holds and returns the last value read, for what arrives on its own time (a
 * notice from another connection or process, a cache another app refreshes): the caller's
 * assertion on the value says what was wrong if it never did. The deadline only ends a wait that
 * would never succeed; on a 2-core machine kept busy a notice can take seconds, and a passing
 * test goes on as soon as the value is there.
 */
export async function eventually<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 25));
    value = await read();
  }
  return value;
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** `inject` with a parsed JSON body. */
export async function call(app: FastifyInstance, opts: InjectOptions) {
  const res = await app.inject(opts);
  let body: unknown;
  try {
    body = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    body = res.body;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.statusCode, headers: res.headers, body: body as any, raw: res.body };
}

/** Asserts the one error shape and returns the error. */
export function errorOf(res: { status: number; body: unknown; raw: string }): { code: string; message: string; details?: unknown } {
  const body = res.body as { error?: { code?: unknown; message?: unknown } };
  if (!body || typeof body !== 'object' || !body.error || typeof body.error.code !== 'string' || typeof body.error.message !== 'string') {
    throw new Error(`Not an error body (status ${res.status}): ${res.raw.slice(0, 300)}`);
  }
  if (/\n\s+at\s/.test(res.raw)) throw new Error(`Error body carries a stack trace: ${res.raw.slice(0, 300)}`);
  return body.error as { code: string; message: string; details?: unknown };
}

/** A minimal valid node body, overridable. */
export function nodeBody(overrides: Record<string, unknown> = {}) {
  return {
    id: `node-${randomBytes(4).toString('hex')}`,
    name: 'Test Station',
    kind: 'delivery_station',
    lat: 33.38,
    lng: -111.95,
    timeZone: 'America/Phoenix',
    handlingMinutes: 60,
    calendar: { closedWeekdays: [], closedDates: [] },
    cutoffs: { same_day: '15:00', next_day: '18:00' },
    ...overrides,
  };
}

export function productBody(overrides: Record<string, unknown> = {}) {
  return {
    sku: `SKU-${randomBytes(4).toString('hex')}`,
    title: 'Test Product',
    price: { amount: 1999, currency: 'USD' },
    ...overrides,
  };
}
