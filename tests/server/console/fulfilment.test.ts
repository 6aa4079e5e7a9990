/**
 * The console's order page acting on parcels: marking one ready and reporting a shortage, through
 * the same fulfilment service as the admin API, for the owner and for staff of the parcel's place
 * only.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, errorOf, TUESDAY_MORNING, type TestApp } from '../helper.js';
import { levelOf, openLoneStoreShop, openShop, type Shop } from '../fixtures.js';
import { placeOrder } from '../fulfilment/helpers.js';
import { API, as, clerkOf, ownerOf, type Signed } from './helpers.js';

describe('console: parcels ready and shortages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp({ clock: () => TUESDAY_MORNING, config: { CHECKOUT_SWEEP_SECONDS: 0 } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const shortage = (who: Signed, orderId: string, nodeId: string, payload: unknown) =>
    as(t.app, who, { method: 'POST', url: `${API}/orders/${orderId}/parcels/${nodeId}/shortage`, payload: payload as object });
  const ready = (who: Signed, orderId: string, nodeId: string) =>
    as(t.app, who, { method: 'POST', url: `${API}/orders/${orderId}/parcels/${nodeId}/ready` });
  const order = (who: Signed, orderId: string) => as(t.app, who, { method: 'GET', url: `${API}/orders/${orderId}` });

  describe('a shop whose station alone holds the tee (standard orders, nowhere else to send from)', () => {
    let shop: Shop;
    let owner: Signed;

    // A fresh shop per test: a shortage counts the shelf, which the next test must not inherit.
    beforeEach(async () => {
      shop = await openLoneStoreShop(t.app, { mall: 0, station: 4 });
      owner = await ownerOf(t.app, shop.id);
    });

    const standardOrder = (email: string) =>
      placeOrder(t.app, shop, { items: [{ sku: shop.sku, quantity: 2 }], service: 'standard', email });

    it('the owner reports a shortage with the restock: the parcel waits, the window holds, and the page shows it', async () => {
      const placed = await standardOrder('wait@example.com');
      const before = (await order(owner, placed.id)).body;
      expect(before.fulfilment.parcels[0]).toMatchObject({
        nodeId: shop.station,
        readyBy: '2026-03-10T23:30:00.000Z',
        waitingForStock: null,
      });

      // Wednesday 09:00 in Phoenix: the supplier's van. The station picks Wednesday instead.
      const restockAt = '2026-03-11T09:00:00-07:00';
      const res = await shortage(owner, placed.id, shop.station, { sku: shop.sku, missing: 1, shelfCount: 0, restockAt });
      expect(res.status, res.raw).toBe(200);
      expect(res.body).toMatchObject({
        outcome: 'waiting',
        fromNodeId: shop.station,
        order: { id: placed.id, status: 'placed', promisedWindow: before.promisedWindow },
      });
      expect(res.body.order.fulfilment).toMatchObject({ expectedWindow: before.promisedWindow, late: false, refundedAt: null });

      // The order page reads the same state afterwards.
      const after = (await order(owner, placed.id)).body;
      expect(after.status).toBe('placed');
      expect(after.fulfilment.parcels).toEqual([
        expect.objectContaining({
          nodeId: shop.station,
          status: 'placed',
          readyBy: '2026-03-11T23:30:00.000Z',
          waitingForStock: '2026-03-11T16:00:00.000Z',
          lines: [expect.objectContaining({ sku: shop.sku, quantity: 2, picked: 0 })],
        }),
      ]);
      // The shelf was counted empty; the order's units stay committed to it at the station.
      expect(await levelOf(t.app, shop, shop.station)).toEqual({ onHand: 0, reserved: 0, available: 0 });

      const audit = await as(t.app, owner, { method: 'GET', url: `${API}/audit` });
      expect(audit.body.items).toContainEqual(
        expect.objectContaining({
          action: 'parcel.shortage',
          subject: placed.id,
          userEmail: owner.email,
          details: expect.objectContaining({ nodeId: shop.station, sku: shop.sku, missing: 1, outcome: 'waiting' }),
        }),
      );

      // Found after the restock: marked ready from the console, the parcel no longer waits.
      const done = await ready(owner, placed.id, shop.station);
      expect(done.status, done.raw).toBe(200);
      expect(done.body.status).toBe('ready');
      expect(done.body.fulfilment.parcels[0]).toMatchObject({ status: 'ready', waitingForStock: null });
      expect((await ready(owner, placed.id, shop.station)).status).toBe(200);
    });

    it('refuses a bad body (400) and a restock in the past or too far ahead (422), changing nothing', async () => {
      const placed = await standardOrder('bad@example.com');
      const before = (await order(owner, placed.id)).body;
      const level = await levelOf(t.app, shop, shop.station);

      for (const payload of [
        {},
        { sku: shop.sku },
        { sku: shop.sku, missing: 0 },
        { sku: shop.sku, missing: 1.5 },
        { sku: shop.sku, missing: 1, shelfCount: -1 },
        { sku: shop.sku, missing: 1, restockAt: 'tomorrow morning' },
        { sku: shop.sku, missing: 1, reason: 'not a field' },
      ]) {
        const res = await shortage(owner, placed.id, shop.station, payload);
        expect(res.status, JSON.stringify(payload)).toBe(400);
        expect(errorOf(res).code).toBe('invalid_request');
      }
      const past = await shortage(owner, placed.id, shop.station, { sku: shop.sku, missing: 1, restockAt: '2026-03-10T07:00:00-07:00' });
      expect(past.status).toBe(422);
      expect(errorOf(past).message).toMatch(/not in the future/);
      const far = await shortage(owner, placed.id, shop.station, { sku: shop.sku, missing: 1, restockAt: '2026-07-10T09:00:00-07:00' });
      expect(far.status).toBe(422);
      expect(errorOf(far).message).toMatch(/more than 60 days ahead/);
      const tooMany = await shortage(owner, placed.id, shop.station, { sku: shop.sku, missing: 3 });
      expect(tooMany.status).toBe(422);
      expect(errorOf(tooMany).message).toMatch(/needs 2/);
      const otherSku = await shortage(owner, placed.id, shop.station, { sku: shop.otherSku, missing: 1 });
      expect(otherSku.status).toBe(422);
      expect((await shortage(owner, placed.id, shop.mall, { sku: shop.sku, missing: 1 })).status).toBe(404);
      expect((await shortage(owner, 'ord_nothing', shop.station, { sku: shop.sku, missing: 1 })).status).toBe(404);

      expect((await order(owner, placed.id)).body).toEqual(before);
      expect(await levelOf(t.app, shop, shop.station)).toEqual(level);
    });

    it('with no restock and no other place, the order is cancelled and refunded; a second report is a conflict', async () => {
      const placed = await standardOrder('refund@example.com');
      const res = await shortage(owner, placed.id, shop.station, { sku: shop.sku, missing: 2 });
      expect(res.status, res.raw).toBe(200);
      expect(res.body).toMatchObject({ outcome: 'refunded', fromNodeId: null, order: { status: 'cancelled' } });
      expect(res.body.order.fulfilment.refundedAt).not.toBeNull();
      expect((await order(owner, placed.id)).body.status).toBe('cancelled');
      expect((await shortage(owner, placed.id, shop.station, { sku: shop.sku, missing: 1 })).status).toBe(409);
      expect((await ready(owner, placed.id, shop.station)).status).toBe(409);
    });
  });

  describe('a shop whose mall and downtown shop both hold the tee (same-day)', () => {
    let shop: Shop;
    let owner: Signed;

    beforeAll(async () => {
      shop = await openShop(t.app, { mall: 5, downtown: 5, station: 5 });
      owner = await ownerOf(t.app, shop.id);
    });

    it('staff act only on the parcels of their own places: another place is 403, an order they cannot see 404', async () => {
      const placed = await placeOrder(t.app, shop, { items: [{ sku: shop.sku, quantity: 2 }], service: 'same_day' });
      expect((await order(owner, placed.id)).body.fulfilment.parcels.map((p: { nodeId: string }) => p.nodeId)).toEqual([shop.mall]);

      const stationClerk = await clerkOf(t.app, owner, [shop.station]);
      const hidden = await shortage(stationClerk, placed.id, shop.mall, { sku: shop.sku, missing: 1 });
      expect(hidden.status).toBe(404);
      expect((await ready(stationClerk, placed.id, shop.mall)).status).toBe(404);

      // One tee missing at the mall: the downtown shop sends it, the mall keeps the other.
      const mallClerk = await clerkOf(t.app, owner, [shop.mall]);
      const moved = await shortage(mallClerk, placed.id, shop.mall, { sku: shop.sku, missing: 1, shelfCount: 0 });
      expect(moved.status, moved.raw).toBe(200);
      expect(moved.body).toMatchObject({ outcome: 'repromised', fromNodeId: shop.downtown });
      const parcels = moved.body.order.fulfilment.parcels as Array<{ nodeId: string; lines: Array<{ quantity: number }> }>;
      expect(parcels.map((p) => [p.nodeId, p.lines[0]!.quantity]).sort()).toEqual([
        [shop.downtown, 1],
        [shop.mall, 1],
      ]);

      // The downtown clerk now sees the order, but the mall's parcel is not theirs.
      const downtownClerk = await clerkOf(t.app, owner, [shop.downtown]);
      expect((await order(downtownClerk, placed.id)).status).toBe(200);
      const notTheirs = await shortage(downtownClerk, placed.id, shop.mall, { sku: shop.sku, missing: 1 });
      expect(notTheirs.status).toBe(403);
      expect(errorOf(notTheirs).code).toBe('forbidden');
      expect((await ready(downtownClerk, placed.id, shop.mall)).status).toBe(403);

      // Their own parcel is ready; the order waits for the mall's.
      const own = await ready(downtownClerk, placed.id, shop.downtown);
      expect(own.status, own.raw).toBe(200);
      expect(own.body.status).toBe('placed');
      expect(own.body.fulfilment.parcels.find((p: { nodeId: string }) => p.nodeId === shop.downtown).status).toBe('ready');
      const mallReady = await ready(mallClerk, placed.id, shop.mall);
      expect(mallReady.status, mallReady.raw).toBe(200);
      expect(mallReady.body.status).toBe('ready');
    });
  });
});
