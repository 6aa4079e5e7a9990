/** The console's keys, orders and staff pages: roles, places, CSRF, bad input, the audit log. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, call, errorOf, type TestApp } from '../helper.js';
import { openShop, pay, setStock, startCheckout, type Shop } from '../fixtures.js';
import type { DevMailer } from '../../../server/mail/mailer.js';
import { API, as, signIn, signUp, uniqueEmail, type Signed } from './helpers.js';

describe('console: keys, orders, staff', () => {
  let t: TestApp;
  let shop: Shop;
  let owner: Signed;
  /** Orders placed from the mall (same day) and from the station (next day). */
  const orders: { mall: string[]; station: string[] } = { mall: [], station: [] };

  beforeAll(async () => {
    t = await buildTestApp();
    shop = await openShop(t.app, { mall: 20, station: 20 });
    const email = uniqueEmail('owner');
    await t.app.console.ensureOwner(shop.id, email, 'Olive Owner');
    owner = await signIn(t.app, email);
    await setStock(t.app, shop.secretKey, [{ nodeId: shop.mall, sku: shop.sku, onHand: 0 }]);
    for (let i = 0; i < 2; i++) {
      const s = await startCheckout(t.app, shop, { service: 'next_day', email: `next${i}@buyer.example` });
      expect(s.status, s.raw).toBe(201);
      orders.station.push((await pay(t.app, shop, s.body.id)).body.order.id);
    }
    await setStock(t.app, shop.secretKey, [
      { nodeId: shop.mall, sku: shop.sku, onHand: 20 },
      { nodeId: shop.station, sku: shop.sku, onHand: 0 },
    ]);
    for (let i = 0; i < 3; i++) {
      const s = await startCheckout(t.app, shop, { service: 'same_day', email: `same${i}@buyer.example` });
      expect(s.status, s.raw).toBe(201);
      orders.mall.push((await pay(t.app, shop, s.body.id)).body.order.id);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the publishable key, origins and the snippet parts; rolls the secret key once', async () => {
    const keys = await as(t.app, owner, { method: 'GET', url: `${API}/keys` });
    expect(keys.body).toMatchObject({
      publishableKey: shop.publishableKey,
      allowedOrigins: ['https://shop.example'],
      widgetUrl: 'http://localhost:80/widget/nearbuy.js',
      sampleSku: expect.any(String),
    });
    const rolled = await as(t.app, owner, { method: 'POST', url: `${API}/keys/secret` });
    expect(rolled.status).toBe(200);
    expect(rolled.headers['cache-control']).toBe('no-store');
    const fresh = rolled.body.secretKey as string;
    expect(fresh).toMatch(/^sk_/);
    expect((await call(t.app, { method: 'GET', url: '/v1/admin/merchant', headers: bearer(shop.secretKey) })).status).toBe(401);
    expect((await call(t.app, { method: 'GET', url: '/v1/admin/merchant', headers: bearer(fresh) })).status).toBe(200);
    shop.secretKey = fresh;
    const origins = await as(t.app, owner, {
      method: 'PUT',
      url: `${API}/keys/origins`,
      payload: { allowedOrigins: ['https://shop.example', 'https://Second.example'] },
    });
    expect(origins.body.allowedOrigins).toEqual(['https://shop.example', 'https://second.example']);
    const bad = await as(t.app, owner, { method: 'PUT', url: `${API}/keys/origins`, payload: { allowedOrigins: ['ftp://x'] } });
    expect(bad.status).toBe(400);
  });

  it('lists orders with filters, search and pages', async () => {
    const list = (query: string) => as(t.app, owner, { method: 'GET', url: `${API}/orders?${query}` });
    const all = await list('limit=2');
    expect(all.body.total).toBe(5);
    expect(all.body.items).toHaveLength(2);
    const rest = await list('limit=2&offset=4');
    expect(rest.body.items).toHaveLength(1);
    expect((await list(`nodeId=${shop.station}`)).body.items.map((o: { id: string }) => o.id).sort()).toEqual([...orders.station].sort());
    expect((await list('service=same_day')).body.total).toBe(3);
    expect((await list('status=placed')).body.total).toBe(5);
    expect((await list('status=delivered')).body.total).toBe(0);
    expect((await list('q=next1@buyer')).body.items.map((o: { id: string }) => o.id)).toEqual([orders.station[1]]);
    expect((await list(`q=${orders.mall[0]!.slice(0, 12)}`)).body.items.map((o: { id: string }) => o.id)).toContain(orders.mall[0]);
    expect((await list('q=100%25_')).body.total).toBe(0);
    expect((await list('from=2026-03-10&to=2026-03-10')).body.total).toBe(5);
    expect((await list('from=2026-03-11')).body.total).toBe(0);
    for (const query of ['status=lost', 'limit=0', 'from=yesterday', 'sort=id']) expect((await list(query)).status, query).toBe(400);
  });

  it('shows one order with whom to ship it to, and exports the filtered orders as CSV', async () => {
    const order = await as(t.app, owner, { method: 'GET', url: `${API}/orders/${orders.mall[0]}` });
    expect(order.body).toMatchObject({ id: orders.mall[0], email: 'same0@buyer.example', address: { name: expect.any(String) } });
    expect(order.body.timeline[0].status).toBe('placed');
    expect((await as(t.app, owner, { method: 'GET', url: `${API}/orders/ord_nope` })).status).toBe(404);
    const csv = await t.app.inject({ method: 'GET', url: `${API}/orders.csv?service=next_day`, headers: { cookie: owner.cookie } });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^order,placed_at,status,service,email,name,address/);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((l) => l.includes('next_day'))).toBe(true);
  });

  it('cancels an order with a refund only after a confirmation, and records who did it', async () => {
    const id = orders.mall[2]!;
    const unconfirmed = await as(t.app, owner, { method: 'POST', url: `${API}/orders/${id}/cancel`, payload: {} });
    expect(unconfirmed.status).toBe(400);
    expect(errorOf(unconfirmed).message).toMatch(/Confirm the cancellation/);
    const noCsrf = await call(t.app, {
      method: 'POST',
      url: `${API}/orders/${id}/cancel`,
      headers: { cookie: owner.cookie },
      payload: { confirm: true },
    });
    expect(noCsrf.status).toBe(403);
    const cancelled = await as(t.app, owner, { method: 'POST', url: `${API}/orders/${id}/cancel`, payload: { confirm: true } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const again = await as(t.app, owner, { method: 'POST', url: `${API}/orders/${id}/cancel`, payload: { confirm: true } });
    expect(again.status).toBe(409);
    const audit = await as(t.app, owner, { method: 'GET', url: `${API}/audit` });
    expect(audit.body.items).toContainEqual(expect.objectContaining({ action: 'order.cancelled', subject: id, userEmail: owner.email }));
    expect(audit.body.items).toContainEqual(expect.objectContaining({ action: 'secret_key.rolled', userEmail: owner.email }));
  });

  it('an invited clerk limited to the mall sees only the mall, and cannot reach owner pages', async () => {
    const clerkEmail = uniqueEmail('clerk');
    const invited = await as(t.app, owner, {
      method: 'POST',
      url: `${API}/staff`,
      payload: { email: clerkEmail, name: 'Cleo Clerk', nodeIds: [shop.mall] },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ role: 'staff', nodeIds: [shop.mall] });
    expect((t.app.mailer as DevMailer).outbox.at(-1)).toMatchObject({ to: clerkEmail, subject: expect.stringMatching(/invited you/) });
    const twice = await as(t.app, owner, {
      method: 'POST',
      url: `${API}/staff`,
      payload: { email: clerkEmail, name: 'Cleo', nodeIds: [] },
    });
    expect(twice.status).toBe(409);
    const unknownPlace = await as(t.app, owner, {
      method: 'POST',
      url: `${API}/staff`,
      payload: { email: uniqueEmail(), name: 'X', nodeIds: ['nowhere'] },
    });
    expect(errorOf(unknownPlace).message).toMatch(/No place nowhere/);

    const clerk = await signIn(t.app, clerkEmail);
    const list = await as(t.app, clerk, { method: 'GET', url: `${API}/orders` });
    expect(list.body.items.map((o: { id: string }) => o.id).sort()).toEqual([...orders.mall].sort());
    expect((await as(t.app, clerk, { method: 'GET', url: `${API}/orders?nodeId=${shop.station}` })).body.total).toBe(0);
    expect((await as(t.app, clerk, { method: 'GET', url: `${API}/orders/${orders.station[0]}` })).status).toBe(404);
    const stationCancel = await as(t.app, clerk, {
      method: 'POST',
      url: `${API}/orders/${orders.station[0]}/cancel`,
      payload: { confirm: true },
    });
    expect(stationCancel.status).toBe(404);
    const csv = await t.app.inject({ method: 'GET', url: `${API}/orders.csv`, headers: { cookie: clerk.cookie } });
    expect(csv.body).not.toContain(orders.station[0]);
    expect((await as(t.app, clerk, { method: 'GET', url: `${API}/places` })).body.items.map((p: { id: string }) => p.id)).toEqual([
      shop.mall,
    ]);
    for (const [method, url] of [
      ['GET', '/keys'],
      ['POST', '/keys/secret'],
      ['GET', '/staff'],
      ['GET', '/audit'],
    ] as const) {
      expect((await as(t.app, clerk, { method, url: `${API}${url}` })).status, url).toBe(403);
    }

    // Removing the clerk ends their session at once.
    expect((await as(t.app, owner, { method: 'DELETE', url: `${API}/staff/${clerk.userId}` })).status).toBe(200);
    expect((await as(t.app, clerk, { method: 'GET', url: `${API}/orders` })).status).toBe(401);
    const audit = await as(t.app, owner, { method: 'GET', url: `${API}/audit` });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['staff.invited', 'staff.removed']));
  });

  it("one merchant's console never reaches another's orders", async () => {
    const other = await signUp(t.app);
    expect((await as(t.app, other, { method: 'GET', url: `${API}/orders` })).body.total).toBe(0);
    expect((await as(t.app, other, { method: 'GET', url: `${API}/orders/${orders.mall[0]}` })).status).toBe(404);
  });
});
