/**
 * A shortage that can wait for the place's restock: when staff say when the shelf is restocked
 * and picking then still delivers inside the order's window, the parcel stays and waits (no
 * refund, nothing new for the shopper); otherwise the usual re-sourcing or refund runs.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, DB_KINDS, errorOf, openTestDb, TUESDAY_MORNING, type TestApp } from '../helper.js';
import { addPlace, levelOf, openLoneStoreShop, setCapacities, setStock, type Shop } from '../fixtures.js';
import { placeOrder, staff } from './helpers.js';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(DB_KINDS)('a shortage waiting for its restock, on %s', (kind) => {
  let t: TestApp;
  let shop: Shop;

  beforeAll(async () => {
    t = await buildTestApp({
      clock: () => TUESDAY_MORNING,
      captureMail: true,
      config: { CHECKOUT_SWEEP_SECONDS: 0 },
      testDb: await openTestDb(kind),
    });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    // The station alone holds the tee: a standard order has nowhere else to come from. The mall,
    // when stocked, is the only same-day holder and promises it alone (the merchant's choice), so
    // a same-day shortage there has no second place unless a test adds one.
    shop = await openLoneStoreShop(t.app, { mall: 0, station: 4 });
  });

  /** A standard order of two tees from the station, placed Tuesday 08:00 in Phoenix. */
  async function standardOrder(email: string) {
    const order = await placeOrder(t.app, shop, { items: [{ sku: shop.sku, quantity: 2 }], service: 'standard', email });
    const got = (await staff(t.app, shop).order(order.id)).body;
    return { ...order, got };
  }

  async function usage(): Promise<Array<{ node: string; day: string; used: number }>> {
    return t.db.query(
      `SELECT node_id AS node, to_char(day, 'YYYY-MM-DD') AS day, used FROM capacity_usage WHERE merchant_id = $1 ORDER BY node_id, day`,
      [shop.id],
    );
  }

  it('waits when picking after the restock still delivers inside the window, and the stock is counted once', async () => {
    await setCapacities(t.app, shop, shop.station, { standard: 5 });
    const order = await standardOrder('wait@example.com');
    const window = order.got.promisedWindow;
    const before = order.got.fulfilment.parcels[0];
    expect(before.readyBy).toBe('2026-03-10T23:30:00.000Z');
    expect(await levelOf(t.app, shop, shop.station)).toEqual({ onHand: 2, reserved: 0, available: 2 });
    expect(await usage()).toEqual([{ node: shop.station, day: '2026-03-10', used: 1 }]);

    // Wednesday 09:00 in Phoenix: the supplier's van. The station picks Wednesday instead.
    const restockAt = '2026-03-11T09:00:00-07:00';
    const s = staff(t.app, shop);
    const res = await s.shortage(order.id, shop.station, { sku: shop.sku, missing: 1, shelfCount: 0, restockAt });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'waiting', fromNodeId: shop.station, order: { status: 'placed', promisedWindow: window } });
    const parcel = res.body.order.fulfilment.parcels[0];
    expect(parcel).toMatchObject({
      nodeId: shop.station,
      readyBy: '2026-03-11T23:30:00.000Z',
      waitingForStock: iso(Date.parse(restockAt)),
    });
    expect(parcel.lines).toEqual([expect.objectContaining({ sku: shop.sku, quantity: 2, picked: 0 })]);
    // The window holds: the shopper's expected window is the promised one, not late.
    expect(res.body.order.fulfilment).toMatchObject({ expectedWindow: window, late: false });
    expect(res.body.order.shipments).toEqual([expect.objectContaining({ nodeId: shop.station, items: [{ sku: shop.sku, quantity: 2 }] })]);
    // The pick moved to Wednesday, and the capacity with it.
    expect(await usage()).toEqual([
      { node: shop.station, day: '2026-03-10', used: 0 },
      { node: shop.station, day: '2026-03-11', used: 1 },
    ]);
    // The shelf holds nothing free; the order's two units stay committed to it at the station.
    expect(await levelOf(t.app, shop, shop.station)).toEqual({ onHand: 0, reserved: 0, available: 0 });
    const pickList = (await s.pickList(shop.station)).body;
    expect(pickList.toPick).toEqual([
      expect.objectContaining({
        orderId: order.id,
        readyBy: '2026-03-11T23:30:00.000Z',
        warning: 'Waiting for stock, expected Wed 9:00 AM',
      }),
    ]);

    // A retry of the same report changes nothing.
    const again = await s.shortage(order.id, shop.station, { sku: shop.sku, missing: 1, shelfCount: 0, restockAt });
    expect(again.status, again.raw).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'waiting', fromNodeId: shop.station });
    expect(again.body.order.fulfilment.parcels).toEqual(res.body.order.fulfilment.parcels);
    expect(await levelOf(t.app, shop, shop.station)).toEqual({ onHand: 0, reserved: 0, available: 0 });
    expect(await usage()).toEqual([
      { node: shop.station, day: '2026-03-10', used: 0 },
      { node: shop.station, day: '2026-03-11', used: 1 },
    ]);
    const notes = await t.db.query<{ shortages: unknown[] }>(`SELECT shortages FROM parcels WHERE order_id = $1`, [order.id]);
    expect(notes[0]!.shortages).toHaveLength(1);

    // Nobody was told anything new: only the confirmation went out.
    await t.app.mail.deliverDue();
    expect(t.app.mail.inbox!.to('wait@example.com').map((m) => m.kind)).toEqual(['confirmation']);

    // Cancelled while waiting, the order's two units go back once (the restock brings them).
    expect((await s.status(order.id, 'cancelled')).body.status).toBe('cancelled');
    expect(await levelOf(t.app, shop, shop.station)).toEqual({ onHand: 2, reserved: 0, available: 2 });
    expect(await usage()).toEqual([
      { node: shop.station, day: '2026-03-10', used: 0 },
      { node: shop.station, day: '2026-03-11', used: 0 },
    ]);
  });

  it('once restocked and picked, the parcel is ready as usual; missing again, it can wait again or be refunded', async () => {
    const order = await standardOrder('again@example.com');
    const s = staff(t.app, shop);
    const first = await s.shortage(order.id, shop.station, { sku: shop.sku, missing: 2, restockAt: '2026-03-11T09:00:00-07:00' });
    expect(first.body, first.raw).toMatchObject({ outcome: 'waiting' });
    // Still short after the restock: a later one that still fits waits again ...
    const second = await s.shortage(order.id, shop.station, { sku: shop.sku, missing: 2, restockAt: '2026-03-11T12:00:00-07:00' });
    expect(second.body, second.raw).toMatchObject({ outcome: 'waiting' });
    expect(second.body.order.fulfilment.parcels[0].waitingForStock).toBe('2026-03-11T19:00:00.000Z');
    const notes = await t.db.query<{ shortages: unknown[] }>(`SELECT shortages FROM parcels WHERE order_id = $1`, [order.id]);
    expect(notes[0]!.shortages).toHaveLength(2);
    // ... and when it is found, the parcel is ready and no longer waiting.
    const ready = await s.ready(order.id, shop.station);
    expect(ready.body.status, ready.raw).toBe('ready');
    expect(ready.body.fulfilment.parcels[0].waitingForStock).toBeNull();
  });

  it('falls back to today’s flow when the restock comes too late for the window: refunded, nothing waits', async () => {
    const order = await standardOrder('late@example.com');
    const end = Date.parse(order.got.promisedWindow.end);
    const s = staff(t.app, shop);
    const res = await s.shortage(order.id, shop.station, { sku: shop.sku, missing: 1, restockAt: iso(end) });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'refunded', fromNodeId: null, order: { status: 'cancelled' } });
    expect(res.body.order.fulfilment.parcels.every((p: { waitingForStock: unknown }) => p.waitingForStock === null)).toBe(true);
    // As before: the committed unit that was there goes back, the missing one is written off.
    expect(await levelOf(t.app, shop, shop.station)).toEqual({ onHand: 1, reserved: 0, available: 1 });
  });

  it('prefers another place that delivers inside the window to waiting', async () => {
    await setStock(t.app, shop.secretKey, [{ nodeId: shop.mall, sku: shop.sku, onHand: 3 }]);
    const order = await placeOrder(t.app, shop, { items: [{ sku: shop.sku, quantity: 1 }], email: 'other@example.com' });
    expect((await staff(t.app, shop).order(order.id)).body.shipments[0].nodeId).toBe(shop.mall);
    // Same-day from the mall; the station offers no same-day, so nobody else can: a restock this
    // morning (before the 14:00 cut-off) keeps tonight's window.
    const res = await staff(t.app, shop).shortage(order.id, shop.mall, {
      sku: shop.sku,
      missing: 1,
      restockAt: iso(TUESDAY_MORNING + 2 * HOUR),
    });
    expect(res.body, res.raw).toMatchObject({ outcome: 'waiting', fromNodeId: shop.mall });
    expect(res.body.order.fulfilment.parcels[0].readyBy).toBe('2026-03-10T21:30:00.000Z');

    // With a second store nearby holding it, that place sends it tonight instead of waiting.
    const second = `second-${shop.mall}`;
    await addPlace(t.app, shop.secretKey, {
      id: second,
      name: 'Chandler Crossroads',
      kind: 'mall_store',
      lat: 33.31,
      lng: -111.89,
      cutoffs: { same_day: '14:00' },
    });
    await setStock(t.app, shop.secretKey, [
      { nodeId: second, sku: shop.sku, onHand: 3 },
      { nodeId: shop.mall, sku: shop.sku, onHand: 3 },
    ]);
    const order2 = await placeOrder(t.app, shop, { items: [{ sku: shop.sku, quantity: 1 }], email: 'other2@example.com' });
    const got = (await staff(t.app, shop).order(order2.id)).body;
    expect(got.shipments[0].nodeId).toBe(shop.mall);
    const moved = await staff(t.app, shop).shortage(order2.id, shop.mall, {
      sku: shop.sku,
      missing: 1,
      restockAt: iso(TUESDAY_MORNING + 2 * HOUR),
    });
    expect(moved.body, moved.raw).toMatchObject({
      outcome: 'repromised',
      fromNodeId: second,
      order: { promisedWindow: got.promisedWindow },
    });
    expect(moved.body.order.fulfilment.expectedWindow).toEqual(got.promisedWindow);
  });

  it.each([
    ['in the past', iso(TUESDAY_MORNING - HOUR), 422, /not in the future/],
    ['now', iso(TUESDAY_MORNING), 422, /not in the future/],
    ['more than 60 days ahead', iso(TUESDAY_MORNING + 61 * 24 * HOUR), 422, /more than 60 days ahead/],
    ['not a real date', '2026-13-45T09:00:00Z', 422, /not a real date/],
    ['unparseable', 'next Tuesday', 400, /restockAt/],
    ['without an offset', '2026-03-11T09:00:00', 400, /restockAt/],
  ])('refuses a restockAt %s, writing nothing', async (_name, restockAt, status, message) => {
    const order = await standardOrder('bad@example.com');
    const res = await staff(t.app, shop).shortage(order.id, shop.station, { sku: shop.sku, missing: 1, restockAt });
    expect(res.status, res.raw).toBe(status);
    const error = errorOf(res);
    expect(`${error.message} ${JSON.stringify(error.details ?? '')}`).toMatch(message);
    // Nothing was corrected: the station still offers its two other tees.
    expect(await levelOf(t.app, shop, shop.station)).toEqual({ onHand: 2, reserved: 0, available: 2 });
  });
});
