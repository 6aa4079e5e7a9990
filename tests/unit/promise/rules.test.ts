import { describe, expect, it } from 'vitest';
// The per-service rules, before the shopper's view drops misnamed and dominated options
// (that view has its own table in shown.test.ts).
import { planOptions as computePromise } from '../../../server/promise/engine.js';
import { distanceKm } from '../../../server/promise/network.js';
import { reasonFor } from '../../../server/promise-service/options.js';
import type { PromiseOption, ServiceId } from '../../../server/promise/types.js';
import { CHANDLER, at, chandlerMall, chandlerShop, item, network, node, ohioFc, phoenixStation, request } from './fixtures.js';

const PHX = 'America/Phoenix';
const fullNetwork = () =>
  network(
    [chandlerMall, chandlerShop, phoenixStation, ohioFc],
    [
      ['chandler-mall', 'SKU-1', 3],
      ['chandler-shop', 'SKU-1', 2],
      ['phx-station', 'SKU-1', 5],
      ['ohio-fc', 'SKU-1', 100],
    ],
  );

function optionFor(options: PromiseOption[], service: ServiceId): PromiseOption | undefined {
  return options.find((o) => o.service === service);
}

/** Asserts the option for `service` arrives in this window and must be ordered by this instant. */
function expectPromise(options: PromiseOption[], service: ServiceId, window: [string, string] | null, orderBy?: string) {
  const option = optionFor(options, service);
  if (window === null) {
    expect(option, `${service} should not be offered`).toBeUndefined();
    return;
  }
  expect(option, `${service} should be offered`).toBeDefined();
  expect([option!.window.start, option!.window.end]).toEqual(window);
  if (orderBy) expect(option!.orderBy).toBe(orderBy);
}

describe('cut-offs, windows and calendars (Chandler, Wednesday 2026-11-25, the day before Thanksgiving)', () => {
  it.each([
    // [local time in Phoenix, service, window, order by]
    ['2026-11-25T10:00', 'same_day', ['2026-11-25T16:00:00-07:00', '2026-11-25T20:00:00-07:00'], '2026-11-25T14:00:00-07:00'],
    ['2026-11-25T13:59', 'same_day', ['2026-11-25T16:00:00-07:00', '2026-11-25T20:00:00-07:00'], '2026-11-25T14:00:00-07:00'],
    // After the mall's 14:00 cut-off the gig driver comes tomorrow (Thanksgiving: gig drivers work).
    ['2026-11-25T14:00', 'same_day', ['2026-11-26T16:00:00-07:00', '2026-11-26T20:00:00-07:00'], '2026-11-26T14:00:00-07:00'],
    // Local courier: next day, but Thanksgiving is one of its five rest days.
    ['2026-11-25T16:59', 'local_courier', ['2026-11-27T10:00:00-07:00', '2026-11-27T18:00:00-07:00'], '2026-11-25T17:00:00-07:00'],
    ['2026-11-25T17:00', 'local_courier', ['2026-11-28T10:00:00-07:00', '2026-11-28T18:00:00-07:00'], '2026-11-27T17:00:00-07:00'],
    // Next day: carriers neither collect nor deliver on Thanksgiving, and count business days.
    ['2026-11-25T14:59', 'next_day', ['2026-11-27T08:00:00-07:00', '2026-11-27T20:00:00-07:00'], '2026-11-25T15:00:00-07:00'],
    // After Wednesday's cut-off: Thursday's order waits for Friday's collection, and so does
    // Friday's: the countdown runs to Friday's cut-off; delivery the next business day, Monday.
    ['2026-11-25T15:00', 'next_day', ['2026-11-30T08:00:00-07:00', '2026-11-30T20:00:00-07:00'], '2026-11-27T15:00:00-07:00'],
    // Two day from Friday's collection: two business days, so Tuesday (not Monday).
    ['2026-11-25T16:00', 'two_day', ['2026-12-01T08:00:00-07:00', '2026-12-01T20:00:00-07:00'], '2026-11-27T16:00:00-07:00'],
    // Standard from 20 km: one ground day (zone 2), Friday after the holiday.
    ['2026-11-25T15:59', 'standard', ['2026-11-27T08:00:00-07:00', '2026-11-27T20:00:00-07:00'], '2026-11-25T16:00:00-07:00'],
  ] as const)('at %s: %s arrives %j, order by %s', (local, service, window, orderBy) => {
    const options = computePromise(fullNetwork(), request({ now: at(local, PHX) }));
    expectPromise(options, service, [...window], orderBy);
  });

  it('same-day arrives in the evening window, after the parcel can physically get there', () => {
    const now = at('2026-11-25T09:00', PHX);
    const option = optionFor(computePromise(fullNetwork(), request({ now })), 'same_day')!;
    expect(option.window).toEqual({ start: '2026-11-25T16:00:00-07:00', end: '2026-11-25T20:00:00-07:00' });
    expect(option.windowStartMs).toBeGreaterThanOrEqual(now + chandlerMall.handlingMinutes * 60_000);
  });

  it('a same-day node whose handling runs past the evening window sends tomorrow', () => {
    const slow = { ...chandlerMall, handlingMinutes: 5 * 60 };
    const net = network([slow], [['chandler-mall', 'SKU-1', 1]]);
    const options = computePromise(net, request({ now: at('2026-11-25T10:00', PHX) }));
    expectPromise(options, 'same_day', ['2026-11-26T16:00:00-07:00', '2026-11-26T20:00:00-07:00']);
  });

  it('options come earliest first, one per service', () => {
    const options = computePromise(fullNetwork(), request({ now: at('2026-11-25T10:00', PHX) }));
    // Ground from 20 km takes one day, as next-day does (the shopper's view drops next-day).
    expect(options.map((o) => o.service)).toEqual(['same_day', 'standard', 'next_day', 'local_courier', 'two_day']);
    for (let i = 1; i < options.length; i++) expect(options[i]!.windowStartMs).toBeGreaterThanOrEqual(options[i - 1]!.windowStartMs);
  });
});

