/**
 * Shortages at the shelf: the stock is corrected and the missing units are re-promised from
 * another place, or — when no place can — the order is cancelled, refunded and the shopper told.
 * Either way, cancelling later returns only units that were really there.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, call, errorOf, TUESDAY_MORNING, type TestApp } from '../helper.js';
import { addPlace, levelOf, openShop, promiseFromLoneStores, setCapacities, setStock, type Shop } from '../fixtures.js';
import { addEndpoint, placeOrder, staff } from './helpers.js';
import { Receiver } from './receiver.js';
import { RECOMMENDED_BUFFERS } from '../../../server/promise/index.js';

describe('a shortage at the shelf', () => {
  let t: TestApp;
  let shop: Shop;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await buildTestApp({ clock: () => TUESDAY_MORNING, captureMail: true, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });
  beforeEach(async () => {
    // The other place is the Tempe mall a test adds: the downtown shop holds none here.
    shop = await openShop(t.app, { mall: 5, downtown: 0 });
    receiver.requests.length = 0;
  });

  /**
   * A second mall store near the shop's, in Tempe, offering same-day, with `stock` of the shop's
   * product (3) and, when given, a same-day capacity.
   */
  async function tempe(stock = 3, sameDayPerDay?: number): Promise<string> {
    const id = `tempe-${shop.mall}`;
    await addPlace(t.app, shop.secretKey, {
      id,
      name: 'Tempe Marketplace',
      kind: 'mall_store',
      lat: 33.43,
      lng: -111.9,
      handlingMinutes: 45,
      cutoffs: { same_day: '15:00' },
      ...(sameDayPerDay !== undefined ? { capacities: { same_day: sameDayPerDay } } : {}),
    });
    await setStock(t.app, shop.secretKey, [{ nodeId: id, sku: shop.sku, onHand: stock }]);
    return id;
  }
  const secondMall = () => tempe();

  it('re-promises the missing units from another place, and the stock follows', async () => {
    const second = await secondMall();
    const order = await placeOrder(t.app, shop, { items: [{ sku: shop.sku, quantity: 2 }], email: 'short@example.com' });
    expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ onHand: 3 });

    const s = staff(t.app, shop);
    const res = await s.shortage(order.id, shop.mall, { sku: shop.sku, missing: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'repromised', fromNodeId: second, order: { status: 'placed' } });
    // The shelf's truth: nothing left at the mall; the unit now comes from Tempe.
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 0, reserved: 0, available: 0 });
    expect(await levelOf(t.app, shop, second)).toEqual({ onHand: 2, reserved: 0, available: 2 });
    expect(res.body.order.shipments.map((x: { nodeId: string; items: unknown }) => [x.nodeId, x.items])).toEqual([
      [shop.mall, [{ sku: shop.sku, quantity: 1 }]],
      [second, [{ sku: shop.sku, quantity: 1 }]],
    ]);
    expect((await s.pickList(second)).body.toPick).toEqual([
      expect.objectContaining({
        orderId: order.id,
        readyBy: '2026-03-10T22:45:00.000Z',
        lines: [expect.objectContaining({ quantity: 1 })],
      }),
    ]);
    expect((await s.pickList(shop.mall)).body.toPick[0].lines[0].quantity).toBe(1);

    // Both places must be ready before the order is.
    expect((await s.ready(order.id, shop.mall)).body.status).toBe('placed');
    expect((await s.ready(order.id, second)).body.status).toBe('ready');

    // Cancelling returns each unit where it really was.
    const cancelled = await s.status(order.id, 'cancelled');
    expect(cancelled.body.status, cancelled.raw).toBe('cancelled');
    expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ onHand: 1 });
    expect(await levelOf(t.app, shop, second)).toMatchObject({ onHand: 3 });
  });

  async function usage(): Promise<Array<{ node: string; day: string; used: number }>> {
    return t.db.query(
      `SELECT node_id AS node, to_char(day, 'YYYY-MM-DD') AS day, used FROM capacity_usage
        WHERE merchant_id = $1 ORDER BY node_id, day`,
      [shop.id],
    );
  }

  it('re-promises from a place left alone, though new same-day offers there need a second source', async () => {
    const second = await secondMall();
    const buffers = await call(t.app, {
      method: 'PATCH',
      url: '/v1/admin/merchant',
      headers: bearer(shop.secretKey),
      payload: { deliveryBuffers: { ...RECOMMENDED_BUFFERS, secondSource: { same_day: ['mall_store'], local_courier: [] } } },
    });
    expect(buffers.status).toBe(200);
    const order = await placeOrder(t.app, shop, { items: [{ sku: shop.sku, quantity: 2 }], email: 'alone@example.com' });
    const s = staff(t.app, shop);
    // The mall's shelf is empty: Tempe is now the only holder, with no second source of its own.
    const res = await s.shortage(order.id, shop.mall, { sku: shop.sku, missing: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'repromised', fromNodeId: second, order: { status: 'placed', service: 'same_day' } });
  });

  it("takes the new place's capacity for its day, frees the short place's, and cancelling gives it back", async () => {
    await setCapacities(t.app, shop, shop.mall, { same_day: 5 });
    const second = await tempe(3, 5);
    const order = await placeOrder(t.app, shop, { email: 'capacity@example.com' });
    expect(await usage()).toEqual([{ node: shop.mall, day: '2026-03-10', used: 1 }]);

    const s = staff(t.app, shop);
    const res = await s.shortage(order.id, shop.mall, { sku: shop.sku, missing: 1 });
    expect(res.body, res.raw).toMatchObject({ outcome: 'repromised', fromNodeId: second });
    // The whole parcel moved: Tempe hands over one more order today, the mall one fewer.
    expect(await usage()).toEqual([
      { node: shop.mall, day: '2026-03-10', used: 0 },
      { node: second, day: '2026-03-10', used: 1 },
    ]);

    expect((await s.status(order.id, 'cancelled')).body.status).toBe('cancelled');
    expect(await usage()).toEqual([
      { node: shop.mall, day: '2026-03-10', used: 0 },
      { node: second, day: '2026-03-10', used: 0 },
    ]);
  });

  it("re-promises on the new place's next day when another process filled today", async () => {
    const second = await tempe(3, 1);
    const order = await placeOrder(t.app, shop, { email: 'full@example.com' });
    // Another process took Tempe's only order today; this one's index has not heard of it yet.
    await t.db.query(`INSERT INTO capacity_usage (merchant_id, node_id, service, day, used) VALUES ($1, $2, 'same_day', '2026-03-10', 1)`, [
      shop.id,
      second,
    ]);

    const res = await staff(t.app, shop).shortage(order.id, shop.mall, { sku: shop.sku, missing: 1 });
    expect(res.body, res.raw).toMatchObject({ outcome: 'repromised', fromNodeId: second });
    expect(await usage()).toEqual([
      { node: second, day: '2026-03-10', used: 1 },
      { node: second, day: '2026-03-11', used: 1 },
    ]);
    // Tempe's parcels are ready at 15:45 and reach Chandler after 16:00, so they arrive the day
    // after their pick day: picked tomorrow, the window is the day after, a day later than today's.
    expect(res.body.order.fulfilment.expectedWindow).toEqual({ start: '2026-03-12T16:00:00-07:00', end: '2026-03-12T20:00:00-07:00' });
  });

  it('cancels and refunds when no other place can deliver, and tells the shopper and the merchant', async () => {
    // The mall is the only holder: promised same-day only because this merchant asks no second source.
    await promiseFromLoneStores(t.app, shop);
    const endpoint = await addEndpoint(t.app, shop, receiver.url);
    const order = await placeOrder(t.app, shop, {
      items: [
        { sku: shop.sku, quantity: 1 },
        { sku: shop.otherSku, quantity: 1 },
      ],
      email: 'refund@example.com',
    });
    const s = staff(t.app, shop);
    const res = await s.shortage(order.id, shop.mall, { sku: shop.sku, missing: 1, shelfCount: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'refunded', fromNodeId: null, order: { status: 'cancelled' } });
    expect(res.body.order.fulfilment.cancelReason).toBe(
      'Everyday Tee was not on the shelf at Chandler Fashion Center, and no other place could deliver it in time',
    );
    expect(res.body.order.fulfilment.refundedAt).toBe(new Date(TUESDAY_MORNING).toISOString());
    // The counted shelf stays as counted; the mug that was there went back.
    expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ onHand: 2 });
    expect(await levelOf(t.app, shop, shop.mall, shop.otherSku)).toMatchObject({ onHand: 5 });

    await t.app.mail.deliverDue();
    const mail = t.app.mail.inbox!.to('refund@example.com');
    expect(mail.map((m) => m.kind)).toEqual(['confirmation', 'cancelled']);
    expect(mail[1]!.text).toContain('Your order was cancelled and your payment of $51.99 is refunded.');
    expect(mail[1]!.text).toContain('Why: Everyday Tee was not on the shelf');
    await t.app.webhooks.deliverDue();
    // The counted shelf (2) is low: the merchant hears of that too.
    expect(receiver.requests.map((r) => r.type)).toEqual([
      'order.placed',
      'stock.low',
      'order.status_changed',
      'order.cancelled',
      'order.refunded',
    ]);
    for (const r of receiver.requests) receiver.verify(r, endpoint.secret);

    const again = await s.shortage(order.id, shop.mall, { sku: shop.sku, missing: 1 });
    expect(again.status).toBe(409);
    expect(errorOf(again).message).toMatch(/cancelled/);
  });
});
