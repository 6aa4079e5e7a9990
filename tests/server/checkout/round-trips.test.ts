/**
 * What one new checkout session costs the database (a budget, like the widget's byte budgets):
 * the key recorded and the hold are one batched transaction each, and after the hold a single
 * statement records the payment together with the key's answer; the session answered is built
 * from what was written, not read back. The answer is the session as stored, and a retry
 * replays it. On PGlite and (when configured) PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../../server/db/port.js';
import { buildTestApp, call, DB_KINDS, openTestDb, type TestApp } from '../helper.js';
import { newKey, openShop, publicHeaders, startCheckout, type Shop } from '../fixtures.js';

describe.each(DB_KINDS)('a new checkout session on %s', (kind) => {
  let t: TestApp;
  let shop: Shop;
  /** Statements run outside any transaction, and transactions opened, while counting. */
  let statements: string[] = [];
  let transactions = 0;

  beforeAll(async () => {
    const testDb = await openTestDb(kind);
    const real = testDb.db;
    const counted: Db = {
      ...real,
      dialect: real.dialect,
      query: ((sql: string, params?: readonly unknown[]) => {
        statements.push(sql);
        return real.query(sql, params);
      }) as Queryable['query'],
      transaction: (work, options) => {
        transactions++;
        return real.transaction(work, options);
      },
      close: () => real.close(),
    };
    t = await buildTestApp({ testDb: { ...testDb, db: counted }, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
    shop = await openShop(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  it('costs two transactions and, after the hold, one statement for the payment and the key’s answer', async () => {
    const key = newKey();
    statements = [];
    transactions = 0;
    const made = await startCheckout(t.app, shop, {}, key);
    expect(made.status).toBe(201);
    // The Idempotency-Key recorded, then the hold; no transaction for the answer.
    expect(transactions).toBe(2);
    // Leaving out the live index's re-read of the SKU after the hold (its own notice).
    const sessionWork = statements.filter((sql) => /checkout_sessions|idempotency_keys/.test(sql) && !/FROM reservations/.test(sql));
    expect(sessionWork).toHaveLength(1);
    expect(sessionWork[0]).toMatch(/UPDATE checkout_sessions[\s\S]*UPDATE idempotency_keys/);

    // What was answered is what is stored, and what a retry gets.
    const read = await call(t.app, {
      method: 'GET',
      url: `/v1/checkout/sessions/${made.body.id}`,
      headers: publicHeaders(shop),
    });
    expect(read.body).toEqual(made.body);
    const retried = await startCheckout(t.app, shop, {}, key);
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toEqual(made.body);
    const [stored] = await t.db.query<{ state: string; session_id: string }>(
      `SELECT state, session_id FROM idempotency_keys WHERE merchant_id = $1 AND key = $2`,
      [shop.id, key],
    );
    expect(stored).toEqual({ state: 'done', session_id: made.body.id });
  });
});
