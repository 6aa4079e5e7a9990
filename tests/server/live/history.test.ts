/**
 * Promises from history (docs/ARCHITECTURE.md, "Promises from history"): once a node has enough
 * deliveries of its own, its handling and its slack come from them, and the promise says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_DELIVERIES, calibrate, type DeliveryRow } from '../../../server/live/history.js';
import { RECOMMENDED_BUFFERS, type NetworkNode } from '../../../server/promise/index.js';
import { openShop, publicHeaders, setStock, type Shop } from '../fixtures.js';
import { placeOrder } from '../fulfilment/helpers.js';
import { bearer, buildTestApp, call, type TestApp } from '../helper.js';

const station = { id: 'st', handlingMinutes: 60 } as NetworkNode;
const nodes = new Map([[station.id, station]]);

/** `n` standard deliveries from the station, ready `lateMinutes(i)` after `ready_by`, `daysLate(i)` after the window's first day. */
function rows(n: number, lateMinutes: (i: number) => number, daysLate: (i: number) => number): DeliveryRow[] {
  return Array.from({ length: n }, (_, i) => {
    const readyBy = Date.parse('2026-10-05T17:00:00Z') + i * 86_400_000;
    return {
      node_id: 'st',
      service: 'standard',
      ready_by: new Date(readyBy),
      ready_at: new Date(readyBy + lateMinutes(i) * 60_000),
      // The window starts on 2026-10-07 (Phoenix); delivered at 11:00 local, `daysLate` later.
      window_start: '2026-10-07T08:00:00-07:00',
      delivered_at: new Date(Date.parse('2026-10-07T18:00:00Z') + daysLate(i) * 86_400_000),
    };
  });
}

describe('calibrate', () => {
  it('needs enough deliveries before it says anything', () => {
    expect(
      calibrate(
        rows(
          MIN_DELIVERIES - 1,
          () => 0,
          () => 0,
        ),
        nodes,
      ).size,
    ).toBe(0);
    expect(
      calibrate(
        rows(
          MIN_DELIVERIES,
          () => 0,
          () => 0,
        ),
        nodes,
      ).get('st'),
    ).toEqual({
      deliveries: MIN_DELIVERIES,
      handlingMinutes: 60,
      slackDays: { standard: 0 },
    });
  });

  it('plans handling at the 90th percentile of how late the node was ready, and slack that covers 99%', () => {
    // 40 deliveries: ready 0…39 minutes late (p90: 35); one arrived two days after the window's first day.
    const h = calibrate(
      rows(
        40,
        (i) => i,
        (i) => (i === 7 ? 2 : 0),
      ),
      nodes,
    ).get('st')!;
    expect(h.handlingMinutes).toBe(60 + 35);
    expect(h.slackDays).toEqual({ standard: 2 });
  });

  it('reads the delivery day on the window’s own clock, and never counts an early one below zero', () => {
    // 23:30 in Phoenix is the next day in UTC: still the window's first day.
    const late = rows(
      30,
      () => 0,
      () => 0,
    ).map((r) => ({ ...r, delivered_at: new Date('2026-10-08T06:30:00Z') }));
    expect(calibrate(late, nodes).get('st')!.slackDays).toEqual({ standard: 0 });
    const early = rows(
      30,
      () => 0,
      () => -1,
    );
    expect(calibrate(early, nodes).get('st')!.slackDays).toEqual({ standard: 0 });
  });

  it('ignores nodes the network no longer has', () => {
    expect(
      calibrate(
        rows(
          40,
          () => 0,
          () => 0,
        ),
        new Map(),
      ).size,
    ).toBe(0);
  });
});

describe('a node’s own deliveries in the promise', () => {
  let t: TestApp;
  let shop: Shop;
  beforeAll(async () => {
    t = await buildTestApp();
    shop = await openShop(t.app, { mall: 0, station: 100 });
    // The merchant promises with the recommended buffers (the default), whose slack history replaces.
    const settings = await call(t.app, { method: 'GET', url: '/v1/admin/merchant', headers: bearer(shop.secretKey) });
    expect(settings.body).toMatchObject({ deliveryBuffersSource: 'recommended', deliveryBuffers: RECOMMENDED_BUFFERS });
  });
  afterAll(() => t.close());

  const standard = async () => {
    const res = await call(t.app, {
      method: 'GET',
      url: `/v1/promise?sku=${shop.sku}&postal_code=85226`,
      headers: publicHeaders(shop),
    });
    expect(res.status).toBe(200);
    return res.body.options.find((o: { service: string }) => o.service === 'standard');
  };

  it('replaces the buffers’ slack once the station has delivered enough, and says so', { timeout: 240_000 }, async () => {
    const before = await standard();
    expect(before.dateRange).toBe(true);
    expect(before.reason).not.toMatch(/deliveries/);

    for (let i = 0; i < MIN_DELIVERIES; i++) await placeOrder(t.app, shop, { service: 'standard' });
    // Every parcel ready on time and delivered on its window's first day.
    await t.db.query(
      `UPDATE parcels p SET ready_at = p.ready_by, picked_up_at = p.ready_by, status = 'delivered',
              delivered_at = (substr(o.window_start, 1, 10) || 'T19:00:00Z')::timestamptz
         FROM orders o WHERE o.id = p.order_id AND p.merchant_id = $1`,
      [shop.id],
    );
    await setStock(t.app, shop.secretKey, [{ nodeId: shop.station, sku: shop.sku, onHand: 100 }]);
    await t.app.networks.refreshHistory(shop.id);

    const after = await standard();
    expect(after.window.start).toBe(before.window.start);
    expect(after.dateRange).toBe(false);
    expect(after.window.end.slice(0, 10)).toBe(after.window.start.slice(0, 10));
    expect(after.reason).toBe(`from Phoenix Station, 16 km away, based on this place's last ${MIN_DELIVERIES} deliveries`);
    expect(after.shipments[0].history).toBe(MIN_DELIVERIES);
  });
});
