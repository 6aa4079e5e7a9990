/** Stock out of the console: the CSV export the import takes back, and paged lists with low stock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, type TestApp } from '../helper.js';
import { openShop, setStock, type Shop } from '../fixtures.js';
import { API, as, clerkOf, ownerOf, type Signed } from './helpers.js';

describe('console stock export and lists', () => {
  let t: TestApp;
  let shop: Shop;
  let owner: Signed;
  let clerk: Signed;

  beforeAll(async () => {
    t = await buildTestApp();
    shop = await openShop(t.app);
    await setStock(t.app, shop.secretKey, [
      { nodeId: shop.mall, sku: shop.sku, onHand: 12 },
      { nodeId: shop.mall, sku: shop.otherSku, onHand: 1 },
      { nodeId: shop.station, sku: shop.sku, onHand: 2 },
      { nodeId: shop.station, sku: shop.otherSku, onHand: 40 },
    ]);
    owner = await ownerOf(t.app, shop.id);
    clerk = await clerkOf(t.app, owner, [shop.mall]);
  });
  afterAll(async () => {
    await t.close();
  });

  const exported = async (s: Signed) => {
    const res = await as(t.app, s, { method: 'GET', url: `${API}/stock.csv` });
    expect(res.status, res.raw).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="stock.csv"/);
    return res.raw;
  };

  it('exports the columns the import takes, and the export imports back unchanged', async () => {
    const csv = await exported(owner);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('node_id,sku,on_hand');
    expect(lines.slice(1).sort()).toEqual(
      [
        `${shop.mall},${shop.sku},12`,
        `${shop.mall},${shop.otherSku},1`,
        `${shop.station},${shop.sku},2`,
        `${shop.station},${shop.otherSku},40`,
        `${shop.downtown},${shop.sku},5`,
        `${shop.downtown},${shop.otherSku},5`,
      ].sort(),
    );
    // Round trip: edit one number in the exported file and import it.
    const edited = csv.replace(`${shop.station},${shop.otherSku},40`, `${shop.station},${shop.otherSku},41`);
    const imported = await as(t.app, owner, { method: 'POST', url: `${API}/stock/import`, payload: { csv: edited } });
    expect(imported.status, imported.raw).toBe(200);
    expect(imported.body).toEqual({ imported: 6 });
    expect(await exported(owner)).toBe(edited);
  });

  it('a clerk exports only their places, needs a session, and reading writes no audit entry', async () => {
    const csv = await exported(clerk);
    expect(csv.trim().split('\r\n').slice(1).sort()).toEqual([`${shop.mall},${shop.sku},12`, `${shop.mall},${shop.otherSku},1`].sort());
    expect((await call(t.app, { method: 'GET', url: `${API}/stock.csv` })).status).toBe(401);
    const audit = await as(t.app, owner, { method: 'GET', url: `${API}/audit` });
    expect(
      audit.body.items.filter((e: { action: string }) => e.action.startsWith('stock.')).map((e: { action: string }) => e.action),
    ).toEqual(['stock.imported']);
  });

  it('lists levels a page at a time, and only the low ones when asked', async () => {
    const page = (q: string, s = owner) => as(t.app, s, { method: 'GET', url: `${API}/stock/levels?${q}` });
    const first = await page('limit=3');
    expect(first.body).toMatchObject({ total: 6, limit: 3, offset: 0 });
    expect(first.body.items).toHaveLength(3);
    const rest = await page('limit=4&offset=3');
    expect(rest.body.items).toHaveLength(3);
    const seen = [...first.body.items, ...rest.body.items].map((l: { nodeId: string; sku: string }) => `${l.nodeId}/${l.sku}`);
    expect(new Set(seen).size).toBe(6);
    const low = await page('low=true');
    expect(low.body.items.map((l: { nodeId: string; sku: string; available: number }) => [l.nodeId, l.sku, l.available]).sort()).toEqual(
      [
        [shop.mall, shop.otherSku, 1],
        [shop.station, shop.sku, 2],
      ].sort(),
    );
    expect((await page('low=true', clerk)).body.items.map((l: { nodeId: string }) => l.nodeId)).toEqual([shop.mall]);
    expect((await page('limit=0')).status).toBe(400);
    expect((await page('low=maybe')).status).toBe(400);
    expect((await page('offset=-1')).status).toBe(400);
  });
});
