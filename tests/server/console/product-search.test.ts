/** The console's product picker: products found by SKU or title as the person types, a page at a time, among thousands. */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, writes, type TestApp } from '../helper.js';
import type { Shop } from '../fixtures.js';
import { API, as, clerkOf, useOwnedShop, type Signed } from './helpers.js';

const MANY = 3_000;

describe('console product search', () => {
  let t: TestApp;
  let shop: Shop;
  let owner: Signed;

  useOwnedShop((owned) => ({ t, shop, owner } = owned));
  beforeAll(async () => {
    // Thousands of products in one statement (the picker reads them; nothing caches them here).
    await writes(t.db, (tx) =>
      tx.query(
        `INSERT INTO products (merchant_id, sku, title, price_minor, currency)
         SELECT $1, 'BULK-' || lpad(n::text, 5, '0'), 'Bulk item ' || n || CASE WHEN n % 1000 = 0 THEN ' Ceramic' ELSE '' END, 100 + n, 'USD'
         FROM generate_series(1, ${MANY}) AS n`,
        [shop.id],
      ),
    );
    const odd = await as(t.app, owner, {
      method: 'POST',
      url: `${API}/products`,
      payload: { sku: 'ODD_100', title: 'Odd 50% off sale', price: { amount: 500, currency: 'USD' } },
    });
    expect(odd.status, odd.raw).toBe(201);
  });

  const search = async (who: Signed, query: string) => {
    const res = await as(t.app, who, { method: 'GET', url: `${API}/products?${query}` });
    expect(res.status, res.raw).toBe(200);
    return res.body as { items: Array<{ sku: string; title: string }>; total: number; limit: number; offset: number };
  };

  it('pages through thousands by SKU, fifty at a time unless asked', async () => {
    const first = await search(owner, '');
    expect(first.total).toBe(MANY + 3);
    expect(first.items).toHaveLength(50);
    expect(first.items[0]!.sku).toBe('BULK-00001');
    const later = await search(owner, 'limit=100&offset=2950');
    expect(later.items.map((p) => p.sku).slice(0, 2)).toEqual(['BULK-02951', 'BULK-02952']);
    expect(later.items).toHaveLength(MANY + 3 - 2950);
    const past = await search(owner, 'offset=9000');
    expect(past).toMatchObject({ items: [], total: MANY + 3 });
  });

  it('finds by title or SKU in any case, and takes the text literally', async () => {
    const ceramic = await search(owner, 'q=ceramic');
    expect(ceramic.items.map((p) => p.sku)).toEqual(['BULK-01000', 'BULK-02000', 'BULK-03000']);
    expect(ceramic.total).toBe(3);
    expect((await search(owner, 'q=bulk-0299')).items.map((p) => p.sku)).toEqual([
      'BULK-02990',
      'BULK-02991',
      'BULK-02992',
      'BULK-02993',
      'BULK-02994',
      'BULK-02995',
      'BULK-02996',
      'BULK-02997',
      'BULK-02998',
      'BULK-02999',
    ]);
    // % and _ are letters here, not wildcards.
    expect((await search(owner, `q=${encodeURIComponent('50%')}`)).items.map((p) => p.sku)).toEqual(['ODD_100']);
    expect((await search(owner, 'q=_')).items.map((p) => p.sku)).toEqual(['ODD_100']);
    expect((await search(owner, 'q=%20%20teapot%20')).total).toBe(0);
  });

  it('answers bad paging with a 400, and needs a session; staff may search', async () => {
    for (const query of ['limit=0', 'limit=201', 'offset=-1', 'limit=many', 'sort=title', `q=${'x'.repeat(201)}`]) {
      const res = await as(t.app, owner, { method: 'GET', url: `${API}/products?${query}` });
      expect(res.status, query).toBe(400);
      expect(errorOf(res).code).toBe('invalid_request');
    }
    expect((await call(t.app, { method: 'GET', url: `${API}/products?q=bulk` })).status).toBe(401);
    const clerk = await clerkOf(t.app, owner, [shop.mall]);
    expect((await search(clerk, 'q=ceramic')).total).toBe(3);
  });
});
