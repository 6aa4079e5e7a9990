/** Products from the console: the owner adds, edits and archives them through the admin API's rules; staff cannot. */
import { describe, expect, it } from 'vitest';
import { call, errorOf, type TestApp } from '../helper.js';
import { pay, publicHeaders, startCheckout, type Shop } from '../fixtures.js';
import { API, as, clerkOf, useOwnedShop, type Signed } from './helpers.js';

describe('console products', () => {
  let t: TestApp;
  let shop: Shop;
  let owner: Signed;

  useOwnedShop((owned) => ({ t, shop, owner } = owned));

  it('adds a product, edits its price and eligibility, and records who did', async () => {
    const added = await as(t.app, owner, {
      method: 'POST',
      url: `${API}/products`,
      payload: { sku: 'VASE-1', title: 'Clay Vase', price: { amount: 3500, currency: 'USD' }, imageUrl: 'https://img.example/vase.jpg' },
    });
    expect(added.status, added.raw).toBe(201);
    expect(added.body).toMatchObject({ sku: 'VASE-1', price: { amount: 3500 }, fastDeliveryEligible: true });
    const changed = await as(t.app, owner, {
      method: 'PATCH',
      url: `${API}/products/VASE-1`,
      payload: { price: { amount: 3900, currency: 'USD' }, fastDeliveryEligible: false },
    });
    expect(changed.body).toMatchObject({ price: { amount: 3900 }, fastDeliveryEligible: false });
    const audit = await as(t.app, owner, { method: 'GET', url: `${API}/audit` });
    expect(audit.body.items.map((e: { action: string }) => e.action).slice(0, 2)).toEqual(['product.changed', 'product.added']);
    const list = await as(t.app, owner, { method: 'GET', url: `${API}/products` });
    expect(list.body.items.map((p: { sku: string }) => p.sku)).toContain('VASE-1');
  });

  it('answers bad input, duplicates, unknown products and staff with the right status', async () => {
    const post = (payload: object) => as(t.app, owner, { method: 'POST', url: `${API}/products`, payload });
    expect((await post({ sku: 'bad sku', title: 'X', price: { amount: 1, currency: 'USD' } })).status).toBe(400);
    expect((await post({ sku: 'NEG-1', title: 'X', price: { amount: -1, currency: 'USD' } })).status).toBe(400);
    expect((await post({ sku: shop.sku, title: 'Again', price: { amount: 100, currency: 'USD' } })).status).toBe(409);
    const euro = await post({ sku: 'EUR-1', title: 'X', price: { amount: 100, currency: 'EUR' } });
    expect(euro.status).toBeGreaterThanOrEqual(400);
    expect(euro.status).toBeLessThan(500);
    expect(errorOf(euro).message).toMatch(/USD|currency/);
    expect((await as(t.app, owner, { method: 'PATCH', url: `${API}/products/NOPE-9`, payload: { title: 'Y' } })).status).toBe(404);
    const clerk = await clerkOf(t.app, owner, []);
    expect((await as(t.app, clerk, { method: 'PATCH', url: `${API}/products/${shop.sku}`, payload: { title: 'Mine now' } })).status).toBe(
      403,
    );
  });

  it('archives a product: promises and checkout no longer offer it, its orders keep it, and it comes back', async () => {
    const bought = await startCheckout(t.app, shop, { service: 'same_day', email: 'before@buyer.example' });
    expect(bought.status, bought.raw).toBe(201);
    const order = (await pay(t.app, shop, bought.body.id)).body.order.id as string;
    const promise = () =>
      call(t.app, { method: 'GET', url: `/v1/promise?sku=${shop.sku}&postal_code=85226`, headers: publicHeaders(shop) });
    expect((await promise()).status).toBe(200);
    const archive = (archived: boolean) => as(t.app, owner, { method: 'PATCH', url: `${API}/products/${shop.sku}`, payload: { archived } });
    const archived = await archive(true);
    expect(archived.status, archived.raw).toBe(200);
    expect(archived.body).toMatchObject({ sku: shop.sku, archived: true });
    expect((await promise()).status).toBe(404);
    const refused = await startCheckout(t.app, shop, { service: 'same_day' });
    expect(refused.status).toBe(404);
    expect(errorOf(refused).message).toContain(shop.sku);
    const kept = await as(t.app, owner, { method: 'GET', url: `${API}/orders/${order}` });
    expect(kept.body.items.map((i: { sku: string }) => i.sku)).toEqual([shop.sku]);
    const list = await as(t.app, owner, { method: 'GET', url: `${API}/products` });
    expect(list.body.items.find((p: { sku: string }) => p.sku === shop.sku)).toMatchObject({ archived: true });
    const restored = await archive(false);
    expect(restored.body.archived).toBe(false);
    expect((await promise()).status).toBe(200);
    const audit = await as(t.app, owner, { method: 'GET', url: `${API}/audit` });
    expect(audit.body.items.slice(0, 2).map((e: { action: string; subject: string }) => [e.action, e.subject])).toEqual([
      ['product.restored', shop.sku],
      ['product.archived', shop.sku],
    ]);
    expect((await as(t.app, owner, { method: 'PATCH', url: `${API}/products/${shop.sku}`, payload: { archived: 'yes' } })).status).toBe(
      400,
    );
    const noCsrf = await call(t.app, {
      method: 'PATCH',
      url: `${API}/products/${shop.sku}`,
      headers: { cookie: owner.cookie },
      payload: { archived: true },
    });
    expect(noCsrf.status).toBe(403);
  });
});
