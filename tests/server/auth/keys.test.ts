import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLISHABLE_KEY } from '../../../server/seed/demo.js';
import { bearer, buildTestApp, call, errorOf, type TestApp } from '../helper.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** Every admin route, with a body valid enough to reach authentication. */
const ADMIN_ROUTES: Array<[string, string, object?]> = [
  ['GET', '/v1/admin/products'],
  ['POST', '/v1/admin/products', { sku: 'X', title: 'X', price: { amount: 1, currency: 'USD' } }],
  ['GET', '/v1/admin/products/TEE-BLK-M'],
  ['PATCH', '/v1/admin/products/TEE-BLK-M', { title: 'Y' }],
  ['DELETE', '/v1/admin/products/TEE-BLK-M'],
  ['GET', '/v1/admin/nodes'],
  ['POST', '/v1/admin/nodes', {}],
  ['GET', '/v1/admin/nodes/reno-fc'],
  ['PATCH', '/v1/admin/nodes/reno-fc', { name: 'Y' }],
  ['DELETE', '/v1/admin/nodes/reno-fc'],
  ['PUT', '/v1/admin/inventory', { levels: [] }],
  ['GET', '/v1/admin/inventory/TEE-BLK-M'],
  ['GET', '/v1/admin/merchant'],
  ['PATCH', '/v1/admin/merchant', { name: 'Y' }],
];

describe.each(ADMIN_ROUTES)('%s %s', (method, url, payload) => {
  const send = (headers: Record<string, string>) => call(t.app, { method: method as 'GET', url, headers, ...(payload ? { payload } : {}) });

  it('needs a key (401)', async () => {
    const res = await send({});
    expect(res.status).toBe(401);
    expect(errorOf(res).message).toContain('secret key');
  });

  it('refuses a publishable key (403)', async () => {
    const res = await send(bearer(DEMO_PUBLISHABLE_KEY));
    expect(res.status).toBe(403);
    expect(errorOf(res)).toEqual({
      code: 'forbidden',
      message: 'A publishable key cannot call admin routes; use the secret key (sk_…) from your server',
    });
  });

  it('refuses an unknown secret key (401)', async () => {
    const res = await send(bearer('sk_not_a_real_key_000000'));
    expect(res.status).toBe(401);
    expect(errorOf(res).code).toBe('unauthorized');
  });

  it('refuses a secret key sent from a browser (403, no CORS)', async () => {
    const res = await send({ ...bearer(t.demo.secretKey), origin: 'http://localhost:3000' });
    expect(res.status).toBe(403);
    expect(errorOf(res).message).toContain('Secret keys are for servers only');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('admin preflight', () => {
  it('never invites a browser to admin routes', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/admin/products',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
