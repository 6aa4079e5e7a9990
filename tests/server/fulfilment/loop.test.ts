/**
 * The fulfilment loop end to end, on PGlite and (when configured) PostgreSQL: an order placed
 * through checkout appears on its place's pick list; staff pick it and mark it ready; the
 * simulated courier takes it to the door as the clock moves; every step sends its email (read
 * back from the in-process SMTP server) and its webhook (verified with the Standard Webhooks
 * reference library on a local receiver), in order.
 */
import { formatMoney } from '../../../contract/money.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, call, DB_KINDS, errorOf, openTestDb, TUESDAY_MORNING, type TestApp } from '../helper.js';
import { openShop, type Shop } from '../fixtures.js';
import { addEndpoint, placeOrder, staff } from './helpers.js';
import { Receiver } from './receiver.js';

/** 14:00 in Phoenix (the mall's same-day cut-off) plus its 30 minutes of handling. */
const READY_BY = '2026-03-10T21:30:00.000Z';
const HOUR = 3_600_000;

describe.each(DB_KINDS)('the fulfilment loop on %s', (kind) => {
  let t: TestApp;
  let now = TUESDAY_MORNING;
  let shop: Shop;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await buildTestApp({
      testDb: await openTestDb(kind),
      clock: () => now,
      captureMail: true,
      config: { CHECKOUT_SWEEP_SECONDS: 0, COURIER_SIM_LATE_RATE: 0, COURIER_SIM_FAILURE_RATE: 0 },
    });
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });
  beforeEach(async () => {
    now = TUESDAY_MORNING;
    shop = await openShop(t.app);
    receiver.requests.length = 0;
    receiver.respond = () => 200;
  });

  it('placed → pick list → ready → courier → delivered, with each email and each webhook', async () => {
    const endpoint = await addEndpoint(t.app, shop, receiver.url);
    const s = staff(t.app, shop);
    const order = await placeOrder(t.app, shop, { items: [{ sku: shop.sku, quantity: 2 }], email: 'loop@example.com', locale: 'fr-FR' });

    // On the mall's pick list, due by the handover the promise assumed.
    const list = await s.pickList(shop.mall);
    expect(list.status).toBe(200);
    expect(list.body.toPick).toEqual([
      expect.objectContaining({
        orderId: order.id,
        orderNumber: order.number,
        readyBy: READY_BY,
        urgency: 'ok',
        warning: null,
        shopperName: 'Ada Shopper',
        lines: [{ sku: shop.sku, title: 'Everyday Tee', quantity: 2, picked: 0 }],
      }),
    ]);
    expect((await s.pickList(shop.station)).body.toPick).toEqual([]);

    expect(
      (await s.picked(order.id, shop.mall, { lines: [{ sku: shop.sku, quantity: 1 }] })).body.fulfilment.parcels[0].lines[0].picked,
    ).toBe(1);
    now += 2 * HOUR;
    const ready = await s.ready(order.id, shop.mall);
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.fulfilment.readyAt).toBe(new Date(now).toISOString());
    // Marking it ready booked the courier at once.
    expect(ready.body.fulfilment.courier).toMatchObject({ provider: 'simulated', status: 'requested' });
    expect((await s.pickList(shop.mall)).body).toMatchObject({ toPick: [], awaitingPickup: [{ orderId: order.id }] });

    // The courier plays the delivery out as the clock moves; nothing happens while it stands still.
    expect((await t.app.fulfilment.tick()).events).toBe(0);
    now = Date.parse('2026-03-11T03:00:00Z'); // 20:00 in Phoenix: the window has closed
    expect((await t.app.fulfilment.tick()).events).toBe(4);
    const delivered = (await s.order(order.id)).body;
    expect(delivered.status).toBe('delivered');
    expect(delivered.timeline.map((e: { status: string }) => e.status)).toEqual([
      'placed',
      'ready',
      'picked_up',
      'out_for_delivery',
      'delivered',
    ]);
    expect(delivered.fulfilment).toMatchObject({ late: false, courier: { status: 'delivered', courierName: expect.any(String) } });
    const at = (status: string) => Date.parse(delivered.timeline.find((e: { status: string }) => e.status === status).at);
    expect(at('delivered')).toBeGreaterThanOrEqual(Date.parse('2026-03-10T23:00:00Z'));
    expect(at('delivered')).toBeLessThanOrEqual(Date.parse('2026-03-11T03:00:00Z'));
    expect(Date.parse(delivered.fulfilment.deliveredAt)).toBe(at('delivered'));

    // Each email, through SMTP, in the shopper's language, in order.
    expect(await t.app.mail.deliverDue()).toBe(4);
    const mail = t.app.mail.inbox!.to('loop@example.com');
    expect(mail.map((m) => m.kind)).toEqual(['confirmation', 'picked_up', 'out_for_delivery', 'delivered']);
    expect(mail.map((m) => m.language)).toEqual(['fr', 'fr', 'fr', 'fr']);
    // Email names the order by its number, for people; the link carries the id.
    const [{ number }] = (await t.app.db.query<{ number: string }>(`SELECT number FROM orders WHERE id = $1`, [order.id])) as [
      { number: string },
    ];
    expect(mail[0]!.subject).toBe(`Votre commande Test Shop ${number}`);
    expect(mail[0]!.text).toContain(`Everyday Tee × 2  ${formatMoney({ amount: 4800, currency: 'USD' }, 'fr')}`);
    expect(mail[0]!.text).toMatch(/Arrivée\s?: mar\. 10 mars, 16:00\s–\s20:00/);
    expect(mail[0]!.html).toContain('lang="fr"');
    expect(mail[0]!.text).toContain(`/orders/${order.id}?token=${encodeURIComponent(order.token)}`);
    expect(mail[3]!.subject).toBe(`Commande ${number} livrée`);

    // Each webhook, signed so that the reference library verifies it, in the order it happened.
    expect(await t.app.webhooks.deliverDue()).toBe(5);
    expect(receiver.requests.map((r) => r.type)).toEqual(['order.placed', ...Array(4).fill('order.status_changed')]);
    expect(receiver.requests.map((r) => r.body.data.to ?? 'placed')).toEqual([
      'placed',
      'ready',
      'picked_up',
      'out_for_delivery',
      'delivered',
    ]);
    for (const r of receiver.requests) expect(receiver.verify(r, endpoint.secret)).toEqual(r.body);
    const tampered = { ...receiver.requests[0]!, raw: receiver.requests[0]!.raw.replace(order.id, 'ord_forged') };
    expect(() => receiver.verify(tampered, endpoint.secret)).toThrow();
    expect(await t.app.webhooks.deliverDue()).toBe(0);

    // The shopper's page shows the courier's progress.
    const page = await t.app.inject({ method: 'GET', url: `/orders/${order.id}?token=${encodeURIComponent(order.token)}` });
    expect(page.body).toContain('Dropped off');
    expect(page.body).toMatch(/<li class="done" aria-current="step" data-status="delivered">/);
    expect(page.body).not.toContain('http-equiv="refresh"');
  });

  it('warns on the pick list as the ready-by time nears and when it passes', async () => {
    const order = await placeOrder(t.app, shop);
    const s = staff(t.app, shop);
    now = Date.parse(READY_BY) - 20 * 60_000;
    expect((await s.pickList(shop.mall)).body.toPick[0]).toMatchObject({
      orderId: order.id,
      urgency: 'soon',
      minutesLeft: 20,
      warning: 'Ready by 2:30 PM: 20 min left',
    });
    now = Date.parse(READY_BY) + 75 * 60_000;
    expect((await s.pickList(shop.mall)).body.toPick[0]).toMatchObject({
      urgency: 'overdue',
      warning: 'Overdue: was due ready by 2:30 PM, 1 h 15 min ago',
    });
    // Orders are listed by when they must be ready.
    const other = await placeOrder(t.app, shop);
    expect((await s.pickList(shop.mall)).body.toPick.map((e: { orderId: string }) => e.orderId)).toEqual([order.id, other.id]);
  });

  it('refuses what staff cannot do, with a clear error', async () => {
    const order = await placeOrder(t.app, shop);
    const s = staff(t.app, shop);
    const tooMany = await s.picked(order.id, shop.mall, { lines: [{ sku: shop.sku, quantity: 3 }] });
    expect(tooMany.status).toBe(422);
    expect(errorOf(tooMany).message).toMatch(/needs 1 of/);
    expect((await s.ready(order.id, shop.station)).status).toBe(404);
    expect((await s.pickList('nowhere')).status).toBe(404);
    const sameDayTracking = await s.tracking(order.id, { carrier: 'UPS', number: '1Z999' });
    expect(sameDayTracking.status).toBe(409);
    const other = await openShop(t.app);
    expect((await staff(t.app, other).ready(order.id, shop.mall)).status).toBe(404);
  });

  it('carrier orders: a tracking number entered hands a ready parcel to the carrier; many can be imported', async () => {
    const s = staff(t.app, shop);
    const { setStock } = await import('../fixtures.js');
    await setStock(t.app, shop.secretKey, [{ nodeId: shop.station, sku: shop.sku, onHand: 5 }]);
    const order = await placeOrder(t.app, shop, { service: 'next_day', email: 'carrier@example.com' });
    expect((await s.ready(order.id, shop.station)).body.status).toBe('ready');
    expect((await t.app.fulfilment.tick()).booked).toBe(0); // no courier for carrier services
    const tracked = await s.tracking(order.id, {
      carrier: 'UPS',
      number: '1Z 999 AA1 01 2345 6784',
      url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    });
    expect(tracked.status).toBe(200);
    expect(tracked.body).toMatchObject({
      status: 'picked_up',
      fulfilment: { tracking: { carrier: 'UPS', number: '1Z 999 AA1 01 2345 6784' } },
    });
    await t.app.mail.deliverDue();
    expect(t.app.mail.inbox!.to('carrier@example.com').map((m) => m.kind)).toEqual(['confirmation', 'picked_up']);
    expect(t.app.mail.inbox!.to('carrier@example.com')[1]!.text).toContain('1Z 999 AA1 01 2345 6784');

    const second = await placeOrder(t.app, shop, { service: 'next_day' });
    const imported = await call(t.app, {
      method: 'POST',
      url: '/v1/admin/orders/tracking',
      headers: { authorization: `Bearer ${shop.secretKey}` },
      payload: {
        items: [
          { orderId: second.id, carrier: 'FedEx', number: '7489 1234 5678' },
          { orderId: 'ord_missing', carrier: 'FedEx', number: '0000 1111' },
        ],
      },
    });
    expect(imported.body.items).toEqual([
      { orderId: second.id, ok: true, error: null },
      { orderId: 'ord_missing', ok: false, error: 'No order ord_missing' },
    ]);
    const page = await t.app.inject({ method: 'GET', url: `/orders/${order.id}?token=${encodeURIComponent(order.token)}` });
    expect(page.body).toContain('tracking number <strong><a href="https://www.ups.com/track?tracknum=1Z999AA10123456784"');
  });
});
