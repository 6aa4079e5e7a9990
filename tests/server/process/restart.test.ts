/**
 * A server killed between reservation and payment loses nothing: after a restart the payment
 * still places the order, or the hold is released at expiry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openTestDb, PG_URL, TUESDAY_MORNING, type TestApp, type TestDb } from '../helper.js';
import { checkoutOverHttp, startApiProcess } from '../processes.js';
import { ADDRESS, levelOf, ORIGIN, openShop, pay, type Shop } from '../fixtures.js';

describe.runIf(PG_URL)('a server killed mid-checkout (PostgreSQL)', () => {
  let testDb: TestDb;
  let t: TestApp;
  let now = TUESDAY_MORNING;
  let shop: Shop;

  beforeAll(async () => {
    testDb = await openTestDb('postgres');
    t = await buildTestApp({ testDb, clock: () => now, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
    shop = await openShop(t.app, { mall: 4 });
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await testDb.close();
  });

  async function holdInDoomedProcess(quantity: number): Promise<string> {
    const doomed = await startApiProcess(PG_URL!, testDb.schema!, TUESDAY_MORNING);
    const res = await checkoutOverHttp(doomed.base, shop.publishableKey, ORIGIN, {
      items: [{ sku: shop.sku, quantity }],
      email: 'crash@example.com',
      address: ADDRESS,
      service: 'same_day',
    });
    expect(res.status).toBe(201);
    const session = res.body as { id: string };
    await doomed.kill('SIGKILL');
    return session.id;
  }

  it('the payment completes the hold after the crash', async () => {
    const sessionId = await holdInDoomedProcess(2);
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 4, reserved: 2, available: 2 });
    const paid = await pay(t.app, shop, sessionId);
    expect(paid.body.status).toBe('completed');
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 2, reserved: 0, available: 2 });
  }, 180_000);

  it('an unpaid hold is released at expiry after the crash', async () => {
    await holdInDoomedProcess(1);
    expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ reserved: 1 });
    now += 16 * 60_000;
    expect(await t.app.checkout.sweep()).toBe(1);
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 2, reserved: 0, available: 2 });
  }, 180_000);
});
