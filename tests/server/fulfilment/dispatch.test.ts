/**
 * Same-day dispatch as the simulator plays it (docs/simulation.md, "Same-day dispatch"): the
 * courier is aimed 30 minutes into the window, and a job no driver accepted is posted once more
 * 30 minutes later; a second refusal fails the delivery and alerts the merchant and the shopper.
 * A driver who finds nobody in leaves the parcel at the door; a delivery that fails at the door is
 * tried once more the same evening when the window has room, and the shopper is told when.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TUESDAY_MORNING, type TestApp } from '../helper.js';
import { openShop, type Shop } from '../fixtures.js';
import { SimulatedCourier } from '../../../server/fulfilment/simulated-courier.js';
import type { DeliveryRequest } from '../../../server/fulfilment/courier.js';
import { placeOrder, staff } from './helpers.js';

const MIN = 60_000;
const EVENING = Date.parse('2026-03-11T06:00:00Z'); // 23:00 in Phoenix, after every outcome

describe('same-day dispatch', () => {
  let t: TestApp;
  let now = TUESDAY_MORNING;
  let shop: Shop;
  const odds = { seed: 7, lateRate: 0, failureRate: 0, noDriverRate: 0, nobodyInShare: 0 };
  const courier = new SimulatedCourier(odds);

  beforeAll(async () => {
    t = await buildTestApp({
      clock: () => now,
      captureMail: true,
      courier,
      config: { CHECKOUT_SWEEP_SECONDS: 0 },
    });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    now = TUESDAY_MORNING;
    odds.noDriverRate = 0;
    odds.failureRate = 0;
    odds.nobodyInShare = 0;
    shop = await openShop(t.app);
  });

  const deliveriesOf = (orderId: string) =>
    t.db.query<{ id: string; status: string; request: DeliveryRequest }>(
      `SELECT id, status, request FROM courier_deliveries WHERE order_id = $1 ORDER BY created_at`,
      [orderId],
    );
  const courierOf = async (orderId: string) => (await staff(t.app, shop).order(orderId)).body.fulfilment.courier;
  const at = async (ms: number) => {
    now = ms;
    return t.app.fulfilment.tick();
  };

  it('asks the courier to drop off 30 minutes into the window, and it does', async () => {
    const order = await placeOrder(t.app, shop);
    await staff(t.app, shop).ready(order.id, shop.mall);
    await at(TUESDAY_MORNING);
    const window = (await staff(t.app, shop).order(order.id)).body.promisedWindow;
    const aim = Date.parse(window.start) + 30 * MIN;
    const [booked] = await deliveriesOf(order.id);
    expect(Date.parse(booked!.request.dropoffAt!)).toBe(aim);

    await at(EVENING);
    const after = (await staff(t.app, shop).order(order.id)).body;
    expect(after.status).toBe('delivered');
    expect(Date.parse(after.fulfilment.deliveredAt)).toBe(aim);
  });

  it('posts a job no driver accepted once more, 30 minutes later, and it is delivered', async () => {
    odds.noDriverRate = 1;
    const order = await placeOrder(t.app, shop);
    await staff(t.app, shop).ready(order.id, shop.mall);
    expect(await deliveriesOf(order.id)).toHaveLength(1);

    // The platform gives up after 15 minutes; the merchant reads why and what happens next.
    await at(TUESDAY_MORNING + 16 * MIN);
    const waiting = await courierOf(order.id);
    expect(waiting.status).toBe('requested');
    expect(waiting.events.map((e: { kind: string; note: string | null }) => [e.kind, e.note])).toEqual([
      ['requested', null],
      ['cancelled', 'No driver accepted the job; it is posted once more in 30 minutes'],
    ]);
    const page = await t.app.inject({ method: 'GET', url: `/orders/${order.id}?token=${encodeURIComponent(order.token)}` });
    expect(page.body).toContain('No driver accepted the job; it is posted once more in 30 minutes');
    // Not booked again before the 30 minutes are up.
    expect((await at(TUESDAY_MORNING + 40 * MIN)).booked).toBe(0);
    expect(await deliveriesOf(order.id)).toHaveLength(1);

    odds.noDriverRate = 0;
    await at(TUESDAY_MORNING + 45 * MIN);
    const deliveries = await deliveriesOf(order.id);
    expect(deliveries.map((d) => d.status)).toEqual(['cancelled', 'requested']);
    expect(Date.parse(deliveries[1]!.request.pickup.readyAt)).toBe(TUESDAY_MORNING + 45 * MIN);
    const reposted = await courierOf(order.id);
    expect(reposted.events[0]).toMatchObject({ kind: 'requested', note: 'Posted once more: no driver accepted the first request' });

    await at(EVENING);
    const after = (await staff(t.app, shop).order(order.id)).body;
    expect(after.status).toBe('delivered');
    expect(after.fulfilment.late).toBe(false);
    expect(await deliveriesOf(order.id)).toHaveLength(2);
  });

  it('a second posting nobody accepts fails, alerts the merchant, tells the shopper, and is not booked again by itself', async () => {
    odds.noDriverRate = 1;
    const order = await placeOrder(t.app, shop, { email: 'nodriver@example.com' });
    await staff(t.app, shop).ready(order.id, shop.mall);
    await at(TUESDAY_MORNING);
    await at(TUESDAY_MORNING + 16 * MIN);
    await at(TUESDAY_MORNING + 46 * MIN); // posted once more
    await at(TUESDAY_MORNING + 62 * MIN); // nobody again

    const deliveries = await deliveriesOf(order.id);
    expect(deliveries.map((d) => d.status)).toEqual(['cancelled', 'failed']);
    const courier = await courierOf(order.id);
    expect(courier.status).toBe('failed');
    expect(courier.events.at(-1)).toMatchObject({ kind: 'failed', note: 'No driver accepted the job, posted twice' });
    const late = await t.db.query<{ payload: { data: { reason: string } } }>(
      `SELECT payload FROM webhook_events WHERE order_id = $1 AND type = 'order.delivery_late'`,
      [order.id],
    );
    expect(late.map((r) => r.payload.data.reason)).toEqual(['No driver accepted the job, posted twice']);
    await t.app.mail.deliverDue();
    const mail = t.app.mail.inbox!.to('nodriver@example.com');
    expect(mail.map((m) => m.kind)).toEqual(['confirmation', 'no_driver']);
    expect(mail[1]!.text).toContain('No driver took your delivery. The shop will send it another way and tell you when it arrives.');
    expect(mail[1]!.text).toContain('Why: No driver accepted the job, posted twice');
    // The merchant sends it another way: the worker does not book it again by itself.
    expect((await at(TUESDAY_MORNING + 120 * MIN)).booked).toBe(0);
    expect(await deliveriesOf(order.id)).toHaveLength(2);
  });

  describe('at the door', () => {
    const windowOf = async (orderId: string) =>
      (await staff(t.app, shop).order(orderId)).body.promisedWindow as { start: string; end: string };
    const clockTime = (ms: number) =>
      new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'America/Phoenix' }).format(ms);
    /** The courier's time for the road from the store to the door (its quote, without the 15 minutes to collect). */
    const road = async (request: DeliveryRequest) => {
      const q = await courier.quote(request);
      return Date.parse(q.dropoffEta) - Date.parse(q.pickupEta);
    };

    it('nobody in: the courier is told to leave the parcel at the door, and does', async () => {
      odds.failureRate = 1;
      odds.nobodyInShare = 1;
      const order = await placeOrder(t.app, shop);
      await staff(t.app, shop).ready(order.id, shop.mall);
      const [booked] = await deliveriesOf(order.id);
      expect(booked!.request.ifNobodyIn).toBe('leave_at_door');

      await at(EVENING);
      const after = (await staff(t.app, shop).order(order.id)).body;
      expect(after.status).toBe('delivered');
      expect(after.fulfilment.courier.events.at(-1)).toMatchObject({ kind: 'delivered', note: 'Left at the door' });
      expect(await deliveriesOf(order.id)).toHaveLength(1);
    });

    it('a delivery that fails at the door is tried once more that evening: booked, on the trail, the shopper told when', async () => {
      odds.failureRate = 1;
      const order = await placeOrder(t.app, shop, { email: 'again@example.com' });
      await staff(t.app, shop).ready(order.id, shop.mall);
      const window = await windowOf(order.id);
      const missed = Date.parse(window.start) + 30 * MIN;
      await at(missed + MIN);

      const deliveries = await deliveriesOf(order.id);
      expect(deliveries.map((d) => d.status)).toEqual(['failed', 'requested']);
      const second = deliveries[1]!.request;
      expect(second.reference).toBe(`${order.id}:${shop.mall}:2`);
      // The road back to the store, 15 minutes to collect, the road out again: well inside the window.
      const travel = await road(deliveries[0]!.request);
      expect(Date.parse(second.pickup.readyAt)).toBe(missed + travel);
      expect(Date.parse(second.dropoffAt!)).toBe(missed + 2 * travel + 15 * MIN);
      expect(Date.parse(second.dropoffAt!)).toBeLessThanOrEqual(Date.parse(window.end) - 45 * MIN);

      const body = (await staff(t.app, shop).order(order.id)).body;
      expect(body.status).toBe('ready');
      expect(body.timeline.slice(-2).map((s: { status: string }) => s.status)).toEqual(['delivery_failed', 'ready']);
      const next = clockTime(Date.parse(second.dropoffAt!));
      expect(body.fulfilment.courier.events[0]).toMatchObject({
        kind: 'requested',
        note: `Second attempt this evening: missed at ${clockTime(missed)}, a driver comes back at about ${next}`,
      });
      await t.app.mail.deliverDue();
      const mail = t.app.mail.inbox!.to('again@example.com');
      expect(mail.map((m) => m.kind)).toEqual(['confirmation', 'picked_up', 'out_for_delivery', 'second_attempt']);
      expect(mail[3]!.subject).toBe(`We missed you: order ${order.number} comes back this evening`);
      expect(mail[3]!.text).toContain(`We missed you at ${clockTime(missed)}; a driver comes back at about ${next}.`);
      expect(mail[3]!.text).toContain('Why: The courier could not get into the building');

      // The second driver gets in.
      odds.failureRate = 0;
      await at(EVENING);
      const after = (await staff(t.app, shop).order(order.id)).body;
      expect(after.status).toBe('delivered');
      expect(after.fulfilment.deliveredAt).toBe(second.dropoffAt);
      expect(after.fulfilment.late).toBe(false);
      expect(await deliveriesOf(order.id)).toHaveLength(2);
    });

    it('one second attempt at most: a second failure goes on as any failed delivery', async () => {
      odds.failureRate = 1;
      const order = await placeOrder(t.app, shop, { email: 'twice@example.com' });
      await staff(t.app, shop).ready(order.id, shop.mall);
      await at(Date.parse((await windowOf(order.id)).start) + 31 * MIN);
      await at(EVENING);
      expect((await deliveriesOf(order.id)).map((d) => d.status)).toEqual(['failed', 'failed']);
      expect((await staff(t.app, shop).order(order.id)).body.status).toBe('delivery_failed');
      expect((await at(EVENING + 60 * MIN)).booked).toBe(0);
      await t.app.mail.deliverDue();
      expect(t.app.mail.inbox!.to('twice@example.com').map((m) => m.kind)).toEqual([
        'confirmation',
        'picked_up',
        'out_for_delivery',
        'second_attempt',
        'picked_up',
        'out_for_delivery',
        'delivery_failed',
      ]);
    });

    it('no second attempt when the window has no room left for one', async () => {
      odds.failureRate = 1;
      const order = await placeOrder(t.app, shop, { email: 'late@example.com' });
      await staff(t.app, shop).ready(order.id, shop.mall);
      // The failure is read an hour before the window ends: back out again would land too late.
      await at(Date.parse((await windowOf(order.id)).end) - 60 * MIN);
      expect((await deliveriesOf(order.id)).map((d) => d.status)).toEqual(['failed']);
      expect((await staff(t.app, shop).order(order.id)).body.status).toBe('delivery_failed');
      await t.app.mail.deliverDue();
      expect(t.app.mail.inbox!.to('late@example.com').map((m) => m.kind)).toEqual([
        'confirmation',
        'picked_up',
        'out_for_delivery',
        'delivery_failed',
      ]);
    });
  });
});
