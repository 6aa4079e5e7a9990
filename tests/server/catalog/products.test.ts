import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Product } from '../../../contract/admin.js';
import { bearer, buildTestApp, call, createMerchant, errorOf, productBody, type TestApp, type TestMerchant } from '../helper.js';

let t: TestApp;
let m: TestMerchant;
beforeAll(async () => {
  t = await buildTestApp();
  m = await createMerchant(t.app);
});
afterAll(() => t.close());

const req = (method: string, url: string, payload?: unknown) =>
  call(t.app, {
    method: method as 'GET',
    url,
    headers: bearer(m.secretKey),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

describe('admin products', () => {
  it('creates, reads, lists, changes and deletes a product', async () => {
    const body = productBody({ sku: 'MUG-1', imageUrl: 'https://cdn.shop.example/mug.png' });
    const created = await req('POST', '/v1/admin/products', body);
    expect(created.status).toBe(201);
    expect(Product.safeParse(created.body).success).toBe(true);
    expect(created.body).toMatchObject({
      sku: 'MUG-1',
      title: 'Test Product',
      price: { amount: 1999, currency: 'USD' },
      imageUrl: 'https://cdn.shop.example/mug.png',
      fastDeliveryEligible: true,
    });

    const got = await req('GET', '/v1/admin/products/MUG-1');
    expect(got.status).toBe(200);
    expect(got.body.sku).toBe('MUG-1');

    const patched = await req('PATCH', '/v1/admin/products/MUG-1', { price: { amount: 2499, currency: 'USD' }, imageUrl: null });
    expect(patched.status).toBe(200);
    expect(patched.body.price.amount).toBe(2499);
    expect(patched.body.imageUrl).toBeNull();
    expect(patched.body.title).toBe('Test Product');
    expect(t.app.catalog.get(m.id, 'MUG-1')?.priceMinor).toBe(2499);

    const deleted = await req('DELETE', '/v1/admin/products/MUG-1');
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ deleted: true });
    expect(t.app.catalog.get(m.id, 'MUG-1')).toBeUndefined();
    const again = await req('GET', '/v1/admin/products/MUG-1');
    expect(again.status).toBe(404);
    expect(errorOf(again).message).toBe('No product with SKU MUG-1');
  });

  it('keeps large prices exact (bigint minor units)', async () => {
    const res = await req(
      'POST',
      '/v1/admin/products',
      productBody({ sku: 'YACHT', price: { amount: 9_007_199_254_740_991, currency: 'USD' } }),
    );
    expect(res.status).toBe(201);
    expect((await req('GET', '/v1/admin/products/YACHT')).body.price.amount).toBe(9_007_199_254_740_991);
  });

  it('refuses a second product with the same SKU (409)', async () => {
    await req('POST', '/v1/admin/products', productBody({ sku: 'DUP' }));
    const res = await req('POST', '/v1/admin/products', productBody({ sku: 'DUP' }));
    expect(res.status).toBe(409);
    expect(errorOf(res)).toEqual({ code: 'conflict', message: 'A product with SKU DUP already exists' });
  });

  it("refuses a price in another currency than the merchant's (422)", async () => {
    const res = await req('POST', '/v1/admin/products', productBody({ price: { amount: 100, currency: 'EUR' } }));
    expect(res.status).toBe(422);
    expect(errorOf(res).message).toBe("Prices must be in the merchant's currency USD, not EUR");
    const patch = await req('PATCH', '/v1/admin/products/DUP', { price: { amount: 100, currency: 'JPY' } });
    expect(patch.status).toBe(422);
  });

  it('pages through products in SKU order', async () => {
    const other = await createMerchant(t.app);
    const send = (method: string, url: string, payload?: object) =>
      call(t.app, { method: method as 'GET', url, headers: bearer(other.secretKey), ...(payload ? { payload } : {}) });
    for (const sku of ['C', 'A', 'B']) await send('POST', '/v1/admin/products', productBody({ sku }));
    const first = await send('GET', '/v1/admin/products?limit=2');
    expect(first.body.items.map((p: { sku: string }) => p.sku)).toEqual(['A', 'B']);
    expect(first.body.nextCursor).toBe('B');
    const second = await send('GET', `/v1/admin/products?limit=2&after=${first.body.nextCursor}`);
    expect(second.body.items.map((p: { sku: string }) => p.sku)).toEqual(['C']);
    expect(second.body.nextCursor).toBeNull();
  });

  it("never shows or changes another merchant's products", async () => {
    const res = await req('GET', '/v1/admin/products/TEE-BLK-M');
    expect(res.status).toBe(404);
    const del = await req('DELETE', '/v1/admin/products/TEE-BLK-M');
    expect(del.status).toBe(404);
    expect(t.app.catalog.get('mer_demo', 'TEE-BLK-M')).toBeDefined();
  });

  it.each([
    ['POST', '/v1/admin/products', { title: 'x', price: { amount: 1, currency: 'USD' } }, 'body sku'],
    ['POST', '/v1/admin/products', { sku: 'A1', price: { amount: 1, currency: 'USD' } }, 'body title'],
    ['POST', '/v1/admin/products', { sku: 'A1', title: 'x' }, 'body price'],
    ['POST', '/v1/admin/products', { sku: 'A1', title: 'x', price: { amount: 1 } }, 'body price.currency'],
    ['POST', '/v1/admin/products', { sku: 'A1', title: 'x', price: 100 }, 'body price'],
    ['POST', '/v1/admin/products', { sku: 'A1', title: 'x'.repeat(201), price: { amount: 1, currency: 'USD' } }, 'body title'],
    [
      'POST',
      '/v1/admin/products',
      { sku: 'A1', title: 'x', price: { amount: 1, currency: 'USD' }, fastDeliveryEligible: 'yes' },
      'body fastDeliveryEligible',
    ],
    [
      'POST',
      '/v1/admin/products',
      { sku: 'A1', title: 'x', price: { amount: 1, currency: 'USD' }, imageUrl: 'ftp://x/y.png' },
      'body imageUrl',
    ],
    ['PATCH', '/v1/admin/products/DUP', {}, 'body'],
    ['PATCH', '/v1/admin/products/DUP', { sku: 'NEW' }, 'body'],
    ['PATCH', '/v1/admin/products/DUP', { title: null }, 'body title'],
    ['PATCH', '/v1/admin/products/bad%20sku', { title: 'x' }, 'path sku'],
    ['GET', '/v1/admin/products/bad%20sku', undefined, 'path sku'],
    ['GET', '/v1/admin/products?limit=0', undefined, 'query limit'],
    ['GET', '/v1/admin/products?limit=501', undefined, 'query limit'],
    ['GET', '/v1/admin/products?page=2', undefined, 'query'],
  ])('%s %s %j → 400 (%s)', async (method, url, payload, where) => {
    const res = await req(method, url, payload);
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain(`Invalid ${where}`);
  });

  it('answers 404 for PATCH and DELETE of an unknown SKU', async () => {
    expect((await req('PATCH', '/v1/admin/products/NOPE', { title: 'x' })).status).toBe(404);
    expect(errorOf(await req('DELETE', '/v1/admin/products/NOPE')).message).toBe('No product with SKU NOPE');
  });
});