describe('node calendars', () => {
  it.each([
    ['closed on Wednesdays', { closedWeekdays: [3], closedDates: [] }, '2026-11-26T16:00:00-07:00'],
    ['closed for a stock-take on 2026-11-25', { closedWeekdays: [], closedDates: ['2026-11-25'] }, '2026-11-26T16:00:00-07:00'],
    ['closed Wednesday and Thursday', { closedWeekdays: [3, 4], closedDates: [] }, '2026-11-27T16:00:00-07:00'],
    ['open', { closedWeekdays: [], closedDates: [] }, '2026-11-25T16:00:00-07:00'],
  ])('a mall %s hands over on its next open day', (_label, calendar, start) => {
    const net = network([{ ...chandlerMall, calendar }], [['chandler-mall', 'SKU-1', 1]]);
    const options = computePromise(net, request({ now: at('2026-11-25T10:00', PHX) }));
    expect(optionFor(options, 'same_day')!.window.start).toBe(start);
  });

  it('carriers count business days: a Friday-evening next-day order arrives Tuesday', () => {
    const net = network([phoenixStation], [['phx-station', 'SKU-1', 1]]);
    // Friday 2026-12-04 after the 15:00 cut-off: next collection Monday, delivery Tuesday; an
    // order up to Monday's cut-off makes the same collection, so the countdown runs to it.
    const friday = computePromise(net, request({ now: at('2026-12-04T16:00', PHX) }));
    expectPromise(friday, 'next_day', ['2026-12-08T08:00:00-07:00', '2026-12-08T20:00:00-07:00'], '2026-12-07T15:00:00-07:00');
    // Friday before the cut-off: collected Friday, delivered Monday (no Saturday delivery bought).
    const fridayNoon = computePromise(net, request({ now: at('2026-12-04T12:00', PHX) }));
    expectPromise(fridayNoon, 'next_day', ['2026-12-07T08:00:00-07:00', '2026-12-07T20:00:00-07:00']);
    // Two day from a Friday collection: Monday, Tuesday.
    expectPromise(fridayNoon, 'two_day', ['2026-12-08T08:00:00-07:00', '2026-12-08T20:00:00-07:00']);
  });

  it('Saturday delivery only where the merchant buys it, and only for express services', () => {
    const saturdays = network([{ ...phoenixStation, saturdayDelivery: true }], [['phx-station', 'SKU-1', 1]]);
    const fridayNoon = computePromise(saturdays, request({ now: at('2026-12-04T12:00', PHX) }));
    expectPromise(fridayNoon, 'next_day', ['2026-12-05T08:00:00-07:00', '2026-12-05T20:00:00-07:00']);
    expectPromise(fridayNoon, 'two_day', ['2026-12-08T08:00:00-07:00', '2026-12-08T20:00:00-07:00']);
    // Thursday's two-day lands on Saturday; ground never does.
    const thursday = computePromise(saturdays, request({ now: at('2026-12-03T12:00', PHX) }));
    expectPromise(thursday, 'two_day', ['2026-12-05T08:00:00-07:00', '2026-12-05T20:00:00-07:00']);
    expectPromise(fridayNoon, 'standard', ['2026-12-07T08:00:00-07:00', '2026-12-07T20:00:00-07:00']);
  });

  it('carrier holidays: nothing collected or delivered on Christmas Day', () => {
    const net = network([phoenixStation], [['phx-station', 'SKU-1', 1]]);
    // Thursday 2026-12-24 before cut-off: collected on the 24th, the 25th is a holiday, no
    // Saturday delivery → Monday 28th.
    const options = computePromise(net, request({ now: at('2026-12-24T09:00', PHX) }));
    expectPromise(options, 'next_day', ['2026-12-28T08:00:00-07:00', '2026-12-28T20:00:00-07:00']);
    const saturdays = network([{ ...phoenixStation, saturdayDelivery: true }], [['phx-station', 'SKU-1', 1]]);
    expectPromise(computePromise(saturdays, request({ now: at('2026-12-24T09:00', PHX) })), 'next_day', [
      '2026-12-26T08:00:00-07:00',
      '2026-12-26T20:00:00-07:00',
    ]);
  });
});

