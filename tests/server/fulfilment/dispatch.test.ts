/**
 * Same-day dispatch as the simulator plays it (docs/simulation.md, "Same-day dispatch"): the
 * courier is aimed 30 minutes into the window, and a job no driver accepted is posted once more
 * 30 minutes later; a second refusal fails the delivery and alerts the merchant.
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
  const odds = { seed: 7, lateRate: 0, failureRate: 0, noDriverRate: 0 };

  beforeAll(async () => {
    t = await buildTestApp({
      clock: () => now,
      courier: new SimulatedCourier(odds),
      config: { CHECKOUT_SWEEP_SECONDS: 0 },
    });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    now = TUESDAY_MORNING;
    odds.noDriverRate = 0;
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

  it('a second posting nobody accepts fails, alerts the merchant, and is not booked again by itself', async () => {
    odds.noDriverRate = 1;
    const order = await placeOrder(t.app, shop);
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
    // The merchant sends it another way: the worker does not book it again by itself.
    expect((await at(TUESDAY_MORNING + 120 * MIN)).booked).toBe(0);
    expect(await deliveriesOf(order.id)).toHaveLength(2);
  });
});
