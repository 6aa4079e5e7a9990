/**
 * `GET /v1/regions`: the states a merchant's network delivers to, for the checkout's country and
 * state selects, from the same postal table the promise resolves codes with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServedRegions } from '../../../contract/public.js';
import { DEMO_PUBLISHABLE_KEY } from '../../../server/seed/demo.js';
import { bearer, buildTestApp, call, createMerchant, errorOf, type TestApp } from '../helper.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const regions = (headers: Record<string, string>, query = '') => call(t.app, { method: 'GET', url: `/v1/regions${query}`, headers });
const codes = (body: ServedRegions) => body.countries.flatMap((c) => c.regions.map((r) => r.code));

describe('GET /v1/regions', () => {
  it('offers every state and territory we deliver to when the network has a carrier service, by name', async () => {
    const res = await regions(bearer(DEMO_PUBLISHABLE_KEY));
    expect(res.status).toBe(200);
    expect(ServedRegions.safeParse(res.body).success).toBe(true);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.body.countries.map((c: { code: string }) => c.code)).toEqual(['US']);
    const states = codes(res.body);
    // 50 states, DC, Puerto Rico, the Virgin Islands, Guam, the Northern Marianas, American Samoa.
    expect(states).toHaveLength(56);
    expect(states).toEqual(expect.arrayContaining(['AZ', 'DC', 'PR', 'GU', 'AS']));
    // Military post offices and the freely associated states are not places we deliver to.
    for (const code of ['AA', 'AE', 'AP', 'FM', 'MH', 'PW']) expect(states).not.toContain(code);
    const regionsOf = res.body.countries[0].regions as Array<{ code: string; name: string; postalPrefixes: string[] }>;
    expect(regionsOf.find((r) => r.code === 'DC')).toEqual({
      code: 'DC',
      name: 'District of Columbia',
      postalPrefixes: ['200', '202', '203', '204', '205', '569'],
    });
    expect(regionsOf[0]).toMatchObject({ code: 'AL', name: 'Alabama' });
    // Arizona's codes start 850–865 (not 854, 858, 861, 862); Chandler's 85226 among them.
    expect(regionsOf.find((r) => r.code === 'AZ')!.postalPrefixes).toContain('852');
    expect(regionsOf.find((r) => r.code === 'CA')!.postalPrefixes).not.toContain('852');
  });

  it('offers only the states within reach of a network of local services', async () => {
    const shop = await createMerchant(t.app);
    const node = await call(t.app, {
      method: 'POST',
      url: '/v1/admin/nodes',
      headers: bearer(shop.secretKey),
      payload: {
        id: 'chandler-shop',
        name: 'Chandler Shop',
        kind: 'local_store',
        lat: 33.3016,
        lng: -111.898,
        timeZone: 'America/Phoenix',
        handlingMinutes: 30,
        cutoffs: { local_courier: '16:00' },
      },
    });
    expect(node.status).toBe(201);
    const res = await regions(bearer(shop.publishableKey));
    expect(res.status).toBe(200);
    expect(codes(res.body)).toEqual(['AZ']);
  });

  it('takes the key in the query, as the promise does, and needs one', async () => {
    expect((await regions({}, `?key=${DEMO_PUBLISHABLE_KEY}`)).status).toBe(200);
    const none = await regions({});
    expect(none.status).toBe(401);
    expect(errorOf(none).code).toBe('unauthorized');
    expect((await regions(bearer(DEMO_PUBLISHABLE_KEY), '?state=AZ')).status).toBe(400);
  });
});