describe('reach', () => {
  // Places due north of the destination at a known distance.
  const north = (km: number) => ({ lat: CHANDLER.lat + km / 111.2, lng: CHANDLER.lng });

  it.each([
    // Ten road miles: 16.09 km of road, 12.38 km in a straight line at the 1.3 road factor.
    [12.3, true],
    [12.45, false],
    [15.9, false],
    [20, false],
  ])('a local shop %s km away delivers by local courier: %s', (km, offered) => {
    const shop = node('shop', { kind: 'local_store', ...north(km), cutoffs: { local_courier: '17:00' } });
    const exact = distanceKm(CHANDLER.lat, CHANDLER.lng, shop.lat, shop.lng);
    expect(exact * 1.3 <= 16.09344).toBe(offered);
    const options = computePromise(network([shop], [['shop', 'SKU-1', 1]]), request({ now: at('2026-12-01T10:00', PHX) }));
    expect(optionFor(options, 'local_courier') !== undefined).toBe(offered);
  });

  it('same-day reaches 20 road miles (24.8 km straight) and no farther', () => {
    const near = node('near', { ...north(24), cutoffs: { same_day: '14:00' } });
    const far = node('far', { ...north(26), cutoffs: { same_day: '14:00' } });
    const now = at('2026-12-01T10:00', PHX);
    expect(optionFor(computePromise(network([near], [['near', 'SKU-1', 1]]), request({ now })), 'same_day')).toBeDefined();
    expect(optionFor(computePromise(network([far], [['far', 'SKU-1', 1]]), request({ now })), 'same_day')).toBeUndefined();
  });

  it('only local stores run a local courier, only carrier nodes ship next day', () => {
    const mallWithCourier = node('mall', { ...north(3), cutoffs: { local_courier: '17:00', next_day: '15:00' } });
    const options = computePromise(network([mallWithCourier], [['mall', 'SKU-1', 1]]), request({ now: at('2026-12-01T10:00', PHX) }));
    expect(options).toEqual([]);
  });

  it('a far fulfilment centre offers two day and standard but not next day', () => {
    const net = network([ohioFc], [['ohio-fc', 'SKU-1', 10]]);
    const options = computePromise(net, request({ now: at('2026-12-01T09:00', PHX) }));
    expect(options.map((o) => o.service).sort()).toEqual(['standard', 'two_day']);
    // Columbus → Chandler is ~2,700 km (zone 8): five business days by ground from Tuesday.
    expectPromise(options, 'standard', ['2026-12-08T08:00:00-07:00', '2026-12-08T20:00:00-07:00']);
    expect(reasonFor(optionFor(options, 'two_day')!.shipments)).toMatch(/^from Columbus Fulfillment Center, 2,\d{3} km away$/);
  });
});

