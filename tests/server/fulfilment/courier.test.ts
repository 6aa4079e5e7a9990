/**
 * What the simulated courier does when things go wrong: a late delivery tells the shopper the
 * new window and the merchant `order.delivery_late`; a failed one moves the order to
 * delivery_failed, which the merchant sees and can send out again. Cancelling calls the courier off.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, call, TUESDAY_MORNING, type TestApp } from '../helper.js';
import { openShop, type Shop } from '../fixtures.js';
import { SimulatedCourier } from '../../../server/fulfilment/simulated-courier.js';
import { placeOrder, staff } from './helpers.js';

const EVENING = Date.parse('2026-03-11T06:00:00Z'); // 23:00 in Phoenix, after every outcome

describe('courier trouble', () => {
  let t: TestApp;
  let now = TUESDAY_MORNING;
  let shop: Shop;
  // Failures are the kind no instruction mends (no way to the door): nothing is left at the door.
  const odds = { seed: 7, lateRate: 0, failureRate: 0, nobodyInShare: 0 };

  beforeAll(async () => {
    t = await buildTestApp({
      clock: () => now,
      captureMail: true,
      courier: new SimulatedCourier(odds),
      config: { CHECKOUT_SWEEP_SECONDS: 0 },
    });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    now = TUESDAY_MORNING;
    shop = await openShop(t.app);
  });

  it('late: the shopper gets the new window, the merchant sees it late', async () => {
    odds.lateRate = 1;
    odds.failureRate = 0;
    const order = await placeOrder(t.app, shop, { email: 'late@example.com' });
    await staff(t.app, shop).ready(order.id, shop.mall);
    now = EVENING;
    await t.app.fulfilment.tick();
    const after = (await staff(t.app, shop).order(order.id)).body;
    expect(after.status).toBe('delivered');
    expect(after.fulfilment.late).toBe(true);
    expect(Date.parse(after.fulfilment.deliveredAt)).toBeGreaterThan(Date.parse(after.promisedWindow.end));
    expect(Date.parse(after.fulfilment.expectedWindow.end)).toBeGreaterThan(Date.parse(after.promisedWindow.end));
    expect(after.fulfilment.courier.events.map((e: { kind: string }) => e.kind)).toEqual([
      'requested',
      'assigned',
      'picked_up',
      'en_route',
      'delayed',
      'delivered',
    ]);

    await t.app.mail.deliverDue();
    const mail = t.app.mail.inbox!.to('late@example.com');
    expect(mail.map((m) => m.kind)).toEqual(['confirmation', 'picked_up', 'out_for_delivery', 'delayed', 'delivered']);
    expect(mail[3]!.text).toMatch(/Now arrives: Tue, Mar 10, \d+:\d\d(\sPM)?\s–\s\d+:\d\d\sPM/);
    const attention = await call(t.app, { method: 'GET', url: '/v1/admin/fulfilment/attention', headers: bearer(shop.secretKey) });
    expect(attention.body.late.map((o: { id: string }) => o.id)).toContain(order.id);
    const page = await t.app.inject({ method: 'GET', url: `/orders/${order.id}?token=${encodeURIComponent(order.token)}` });
    expect(page.body).toContain('Running late');
  });

  it('failed: the order shows it, the merchant can send it out again, and cancelling calls the courier off', async () => {
    odds.lateRate = 0;
    odds.failureRate = 1;
    const order = await placeOrder(t.app, shop, { email: 'failed@example.com' });
    const s = staff(t.app, shop);
    await s.ready(order.id, shop.mall);
    now = EVENING;
    await t.app.fulfilment.tick();
    const failed = (await s.order(order.id)).body;
    expect(failed.status).toBe('delivery_failed');
    expect(failed.fulfilment.courier.status).toBe('failed');
    await t.app.mail.deliverDue();
    const mail = t.app.mail.inbox!.to('failed@example.com');
    expect(mail.map((m) => m.kind)).toEqual(['confirmation', 'picked_up', 'out_for_delivery', 'delivery_failed']);
    expect(mail[3]!.text).toMatch(/Why: (Nobody was home|The courier could not get into)/);
    const attention = await call(t.app, { method: 'GET', url: '/v1/admin/fulfilment/attention', headers: bearer(shop.secretKey) });
    expect(attention.body.failed.map((o: { id: string }) => o.id)).toEqual([order.id]);

    // Back at the store and out again: a new courier is booked.
    expect((await s.status(order.id, 'ready')).body.status).toBe('ready');
    expect((await t.app.fulfilment.tick()).booked).toBe(1);
    const again = (await s.order(order.id)).body;
    expect(again.fulfilment.courier.status).toBe('requested');
    expect((await s.status(order.id, 'cancelled')).body.status).toBe('cancelled');
    expect((await s.order(order.id)).body.fulfilment.courier.status).toBe('cancelled');
    expect((await t.app.fulfilment.tick()).booked).toBe(0);
  });
});
