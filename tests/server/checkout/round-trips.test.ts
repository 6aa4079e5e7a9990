/**
 * What one new checkout session costs the database (a budget, like the widget's byte budgets):
 * one batched transaction records the Idempotency-Key, inserts the session and holds its stock,
 * and after it a single statement records the payment together with the key's answer; the
 * session answered is built from what was written, not read back. The answer is the session as
 * stored, and a retry replays it. On PGlite and (when configured) PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../../server/db/port.js';
import { buildTestApp, call, DB_KINDS, openTestDb, type TestApp } from '../helper.js';
import { newKey, openShop, publicHeaders, startCheckout, type Shop } from '../fixtures.js';

describe.each(DB_KINDS)('a new checkout session on %s', (kind) => {
  let t: TestApp;
  let shop: Shop;
  /** Statements run outside any transaction, and each transaction's statements, while counting. */
  let statements: string[] = [];
  let transactions: string[][] = [];

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
        const inside: string[] = [];
        transactions.push(inside);
        return real.transaction(
          (tx) =>
            work({
              query: ((sql: string, params?: readonly unknown[]) => {
                inside.push(sql);
                return tx.query(sql, params);
              }) as Queryable['query'],
            }),
          options,
        );
      },
      close: () => real.close(),
    };
    t = await buildTestApp({ testDb: { ...testDb, db: counted }, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
    shop = await openShop(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  it('costs one transaction for key, session and hold, then one statement for the payment and the key’s answer', async () => {
    const key = newKey();
    statements = [];
    transactions = [];
    const made = await startCheckout(t.app, shop, {}, key);
    expect(made.status).toBe(201);
    // The Idempotency-Key is recorded by the hold's own transaction; no transaction for the answer.
    expect(transactions).toHaveLength(1);
    const hold = transactions[0]!.join('\n');
    expect(hold).toMatch(/INSERT INTO idempotency_keys/);
    expect(hold).toMatch(/INSERT INTO checkout_sessions/);
    expect(hold).toMatch(/UPDATE inventory_levels/);
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
