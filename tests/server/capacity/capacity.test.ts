/**
 * Capacity per node, service and day (docs/ARCHITECTURE.md, "Capacity"): set through the admin
 * API, taken by holds in the stock's own transaction without ever taking more than the day has,
 * given back exactly once, and known to the promise route, so a full day promises the next one.
 * The shops here have one same-day store that promises alone (`openLoneStoreShop`): a second
 * holder nearby would take the orders a full day cannot, and this is about one store's day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  call,
  DB_KINDS,
  errorOf,
  eventually,
  openTestDb,
  PG_URL,
  TUESDAY_MORNING,
  type TestApp,
  type TestDb,
} from '../helper.js';
import { newKey, openLoneStoreShop, pay, publicHeaders, startCheckout, type Shop } from '../fixtures.js';

const TODAY = '2026-03-10';
const TOMORROW = '2026-03-11';

async function setCapacity(t: TestApp, shop: Shop, capacities: Record<string, number>) {
  return call(t.app, { method: 'PATCH', url: `/v1/admin/nodes/${shop.mall}`, headers: bearer(shop.secretKey), payload: { capacities } });
}

async function usage(t: TestApp, shop: Shop): Promise<Record<string, number>> {
  const rows = await t.db.query<{ day: string; used: number }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, used FROM capacity_usage WHERE merchant_id = $1 AND node_id = $2 AND service = 'same_day'`,
    [shop.id, shop.mall],
  );
  return Object.fromEntries(rows.filter((r) => r.used > 0).map((r) => [r.day, r.used]));
}

async function promiseServices(t: TestApp, shop: Shop): Promise<string[]> {
  const res = await call(t.app, {
    method: 'GET',
    url: `/v1/promise?sku=${shop.sku}&postal_code=85226&country=US`,
    headers: publicHeaders(shop),
  });
  expect(res.status).toBe(200);
  return res.body.options.map((o: { service: string }) => o.service);
}

describe.each(DB_KINDS)('capacity (%s)', (kind) => {
  let testDb: TestDb;
  let t: TestApp;
  let now = TUESDAY_MORNING;

  beforeAll(async () => {
    testDb = await openTestDb(kind);
    t = await buildTestApp({ testDb, clock: () => now, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
  });
  afterAll(async () => {
    await t.close();
    await testDb.close();
  });

  it('the admin API sets, shows and clears capacities, and refuses bad ones', async () => {
    const shop = await openLoneStoreShop(t.app);
    const set = await setCapacity(t, shop, { same_day: 40 });
    expect(set.status).toBe(200);
    expect(set.body.capacities).toEqual({ same_day: 40 });
    const got = await call(t.app, { method: 'GET', url: `/v1/admin/nodes/${shop.mall}`, headers: bearer(shop.secretKey) });
    expect(got.body.capacities).toEqual({ same_day: 40 });
    for (const bad of [{ same_day: -1 }, { same_day: 2.5 }, { drone: 3 }] as Array<Record<string, number>>) {
      const res = await setCapacity(t, shop, bad);
      expect(res.status).toBe(400);
      expect(errorOf(res).code).toBe('invalid_request');
    }
    expect((await setCapacity(t, shop, {})).body.capacities).toEqual({});
  });

  it('parallel holds never take more than a day has: the rest are promised the next day', async () => {
    now = TUESDAY_MORNING;
    const shop = await openLoneStoreShop(t.app, { mall: 20 });
    expect((await setCapacity(t, shop, { same_day: 3 })).status).toBe(200);
    const results = await Promise.all(Array.from({ length: 8 }, () => startCheckout(t.app, shop)));
    for (const r of results) expect(r.status, r.raw).toBe(201);
    const starts = results.map((r) => (r.body.option.window.start as string).slice(0, 10)).sort();
    expect(starts.filter((d) => d === TODAY)).toHaveLength(3);
    expect(starts.filter((d) => d === TOMORROW)).toHaveLength(3);
    expect(starts.filter((d) => d === '2026-03-12')).toHaveLength(2);
    expect(await usage(t, shop)).toEqual({ [TODAY]: 3, [TOMORROW]: 3, '2026-03-12': 2 });
    // The promise route knows: no same-day today any more (tomorrow is not "same-day").
    expect(await promiseServices(t, shop)).not.toContain('same_day');
  });

  it('a released or expired hold gives its capacity back exactly once; a paid one keeps it', async () => {
    now = TUESDAY_MORNING;
    const shop = await openLoneStoreShop(t.app, { mall: 20 });
    await setCapacity(t, shop, { same_day: 2 });
    const paid = await startCheckout(t.app, shop);
    const unpaid = await startCheckout(t.app, shop);
    expect([paid.status, unpaid.status]).toEqual([201, 201]);
    expect((await pay(t.app, shop, paid.body.id)).status).toBe(200);
    expect(await usage(t, shop)).toEqual({ [TODAY]: 2 });
    expect(await promiseServices(t, shop)).not.toContain('same_day');
    // Expired: the sweeper (twice, and once more later) gives the unpaid one back, once.
    now = TUESDAY_MORNING + 30 * 60_000;
    await Promise.all([t.app.checkout.sweep(), t.app.checkout.sweep()]);
    await t.app.checkout.sweep();
    expect(await usage(t, shop)).toEqual({ [TODAY]: 1 });
    const holds = await t.db.query<{ session_id: string; status: string }>(
      `SELECT session_id, status FROM capacity_holds WHERE merchant_id = $1 ORDER BY status`,
      [shop.id],
    );
    expect(holds).toEqual([
      { session_id: paid.body.id, status: 'committed' },
      { session_id: unpaid.body.id, status: 'released' },
    ]);
    expect(await promiseServices(t, shop)).toContain('same_day');
    const again = await startCheckout(t.app, shop);
    expect(again.body.option.window.start.slice(0, 10)).toBe(TODAY);
    expect(await usage(t, shop)).toEqual({ [TODAY]: 2 });
  });

  it('a cancelled order gives its place in the day back', async () => {
    now = TUESDAY_MORNING;
    const shop = await openLoneStoreShop(t.app, { mall: 5 });
    await setCapacity(t, shop, { same_day: 1 });
    const session = await startCheckout(t.app, shop);
    const paid = await pay(t.app, shop, session.body.id);
    expect(await usage(t, shop)).toEqual({ [TODAY]: 1 });
    const orderId = paid.body.order.id as string;
    const cancel = await call(t.app, {
      method: 'POST',
      url: `/v1/admin/orders/${orderId}/status`,
      headers: bearer(shop.secretKey),
      payload: { status: 'cancelled' },
    });
    expect(cancel.status, cancel.raw).toBe(200);
    expect(await usage(t, shop)).toEqual({});
  });

  it('no capacity: unlimited, and nothing is counted', async () => {
    now = TUESDAY_MORNING;
    const shop = await openLoneStoreShop(t.app, { mall: 10 });
    const results = await Promise.all(Array.from({ length: 5 }, () => startCheckout(t.app, shop, {}, newKey())));
    for (const r of results) expect(r.body.option.window.start.slice(0, 10)).toBe(TODAY);
    expect(await usage(t, shop)).toEqual({});
  });
});

describe.runIf(PG_URL)('capacity across processes on PostgreSQL', () => {
  let testDb: TestDb;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    testDb = await openTestDb('postgres');
    a = await buildTestApp({ testDb, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
    b = await buildTestApp({
      testDb: { ...testDb, db: await testDb.openAnother(), close: async () => undefined },
      config: { CHECKOUT_SWEEP_SECONDS: 0 },
    });
  }, 60_000);
  afterAll(async () => {
    await b.close();
    await a.close();
    await testDb.close();
  });

  it('holds in two processes share one day, and each process hears the other fill it', async () => {
    const shop = await openLoneStoreShop(a.app, { mall: 30 });
    await setCapacity(a, shop, { same_day: 4 });
    // Both processes hear the node change before the shoppers arrive.
    await eventually(
      () => b.app.networks.get(shop.id).node(shop.mall)?.capacities?.same_day,
      (n) => n === 4,
    );
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => startCheckout(i % 2 ? b.app : a.app, shop)));
    const today = results.filter((r) => r.status === 201 && r.body.option.window.start.startsWith(TODAY));
    expect(today).toHaveLength(4);
    for (const r of results) expect([201, 409]).toContain(r.status);
    expect((await usage(a, shop))[TODAY]).toBe(4);
    await eventually(
      () => b.app.networks.get(shop.id).capacityUse(shop.mall, 'same_day', TODAY),
      (n) => n === 4,
    );
    expect(b.app.networks.get(shop.id).capacityUse(shop.mall, 'same_day', TODAY)).toBe(4);
    expect(await promiseServices(b, shop)).not.toContain('same_day');
  });
});
