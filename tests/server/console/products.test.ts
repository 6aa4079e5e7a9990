/** Products from the console: the owner adds and edits them through the admin API's rules; staff cannot. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, errorOf, type TestApp } from '../helper.js';
import { openShop, type Shop } from '../fixtures.js';
import { API, as, signIn, uniqueEmail, type Signed } from './helpers.js';

describe('console products', () => {
  let t: TestApp;
  let shop: Shop;
  let owner: Signed;

  beforeAll(async () => {
    t = await buildTestApp();
    shop = await openShop(t.app);
    const email = uniqueEmail();
    await t.app.console.ensureOwner(shop.id, email, 'Olive');
    owner = await signIn(t.app, email);
  });
  afterAll(async () => {
    await t.close();
  });

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
    const clerkEmail = uniqueEmail('clerk');
    await as(t.app, owner, { method: 'POST', url: `${API}/staff`, payload: { email: clerkEmail, name: 'Cleo', nodeIds: [] } });
    const clerk = await signIn(t.app, clerkEmail);
    expect((await as(t.app, clerk, { method: 'PATCH', url: `${API}/products/${shop.sku}`, payload: { title: 'Mine now' } })).status).toBe(
      403,
    );
  });
});
