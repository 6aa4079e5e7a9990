/**
 * Buffers through the server (docs/simulation.md, "Buffers"): promises use the recommended set
 * until a merchant sets its own through the admin API (none at all, say), which the next promise
 * uses; bad buffers are a 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MerchantSettings, type DeliveryBuffers } from '../../../contract/admin.js';
import { RECOMMENDED_BUFFERS, NO_BUFFERS } from '../../../server/promise/index.js';
import { DEMO_MERCHANT_ID, DEMO_PUBLISHABLE_KEY } from '../../../server/seed/demo.js';
import { deliveryBuffersOf, getMerchant } from '../../../server/merchants/merchants.repository.js';
import { DB_KINDS, bearer, buildTestApp, call, createMerchant, errorOf, openTestDb, type TestApp, type TestMerchant } from '../helper.js';
import { openShop, promiseFromLoneStores, publicHeaders, setStock } from '../fixtures.js';

let t: TestApp;
let m: TestMerchant;
beforeAll(async () => {
  t = await buildTestApp();
  m = await createMerchant(t.app, ['https://shop.example']);
});
afterAll(() => t.close());

const settings = (method: 'GET' | 'PATCH', payload?: object) =>
  call(t.app, { method, url: '/v1/admin/merchant', headers: bearer(m.secretKey), ...(payload ? { payload } : {}) });

const standardIn = async (postalCode: string) => {
  const res = await call(t.app, {
    method: 'GET',
    url: `/v1/promise?sku=TEE-BLK-M&postal_code=${postalCode}`,
    headers: bearer(DEMO_PUBLISHABLE_KEY),
  });
  expect(res.status).toBe(200);
  return res.body.options.find((o: { service: string }) => o.service === 'standard') as {
    name: string;
    window: { start: string; end: string };
    dateRange?: boolean;
  };
};

const NONE: DeliveryBuffers = structuredClone(NO_BUFFERS);

describe('delivery buffers in the admin API', () => {
  it('promises with the recommended buffers until the merchant sets its own', async () => {
    const res = await settings('GET');
    expect(res.status).toBe(200);
    expect(MerchantSettings.safeParse(res.body).success).toBe(true);
    expect(res.body.deliveryBuffersSource).toBe('recommended');
    expect(res.body.deliveryBuffers).toEqual(RECOMMENDED_BUFFERS);
    expect(res.body.recommendedDeliveryBuffers).toEqual(RECOMMENDED_BUFFERS);
  });

  it('takes the merchant’s own, none among them, and null goes back to the recommended set', async () => {
    const own = { ...NONE, slackDays: { ...NONE.slackDays, standard: { normal: 1, peak: 3 } } };
    const set = await settings('PATCH', { deliveryBuffers: own });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ deliveryBuffersSource: 'merchant', deliveryBuffers: own });
    // Another field changed leaves them as they are.
    expect((await settings('PATCH', { name: 'Still buffered' })).body.deliveryBuffers).toEqual(own);
    const none = await settings('PATCH', { deliveryBuffers: NONE });
    expect(none.body).toMatchObject({ deliveryBuffersSource: 'none', deliveryBuffers: NONE });
    const reset = await settings('PATCH', { deliveryBuffers: null });
    expect(reset.body).toMatchObject({ deliveryBuffersSource: 'recommended', deliveryBuffers: RECOMMENDED_BUFFERS });
  });

  it.each([
    [{ slackDays: { ...NONE.slackDays, same_day: { normal: 1, peak: 0 } } }, 'Same-day takes no slack'],
    [{ slackDays: { ...NONE.slackDays, standard: { normal: 6, peak: 0 } } }, 'deliveryBuffers.slackDays.standard.normal'],
    [{ handlingFactor: { ...NONE.handlingFactor, local_store: 0.5 } }, 'deliveryBuffers.handlingFactor.local_store'],
    [{ earlierCutoffMinutes: { ...NONE.earlierCutoffMinutes, same_day: 30.5 } }, 'deliveryBuffers.earlierCutoffMinutes.same_day'],
    [{ peakSeason: { from: '11-31x', to: '12-31' } }, 'MM-DD'],
    [{ safetyStock: { ...NONE.safetyStock, mall_store: -1 } }, 'deliveryBuffers.safetyStock.mall_store'],
    [{ safetyStock: { ...NONE.safetyStock, local_store: 1.5 } }, 'deliveryBuffers.safetyStock.local_store'],
    [{ safetyStock: { mall_store: 1 } }, 'deliveryBuffers.safetyStock'],
    [{ secondSource: { same_day: ['mall_store', 'mall_store'], local_courier: [] } }, 'Each node kind once'],
    [{ secondSource: { same_day: ['warehouse'], local_courier: [] } }, 'deliveryBuffers.secondSource.same_day.0'],
    [{ secondSource: { same_day: [], local_courier: [], next_day: [] } }, 'deliveryBuffers.secondSource'],
    [{ extra: true }, 'deliveryBuffers'],
  ])('refuses %j with 400 (%s)', async (change, words) => {
    const res = await settings('PATCH', { deliveryBuffers: { ...NONE, ...change } });
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain(words);
  });
});

describe('safety stock in the admin API', () => {
  it('takes units per node kind that promises hold back, and a set sent without them holds back none', async () => {
    const own = { ...NONE, safetyStock: { ...NONE.safetyStock, mall_store: 2, local_store: 1 } };
    const set = await settings('PATCH', { deliveryBuffers: own });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ deliveryBuffersSource: 'merchant', deliveryBuffers: own });
    expect((await settings('GET')).body.deliveryBuffers.safetyStock).toEqual(own.safetyStock);
    const { safetyStock: _, ...older } = NONE;
    const without = await settings('PATCH', { deliveryBuffers: older });
    expect(without.status).toBe(200);
    expect(without.body).toMatchObject({ deliveryBuffersSource: 'none', deliveryBuffers: NONE });
  });
});

describe('second sources in the admin API', () => {
  it('takes node kinds per local service, and a set sent without them requires none', async () => {
    const own = { ...NONE, secondSource: { same_day: ['mall_store', 'local_store'], local_courier: ['local_store'] } };
    const set = await settings('PATCH', { deliveryBuffers: own });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ deliveryBuffersSource: 'merchant', deliveryBuffers: own });
    expect((await settings('GET')).body.deliveryBuffers.secondSource).toEqual(own.secondSource);
    const { secondSource: _, ...older } = NONE;
    const without = await settings('PATCH', { deliveryBuffers: older });
    expect(without.status).toBe(200);
    expect(without.body).toMatchObject({ deliveryBuffersSource: 'none', deliveryBuffers: NONE });
  });
});

describe.each(DB_KINDS)('delivery buffers stored before safety stock, on %s', (kind) => {
  let app: TestApp;
  let shop: TestMerchant;
  beforeAll(async () => {
    app = await buildTestApp({ testDb: await openTestDb(kind) });
    shop = await createMerchant(app.app, ['https://shop.example']);
  });
  afterAll(() => app.close());

  it('load as holding none back and requiring no second source', async () => {
    const { safetyStock: _, secondSource: __, ...older } = { ...NONE, slackDays: { ...NONE.slackDays, standard: { normal: 1, peak: 1 } } };
    await app.db.query('UPDATE merchants SET delivery_buffers = $2::jsonb WHERE id = $1', [shop.id, JSON.stringify(older)]);
    const expected = { ...older, safetyStock: NONE.safetyStock, secondSource: NONE.secondSource };
    expect(await deliveryBuffersOf(app.db, shop.id)).toEqual(expected);
    expect((await getMerchant(app.db, shop.id))!.deliveryBuffers).toEqual(expected);
  });

  it('stored with safety stock but before second sources, load keeping the safety stock', async () => {
    const { secondSource: _, ...older } = { ...NONE, safetyStock: { ...NONE.safetyStock, mall_store: 2 } };
    await app.db.query('UPDATE merchants SET delivery_buffers = $2::jsonb WHERE id = $1', [shop.id, JSON.stringify(older)]);
    const expected = { ...older, secondSource: NONE.secondSource };
    expect(await deliveryBuffersOf(app.db, shop.id)).toEqual(expected);
    expect((await getMerchant(app.db, shop.id))!.deliveryBuffers).toEqual(expected);
  });
});

describe('delivery buffers in the promise', () => {
  it('by default the promise is a range named for its last day; a merchant that chooses none gets the planned day', async () => {
    // Tuesday 10 March, Chandler: standard from the Phoenix station, planned for Wednesday.
    const buffered = await standardIn('85226');
    expect(buffered.name).toBe('standard');
    expect(buffered.dateRange).toBe(true);
    expect(buffered.window.end.slice(0, 10) > buffered.window.start.slice(0, 10)).toBe(true);

    const demo = t.app.merchants.get(DEMO_MERCHANT_ID)!;
    await t.app.merchantSettings.update(demo, { deliveryBuffers: NONE });
    const bare = await standardIn('85226');
    expect(bare.dateRange).toBe(false);
    expect(bare.window.start).toBe(buffered.window.start);
    expect(bare.window.end.slice(0, 10)).toBe(bare.window.start.slice(0, 10));

    await t.app.merchantSettings.update(t.app.merchants.get(DEMO_MERCHANT_ID)!, { deliveryBuffers: null });
    expect(await standardIn('85226')).toEqual(buffered);
  });

  it('a merchant’s safety stock takes stores’ last units out of the promise', async () => {
    const services = async () => {
      const res = await call(t.app, {
        method: 'GET',
        url: '/v1/promise?sku=TEE-BLK-M&postal_code=85226',
        headers: bearer(DEMO_PUBLISHABLE_KEY),
      });
      expect(res.status).toBe(200);
      return (res.body.options as Array<{ service: string }>).map((o) => o.service);
    };
    expect(await services()).toContain('same_day');
    const demo = () => t.app.merchants.get(DEMO_MERCHANT_ID)!;
    // More than any Chandler store holds: same-day (from stores there) is gone, carriers remain.
    const held = { ...RECOMMENDED_BUFFERS, safetyStock: { ...RECOMMENDED_BUFFERS.safetyStock, mall_store: 50, local_store: 50 } };
    await t.app.merchantSettings.update(demo(), { deliveryBuffers: held });
    const after = await services();
    expect(after).not.toContain('same_day');
    expect(after).toContain('standard');
    await t.app.merchantSettings.update(demo(), { deliveryBuffers: null });
    expect(await services()).toContain('same_day');
  });

  it('by default same-day asks a second holder nearby: a lone store gives way to the next option', async () => {
    // The mall is the only same-day holder in reach; the Phoenix station (no same-day) holds it too.
    const shop = await openShop(t.app, { mall: 3, downtown: 0, station: 5 });
    const services = async (qty = 1) => {
      const res = await call(t.app, {
        method: 'GET',
        url: `/v1/promise?sku=${shop.sku}&qty=${qty}&postal_code=85226`,
        headers: publicHeaders(shop),
      });
      expect(res.status).toBe(200);
      return res.body.options as Array<{ service: string; shipments: Array<{ nodeId: string }> }>;
    };
    const alone = await services();
    expect(alone.map((o) => o.service)).not.toContain('same_day');
    expect(alone.map((o) => o.service)).toContain('standard');
    expect(alone.every((o) => o.shipments.every((x) => x.nodeId === shop.station))).toBe(true);

    // A second place in reach holds it: an empty shelf at the mall could be sent from there.
    await setStock(t.app, shop.secretKey, [{ nodeId: shop.downtown, sku: shop.sku, onHand: 2 }]);
    const backed = (await services()).find((o) => o.service === 'same_day');
    expect(backed?.shipments.map((x) => x.nodeId)).toEqual([shop.mall]);

    // The second place must hold the whole parcel: two units there back two, not three.
    expect((await services(2)).map((o) => o.service)).toContain('same_day');
    expect((await services(3)).map((o) => o.service)).not.toContain('same_day');

    // A merchant may choose to promise from a lone store (its own buffers, no second source).
    await promiseFromLoneStores(t.app, shop);
    expect((await services(3)).find((o) => o.service === 'same_day')?.shipments.map((x) => x.nodeId)).toEqual([shop.mall]);
  });

  it('a merchant’s second source for the courier takes it from the only shop that runs one nearby', async () => {
    const services = async (sku: string) => {
      const res = await call(t.app, {
        method: 'GET',
        url: `/v1/promise?sku=${sku}&postal_code=85226`,
        headers: bearer(DEMO_PUBLISHABLE_KEY),
      });
      expect(res.status).toBe(200);
      return (res.body.options as Array<{ service: string }>).map((o) => o.service);
    };
    // The mug near Chandler: at Downtown Chandler Goods (same-day and its own courier) and the
    // Gilbert shop (same-day only), so same-day has its second source and the courier has none.
    expect(await services('MUG-STONE')).toEqual(expect.arrayContaining(['same_day', 'local_courier']));
    const demo = () => t.app.merchants.get(DEMO_MERCHANT_ID)!;
    const both: DeliveryBuffers = {
      ...RECOMMENDED_BUFFERS,
      secondSource: { ...RECOMMENDED_BUFFERS.secondSource, local_courier: ['local_store'] },
    };
    await t.app.merchantSettings.update(demo(), { deliveryBuffers: both });
    expect(await services('MUG-STONE')).toContain('same_day');
    expect(await services('MUG-STONE')).not.toContain('local_courier');
    await t.app.merchantSettings.update(demo(), { deliveryBuffers: null });
    expect(await services('MUG-STONE')).toEqual(expect.arrayContaining(['same_day', 'local_courier']));
  });
});
