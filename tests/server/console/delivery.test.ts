/** Delivery settings from the console: fees per service, free shipping and member benefits, owner only, audited. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, call, errorOf, type TestApp } from '../helper.js';
import { openShop, publicHeaders, setStock, type Shop } from '../fixtures.js';
import { API, as, clerkOf, ownerOf, type Signed } from './helpers.js';

const POLICY = {
  fees: { same_day: 1299, local_courier: 699, next_day: 899, two_day: 599, standard: 0 },
  freeShippingThreshold: 10_000,
  freeShippingServices: ['standard', 'two_day'],
  memberFreeServices: ['same_day', 'next_day'],
};

describe('console delivery settings', () => {
  let t: TestApp;
  let shop: Shop;
  let owner: Signed;
  let clerk: Signed;

  beforeAll(async () => {
    t = await buildTestApp();
    shop = await openShop(t.app);
    await setStock(t.app, shop.secretKey, [{ nodeId: shop.mall, sku: shop.sku, onHand: 10 }]);
    owner = await ownerOf(t.app, shop.id);
    clerk = await clerkOf(t.app, owner, [shop.mall]);
  });
  afterAll(async () => {
    await t.close();
  });

  const sameDayPrice = async () => {
    const res = await call(t.app, { method: 'GET', url: `/v1/promise?sku=${shop.sku}&postal_code=85226`, headers: publicHeaders(shop) });
    expect(res.status, res.raw).toBe(200);
    return res.body.options.find((o: { service: string }) => o.service === 'same_day')?.price;
  };

  it('shows the fee policy, changes it, and the next promise charges the new fee', async () => {
    const before = await as(t.app, owner, { method: 'GET', url: `${API}/delivery` });
    expect(before.status, before.raw).toBe(200);
    expect(before.body).toMatchObject({ currency: 'USD', feePolicy: { fees: expect.any(Object) } });
    const put = await as(t.app, owner, { method: 'PUT', url: `${API}/delivery`, payload: POLICY });
    expect(put.status, put.raw).toBe(200);
    expect(put.body).toEqual({ currency: 'USD', feePolicy: POLICY });
    expect(await sameDayPrice()).toEqual({ amount: 1299, currency: 'USD' });
    // The admin API reads the same settings: one path to the database.
    const admin = await call(t.app, { method: 'GET', url: '/v1/admin/merchant', headers: bearer(shop.secretKey) });
    expect(admin.body.feePolicy).toEqual(POLICY);
    const audit = await as(t.app, owner, { method: 'GET', url: `${API}/audit` });
    expect(audit.body.items[0]).toMatchObject({
      action: 'delivery.changed',
      userEmail: owner.email,
      details: { freeShippingThreshold: 10_000 },
    });
  });

  it('refuses bad amounts and unknown services with a 400 that names the field, and changes nothing', async () => {
    const put = (payload: object) => as(t.app, owner, { method: 'PUT', url: `${API}/delivery`, payload });
    const cases: Array<[object, RegExp]> = [
      [{ ...POLICY, fees: { ...POLICY.fees, same_day: -1 } }, /same_day/],
      [{ ...POLICY, fees: { ...POLICY.fees, same_day: 12.5 } }, /same_day/],
      [{ ...POLICY, fees: { same_day: 100 } }, /fees/],
      [{ ...POLICY, freeShippingThreshold: 'lots' }, /freeShippingThreshold/],
      [{ ...POLICY, memberFreeServices: ['teleport'] }, /memberFreeServices/],
      [{ ...POLICY, extra: true }, /extra|Unrecognized/],
    ];
    for (const [payload, message] of cases) {
      const res = await put(payload);
      expect(res.status, res.raw).toBe(400);
      expect(JSON.stringify(errorOf(res))).toMatch(message);
    }
    expect(await sameDayPrice()).toEqual({ amount: 1299, currency: 'USD' });
  });

  it('is the owner’s: staff get 403, no session 401, no CSRF token 403', async () => {
    expect((await as(t.app, clerk, { method: 'GET', url: `${API}/delivery` })).status).toBe(403);
    expect((await as(t.app, clerk, { method: 'PUT', url: `${API}/delivery`, payload: POLICY })).status).toBe(403);
    expect((await call(t.app, { method: 'GET', url: `${API}/delivery` })).status).toBe(401);
    const noCsrf = await call(t.app, {
      method: 'PUT',
      url: `${API}/delivery`,
      headers: { cookie: owner.cookie },
      payload: { ...POLICY, fees: { ...POLICY.fees, same_day: 1 } },
    });
    expect(noCsrf.status).toBe(403);
    expect(await sameDayPrice()).toEqual({ amount: 1299, currency: 'USD' });
  });
});
