/**
 * The storage port and its two adapters over the same SQL: PGlite always, PostgreSQL whenever
 * NEARBUY_TEST_DATABASE_URL is set (each run in a schema of its own, dropped afterwards).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, splitStatements } from '../../../server/db/migrate.js';
import { sqlState } from '../../../server/db/port.js';
import { hashSecretKey } from '../../../server/merchants/keys.js';
import { defaultFeePolicy, getMerchantByPublishableKey, insertMerchant } from '../../../server/merchants/merchants.repository.js';
import { getProduct, insertProduct } from '../../../server/catalog/products.repository.js';
import { getNode, insertNode } from '../../../server/catalog/nodes.repository.js';
import { levelsForSku, upsertOnHand } from '../../../server/inventory/levels.repository.js';
import { DEMO_NODES, DEMO_PRODUCTS, DEMO_STOCK, seedDemo } from '../../../server/seed/demo.js';
import { DB_KINDS, eventually, openTestDb, type TestDb, writes } from '../helper.js';

describe.each(DB_KINDS)('storage on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind, { empty: true });
  });
  afterAll(() => t.close());

  it('applies every migration once, in order, and records it', async () => {
    const all = await loadMigrations();
    expect(all.map((m) => m.version)).toEqual([...all.map((m) => m.version)].sort((a, b) => a - b));
    expect(await migrate(t.db)).toEqual(all.map((m) => m.name));
    expect(await migrate(t.db)).toEqual([]);
    const rows = await t.db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.name)).toEqual(all.map((m) => m.name));
  });

  it('stores merchants with hashed secret keys, origins and a JSON fee policy', async () => {
    const m = await writes(t.db, (tx) =>
      insertMerchant(tx, {
        id: 'mer_storage',
        name: 'Storage Shop',
        publishableKey: 'pk_storage_test_key',
        secretKeyHash: hashSecretKey('sk_storage_test_key'),
        allowedOrigins: ['https://a.example', 'http://localhost:*'],
        currency: 'USD',
        feePolicy: defaultFeePolicy(),
      }),
    );
    const back = await getMerchantByPublishableKey(t.db, 'pk_storage_test_key');
    expect(back).toEqual(m);
    expect(back!.allowedOrigins).toEqual(['https://a.example', 'http://localhost:*']);
    expect(back!.feePolicy).toEqual(defaultFeePolicy());
    expect(back!.createdAt).toBeInstanceOf(Date);
    const raw = await t.db.query<Record<string, unknown>>('SELECT * FROM merchants WHERE id = $1', ['mer_storage']);
    expect(JSON.stringify(raw)).not.toContain('sk_storage_test_key');
  });

  it('keeps prices as exact integers and nodes with all engine fields', async () => {
    await writes(t.db, (tx) =>
      insertProduct(tx, 'mer_storage', 'P1', {
        title: 'P',
        priceMinor: 2 ** 53 - 1,
        currency: 'USD',
        imageUrl: null,
        fastDeliveryEligible: false,
      }),
    );
    const p = await getProduct(t.db, 'mer_storage', 'P1');
    expect(p).toMatchObject({ priceMinor: 2 ** 53 - 1, fastDeliveryEligible: false, imageUrl: null });
    const node = { ...DEMO_NODES[0]!, id: 'N1' };
    await writes(t.db, (tx) => insertNode(tx, 'mer_storage', node));
    const n = await getNode(t.db, 'mer_storage', 'N1');
    expect(n).toMatchObject(node);
    expect(await writes(t.db, (tx) => insertNode(tx, 'mer_storage', node))).toBeNull();
  });

  it('guards stock with CHECK constraints: on_hand >= 0, reserved >= 0, reserved <= on_hand', async () => {
    await writes(t.db, (tx) => upsertOnHand(tx, 'mer_storage', [{ nodeId: 'N1', sku: 'P1', onHand: 5 }]));
    const attempts = [
      `UPDATE inventory_levels SET on_hand = -1 WHERE sku = 'P1'`,
      `UPDATE inventory_levels SET reserved = -1 WHERE sku = 'P1'`,
      `UPDATE inventory_levels SET reserved = 6 WHERE sku = 'P1'`,
    ];
    for (const sql of attempts) {
      const error = await t.db.query(sql).then(
        () => null,
        (e: unknown) => e,
      );
      expect(sqlState(error)).toBe('23514');
    }
    await t.db.query(`UPDATE inventory_levels SET reserved = 5 WHERE sku = 'P1'`);
    expect((await levelsForSku(t.db, 'mer_storage', 'P1'))[0]).toMatchObject({ onHand: 5, reserved: 5 });
  });

  it('refuses stock for unknown nodes or products (foreign keys)', async () => {
    const error = await writes(t.db, (tx) => upsertOnHand(tx, 'mer_storage', [{ nodeId: 'NOPE', sku: 'P1', onHand: 1 }])).catch(
      (e: unknown) => e,
    );
    expect(sqlState(error)).toBe('23503');
  });

  it('rolls a transaction back entirely when it throws', async () => {
    await expect(
      writes(t.db, async (tx) => {
        await insertProduct(tx, 'mer_storage', 'ROLLED', {
          title: 'R',
          priceMinor: 1,
          currency: 'USD',
          imageUrl: null,
          fastDeliveryEligible: true,
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await getProduct(t.db, 'mer_storage', 'ROLLED')).toBeNull();
  });

  it('commits without waiting for the flush only where asked, and only for that transaction', async () => {
    const setting = (q: { query: typeof t.db.query }) =>
      q.query<{ s: string }>(`SELECT current_setting('synchronous_commit') AS s`).then((rows) => rows[0]!.s);
    expect(await t.db.transaction((tx) => setting(tx))).toBe('on');
    await t.db.transaction(
      async (tx) => {
        expect(await setting(tx)).toBe('off');
        await tx.query(
          `INSERT INTO products (merchant_id, sku, title, price_minor, currency) VALUES ('mer_storage', 'ASYNC', 'A', 1, 'USD')`,
        );
      },
      { asyncCommit: true },
    );
    // Committed like any other, and the connection it ran on is back to flushing every commit.
    expect(await getProduct(t.db, 'mer_storage', 'ASYNC')).not.toBeNull();
    const after = await Promise.all(Array.from({ length: 4 }, () => t.db.transaction((tx) => setting(tx))));
    expect(after).toEqual(['on', 'on', 'on', 'on']);
  });
  it('seeds the demo idempotently', async () => {
    const first = await seedDemo(t.db);
    expect(first.created).toBe(true);
    expect(first.secretKey).toMatch(/^sk_/);
    const second = await seedDemo(t.db);
    expect(second).toMatchObject({ created: false, secretKey: null });
    const counts = await t.db.query<{ p: string | number; n: string | number; l: string | number }>(
      `SELECT (SELECT count(*) FROM products WHERE merchant_id = 'mer_demo') AS p,
              (SELECT count(*) FROM nodes WHERE merchant_id = 'mer_demo') AS n,
              (SELECT count(*) FROM inventory_levels WHERE merchant_id = 'mer_demo') AS l`,
    );
    const rows = Object.values(DEMO_STOCK).reduce((s, perNode) => s + Object.keys(perNode).length, 0);
    expect(counts[0]).toEqual({ p: expect.anything(), n: expect.anything(), l: expect.anything() });
    expect([Number(counts[0]!.p), Number(counts[0]!.n), Number(counts[0]!.l)]).toEqual([DEMO_PRODUCTS.length, DEMO_NODES.length, rows]);
    const rolled = await seedDemo(t.db, { rollSecretKey: true });
    expect(rolled.secretKey).toMatch(/^sk_/);
    expect(rolled.secretKey).not.toBe(first.secretKey);
  });

  it('writes thousands of stock rows in one statement', async () => {
    const levels = Array.from({ length: 5000 }, (_, i) => ({
      nodeId: DEMO_NODES[i % DEMO_NODES.length]!.id,
      sku: DEMO_PRODUCTS[Math.floor(i / DEMO_NODES.length) % DEMO_PRODUCTS.length]!.sku,
      onHand: i,
    }));
    const unique = [...new Map(levels.map((l) => [`${l.nodeId}|${l.sku}`, l])).values()];
    const n = await writes(t.db, (tx) => upsertOnHand(tx, 'mer_demo', unique));
    expect(n).toBe(unique.length);
  });
});

describe('migration script splitting', () => {
  it('splits on semicolons outside quotes and comments', () => {
    expect(splitStatements(`CREATE TABLE a (x text DEFAULT ';'); -- a comment; with semicolon\nSELECT 'it''s; fine';`)).toEqual([
      `CREATE TABLE a (x text DEFAULT ';')`,
      `SELECT 'it''s; fine'`,
    ]);
  });
});

// Defined only with PostgreSQL configured, so a run without it shows no skipped tests.
if (DB_KINDS.includes('postgres'))
  describe('PostgreSQL only', () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await openTestDb('postgres');
    });
    afterAll(() => t.close());

    it('lets only one of several processes starting at once apply the migrations', async () => {
      const others = await Promise.all([t.openAnother(), t.openAnother(), t.openAnother()]);
      const results = await Promise.all([t.db, ...others].map((db) => migrate(db)));
      const all = await loadMigrations();
      expect(results.filter((r) => r.length > 0)).toEqual([all.map((m) => m.name)]);
      const rows = await t.db.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations');
      expect(Number(rows[0]!.n)).toBe(all.length);
    });

    it('delivers NOTIFY payloads to listeners on other connections', async () => {
      const other = await t.openAnother();
      const got: string[] = [];
      const stop = await other.listen!('nearbuy_test_channel', (p) => got.push(p));
      await t.db.query(`SELECT pg_notify('nearbuy_test_channel', 'hello')`);
      await eventually(
        () => got.length,
        (n) => n > 0,
      );
      expect(got).toEqual(['hello']);
      await stop();
    });
  });
