/**
 * Checkout with the offline test provider, on PGlite and (when configured) PostgreSQL: prices
 * from the server, stock held then committed exactly once, idempotency, sold out, changed
 * promises, expiry, orders and their status.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bearer, buildTestApp, call, DB_KINDS, errorOf, openTestDb, TUESDAY_MORNING, type TestApp } from '../helper.js';
import { beginIdempotent, claimKeyForSession } from '../../../server/checkout/idempotency.js';
import { ADDRESS, levelOf, newKey, openShop, pay, publicHeaders, sessionBody, setStock, startCheckout, type Shop } from '../fixtures.js';

describe.each(DB_KINDS)('checkout on %s', (kind) => {
  let t: TestApp;
  let now = TUESDAY_MORNING;
  let shop: Shop;

  beforeAll(async () => {
    t = await buildTestApp({ testDb: await openTestDb(kind), clock: () => now, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    now = TUESDAY_MORNING;
    shop = await openShop(t.app);
  });

  it('prices on the server, holds the stock, and places the order once paid', async () => {
    const res = await startCheckout(t.app, shop, { items: [{ sku: shop.sku, quantity: 2 }] });
    expect(res.status).toBe(201);
    const session = res.body;
    expect(session).toMatchObject({
      status: 'open',
      items: [{ sku: shop.sku, quantity: 2, unitPrice: { amount: 2400, currency: 'USD' }, lineTotal: { amount: 4800, currency: 'USD' } }],
      option: { service: 'same_day', window: { start: '2026-03-10T16:00:00-07:00', end: '2026-03-10T20:00:00-07:00' } },
      payment: { provider: 'test' },
      order: null,
    });
    // The test shop's policy: same-day costs its fee; the total is the server's sum.
    const { subtotal, shipping, total } = session.amounts;
    expect(subtotal.amount).toBe(4800);
    expect(total.amount).toBe(subtotal.amount + shipping.amount);
    expect(Date.parse(session.reservationExpiresAt)).toBe(now + 15 * 60_000);
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 5, reserved: 2, available: 3 });

    // The promise already shows the held units as gone.
    const promise = await call(t.app, {
      method: 'GET',
      url: `/v1/promise?sku=${shop.sku}&qty=4&postal_code=85226`,
      headers: publicHeaders(shop),
    });
    expect(promise.body.options.find((o: { service: string }) => o.service === 'same_day')).toBeUndefined();

    const paid = await pay(t.app, shop, session.id);
    expect(paid.status).toBe(200);
    expect(paid.body.status).toBe('completed');
    expect(paid.body.order).toMatchObject({
      id: expect.stringMatching(/^ord_/),
      number: expect.stringMatching(/^NB-\w{4}-\w{2}$/),
      accessToken: expect.any(String),
    });
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 3, reserved: 0, available: 3 });

    // Paying again changes nothing: the order is placed once.
    const again = await pay(t.app, shop, session.id);
    expect(again.body.order.id).toBe(paid.body.order.id);
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 3, reserved: 0, available: 3 });

    const order = await call(t.app, {
      method: 'GET',
      url: `/v1/orders/${paid.body.order.id}?token=${paid.body.order.accessToken}`,
      headers: publicHeaders(shop),
    });
    expect(order.status).toBe(200);
    expect(order.body).toMatchObject({
      status: 'placed',
      timeline: [{ status: 'placed' }],
      address: ADDRESS,
      service: 'same_day',
      promisedWindow: { start: '2026-03-10T16:00:00-07:00', end: '2026-03-10T20:00:00-07:00' },
      amounts: session.amounts,
      // The destination's zone, whose clock every time of the order is shown on.
      timeZone: 'America/Phoenix',
    });
    expect(order.body.placedAt).toBe(new Date(now).toISOString());
    const forged = await call(t.app, { method: 'GET', url: `/v1/orders/${paid.body.order.id}?token=nope`, headers: publicHeaders(shop) });
    expect(forged.status).toBe(404);

    // The shopper's status page: the access token alone opens it, as a plain link can.
    const page = await t.app.inject({ method: 'GET', url: `/orders/${paid.body.order.id}?token=${paid.body.order.accessToken}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    // Named by its short number, as the confirmation and emails name it; the id stays in the URL.
    expect(page.body).toContain(`<title>Order ${paid.body.order.number} · `);
    expect(page.body).toContain(`<h1>Order ${paid.body.order.number}</h1>`);
    expect(page.body).not.toContain(`Order ${paid.body.order.id}`);
    expect(page.body).toContain('Everyday Tee × 2');
    // On the destination's clock; a link that does not say whose clock the viewer reads (an
    // email's) names the zone, one from a viewer in the same zone does not (contract/timeline.ts).
    expect(page.body).toContain('Same-day delivery · arrives Tue, Mar 10, 4:00 PM – 8:00 PM MST');
    expect(page.body).toMatch(
      /<li class="done" aria-current="step" data-status="placed"><span>Order placed<\/span><time datetime="[^"]+">Tue, Mar 10, \d+:\d\d [AP]M MST<\/time>/,
    );
    expect(page.body).toMatch(/<li class="" data-status="ready">/);
    const base = `/orders/${paid.body.order.id}?token=${paid.body.order.accessToken}`;
    const here = await t.app.inject({ method: 'GET', url: `${base}&tz=America/Phoenix` });
    expect(here.body).toContain('arrives Tue, Mar 10, 4:00 PM – 8:00 PM</');
    expect(here.body).not.toContain('MST');
    const elsewhere = await t.app.inject({ method: 'GET', url: `${base}&tz=${encodeURIComponent('America/New_York')}` });
    expect(elsewhere.body).toContain('arrives Tue, Mar 10, 4:00 PM – 8:00 PM MST');
    // A zone that is not one is as good as none.
    expect((await t.app.inject({ method: 'GET', url: `${base}&tz=Mars/Olympus` })).body).toContain('8:00 PM MST');
    const wrong = await t.app.inject({ method: 'GET', url: `/orders/${paid.body.order.id}?token=nope` });
    expect(wrong.statusCode).toBe(404);
  });

  it('escapes what the shopper typed on the order page', async () => {
    const session = (await startCheckout(t.app, shop, { address: { ...ADDRESS, name: '<script>alert(1)</script>' } })).body;
    const order = (await pay(t.app, shop, session.id)).body.order;
    const page = await t.app.inject({ method: 'GET', url: `/orders/${order.id}?token=${order.accessToken}` });
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('ignores no price: a body carrying one is refused', async () => {
    const res = await startCheckout(t.app, shop, { total: { amount: 1, currency: 'USD' } });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('invalid_request');
    const item = await startCheckout(t.app, shop, { items: [{ sku: shop.sku, quantity: 1, price: 1 }] });
    expect(item.status).toBe(400);
    expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ reserved: 0 });
  });

  it('a declined card keeps the hold; another card then succeeds', async () => {
    const session = (await startCheckout(t.app, shop)).body;
    const declined = await pay(t.app, shop, session.id, '4000 0000 0000 0002');
    expect(declined.status).toBe(402);
    expect(errorOf(declined)).toMatchObject({ code: 'payment_declined', message: 'Your card was declined. Try another card.' });
    expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ reserved: 1 });
    const paid = await pay(t.app, shop, session.id);
    expect(paid.body.status).toBe('completed');
  });

  describe('idempotency', () => {
    it('requires a key', async () => {
      const res = await call(t.app, {
        method: 'POST',
        url: '/v1/checkout/sessions',
        headers: publicHeaders(shop),
        payload: sessionBody(shop),
      });
      expect(res.status).toBe(400);
      expect(errorOf(res).code).toBe('idempotency_key_missing');
    });

    it('same key and body: the same answer, one hold', async () => {
      const key = newKey();
      const first = await startCheckout(t.app, shop, {}, key);
      const second = await startCheckout(t.app, shop, {}, key);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ reserved: 1 });
    });

    it('keys are kept a day, then forgotten by the sweeper', async () => {
      const key = newKey();
      const first = await startCheckout(t.app, shop, {}, key);
      now += 23 * 60 * 60_000;
      await t.app.checkout.sweep();
      const replay = await startCheckout(t.app, shop, {}, key);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body.id).toBe(first.body.id);
      now += 2 * 60 * 60_000;
      await t.app.checkout.sweep();
      const fresh = await startCheckout(t.app, shop, {}, key);
      expect(fresh.status).toBe(201);
      expect(fresh.body.id).not.toBe(first.body.id);
    });

    it('same key, another body: 422', async () => {
      const key = newKey();
      await startCheckout(t.app, shop, {}, key);
      const other = await startCheckout(t.app, shop, { items: [{ sku: shop.sku, quantity: 2 }] }, key);
      expect(other.status).toBe(422);
      expect(errorOf(other).code).toBe('idempotency_key_reused');
    });

    it('parallel retries with one key hold the stock once', async () => {
      const key = newKey();
      const answers = await Promise.all(Array.from({ length: 8 }, () => startCheckout(t.app, shop, {}, key)));
      const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id));
      expect(ids.size).toBe(1);
      for (const a of answers) expect([201, 409]).toContain(a.status);
      for (const a of answers.filter((x) => x.status === 409)) expect(errorOf(a).code).toBe('idempotency_key_in_flight');
      expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ reserved: 1 });
    });
    /**
     * Starts a checkout under `key` whose process "dies" while starting the payment: its unit is
     * held, and its payment goes on only when `revive` is called.
     */
    async function dyingCheckout(key: string) {
      const payments = t.app.payments;
      const create = payments.create.bind(payments);
      let go: () => void = () => undefined;
      payments.create = (request) =>
        new Promise((resolve) => {
          go = () => resolve(create(request));
        });
      const dying = startCheckout(t.app, shop, {}, key);
      await vi.waitFor(async () => expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ reserved: 1 }));
      payments.create = create;
      return { dying, revive: () => go() };
    }

    it('a retry after the first attempt died gets the session it made, its stock held once', async () => {
      await setStock(t.app, shop.secretKey, [{ nodeId: shop.mall, sku: shop.sku, onHand: 1 }]);
      const key = newKey();
      // The first attempt holds the stock, then its process "dies" while starting the payment.
      const { dying, revive } = await dyingCheckout(key);

      // While its lease runs the key is in flight; after it, the retry resumes that session.
      const early = await startCheckout(t.app, shop, {}, key);
      expect(early.status).toBe(409);
      now += 61_000;
      const retry = await startCheckout(t.app, shop, {}, key);
      expect(retry.status).toBe(201);
      expect(retry.body.status).toBe('open');
      expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 1, reserved: 1, available: 0 });
      const [made] = await t.db.query<{ id: string }>(`SELECT id FROM checkout_sessions WHERE merchant_id = $1`, [shop.id]);
      expect(retry.body.id).toBe(made!.id);
      const replay = await startCheckout(t.app, shop, {}, key);
      expect(replay.body.id).toBe(made!.id);
      expect((await pay(t.app, shop, retry.body.id)).body.status).toBe('completed');

      // The first attempt, had it lived on, answers with the same session.
      revive();
      expect((await dying).body.id).toBe(made!.id);
    });

    it('a retry whose own hold finds no stock still gets the session its key made', async () => {
      await setStock(t.app, shop.secretKey, [{ nodeId: shop.mall, sku: shop.sku, onHand: 2 }]);
      const key = newKey();
      // The first attempt holds a unit, then its process "dies" while starting the payment.
      const { dying, revive } = await dyingCheckout(key);
      // The last unit goes behind the index's back: the index still offers it, so the retry is
      // not answered from the index, and its own hold is refused by the database.
      await t.db.query(`UPDATE inventory_levels SET on_hand = 1 WHERE merchant_id = $1 AND sku = $2 AND node_id = $3`, [
        shop.id,
        shop.sku,
        shop.mall,
      ]);
      expect(t.app.networks.get(shop.id).stockedCount(shop.sku)).toBeGreaterThan(0);

      now += 61_000;
      const retry = await startCheckout(t.app, shop, {}, key);
      expect(retry.status).toBe(201);
      const [made] = await t.db.query<{ id: string }>(`SELECT id FROM checkout_sessions WHERE merchant_id = $1`, [shop.id]);
      expect(retry.body.id).toBe(made!.id);
      expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 1, reserved: 1, available: 0 });
      revive();
      expect((await dying).body.id).toBe(made!.id);
    });

    it('a refusal before any hold is the key’s answer, for every retry', async () => {
      // The index offers stock the database no longer has: the hold is refused.
      await t.db.query(`UPDATE inventory_levels SET on_hand = 0 WHERE merchant_id = $1 AND sku = $2`, [shop.id, shop.sku]);
      const key = newKey();
      const refused = await startCheckout(t.app, shop, {}, key);
      expect(refused.status).toBe(409);
      expect(errorOf(refused).code).toBe('out_of_stock');
      const replay = await startCheckout(t.app, shop, {}, key);
      expect(replay.status).toBe(409);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(refused.body);
      expect(await t.db.query(`SELECT 1 FROM checkout_sessions WHERE merchant_id = $1`, [shop.id])).toHaveLength(0);
    });

    it('an attempt that lost its key to a retry cannot tie a session to it', async () => {
      const key = newKey();
      const slow = await beginIdempotent(t.db, shop.id, key, 'digest', now);
      const retry = await beginIdempotent(t.db, shop.id, key, 'digest', now + 61_000);
      expect(slow.kind).toBe('owner');
      expect(retry.kind).toBe('owner');
      if (slow.kind !== 'owner' || retry.kind !== 'owner') return;
      expect(await claimKeyForSession(t.db, shop.id, key, slow.owner, 'cs_slow')).toBe(false);
      expect(await claimKeyForSession(t.db, shop.id, key, retry.owner, 'cs_retry')).toBe(true);
      // Tied once: a later attempt resumes that session.
      expect(await beginIdempotent(t.db, shop.id, key, 'digest', now + 200_000)).toMatchObject({ kind: 'owner', sessionId: 'cs_retry' });
    });
  });

  it('sold out: 409 naming the SKU, with what else can be offered', async () => {
    await setStock(t.app, shop.secretKey, [
      { nodeId: shop.mall, sku: shop.sku, onHand: 1 },
      { nodeId: shop.station, sku: shop.sku, onHand: 3 },
    ]);
    expect((await startCheckout(t.app, shop)).status).toBe(201);
    const second = await startCheckout(t.app, shop);
    expect(second.status).toBe(409);
    const error = errorOf(second);
    expect(error.code).toBe('out_of_stock');
    expect(error.details).toMatchObject({ sku: shop.sku, service: 'same_day' });
    const services = (error.details as { options: Array<{ service: string }> }).options.map((o) => o.service);
    expect(services).toContain('standard');
    expect(services).not.toContain('same_day');

    await setStock(t.app, shop.secretKey, [{ nodeId: shop.station, sku: shop.sku, onHand: 0 }]);
    const none = await startCheckout(t.app, shop, { service: 'next_day' });
    expect(errorOf(none)).toMatchObject({
      code: 'out_of_stock',
      message: `Not enough stock of ${shop.sku} to deliver 1 to Chandler, AZ 85226`,
    });
  });

  it('sold out in the live index: answered at once, nothing written, so a retry after a restock asks again', async () => {
    const everywhere = (onHand: number) => [shop.mall, shop.downtown].map((nodeId) => ({ nodeId, sku: shop.sku, onHand }));
    await setStock(t.app, shop.secretKey, everywhere(0));
    const key = newKey();
    const gone = await startCheckout(t.app, shop, {}, key);
    expect(gone.status).toBe(409);
    expect(errorOf(gone)).toMatchObject({
      code: 'out_of_stock',
      message: `Not enough stock of ${shop.sku} to deliver 1 to Chandler, AZ 85226`,
    });
    const keys = await t.db.query(`SELECT 1 FROM idempotency_keys WHERE merchant_id = $1 AND key = $2`, [shop.id, key]);
    expect(keys).toHaveLength(0);
    const sessions = await t.db.query(`SELECT 1 FROM checkout_sessions WHERE merchant_id = $1`, [shop.id]);
    expect(sessions).toHaveLength(0);

    // Both holders restocked: a same-day offer asks a second place nearby to hold it too.
    await setStock(t.app, shop.secretKey, everywhere(1));
    const restocked = await startCheckout(t.app, shop, {}, key);
    expect(restocked.status).toBe(201);
    expect(restocked.headers['idempotent-replayed']).toBeUndefined();
  });

  it('an index that may have missed notices reads the stock again before refusing', async () => {
    await setStock(t.app, shop.secretKey, [{ nodeId: shop.mall, sku: shop.sku, onHand: 0 }]);
    // This process's LISTEN connection drops; meanwhile another process restocks the SKU.
    t.app.changes.lost();
    try {
      await t.db.query(`UPDATE inventory_levels SET on_hand = 2 WHERE merchant_id = $1 AND sku = $2`, [shop.id, shop.sku]);
      expect(t.app.networks.current).toBe(false);
      const res = await startCheckout(t.app, shop);
      expect(res.status).toBe(201);
      expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 2, reserved: 1, available: 1 });
      // A second drop while catching up: still not current until a read that began after it.
      const catchingUp = t.app.networks.resync();
      t.app.networks.lost();
      await catchingUp;
      expect(t.app.networks.current).toBe(false);
    } finally {
      await t.app.changes.resync();
    }
    expect(t.app.networks.current).toBe(true);
  });

  it('the database is the judge: a stale index does not oversell', async () => {
    // Take the stock away behind the in-memory index's back, as another process would.
    await t.db.query(`UPDATE inventory_levels SET on_hand = 0 WHERE merchant_id = $1 AND sku = $2`, [shop.id, shop.sku]);
    const res = await startCheckout(t.app, shop);
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('out_of_stock');
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 0, reserved: 0, available: 0 });
  });

  it('promise changed: a window later than the one shown is not charged silently', async () => {
    const shown = { start: '2026-03-10T16:00:00-07:00', end: '2026-03-10T20:00:00-07:00' };
    expect((await startCheckout(t.app, shop, { expectedWindow: shown })).status).toBe(201);
    now = Date.parse('2026-03-10T21:30:00Z'); // 14:30 in Phoenix: the same-day cut-off passed.
    const res = await startCheckout(t.app, shop, { expectedWindow: shown });
    expect(res.status).toBe(409);
    const error = errorOf(res);
    expect(error.code).toBe('promise_changed');
    // The message names the window same-day would now take; the options offered instead are the
    // shopper's view, where a "same-day" tomorrow is no longer called same-day.
    expect(error.message).toContain('2026-03-11T16:00:00-07:00');
    const services = (error.details as { options: Array<{ service: string }> }).options.map((o) => o.service);
    expect(services).not.toContain('same_day');
  });

  it('an option gone: the message names it as the shopper saw it, not only its service', async () => {
    // Next-day with the recommended slack is a range past tomorrow: shown as Express (docs/promise-model.md).
    // Only the mall holds the shirt, and it sends same-day only.
    const shown = { start: '2026-03-11T09:00:00-07:00', end: '2026-03-12T19:00:00-07:00' };
    const res = await startCheckout(t.app, shop, { service: 'next_day', expectedWindow: shown });
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('out_of_stock');
    expect(errorOf(res).message).toBe('Express delivery is no longer available for this order; other options are still open');
  });

  it('unknown SKU, undeliverable address', async () => {
    const unknown = await startCheckout(t.app, shop, { items: [{ sku: 'NOPE', quantity: 1 }] });
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).message).toBe('No product with SKU NOPE');
    const nowhere = await startCheckout(t.app, shop, { address: { ...ADDRESS, postalCode: '00000' } });
    expect(nowhere.status).toBe(422);
    expect(errorOf(nowhere).code).toBe('undeliverable');
  });

  it('refuses a postal code in another state than the address names, naming both fields, holding nothing', async () => {
    const wrong = await startCheckout(t.app, shop, { address: { ...ADDRESS, region: 'CA' } });
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong)).toMatchObject({
      code: 'invalid_request',
      message: 'Postal code 85226 is in Arizona (AZ), not CA',
      details: {
        issues: [{ path: 'address.postalCode' }, { path: 'address.region', message: 'Choose Arizona (AZ), or correct the postal code' }],
      },
    });
    expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ reserved: 0 });
    // The state's name reads as well as its code.
    expect((await startCheckout(t.app, shop, { address: { ...ADDRESS, region: 'arizona' } })).status).toBe(201);
  });

  it('unpaid holds expire: the sweeper releases them, and paying late is refused', async () => {
    const session = (await startCheckout(t.app, shop, { items: [{ sku: shop.sku, quantity: 3 }] })).body;
    expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ reserved: 3 });
    now += 14 * 60_000;
    expect(await t.app.checkout.sweep()).toBe(0);
    now += 2 * 60_000;
    expect(await t.app.checkout.sweep()).toBeGreaterThanOrEqual(1);
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    const late = await pay(t.app, shop, session.id);
    expect(late.status).toBe(410);
    expect(errorOf(late).code).toBe('session_expired');
    const read = await call(t.app, { method: 'GET', url: `/v1/checkout/sessions/${session.id}`, headers: publicHeaders(shop) });
    expect(read.body.status).toBe('expired');
  });

  it('orders move on one step at a time; cancelling returns the stock', async () => {
    const session = (await startCheckout(t.app, shop, { items: [{ sku: shop.sku, quantity: 2 }] })).body;
    const orderId = (await pay(t.app, shop, session.id)).body.order.id;
    const admin = bearer(shop.secretKey);
    const step = (status: string) =>
      call(t.app, { method: 'POST', url: `/v1/admin/orders/${orderId}/status`, headers: admin, payload: { status } });
    expect(errorOf(await step('delivered')).message).toMatch(/next status is ready/);
    expect((await step('ready')).body.status).toBe('ready');
    expect((await step('picked_up')).body.status).toBe('picked_up');
    expect(await levelOf(t.app, shop, shop.mall)).toMatchObject({ onHand: 3 });
    const cancelled = await step('cancelled');
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.timeline.map((e: { status: string }) => e.status)).toEqual(['placed', 'ready', 'picked_up', 'cancelled']);
    expect(await levelOf(t.app, shop, shop.mall)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    expect((await step('cancelled')).body.status).toBe('cancelled');
    const list = await call(t.app, { method: 'GET', url: '/v1/admin/orders', headers: admin });
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([orderId]);
    const wrongKey = await call(t.app, { method: 'GET', url: '/v1/admin/orders', headers: bearer(shop.publishableKey) });
    expect(wrongKey.status).toBe(403);
  });

  it('a session of another merchant is not found', async () => {
    const session = (await startCheckout(t.app, shop)).body;
    const other = await openShop(t.app);
    const res = await call(t.app, { method: 'GET', url: `/v1/checkout/sessions/${session.id}`, headers: publicHeaders(other) });
    expect(res.status).toBe(404);
  });
});
