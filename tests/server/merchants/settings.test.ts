import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MerchantSettings } from '../../../contract/admin.js';
import { bearer, buildTestApp, call, createMerchant, errorOf, type TestApp, type TestMerchant } from '../helper.js';

let t: TestApp;
let m: TestMerchant;
beforeAll(async () => {
  t = await buildTestApp();
  m = await createMerchant(t.app, ['https://shop.example']);
});
afterAll(() => t.close());

const req = (method: string, payload?: unknown) =>
  call(t.app, {
    method: method as 'GET',
    url: '/v1/admin/merchant',
    headers: bearer(m.secretKey),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

const FEES = {
  fees: { same_day: 500, local_courier: 300, next_day: 700, two_day: 400, standard: 0 },
  freeShippingThreshold: null,
  freeShippingServices: [],
  memberFreeServices: ['same_day'],
};

describe('admin merchant settings', () => {
  it('shows settings without any secret', async () => {
    const res = await req('GET');
    expect(res.status).toBe(200);
    expect(MerchantSettings.safeParse(res.body).success).toBe(true);
    expect(res.body).toMatchObject({
      id: m.id,
      publishableKey: m.publishableKey,
      currency: 'USD',
      allowedOrigins: ['https://shop.example'],
    });
    expect(res.raw).not.toContain(m.secretKey);
    expect(res.raw).not.toMatch(/secret/i);
  });

  it('changes origins, and the new origin works for the publishable key at once', async () => {
    const origin = 'https://new-shop.example';
    const before = await call(t.app, {
      method: 'GET',
      url: '/v1/promise?sku=X&postal_code=85226',
      headers: { ...bearer(m.publishableKey), origin },
    });
    expect(before.status).toBe(403);
    const res = await req('PATCH', { allowedOrigins: ['HTTPS://New-Shop.example', 'http://localhost:*', 'https://new-shop.example'] });
    expect(res.status).toBe(200);
    expect(res.body.allowedOrigins).toEqual(['https://new-shop.example', 'http://localhost:*']);
    const after = await call(t.app, {
      method: 'GET',
      url: '/v1/promise?sku=X&postal_code=85226',
      headers: { ...bearer(m.publishableKey), origin },
    });
    // Origin accepted; this merchant has no product X.
    expect(after.status).toBe(404);
    const anyPort = await call(t.app, {
      method: 'GET',
      url: '/v1/promise?sku=X&postal_code=85226',
      headers: { ...bearer(m.publishableKey), origin: 'http://localhost:4321' },
    });
    expect(anyPort.status).toBe(404);
    const old = await call(t.app, {
      method: 'GET',
      url: '/v1/promise?sku=X&postal_code=85226',
      headers: { ...bearer(m.publishableKey), origin: 'https://shop.example' },
    });
    expect(old.status).toBe(403);
  });

  it('changes the fee policy, and promises use it', async () => {
    const res = await req('PATCH', { feePolicy: FEES, name: 'Renamed Shop' });
    expect(res.status).toBe(200);
    expect(res.body.feePolicy).toEqual(FEES);
    expect(res.body.name).toBe('Renamed Shop');
    expect(t.app.merchants.get(m.id)?.enginePolicy).toEqual({ currency: 'USD', ...FEES });
  });

  it.each([
    [{}, 'body'],
    [{ currency: 'EUR' }, 'body'],
    [{ allowedOrigins: ['shop.example'] }, 'body allowedOrigins.0'],
    [{ allowedOrigins: ['https://shop.example/path'] }, 'body allowedOrigins.0'],
    [{ allowedOrigins: ['*'] }, 'body allowedOrigins.0'],
    [{ allowedOrigins: 'https://shop.example' }, 'body allowedOrigins'],
    [{ feePolicy: { ...FEES, fees: { ...FEES.fees, same_day: -1 } } }, 'body feePolicy.fees.same_day'],
    [{ feePolicy: { ...FEES, fees: { same_day: 1 } } }, 'body feePolicy.fees.local_courier'],
    [{ feePolicy: { ...FEES, memberFreeServices: ['teleport'] } }, 'body feePolicy.memberFreeServices.0'],
    [{ name: '' }, 'body name'],
  ])('rejects %j with 400 (%s)', async (payload, where) => {
    const res = await req('PATCH', payload);
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain(`Invalid ${where}`);
  });
});