describe('time zones', () => {
  it('cut-offs follow the node through a DST change (New York, 2026-11-01)', () => {
    const nyStation = node('ny', {
      kind: 'delivery_station',
      lat: 40.7128,
      lng: -74.006,
      timeZone: 'America/New_York',
      handlingMinutes: 60,
      cutoffs: { next_day: '14:00' },
    });
    const nyDest = { lat: 40.73, lng: -73.99, timeZone: 'America/New_York' };
    const net = network([nyStation], [['ny', 'SKU-1', 1]]);
    // Friday 2026-10-30 after cut-off: next collection Monday 2026-11-02, after the clocks went back.
    const options = computePromise(net, request({ destination: nyDest, now: at('2026-10-30T15:00', 'America/New_York') }));
    const option = optionFor(options, 'next_day')!;
    expect(option.orderBy).toBe('2026-11-02T14:00:00-05:00');
    expect(option.window).toEqual({ start: '2026-11-03T08:00:00-05:00', end: '2026-11-03T20:00:00-05:00' });
    // Before the change the same 14:00 cut-off is 18:00 UTC, after it 19:00 UTC.
    const before = computePromise(net, request({ destination: nyDest, now: at('2026-10-30T09:00', 'America/New_York') }));
    expect(optionFor(before, 'next_day')!.orderByMs).toBe(Date.UTC(2026, 9, 30, 18));
    expect(option.orderByMs).toBe(Date.UTC(2026, 10, 2, 19));
  });

  it('spring forward: a 02:30 cut-off on the night the clocks skip it resolves to 03:30', () => {
    const night = node('night', {
      kind: 'delivery_station',
      lat: 40.7128,
      lng: -74.006,
      timeZone: 'America/New_York',
      handlingMinutes: 0,
      cutoffs: { standard: '02:30' },
      calendar: { closedWeekdays: [], closedDates: [] },
    });
    const net = network([night], [['night', 'SKU-1', 1]]);
    const dest = { lat: 40.73, lng: -73.99, timeZone: 'America/New_York' };
    // 2026-03-09 is Monday: collection happens Monday at 02:30 EDT.
    const options = computePromise(net, request({ destination: dest, now: at('2026-03-08T12:00', 'America/New_York') }));
    expect(optionFor(options, 'standard')!.orderBy).toBe('2026-03-09T02:30:00-04:00');
  });

  it('a shopper in Phoenix buying from New York sees windows in Phoenix time and the New York cut-off', () => {
    const net = network([ohioFc], [['ohio-fc', 'SKU-1', 10]]);
    // 13:30 in Phoenix is 15:30 in Columbus: before the 17:00 two-day cut-off there.
    const options = computePromise(net, request({ now: at('2026-12-01T13:30', PHX) }));
    const option = optionFor(options, 'two_day')!;
    expect(option.orderBy).toBe('2026-12-01T15:00:00-07:00');
    expect(option.window.start).toBe('2026-12-03T08:00:00-07:00');
  });
});

