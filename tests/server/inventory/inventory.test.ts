import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryView, MAX_INVENTORY_ROWS } from '../../../contract/admin.js';
import { insertProduct } from '../../../server/catalog/products.repository.js';
import { bearer, buildTestApp, call, createMerchant, errorOf, nodeBody, productBody, type TestApp, type TestMerchant } from '../helper.js';

let t: TestApp;
let m: TestMerchant;
const NODES = ['n-1', 'n-2', 'n-3'];
beforeAll(async () => {
  t = await buildTestApp();
  m = await createMerchant(t.app);
  for (const id of NODES) await req('POST', '/v1/admin/nodes', nodeBody({ id, name: `Node ${id}` }));
  for (const sku of ['A', 'B']) await req('POST', '/v1/admin/products', productBody({ sku }));
});
afterAll(() => t.close());

function req(method: string, url: string, payload?: unknown) {
  return call(t.app, {
    method: method as 'GET',
    url,
    headers: bearer(m.secretKey),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}
const put = (levels: unknown) => req('PUT', '/v1/admin/inventory', { levels });

describe('admin inventory', () => {
  it('sets on-hand and shows on hand, reserved and available per node', async () => {
    const res = await put([
      { nodeId: 'n-1', sku: 'A', onHand: 5 },
      { nodeId: 'n-2', sku: 'A', onHand: 7 },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ upserted: 2 });
    const view = await req('GET', '/v1/admin/inventory/A');
    expect(InventoryView.safeParse(view.body).success).toBe(true);
    expect(view.body).toEqual({
      sku: 'A',
      totals: { onHand: 12, reserved: 0, available: 12 },
      levels: [
        { nodeId: 'n-1', nodeName: 'Node n-1', nodeKind: 'delivery_station', onHand: 5, reserved: 0, available: 5 },
        { nodeId: 'n-2', nodeName: 'Node n-2', nodeKind: 'delivery_station', onHand: 7, reserved: 0, available: 7 },
      ],
    });
    expect(t.app.networks.get(m.id).available('n-2', 'A')).toBe(7);
  });

  it('leaves reserved alone and refuses on-hand below it (409, nothing written)', async () => {
    await put([{ nodeId: 'n-3', sku: 'B', onHand: 10 }]);
    await t.db.query(`UPDATE inventory_levels SET reserved = 4 WHERE merchant_id = $1 AND node_id = 'n-3' AND sku = 'B'`, [m.id]);
    await t.app.networks.refreshStock(m.id, ['B']);
    expect(t.app.networks.get(m.id).available('n-3', 'B')).toBe(6);

    const ok = await put([{ nodeId: 'n-3', sku: 'B', onHand: 8 }]);
    expect(ok.status).toBe(200);
    const view = await req('GET', '/v1/admin/inventory/B');
    expect(view.body.levels[0]).toMatchObject({ onHand: 8, reserved: 4, available: 4 });
    expect(t.app.networks.get(m.id).available('n-3', 'B')).toBe(4);

    const res = await put([
      { nodeId: 'n-1', sku: 'B', onHand: 50 },
      { nodeId: 'n-3', sku: 'B', onHand: 3 },
    ]);
    expect(res.status).toBe(409);
    expect(errorOf(res).message).toBe('Nothing was written: on-hand of SKU B at node n-3 cannot be 3 while 4 are reserved');
    expect((await req('GET', '/v1/admin/inventory/B')).body.levels).toHaveLength(1);
  });

  it('writes thousands of rows in one call', async () => {
    const skus = Array.from({ length: 1000 }, (_, i) => `BULK-${i}`);
    // A thousand products straight through the repository (the API would take a thousand calls).
    await t.app.changes.transaction(t.db, async (tx) => {
      for (const sku of skus) {
        await insertProduct(tx, m.id, sku, { title: 'Bulk', priceMinor: 100, currency: 'USD', imageUrl: null, fastDeliveryEligible: true });
      }
    });
    const levels = skus.flatMap((sku, i) => NODES.map((nodeId, j) => ({ nodeId, sku, onHand: (i + j) % 9 })));
    expect(levels.length).toBe(3000);
    const res = await put(levels);
    expect(res.status).toBe(200);
    expect(res.body.upserted).toBe(3000);
    expect(t.app.networks.get(m.id).available('n-3', 'BULK-999')).toBe((999 + 2) % 9);
  });

  it('is atomic: an unknown SKU or node anywhere writes nothing (422 naming them)', async () => {
    const res = await put([
      { nodeId: 'n-1', sku: 'A', onHand: 99 },
      { nodeId: 'n-1', sku: 'GHOST', onHand: 1 },
      { nodeId: 'nowhere', sku: 'A', onHand: 1 },
    ]);
    expect(res.status).toBe(422);
    expect(errorOf(res).message).toBe('Nothing was written: no product with SKU GHOST; no node with id nowhere');
    expect(errorOf(res).details).toEqual({ unknownSkus: ['GHOST'], unknownNodes: ['nowhere'] });
    expect((await req('GET', '/v1/admin/inventory/A')).body.levels[0].onHand).toBe(5);
  });

  it.each([
    [[], 'body levels'],
    [[{ nodeId: 'n-1', sku: 'A', onHand: -1 }], 'body levels.0.onHand'],
    [[{ nodeId: 'n-1', sku: 'A', onHand: 1.5 }], 'body levels.0.onHand'],
    [[{ nodeId: 'n-1', sku: 'A', onHand: 2e9 }], 'body levels.0.onHand'],
    [[{ nodeId: 'n-1', sku: 'A' }], 'body levels.0.onHand'],
    [[{ nodeId: 'n-1', sku: 'A', onHand: 1, reserved: 0 }], 'body levels.0'],
    [[{ node: 'n-1', sku: 'A', onHand: 1 }], 'body levels.0'],
    [
      [
        { nodeId: 'n-1', sku: 'A', onHand: 1 },
        { nodeId: 'n-1', sku: 'A', onHand: 2 },
      ],
      'body levels.1',
    ],
  ])('rejects %j with 400 (%s)', async (levels, where) => {
    const res = await put(levels);
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain(`Invalid ${where}`);
  });

  it('names duplicate rows', async () => {
    const res = await put([
      { nodeId: 'n-1', sku: 'A', onHand: 1 },
      { nodeId: 'n-1', sku: 'A', onHand: 2 },
    ]);
    expect(errorOf(res).message).toContain('SKU A at node n-1 appears twice (rows 0 and 1)');
  });

  it(`refuses more than ${MAX_INVENTORY_ROWS} rows`, async () => {
    const levels = Array.from({ length: MAX_INVENTORY_ROWS + 1 }, (_, i) => ({ nodeId: 'n-1', sku: `S${i}`, onHand: 1 }));
    const res = await put(levels);
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain('Invalid body levels');
  });

  it('rejects a missing levels field and a non-object body', async () => {
    expect((await req('PUT', '/v1/admin/inventory', {})).status).toBe(400);
    expect((await req('PUT', '/v1/admin/inventory', [])).status).toBe(400);
  });

  it('answers 404 for the inventory of an unknown SKU', async () => {
    const res = await req('GET', '/v1/admin/inventory/NOPE');
    expect(res.status).toBe(404);
    expect(errorOf(res).message).toBe('No product with SKU NOPE');
  });

  it('shows a product without stock rows as zero everywhere', async () => {
    await req('POST', '/v1/admin/products', productBody({ sku: 'EMPTY' }));
    const res = await req('GET', '/v1/admin/inventory/EMPTY');
    expect(res.body).toEqual({ sku: 'EMPTY', totals: { onHand: 0, reserved: 0, available: 0 }, levels: [] });
  });

  it('drops the stock of a deleted product from the live network', async () => {
    await req('POST', '/v1/admin/products', productBody({ sku: 'TEMP' }));
    await put([{ nodeId: 'n-1', sku: 'TEMP', onHand: 4 }]);
    expect(t.app.networks.get(m.id).available('n-1', 'TEMP')).toBe(4);
    await req('DELETE', '/v1/admin/products/TEMP');
    expect(t.app.networks.get(m.id).available('n-1', 'TEMP')).toBe(0);
    await req('POST', '/v1/admin/products', productBody({ sku: 'TEMP' }));
    expect(t.app.networks.get(m.id).available('n-1', 'TEMP')).toBe(0);
  });
});
