import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PromiseResponse } from '../../../contract/public.js';
import { DEMO_PUBLISHABLE_KEY } from '../../../server/seed/demo.js';
import { bearer, buildTestApp, call, createMerchant, errorOf, type TestApp } from '../helper.js';
import { openLoneStoreShop, publicHeaders, startCheckout } from '../fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const pk = bearer(DEMO_PUBLISHABLE_KEY);
const promise = (query: string, headers: Record<string, string> = pk) =>
  call(t.app, { method: 'GET', url: `/v1/promise?${query}`, headers });
const services = (body: { options: Array<{ service: string }> }) => body.options.map((o) => o.service).sort();

describe('GET /v1/promise: answers', () => {
  it('answers Chandler with the options worth choosing, nearest node first, in the contract shape', async () => {
    const res = await promise('sku=TEE-BLK-M&postal_code=85226');
    expect(res.status).toBe(200);
    expect(PromiseResponse.safeParse(res.body).success).toBe(true);
    // With the default (recommended) buffers, Standard from the Phoenix station is promised
    // tomorrow to two business days later, for less than next-day or two-day would cost, and the
    // local courier's range (three days of slack) ends no sooner, for more: none of those three
    // is shown (docs/promise-model.md, "What the shopper is shown").
    expect(services(res.body)).toEqual(['same_day', 'standard']);
    const standard = res.body.options.find((o: { service: string }) => o.service === 'standard');
    expect([standard.name, standard.dateRange, standard.window.start, standard.window.end]).toEqual([
      'standard',
      true,
      '2026-03-11T08:00:00-07:00',
      '2026-03-13T20:00:00-07:00',
    ]);
    const sameDay = res.body.options.find((o: { service: string }) => o.service === 'same_day');
    expect(sameDay.shipments[0].nodeName).toBe('Chandler Fashion Center');
    expect(sameDay.price).toEqual({ amount: 799, currency: 'USD' });
    expect(res.body.product).toEqual({
      sku: 'TEE-BLK-M',
      title: 'Everyday Tee — Black, M',
      price: { amount: 2400, currency: 'USD' },
      imageUrl: null,
      fastDeliveryEligible: true,
    });
    expect(res.body.destination).toMatchObject({ postalCode: '85226', timeZone: 'America/Phoenix', label: 'Chandler, AZ 85226' });
    expect(res.body.member).toBe(false);
    expect(res.body.quantity).toBe(1);
    expect(res.body.computedAt).toBe('2026-03-10T15:00:00.000Z');
  });

  it('is cacheable for five seconds and varies on Origin and Authorization', async () => {
    const res = await promise('sku=TEE-BLK-M&postal_code=85226');
    expect(res.headers['cache-control']).toBe('public, max-age=5');
    const vary = String(res.headers.vary)
      .split(',')
      .map((s) => s.trim());
    expect(vary).toEqual(expect.arrayContaining(['Origin', 'Authorization']));
  });

  it.each([
    // Bisbee and Missoula are beyond a truck's overnight reach: next-day flies, on the air cut-off.
    ['85603', 'Bisbee, a small town: local courier, no same-day', ['local_courier', 'next_day', 'standard']],
    ['89109', 'Las Vegas: same-day from Fashion Show', ['same_day', 'standard']],
    ['22102', 'McLean: same-day from Tysons Corner', ['same_day', 'standard']],
    ['59801', 'Missoula: nothing near', ['next_day', 'standard', 'two_day']],
  ])('answers %s (%s)', async (zip, _label, expected) => {
    const res = await promise(`sku=TEE-BLK-M&postal_code=${zip}`);
    expect(res.status).toBe(200);
    expect(services(res.body)).toEqual(expected);
  });

  it('takes coordinates instead of a postal code', async () => {
    const res = await promise('sku=TEE-BLK-M&lat=36.1274&lng=-115.1711');
    expect(res.status).toBe(200);
    expect(res.body.destination).toMatchObject({ postalCode: null, timeZone: 'America/Los_Angeles' });
    expect(services(res.body)).toContain('same_day');
  });

  it('returns no options for a sold-out product, and says it is sold out', async () => {
    const res = await promise('sku=SNEAKER-RUN-9&postal_code=85226');
    expect(res.status).toBe(200);
    expect(res.body.options).toEqual([]);
    expect(res.body.unavailable).toEqual({ reason: 'sold_out', message: 'Sold out everywhere', retryAt: null });
    expect(PromiseResponse.safeParse(res.body).success).toBe(true);
  });

  it('promises the last unit, but not two of it', async () => {
    // The last cap sits at the Tempe station: with no second holder nearby it is not promised
    // same-day (docs/simulation.md, "Buffers"), and Standard's range from there is shown.
    const one = await promise('sku=CAP-NVY&postal_code=85226&qty=1');
    expect(services(one.body)).toEqual(['standard']);
    expect(one.body.options[0].shipments[0].nodeId).toBe('phx-tempe-station');
    expect(one.body.unavailable).toBeNull();
    const two = await promise('sku=CAP-NVY&postal_code=85226&qty=2');
    expect(two.body.options).toEqual([]);
    expect(two.body.unavailable.reason).toBe('sold_out');
  });

  it('says a product in stock elsewhere is not deliverable to a place no holder reaches', async () => {
    // The cedar candle sits in local shops only, none of which reaches Las Vegas.
    const res = await promise('sku=CANDLE-CEDAR&postal_code=89109');
    expect(res.body.options).toEqual([]);
    expect(res.body.unavailable).toMatchObject({ reason: 'not_deliverable', retryAt: null });
    expect(res.body.unavailable.message).toContain('89109');
  });

  it('ships a product stocked only in the far fulfilment centre by carrier only', async () => {
    const res = await promise('sku=LAMP-BRASS&postal_code=85226');
    // Over the free-shipping threshold both are free, and two-day air beats five ground days.
    expect(services(res.body)).toEqual(['two_day']);
    expect(res.body.options[0].shipments[0].nodeId).toBe('lehigh-valley-fc');
  });

  it('keeps variants apart: black L has no same-day in Chandler while black M has', async () => {
    const res = await promise('sku=TEE-BLK-L&postal_code=85226');
    expect(services(res.body)).not.toContain('same_day');
    expect(services(res.body)).toContain('standard');
  });
});

