/** Stock from the console: one level inline, CSV imports all or nothing with a report by line, clerks kept to their places. */
import { describe, expect, it } from 'vitest';
import { errorOf, type TestApp } from '../helper.js';
import { levelOf, startCheckout, type Shop } from '../fixtures.js';
import { parseCsv } from '../../../server/console/csv.js';
import { API, as, clerkOf, useOwnedShop, type Signed } from './helpers.js';

describe('console stock', () => {
  let t: TestApp;
  let shop: Shop;
  let owner: Signed;
  const importCsv = (s: Signed, csv: string) => as(t.app, s, { method: 'POST', url: `${API}/stock/import`, payload: { csv } });

  useOwnedShop((owned) => ({ t, shop, owner } = owned));

  it('parses quoted cells, CRLF and blank lines, keeping line numbers', () => {
    expect(parseCsv('a,b\r\n\r\n"x, ""y""",2\n"multi\nline",3')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['x, "y"', '2'] },
      { line: 4, cells: ['multi\nline', '3'] },
    ]);
  });

  it('imports every row of a file in one go', async () => {
    const lines = ['node_id,sku,on_hand', `${shop.mall},${shop.sku},7`, `${shop.station},${shop.sku},3`];
    const res = await importCsv(owner, `\uFEFF${lines.join('\r\n')}\r\n`);
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toEqual({ imported: 2 });
    expect((await levelOf(t.app, shop, shop.mall)).onHand).toBe(7);
    expect((await levelOf(t.app, shop, shop.station)).onHand).toBe(3);
    const audit = await as(t.app, owner, { method: 'GET', url: `${API}/audit` });
    expect(audit.body.items[0]).toMatchObject({ action: 'stock.imported', userEmail: owner.email });
  });

  it('writes nothing when any row is wrong, and says which lines', async () => {
    const csv = [
      'node_id,sku,on_hand',
      `${shop.mall},${shop.sku},1`,
      `${shop.mall},${shop.otherSku},lots`,
      `${shop.mall},${shop.sku},2`,
      `${shop.mall},only-two-cells`,
    ].join('\n');
    const res = await importCsv(owner, csv);
    expect(res.status).toBe(422);
    const error = errorOf(res);
    expect(error.message).toBe('Nothing was imported: 3 rows have problems');
    expect((error.details as { rows: unknown[] }).rows).toEqual([
      { line: 3, message: expect.stringMatching(/on_hand must be a whole number/) },
      { line: 4, message: expect.stringMatching(/already on line 2/) },
      { line: 5, message: expect.stringMatching(/Expected 3 cells/) },
    ]);
    expect((await levelOf(t.app, shop, shop.mall)).onHand).toBe(7);
  });

  it('reports unknown products and places and levels below what is reserved, by line', async () => {
    const held = await startCheckout(t.app, shop, { items: [{ sku: shop.sku, quantity: 2 }] });
    expect(held.status, held.raw).toBe(201);
    const csv = ['node_id,sku,on_hand', `${shop.mall},NOPE-1,1`, `nowhere,${shop.sku},1`, `${shop.station},${shop.sku},9`].join('\n');
    const unknown = await importCsv(owner, csv);
    expect((errorOf(unknown).details as { rows: unknown[] }).rows).toEqual([
      { line: 2, message: 'No product with SKU NOPE-1' },
      { line: 3, message: 'No place nowhere' },
    ]);
    const below = await importCsv(owner, ['node_id,sku,on_hand', `${shop.station},${shop.sku},9`, `${shop.mall},${shop.sku},1`].join('\n'));
    expect(below.status).toBe(422);
    expect((errorOf(below).details as { rows: unknown[] }).rows).toEqual([
      { line: 3, message: expect.stringMatching(/2 of .* are reserved/) },
    ]);
    expect((await levelOf(t.app, shop, shop.station)).onHand).toBe(3);
    for (const bad of ['sku,node_id,on_hand\nx,y,1', 'node_id,sku,on_hand\n']) {
      expect((await importCsv(owner, bad)).status).toBe(422);
    }
    expect((await importCsv(owner, '')).status).toBe(400);
  });

  it('sets one level inline; a clerk only at their places', async () => {
    const set = (s: Signed, nodeId: string, onHand: number) =>
      as(t.app, s, { method: 'PUT', url: `${API}/stock`, payload: { nodeId, sku: shop.otherSku, onHand } });
    expect((await set(owner, shop.mall, 11)).status).toBe(200);
    expect((await levelOf(t.app, shop, shop.mall, shop.otherSku)).onHand).toBe(11);
    expect((await set(owner, shop.mall, -1)).status).toBe(400);
    const clerk = await clerkOf(t.app, owner, [shop.mall]);
    expect((await set(clerk, shop.mall, 12)).status).toBe(200);
    expect((await set(clerk, shop.station, 12)).status).toBe(403);
    const elsewhere = await importCsv(clerk, `node_id,sku,on_hand\n${shop.station},${shop.otherSku},4`);
    expect((errorOf(elsewhere).details as { rows: Array<{ message: string }> }).rows[0]!.message).toMatch(/cannot change stock at/);
    expect((await set({ ...clerk, csrf: 'wrong' }, shop.mall, 1)).status).toBe(403);
    // Reading: the clerk sees their place's level and totals only.
    const view = await as(t.app, clerk, { method: 'GET', url: `${API}/stock?sku=${shop.sku}` });
    expect(view.body.levels.map((l: { nodeId: string }) => l.nodeId)).toEqual([shop.mall]);
    expect(view.body.totals.onHand).toBe(view.body.levels[0].onHand);
    const all = await as(t.app, owner, { method: 'GET', url: `${API}/stock?sku=${shop.sku}` });
    expect(all.body.levels.map((l: { nodeId: string }) => l.nodeId).sort()).toEqual([shop.mall, shop.downtown, shop.station].sort());
    expect((await as(t.app, owner, { method: 'GET', url: `${API}/stock?sku=NOPE` })).status).toBe(404);
    expect((await as(t.app, owner, { method: 'GET', url: `${API}/stock?sku=bad%20sku` })).status).toBe(400);
    const products = await as(t.app, clerk, { method: 'GET', url: `${API}/products` });
    expect(products.body.items.map((p: { sku: string }) => p.sku).sort()).toEqual([shop.sku, shop.otherSku].sort());
  });
});
