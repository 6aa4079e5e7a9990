/**
 * Merchant webhooks: retried with back-off until the endpoint takes them (each event accepted
 * once, an order's events in order), given up after about three days, signed so the Standard
 * Webhooks reference library verifies them, through a secret rotation too; the endpoint API,
 * the delivery log and "send test event".
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, call, errorOf, TUESDAY_MORNING, type TestApp } from '../helper.js';
import { openShop, setStock, type Shop } from '../fixtures.js';
import { addEndpoint, placeOrder, staff } from './helpers.js';
import { Receiver } from './receiver.js';

describe('merchant webhooks', () => {
  let t: TestApp;
  let now = TUESDAY_MORNING;
  let shop: Shop;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await buildTestApp({ clock: () => now, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });
  beforeEach(async () => {
    now = TUESDAY_MORNING;
    shop = await openShop(t.app, { mall: 20 });
    receiver.requests.length = 0;
    receiver.respond = () => 200;
  });

  /** Runs the worker, then moves the clock to the next retry, until nothing is pending (or `rounds` runs). */
  async function drain(endpointId: string, rounds = 30): Promise<void> {
    for (let i = 0; i < rounds; i++) {
      await t.app.webhooks.deliverDue();
      const log = (await staff(t.app, shop).log(endpointId)).body;
      // Later events of an order wait behind a failing one: the next retry is the earliest in the future.
      const next = log.deliveries
        .filter((d: { status: string }) => d.status === 'pending')
        .map((d: { nextAttemptAt: string }) => Date.parse(d.nextAttemptAt))
        .filter((at: number) => at > now);
      if (next.length === 0) return;
      now = Math.min(...next);
    }
  }

  it('a receiver that fails 5 times then succeeds gets every event once, in order', async () => {
    const endpoint = await addEndpoint(t.app, shop, receiver.url);
    receiver.respond = (n) => (n <= 5 ? 500 : 200);
    const order = await placeOrder(t.app, shop);
    await staff(t.app, shop).ready(order.id, shop.mall);
    await staff(t.app, shop).status(order.id, 'picked_up');

    await drain(endpoint.id);

    expect(receiver.requests.map((r) => r.status)).toEqual([500, 500, 500, 500, 500, 200, 200, 200]);
    const accepted = receiver.accepted;
    expect(accepted.map((r) => r.body.data.to ?? r.type)).toEqual(['order.placed', 'ready', 'picked_up']);
    expect(new Set(accepted.map((r) => r.id)).size).toBe(3);
    // The failed tries were the first event each time: nothing overtook it.
    expect(new Set(receiver.requests.slice(0, 6).map((r) => r.id))).toEqual(new Set([accepted[0]!.id]));
    for (const r of accepted) expect(receiver.verify(r, endpoint.secret)).toEqual(r.body);

    // The log shows every attempt, and the back-off growing: 5 s, 20 s, 80 s, 320 s, 1280 s.
    const log = (await staff(t.app, shop).log(endpoint.id)).body;
    const first = log.attempts.filter((a: { eventId: string }) => a.eventId === accepted[0]!.id).reverse();
    expect(first.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500, 500, 500, 200]);
    const gaps = first.slice(1).map((a: { at: string }, i: number) => (Date.parse(a.at) - Date.parse(first[i].at)) / 1000);
    expect(gaps).toEqual([5, 20, 80, 320, 1280]);
    expect(log.deliveries.every((d: { status: string }) => d.status === 'succeeded')).toBe(true);
  });

  it('gives up after about three days, and the order’s later events then go on', async () => {
    const endpoint = await addEndpoint(t.app, shop, receiver.url);
    receiver.respond = () => 503;
    const order = await placeOrder(t.app, shop);
    const placedAt = now;
    await drain(endpoint.id, 40);
    const log = (await staff(t.app, shop).log(endpoint.id)).body;
    expect(log.deliveries).toEqual([expect.objectContaining({ eventType: 'order.placed', status: 'failed', lastStatus: 503 })]);
    const attempts = log.attempts.length;
    expect(attempts).toBeGreaterThan(10);
    const last = Date.parse(log.attempts[0].at);
    expect(last - placedAt).toBeGreaterThan(60 * 3_600_000);
    expect(last - placedAt).toBeLessThanOrEqual(72 * 3_600_000);

    receiver.respond = () => 200;
    await staff(t.app, shop).ready(order.id, shop.mall);
    await t.app.webhooks.deliverDue();
    expect(receiver.accepted.map((r) => r.body.data.to)).toEqual(['ready']);
    // The merchant can send the given-up event again from the log.
    const retried = await call(t.app, {
      method: 'POST',
      url: `/v1/admin/webhook-endpoints/${endpoint.id}/deliveries/${log.deliveries[0].eventId}/retry`,
      headers: bearer(shop.secretKey),
    });
    expect(retried.status).toBe(202);
    await t.app.webhooks.deliverDue();
    expect(receiver.accepted.map((r) => r.type)).toEqual(['order.status_changed', 'order.placed']);
  });

  it('rotating the secret signs with both secrets for a day, then with the new one alone', async () => {
    const endpoint = await addEndpoint(t.app, shop, receiver.url);
    const rotated = await call(t.app, {
      method: 'POST',
      url: `/v1/admin/webhook-endpoints/${endpoint.id}/rotate-secret`,
      headers: bearer(shop.secretKey),
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(rotated.body.previousSecretExpiresAt).toBe(new Date(now + 24 * 3_600_000).toISOString());

    await placeOrder(t.app, shop);
    await t.app.webhooks.deliverDue();
    const during = receiver.requests.at(-1)!;
    expect(during.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(receiver.verify(during, endpoint.secret)).toEqual(during.body);
    expect(receiver.verify(during, rotated.body.secret)).toEqual(during.body);

    now += 25 * 3_600_000;
    await placeOrder(t.app, shop);
    await t.app.webhooks.deliverDue();
    const after = receiver.requests.at(-1)!;
    expect(receiver.verify(after, rotated.body.secret)).toEqual(after.body);
    expect(() => receiver.verify(after, endpoint.secret)).toThrow();
    const secret = await call(t.app, {
      method: 'GET',
      url: `/v1/admin/webhook-endpoints/${endpoint.id}/secret`,
      headers: bearer(shop.secretKey),
    });
    expect(secret.body).toEqual({ secret: rotated.body.secret, previousSecretExpiresAt: null });
  });

  it('send test event, event filters, stock.low, and the endpoint API', async () => {
    const admin = bearer(shop.secretKey);
    const plain = await call(t.app, {
      method: 'POST',
      url: '/v1/admin/webhook-endpoints',
      headers: admin,
      payload: { url: 'http://shop.example/hooks' },
    });
    expect(plain.status).toBe(400);
    expect(errorOf(plain).message).toMatch(/https/);
    const unknownType = await call(t.app, {
      method: 'POST',
      url: '/v1/admin/webhook-endpoints',
      headers: admin,
      payload: { url: receiver.url, eventTypes: ['order.eaten'] },
    });
    expect(unknownType.status).toBe(400);

    const all = await addEndpoint(t.app, shop, receiver.url);
    const tested = await call(t.app, { method: 'POST', url: `/v1/admin/webhook-endpoints/${all.id}/test`, headers: admin });
    expect(tested.status).toBe(202);
    await t.app.webhooks.deliverDue();
    expect(receiver.requests.map((r) => [r.id, r.type])).toEqual([[tested.body.eventId, 'webhook.test']]);
    expect(receiver.verify(receiver.requests[0]!, all.secret)).toMatchObject({ type: 'webhook.test' });
    receiver.requests.length = 0;

    const stockOnly = await addEndpoint(t.app, shop, `${receiver.url}?only=stock`, ['stock.low']);
    await setStock(t.app, shop.secretKey, [{ nodeId: shop.mall, sku: shop.sku, onHand: 4 }]);
    await placeOrder(t.app, shop, { items: [{ sku: shop.sku, quantity: 2 }] });
    await placeOrder(t.app, shop);
    await t.app.webhooks.deliverDue();
    const toStockOnly = receiver.requests.filter(
      (r) => r.headers['webhook-signature'] && r.raw && receiver.verifyQuietly(r, stockOnly.secret),
    );
    // Stock fell to 2 with the first order: reported once, not again as it fell further.
    expect(toStockOnly.map((r) => [r.type, r.body.data.nodeId, r.body.data.available])).toEqual([['stock.low', shop.mall, 2]]);
    expect(receiver.requests.filter((r) => r.type === 'order.placed')).toHaveLength(2);

    const list = await call(t.app, { method: 'GET', url: '/v1/admin/webhook-endpoints', headers: admin });
    expect(list.body.items.map((e: { id: string }) => e.id).sort()).toEqual([all.id, stockOnly.id].sort());
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
    const disabled = await call(t.app, {
      method: 'PATCH',
      url: `/v1/admin/webhook-endpoints/${all.id}`,
      headers: admin,
      payload: { enabled: false },
    });
    expect(disabled.body.enabled).toBe(false);
    const removed = await call(t.app, { method: 'DELETE', url: `/v1/admin/webhook-endpoints/${stockOnly.id}`, headers: admin });
    expect(removed.body).toEqual({ deleted: true });
    expect((await call(t.app, { method: 'GET', url: `/v1/admin/webhook-endpoints/${stockOnly.id}`, headers: admin })).status).toBe(404);
    const other = await openShop(t.app);
    expect(
      (await call(t.app, { method: 'GET', url: `/v1/admin/webhook-endpoints/${all.id}`, headers: bearer(other.secretKey) })).status,
    ).toBe(404);
  });
});