describe('GET /v1/promise: validation', () => {
  it.each([
    ['postal_code=85226', 'query sku'],
    ['sku=&postal_code=85226', 'query sku'],
    ['sku=bad%20sku&postal_code=85226', 'query sku'],
    ['sku=TEE-BLK-M&postal_code=85226&qty=0', 'query qty'],
    ['sku=TEE-BLK-M&postal_code=85226&qty=100', 'query qty'],
    ['sku=TEE-BLK-M&postal_code=85226&qty=1.5', 'query qty'],
    ['sku=TEE-BLK-M&postal_code=85226&qty=abc', 'query qty'],
    ['sku=TEE-BLK-M', 'query postal_code'],
    ['sku=TEE-BLK-M&lat=33.3', 'query postal_code'],
    ['sku=TEE-BLK-M&lat=91&lng=0', 'query lat'],
    ['sku=TEE-BLK-M&lat=0&lng=-181', 'query lng'],
    ['sku=TEE-BLK-M&postal_code=85%3C26', 'query postal_code'],
    ['sku=TEE-BLK-M&postal_code=85226&country=USA', 'query country'],
    ['sku=TEE-BLK-M&postal_code=85226&color=red', 'query'],
    ['sku=TEE-BLK-M&postal_code=%00%00%00', 'query postal_code'],
  ])('rejects ?%s with 400 naming %s', async (query, where) => {
    const res = await promise(query);
    expect(res.status).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain(`Invalid ${where}`);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('names the SKU it does not know', async () => {
    const res = await promise('sku=NO-SUCH-SKU&postal_code=85226');
    expect(res.status).toBe(404);
    expect(errorOf(res)).toEqual({ code: 'not_found', message: 'No product with SKU NO-SUCH-SKU' });
  });

  it('says an unknown postal code cannot be delivered to, and that it is unknown', async () => {
    const res = await promise('sku=TEE-BLK-M&postal_code=00000');
    expect(res.status).toBe(422);
    expect(errorOf(res).code).toBe('undeliverable');
    expect(errorOf(res).message).toContain('00000');
    expect(errorOf(res).details).toEqual({ reason: 'unknown_postal_code' });
  });

  it.each([
    ['09001', 'an APO address'],
    ['96941', 'Micronesia, another country'],
  ])('says %s (%s) is a real place we do not deliver to', async (zip) => {
    const res = await promise(`sku=TEE-BLK-M&postal_code=${zip}`);
    expect(res.status).toBe(422);
    expect(errorOf(res)).toMatchObject({ code: 'undeliverable', details: { reason: 'not_deliverable' } });
  });

  it('says which countries are covered', async () => {
    const res = await promise('sku=TEE-BLK-M&postal_code=75001&country=fr');
    expect(res.status).toBe(422);
    expect(errorOf(res).message).toContain('FR');
  });
});

describe('GET /v1/promise: keys and origins', () => {
  it('needs a key', async () => {
    const res = await promise('sku=TEE-BLK-M&postal_code=85226', {});
    expect(res.status).toBe(401);
    expect(errorOf(res).code).toBe('unauthorized');
    expect(errorOf(res).message).toContain('publishable key');
  });

  it.each([['Basic abc'], ['Bearer'], ['Bearer nope'], ['Bearer pk_!!!!!!!!!!']])(
    'refuses a malformed Authorization header %j',
    async (header) => {
      const res = await promise('sku=TEE-BLK-M&postal_code=85226', { authorization: header });
      expect(res.status).toBe(401);
      expect(errorOf(res).code).toBe('unauthorized');
    },
  );

  it('refuses an unknown publishable key without echoing it whole', async () => {
    const res = await promise('sku=TEE-BLK-M&postal_code=85226', bearer('pk_unknownkey123456789'));
    expect(res.status).toBe(401);
    expect(errorOf(res).message).not.toContain('pk_unknownkey123456789');
  });

  it('answers an allowed origin with CORS headers', async () => {
    const res = await promise('sku=TEE-BLK-M&postal_code=85226', { ...pk, origin: 'http://localhost:3000' });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:3000');
  });

  it('refuses an origin the merchant did not allow, with no CORS header', async () => {
    const res = await promise('sku=TEE-BLK-M&postal_code=85226', { ...pk, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('origin_not_allowed');
    expect(errorOf(res).message).toContain('https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it("does not let one merchant's origin through for another merchant's key", async () => {
    const other = await createMerchant(t.app, ['https://other-shop.example']);
    const res = await promise('sku=TEE-BLK-M&postal_code=85226', { ...pk, origin: 'https://other-shop.example' });
    expect(res.status).toBe(403);
    const own = await promise('sku=TEE-BLK-M&postal_code=85226', { ...bearer(other.publishableKey), origin: 'https://other-shop.example' });
    // Known key and origin; this merchant just has no such product.
    expect(own.status).toBe(404);
  });

  it('answers a preflight from an allowed origin, and not from others', async () => {
    const ok = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/promise?sku=TEE-BLK-M&postal_code=85226',
      headers: {
        origin: 'http://127.0.0.1:5173',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
    expect(String(ok.headers['access-control-allow-headers'])).toContain('authorization');
    const bad = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/promise',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(bad.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('accepts the secret key from a server (no Origin), never from a browser', async () => {
    const server = await promise('sku=TEE-BLK-M&postal_code=85226', bearer(t.demo.secretKey));
    expect(server.status).toBe(200);
    const browser = await promise('sku=TEE-BLK-M&postal_code=85226', { ...bearer(t.demo.secretKey), origin: 'http://localhost:3000' });
    expect(browser.status).toBe(403);
    expect(errorOf(browser).code).toBe('forbidden');
    expect(browser.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('GET /v1/promise: live stock', () => {
  it('shows a stock change made through the admin API in the next promise', async () => {
    const sk = bearer(t.demo.secretKey);
    const before = await promise('sku=CANDLE-CEDAR&postal_code=89109');
    expect(services(before.body)).toEqual([]);
    const put = await call(t.app, {
      method: 'PUT',
      url: '/v1/admin/inventory',
      headers: sk,
      // Both Las Vegas malls: same-day is offered where a second place nearby holds the item.
      payload: {
        levels: [
          { nodeId: 'fashion-show-las-vegas', sku: 'CANDLE-CEDAR', onHand: 3 },
          { nodeId: 'downtown-summerlin', sku: 'CANDLE-CEDAR', onHand: 2 },
        ],
      },
    });
    expect(put.status).toBe(200);
    const after = await promise('sku=CANDLE-CEDAR&postal_code=89109');
    expect(services(after.body)).toEqual(['same_day']);
    await call(t.app, {
      method: 'PUT',
      url: '/v1/admin/inventory',
      headers: sk,
      payload: {
        levels: [
          { nodeId: 'fashion-show-las-vegas', sku: 'CANDLE-CEDAR', onHand: 0 },
          { nodeId: 'downtown-summerlin', sku: 'CANDLE-CEDAR', onHand: 0 },
        ],
      },
    });
    const gone = await promise('sku=CANDLE-CEDAR&postal_code=89109');
    expect(gone.body.options).toEqual([]);
  });

  it("says when the last units are held by another shopper's checkout, and when to look again", async () => {
    // One store's last unit, promised same-day alone: a second holder would still offer it.
    const shop = await openLoneStoreShop(t.app, { mall: 1 });
    const ask = () => promise(`sku=${shop.sku}&postal_code=85226`, publicHeaders(shop));
    expect((await ask()).body.unavailable).toBeNull();
    const session = await startCheckout(t.app, shop);
    expect(session.status).toBe(201);
    const held = await ask();
    expect(held.body.options).toEqual([]);
    expect(held.body.unavailable).toMatchObject({ reason: 'held', retryAt: session.body.reservationExpiresAt });
    // Two wanted while one is held: more than there is at all.
    const two = await promise(`sku=${shop.sku}&postal_code=85226&qty=2`, publicHeaders(shop));
    expect(two.body.unavailable.reason).toBe('sold_out');
  });

  it('never promises reserved units', async () => {
    // Reservations arrive with the checkout issue; the column and the refresh hook exist now.
    await t.db.query(`UPDATE inventory_levels SET reserved = on_hand WHERE merchant_id = 'mer_demo' AND sku = 'CAP-NVY'`);
    await t.app.networks.refreshStock('mer_demo', ['CAP-NVY']);
    const res = await promise('sku=CAP-NVY&postal_code=85226');
    expect(res.body.options).toEqual([]);
    await t.db.query(`UPDATE inventory_levels SET reserved = 0 WHERE merchant_id = 'mer_demo' AND sku = 'CAP-NVY'`);
    await t.app.networks.refreshStock('mer_demo', ['CAP-NVY']);
    expect(services((await promise('sku=CAP-NVY&postal_code=85226')).body)).toEqual(['standard']);
  });

  it('drops a node removed through the admin API from the next promise', async () => {
    const sk = bearer(t.demo.secretKey);
    const node = await call(t.app, {
      method: 'POST',
      url: '/v1/admin/nodes',
      headers: sk,
      payload: {
        id: 'missoula-shop',
        name: 'Missoula Shop',
        kind: 'local_store',
        lat: 46.87,
        lng: -113.99,
        timeZone: 'America/Denver',
        handlingMinutes: 30,
        cutoffs: { local_courier: '16:00' },
      },
    });
    expect(node.status).toBe(201);
    await call(t.app, {
      method: 'PUT',
      url: '/v1/admin/inventory',
      headers: sk,
      payload: { levels: [{ nodeId: 'missoula-shop', sku: 'MUG-STONE', onHand: 5 }] },
    });
    expect(services((await promise('sku=MUG-STONE&postal_code=59801')).body)).toEqual(['local_courier']);
    const del = await call(t.app, { method: 'DELETE', url: '/v1/admin/nodes/missoula-shop', headers: sk });
    expect(del.status).toBe(200);
    expect((await promise('sku=MUG-STONE&postal_code=59801')).body.options).toEqual([]);
  });
});

describe('GET /v1/promise: the one-second answer cache', () => {
  it('never serves an option past its cut-off, even within the cache lifetime', async () => {
    // 13:59:59.900 in Phoenix: Chandler Fashion Center's same-day cut-off is 14:00.
    let now = Date.parse('2026-03-10T20:59:59.900Z');
    const own = await buildTestApp({ clock: () => now, config: { PROMISE_CACHE_MS: 5000 } });
    try {
      const ask = () => call(own.app, { method: 'GET', url: '/v1/promise?sku=TEE-BLK-M&postal_code=85226', headers: pk });
      const before = await ask();
      const sameDay = before.body.options.filter((o: { service: string }) => o.service === 'same_day');
      expect(sameDay.map((o: { orderBy: string }) => o.orderBy)).toEqual(['2026-03-10T14:00:00-07:00']);
      now += 50;
      // Within the TTL and before the cut-off: the same answer, from memory.
      expect((await ask()).raw).toBe(before.raw);
      now += 100;
      const after = await ask();
      expect(after.raw).not.toBe(before.raw);
      for (const o of after.body.options) expect(Date.parse(o.orderBy)).toBeGreaterThan(now);
    } finally {
      await own.close();
    }
  });

  it('never serves an answer computed for a later instant when the clock moves back', async () => {
    // The demo's clock (and the tests') moves back as well as forward: from Christmas Eve
    // evening back to a Tuesday morning in March, the answer must be March's, not December's.
    let now = Date.parse('2026-12-24T17:00:00-07:00');
    const own = await buildTestApp({ clock: () => now, config: { PROMISE_CACHE_MS: 5000 } });
    try {
      const ask = () => call(own.app, { method: 'GET', url: '/v1/promise?sku=CAP-NVY&postal_code=85226', headers: pk });
      const christmasEve = await ask();
      now = Date.parse('2026-03-10T09:00:00-07:00');
      const march = await ask();
      expect(march.raw).not.toBe(christmasEve.raw);
      expect(march.body.computedAt).toBe(new Date(now).toISOString());
      for (const o of march.body.options) expect(o.window.start).toMatch(/^2026-03-1/);
    } finally {
      await own.close();
    }
  });
});
