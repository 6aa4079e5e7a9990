/**
 * Overselling, tried for real: several API processes share one PostgreSQL database and many
 * shoppers check out the same SKU at once. PostgreSQL only: PGlite runs one transaction at a
 * time and would hide a race.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openTestDb, PG_URL, TUESDAY_MORNING, type TestApp, type TestDb } from '../helper.js';
import { checkoutOverHttp, startApiProcess, type ApiProcess } from '../processes.js';
import { ADDRESS, levelOf, ORIGIN, openLoneStoreShop, setStock, type Shop } from '../fixtures.js';

const PROCESSES = 3;
const SHOPPERS = 36;
const IN_STOCK = 7;

describe.runIf(PG_URL)('concurrent checkouts across processes on PostgreSQL', () => {
  let testDb: TestDb;
  let t: TestApp;
  let shop: Shop;
  const processes: ApiProcess[] = [];

  beforeAll(async () => {
    testDb = await openTestDb('postgres');
    t = await buildTestApp({ testDb, clock: () => TUESDAY_MORNING, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
    // One store's stock raced for: it promises same-day alone, with no second holder to spill to.
    shop = await openLoneStoreShop(t.app, { mall: IN_STOCK });
    for (let i = 0; i < PROCESSES; i++) processes.push(await startApiProcess(PG_URL!, testDb.schema!, TUESDAY_MORNING));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill()));
    await t.close();
    await testDb.close();
  });

  const checkout = (base: string, quantity = 1) =>
    checkoutOverHttp(base, shop.publishableKey, ORIGIN, {
      items: [{ sku: shop.sku, quantity }],
      email: 'race@example.com',
      address: ADDRESS,
      service: 'same_day',
    });

  async function invariants() {
    const level = await levelOf(t.app, shop, shop.mall);
    const [live] = await t.db.query<{ held: string | null }>(
      `SELECT sum(quantity) AS held FROM reservations WHERE merchant_id = $1 AND sku = $2 AND status = 'held'`,
      [shop.id, shop.sku],
    );
    expect(level.onHand).toBeGreaterThanOrEqual(0);
    expect(level.reserved).toBe(Number(live?.held ?? 0));
    expect(level.reserved).toBeLessThanOrEqual(level.onHand);
    return level;
  }

  it(`${SHOPPERS} shoppers, ${PROCESSES} processes, ${IN_STOCK} in stock: exactly ${IN_STOCK} get it`, async () => {
    const results = await Promise.all(Array.from({ length: SHOPPERS }, (_, i) => checkout(processes[i % PROCESSES]!.base)));
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status !== 201);
    expect(won).toHaveLength(IN_STOCK);
    for (const r of lost) {
      expect(r.status).toBe(409);
      expect(r.body.error?.code).toBe('out_of_stock');
    }
    expect(await invariants()).toEqual({ onHand: IN_STOCK, reserved: IN_STOCK, available: 0 });
  });

  it('mixed quantities never oversell, and releases free exactly what was held', async () => {
    await setStock(t.app, shop.secretKey, [{ nodeId: shop.mall, sku: shop.sku, onHand: IN_STOCK + 10 }]);
    const results = await Promise.all(Array.from({ length: SHOPPERS }, (_, i) => checkout(processes[i % PROCESSES]!.base, 1 + (i % 3))));
    const level = await invariants();
    const heldNow = results.filter((r) => r.status === 201).length;
    expect(heldNow).toBeGreaterThan(0);
    expect(level.reserved).toBeLessThanOrEqual(IN_STOCK + 10);
    // Release everything by letting the holds expire, from two processes' worth of sweepers at once.
    const later = TUESDAY_MORNING + 20 * 60_000;
    const sweeper = await buildTestApp({
      testDb: { ...testDb, close: async () => undefined },
      clock: () => later,
      config: { CHECKOUT_SWEEP_SECONDS: 0 },
    });
    await Promise.all([sweeper.app.checkout.sweep(), sweeper.app.checkout.sweep(), t.app.checkout.sweep()]);
    expect(await invariants()).toMatchObject({ reserved: 0, onHand: IN_STOCK + 10 });
    await sweeper.app.close();
  });
});
