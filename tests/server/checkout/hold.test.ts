/**
 * Holds in batches (server/checkout/hold.ts): shoppers arriving together share one transaction,
 * yet each gets their own outcome, all lines or none, nothing written for a refused hold, and
 * one hold's failure stays its own. On PGlite and (when configured) PostgreSQL.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/db/port.js';
import { HoldQueue } from '../../../server/checkout/hold.js';
import { beginIdempotent } from '../../../server/checkout/idempotency.js';
import { newSessionId, type NewSession } from '../../../server/checkout/sessions.repository.js';
import type { PromiseOption } from '../../../server/promise/index.js';
import { buildTestApp, DB_KINDS, openTestDb, TUESDAY_MORNING, type TestApp } from '../helper.js';
import { ADDRESS, levelOf, openShop, setStock, type Shop } from '../fixtures.js';

describe.each(DB_KINDS)('holds in batches on %s', (kind) => {
  let t: TestApp;
  let shop: Shop;
  let transactions = 0;
  let asyncCommits = 0;
  let queue: HoldQueue;

  beforeAll(async () => {
    t = await buildTestApp({ testDb: await openTestDb(kind), config: { CHECKOUT_SWEEP_SECONDS: 0 } });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    // The mall's units are the shop's only ones: these holds take a SKU's last units.
    shop = await openShop(t.app, { mall: 3, other: 5, downtown: 0 });
    // The queue's own view of the database, counting the transactions it opens.
    const counted: Db = {
      ...t.db,
      dialect: t.db.dialect,
      query: t.db.query.bind(t.db),
      transaction: (work, options) => {
        transactions++;
        if (options?.asyncCommit) asyncCommits++;
        return t.db.transaction(work, options);
      },
      close: async () => undefined,
    };
    transactions = 0;
    asyncCommits = 0;
    queue = new HoldQueue(counted, t.app.changes);
  });

  function session(lines: Array<{ sku: string; quantity: number }>): NewSession {
    const option = {
      service: 'same_day',
      shipments: [{ nodeId: shop.mall, items: lines }],
    } as unknown as PromiseOption;
    return {
      id: newSessionId(),
      merchantId: shop.id,
      email: 'ada@example.com',
      member: false,
      address: ADDRESS,
      items: [],
      option,
      currency: 'USD',
      subtotal: 2400,
      shipping: 0,
      paymentProvider: 'test',
      expiresAt: new Date(TUESDAY_MORNING + 15 * 60_000),
      createdAt: new Date(TUESDAY_MORNING),
    };
  }

  async function written(ids: string[]) {
    const sessions = await t.db.query<{ id: string }>(`SELECT id FROM checkout_sessions WHERE id = ANY($1::text[])`, [ids]);
    const reservations = await t.db.query<{ session_id: string }>(
      `SELECT session_id FROM reservations WHERE session_id = ANY($1::text[])`,
      [ids],
    );
    return { sessions: new Set(sessions.map((r) => r.id)), reservations: new Set(reservations.map((r) => r.session_id)) };
  }

  it('ten shoppers at once for three units: three held in fewer transactions than shoppers, the rest refused', async () => {
    const sessions = Array.from({ length: 10 }, () => session([{ sku: shop.sku, quantity: 1 }]));
    const outcomes = await Promise.all(sessions.map((s) => queue.hold(s)));
    expect(outcomes.filter((o) => o === 'held')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'short')).toHaveLength(7);
    // The first goes alone; the nine that arrived meanwhile go together. No batch waits for the
    // WAL flush with the rows locked: checkout's next ordinary commit flushes it.
    expect(transactions).toBeLessThanOrEqual(2);
    expect(asyncCommits).toBe(transactions);
    const heldIds = sessions.filter((_, i) => outcomes[i] === 'held').map((s) => s.id);
    const { sessions: rows, reservations } = await written(sessions.map((s) => s.id));
    expect([...rows].sort()).toEqual([...heldIds].sort());
    expect([...reservations].sort()).toEqual([...heldIds].sort());
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 3, reserved: 3, available: 0 });
  });

  it('holds that waited while the last units went are refused without a transaction, once the index knows', async () => {
    const network = () => t.app.networks.get(shop.id);
    const counting = queue;
    // As checkout builds it: the live index, while current, says which SKUs are gone.
    queue = new HoldQueue(
      { ...t.db, dialect: t.db.dialect, transaction: (work, options) => (transactions++, t.db.transaction(work, options)) },
      t.app.changes,
      (merchantId, sku) => t.app.networks.current && t.app.networks.get(merchantId).stockedCount(sku) === 0,
    );
    try {
      expect(network().stockedCount(shop.sku)).toBeGreaterThan(0);
      const sessions = Array.from({ length: 10 }, () => session([{ sku: shop.sku, quantity: 1 }]));
      const outcomes = await Promise.all(sessions.map((s) => queue.hold(s)));
      expect(outcomes.filter((o) => o === 'held')).toHaveLength(3);
      expect(network().stockedCount(shop.sku)).toBe(0);
      transactions = 0;
      // The SKU is gone and this process's index heard so: later holds cost no transaction.
      const late = await Promise.all(Array.from({ length: 5 }, () => queue.hold(session([{ sku: shop.sku, quantity: 1 }]))));
      expect(late).toEqual(['short', 'short', 'short', 'short', 'short']);
      expect(transactions).toBe(0);
      // A hold for another SKU in the same batch still goes to the database.
      const mixed = await Promise.all([
        queue.hold(session([{ sku: shop.sku, quantity: 1 }])),
        queue.hold(session([{ sku: shop.otherSku, quantity: 1 }])),
      ]);
      expect(mixed).toEqual(['short', 'held']);
      expect(transactions).toBe(1);
      // While the index may have missed notices, the database decides.
      t.app.networks.lost();
      transactions = 0;
      expect(await queue.hold(session([{ sku: shop.sku, quantity: 1 }]))).toBe('short');
      expect(transactions).toBe(1);
    } finally {
      await t.app.networks.resync();
      queue = counting;
    }
  });

  it('a hold takes all its lines or none, and a refused one leaves its units to others in the same batch', async () => {
    await setStock(t.app, shop.secretKey, [{ nodeId: shop.mall, sku: shop.otherSku, onHand: 1 }]);
    const both = session([
      { sku: shop.sku, quantity: 1 },
      { sku: shop.otherSku, quantity: 2 },
    ]);
    const teeOnly = session([{ sku: shop.sku, quantity: 3 }]);
    const mugOnly = session([{ sku: shop.otherSku, quantity: 1 }]);
    const outcomes = await Promise.all([queue.hold(both), queue.hold(teeOnly), queue.hold(mugOnly)]);
    expect(outcomes).toEqual(['short', 'held', 'held']);
    expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ reserved: 3, available: 0 });
    expect(await levelOf(t.app, shop, shop.mall, shop.otherSku)).toMatchObject({ reserved: 1, available: 0 });
    expect((await written([both.id])).sessions.size).toBe(0);
  });

  it('a hold whose Idempotency-Key was taken over is lost, writes nothing, and does not stop the others', async () => {
    const key = `k-${newSessionId()}`;
    const slow = await beginIdempotent(t.db, shop.id, key, 'digest', TUESDAY_MORNING);
    const retry = await beginIdempotent(t.db, shop.id, key, 'digest', TUESDAY_MORNING + 61_000);
    if (slow.kind !== 'owner' || retry.kind !== 'owner') throw new Error('both attempts should own the key in turn');
    const stale = session([{ sku: shop.sku, quantity: 1 }]);
    const fresh = session([{ sku: shop.sku, quantity: 1 }]);
    const other = session([{ sku: shop.sku, quantity: 1 }]);
    const outcomes = await Promise.all([
      queue.hold(stale, { merchantId: shop.id, key, owner: slow.owner }),
      queue.hold(fresh, { merchantId: shop.id, key, owner: retry.owner }),
      queue.hold(other),
    ]);
    expect(outcomes).toEqual(['lost', 'held', 'held']);
    const [tied] = await t.db.query<{ session_id: string }>(`SELECT session_id FROM idempotency_keys WHERE merchant_id = $1 AND key = $2`, [
      shop.id,
      key,
    ]);
    expect(tied?.session_id).toBe(fresh.id);
    expect((await written([stale.id])).sessions.size).toBe(0);
    expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ reserved: 2 });
  });

  it("one hold's failure is its own: the others in its batch are still held", async () => {
    const first = session([{ sku: shop.sku, quantity: 1 }]);
    expect(await queue.hold(first)).toBe('held');
    // A second session with the same id cannot be inserted: the database refuses it.
    const clash = { ...session([{ sku: shop.sku, quantity: 1 }]), id: first.id };
    const fine = session([{ sku: shop.sku, quantity: 1 }]);
    const results = await Promise.allSettled([queue.hold(session([{ sku: shop.sku, quantity: 1 }])), queue.hold(clash), queue.hold(fine)]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 'held' });
    expect(results[1]!.status).toBe('rejected');
    expect(results[2]).toEqual({ status: 'fulfilled', value: 'held' });
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 3, reserved: 3, available: 0 });
    const [held] = await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM reservations WHERE merchant_id = $1 AND status = 'held'`, [
      shop.id,
    ]);
    expect(Number(held?.n)).toBe(3);
  });
});