describe('items, stock and price', () => {
  it('reserved stock is never promised', () => {
    const net = network([chandlerMall], [['chandler-mall', 'SKU-1', 3, 3]]);
    expect(computePromise(net, request({ now: at('2026-12-01T10:00', PHX) }))).toEqual([]);
    net.setStock('chandler-mall', 'SKU-1', 3, 2);
    expect(computePromise(net, request({ now: at('2026-12-01T10:00', PHX) }))).toHaveLength(1);
    expect(computePromise(net, request({ now: at('2026-12-01T10:00', PHX), items: [item('SKU-1', 2)] }))).toEqual([]);
  });

  it('nothing in stock: no options', () => {
    const net = network([chandlerMall, phoenixStation], [['chandler-mall', 'OTHER', 5]]);
    expect(computePromise(net, request({ now: at('2026-12-01T10:00', PHX) }))).toEqual([]);
  });

  it('several items come from one node when one holds them all', () => {
    const net = network(
      [chandlerMall, phoenixStation],
      [
        ['chandler-mall', 'A', 1],
        ['chandler-mall', 'B', 1],
        ['phx-station', 'A', 1],
        ['phx-station', 'B', 1],
      ],
    );
    const options = computePromise(net, request({ now: at('2026-12-01T10:00', PHX), items: [item('A'), item('B')] }));
    const sameDay = optionFor(options, 'same_day')!;
    expect(sameDay.split).toBe(false);
    expect(sameDay.shipments).toEqual([
      expect.objectContaining({
        nodeId: 'chandler-mall',
        items: [
          { sku: 'A', quantity: 1 },
          { sku: 'B', quantity: 1 },
        ],
      }),
    ]);
  });

  it('split shipments when no node holds everything, and say so', () => {
    const otherMall = node('other-mall', { name: 'Mesa Riverview', lat: 33.43, lng: -111.87, cutoffs: { same_day: '12:00' } });
    const net = network(
      [chandlerMall, otherMall],
      [
        ['chandler-mall', 'A', 1],
        ['other-mall', 'B', 1],
      ],
    );
    const options = computePromise(net, request({ now: at('2026-12-01T10:00', PHX), items: [item('A'), item('B')] }));
    const sameDay = optionFor(options, 'same_day')!;
    expect(sameDay.split).toBe(true);
    expect(sameDay.shipments.map((s) => s.nodeId).sort()).toEqual(['chandler-mall', 'other-mall']);
    expect(reasonFor(sameDay.shipments)).toMatch(/^in 2 shipments, from /);
    // The earlier of the two cut-offs binds the whole order.
    expect(sameDay.orderBy).toBe('2026-12-01T12:00:00-07:00');
  });

  it('a split weighs every near holder of each item, whatever a far holder of another item cost', () => {
    // B is held near and in Ohio; C by two nearby stations, the nearer closed until Thursday. The
    // walk for B stops at Ohio; the walk for C must still weigh the open station (a search bound
    // once computed for Ohio's distance was reused for C's near holders and skipped it).
    const closedStation = node('closed-station', {
      ...phoenixStation,
      id: 'closed-station',
      calendar: { closedWeekdays: [2, 3], closedDates: [] },
    });
    const openStation = node('open-station', { ...phoenixStation, id: 'open-station', lat: phoenixStation.lat + 0.05 });
    const net = network(
      [phoenixStation, ohioFc, closedStation, openStation],
      [
        ['phx-station', 'B', 1],
        ['ohio-fc', 'B', 1],
        ['closed-station', 'C', 1],
        ['open-station', 'C', 1],
      ],
    );
    const now = at('2026-12-01T10:00', PHX);
    const split = optionFor(computePromise(net, request({ now, items: [item('B'), item('C')] })), 'standard')!;
    const alone = optionFor(computePromise(net, request({ now, items: [item('C')] })), 'standard')!;
    expect(split.shipments.map((s) => s.nodeId).sort()).toEqual(['open-station', 'phx-station']);
    expect(split.windowStartMs).toBe(alone.windowStartMs);
  });

  it('duplicate lines of one SKU count as one quantity', () => {
    const net = network([chandlerMall], [['chandler-mall', 'SKU-1', 2]]);
    const now = at('2026-12-01T10:00', PHX);
    expect(computePromise(net, request({ now, items: [item('SKU-1'), item('SKU-1')] }))).toHaveLength(1);
    expect(computePromise(net, request({ now, items: [item('SKU-1', 2), item('SKU-1')] }))).toEqual([]);
  });

  it.each([
    ['non-member', false, true, 2500, { same_day: 999, local_courier: 599, next_day: 799, two_day: 499, standard: 0 }],
    ['member, eligible item', true, true, 2500, { same_day: 0, local_courier: 0, next_day: 0, two_day: 0, standard: 0 }],
    ['member, ineligible item', true, false, 2500, { same_day: 999, local_courier: 599, next_day: 799, two_day: 499, standard: 0 }],
    [
      'non-member over the free threshold',
      false,
      true,
      6000,
      { same_day: 999, local_courier: 599, next_day: 799, two_day: 0, standard: 0 },
    ],
  ])('prices for a %s', (_label, member, eligible, unitPrice, expected) => {
    const options = computePromise(
      fullNetwork(),
      request({ now: at('2026-12-01T10:00', PHX), member, items: [item('SKU-1', 1, { fastDeliveryEligible: eligible, unitPrice })] }),
    );
    expect(Object.fromEntries(options.map((o) => [o.service, o.price.amount]))).toEqual(expected);
    for (const o of options) expect(o.price.currency).toBe('USD');
  });

  it('rejects a request with no items or a bad quantity', () => {
    const net = fullNetwork();
    expect(() => computePromise(net, request({ now: 0, items: [] }))).toThrow(/at least one item/);
    expect(() => computePromise(net, request({ now: 0, items: [item('SKU-1', 0)] }))).toThrow(/quantity of SKU-1/);
  });
});
