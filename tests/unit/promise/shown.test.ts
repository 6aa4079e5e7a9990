/**
 * What the shopper is shown (docs/promise-model.md): names that match dates, no dominated
 * options, a true countdown, and quantities split across nodes.
 */
import { describe, expect, it } from 'vitest';
import { computePromise, planOptions } from '../../../server/promise/engine.js';
import type { PromiseOption, ServiceId } from '../../../server/promise/types.js';
import { FEES, at, chandlerMall, item, network, node, phoenixStation, request } from './fixtures.js';

const PHX = 'America/Phoenix';
const optionFor = (options: PromiseOption[], service: ServiceId) => options.find((o) => o.service === service);
const services = (options: PromiseOption[]) => options.map((o) => o.service).sort();

describe('names match dates', () => {
  it('same-day after the cut-off would arrive tomorrow: not offered as same-day', () => {
    const net = network([chandlerMall], [['chandler-mall', 'SKU-1', 1]]);
    const req = request({ now: at('2026-12-02T15:00', PHX) });
    expect(optionFor(planOptions(net, req), 'same_day')!.window.start).toBe('2026-12-03T16:00:00-07:00');
    expect(optionFor(computePromise(net, req), 'same_day')).toBeUndefined();
    // Before the cut-off it is today, and shown.
    expect(optionFor(computePromise(net, request({ now: at('2026-12-02T13:00', PHX) })), 'same_day')).toBeDefined();
  });

  it('a next-day five days out is not offered as next-day', () => {
    const closed = { ...phoenixStation, calendar: { closedWeekdays: [], closedDates: ['2026-12-02', '2026-12-03', '2026-12-04'] } };
    const net = network([closed], [['phx-station', 'SKU-1', 1]]);
    const req = request({ now: at('2026-12-01T16:00', PHX) });
    expect(optionFor(planOptions(net, req), 'next_day')!.window.start).toBe('2026-12-08T08:00:00-07:00');
    expect(optionFor(computePromise(net, req), 'next_day')).toBeUndefined();
  });

  it('next-day on a Friday means the next business day, Monday', () => {
    const net = network([phoenixStation], [['phx-station', 'SKU-1', 1]]);
    // Standard dearer than next-day here, or it would arrive as soon for less and hide it.
    const feePolicy = { ...FEES, fees: { ...FEES.fees, standard: 900 } };
    const options = computePromise(net, request({ now: at('2026-12-04T10:00', PHX), feePolicy }));
    expect(optionFor(options, 'next_day')?.window.start).toBe('2026-12-07T08:00:00-07:00');
  });
});

describe('no dominated options', () => {
  // 300 km north: two ground days (zone 3), the same as two-day air.
  const station = node('st', {
    kind: 'delivery_station',
    lat: 33.3062 + 300 / 111.2,
    lng: -111.8413,
    cutoffs: { next_day: '15:00', two_day: '16:00', standard: '16:00' },
    airCutoff: '12:00',
  });
  const fees = (standard: number, twoDay: number, nextDay: number) => ({
    ...FEES,
    freeShippingServices: [],
    fees: { ...FEES.fees, standard, two_day: twoDay, next_day: nextDay },
  });

  it.each([
    // [fees standard / two-day / next-day, shown]
    ['Standard $3.99 and Two-day $5.99 both on Thursday', fees(399, 599, 999), ['next_day', 'standard']],
    ['Two-day cheaper than Standard on the same day', fees(699, 599, 999), ['next_day', 'two_day']],
    ['equal price and day: one stays', fees(599, 599, 999), ['next_day', 'two_day']],
    ['a Next-day dearer than a free option that arrives as soon', fees(0, 599, 0), ['next_day']],
  ])('%s', (_label, feePolicy, shown) => {
    const net = network([station], [['st', 'SKU-1', 1]]);
    const req = request({ now: at('2026-12-01T09:00', PHX), feePolicy });
    expect(services(planOptions(net, req))).toEqual(['next_day', 'standard', 'two_day']);
    expect(services(computePromise(net, req))).toEqual(shown);
  });
});

describe('the countdown is true', () => {
  it('equal windows from several nodes take the latest cut-off', () => {
    const early = node('early', { kind: 'delivery_station', lat: 33.4, lng: -111.9, cutoffs: { standard: '12:00' } });
    const late = node('late', { kind: 'delivery_station', lat: 33.45, lng: -111.9, cutoffs: { standard: '16:00' } });
    const net = network(
      [early, late],
      [
        ['early', 'SKU-1', 1],
        ['late', 'SKU-1', 1],
      ],
    );
    const option = optionFor(computePromise(net, request({ now: at('2026-12-01T09:00', PHX) })), 'standard')!;
    expect(option.orderBy).toBe('2026-12-01T16:00:00-07:00');
  });

  it('a Friday order after the pickup ships Monday, as does one on Monday before the cut-off', () => {
    const station = { ...phoenixStation, carrierPickup: '17:00' };
    const net = network([station], [['phx-station', 'SKU-1', 1]]);
    // Friday 10:00: ready 17:30, after Friday's 17:00 pickup → collected Monday, there Tuesday.
    const option = optionFor(planOptions(net, request({ now: at('2026-12-04T10:00', PHX) })), 'standard')!;
    expect(option.window.start).toBe('2026-12-08T08:00:00-07:00');
    // Any order up to Monday's 16:00 cut-off (ready 17:30: Tuesday's pickup) arrives Wednesday;
    // Sunday's cut-off (ready Sunday, collected Monday) is the last to make Tuesday.
    expect(option.orderBy).toBe('2026-12-06T16:00:00-07:00');
  });

  it('each shipment of a split gets the latest cut-off that still meets the window', () => {
    // A is near (one ground day) with an early cut-off; B is far (three days) and fixes the window.
    const near = node('near', { kind: 'delivery_station', lat: 33.4, lng: -111.9, cutoffs: { standard: '10:00' } });
    const far = node('far', { kind: 'delivery_station', lat: 33.3 + 900 / 111.2, lng: -111.9, cutoffs: { standard: '17:00' } });
    const net = network(
      [near, far],
      [
        ['near', 'A', 1],
        ['far', 'B', 1],
      ],
    );
    const option = optionFor(
      computePromise(net, request({ now: at('2026-12-01T09:00', PHX), items: [item('A'), item('B')] })),
      'standard',
    )!;
    expect(option.split).toBe(true);
    expect(option.window.start).toBe('2026-12-04T08:00:00-07:00');
    // Not A's 10:00 today: A can send as late as Thursday morning and still arrive Friday.
    expect(option.orderBy).toBe('2026-12-01T17:00:00-07:00');
  });
});

describe('quantities split across nodes', () => {
  const mall = (id: string, lat: number) => node(id, { lat, lng: -111.9, cutoffs: { same_day: '14:00' } });

  it('10 wanted, 6 + 5 held: two shipments of 6 and 4', () => {
    const net = network(
      [mall('a', 33.3), mall('b', 33.35)],
      [
        ['a', 'SKU-1', 6],
        ['b', 'SKU-1', 5],
      ],
    );
    const option = optionFor(computePromise(net, request({ now: at('2026-12-01T09:00', PHX), items: [item('SKU-1', 10)] })), 'same_day')!;
    expect(option.split).toBe(true);
    expect(option.shipments.map((s) => [s.nodeId, s.items])).toEqual([
      ['a', [{ sku: 'SKU-1', quantity: 6 }]],
      ['b', [{ sku: 'SKU-1', quantity: 4 }]],
    ]);
  });

  it('as few shipments as possible: 9 from one node and 1 from another, not 4 + 4 + 2', () => {
    const net = network(
      [mall('a', 33.3), mall('b', 33.31), mall('c', 33.4)],
      [
        ['a', 'SKU-1', 4],
        ['b', 'SKU-1', 4],
        ['c', 'SKU-1', 9],
      ],
    );
    const option = optionFor(computePromise(net, request({ now: at('2026-12-01T09:00', PHX), items: [item('SKU-1', 10)] })), 'same_day')!;
    expect(option.shipments.map((s) => [s.nodeId, s.items[0]!.quantity])).toEqual([
      ['c', 9],
      ['b', 1],
    ]);
  });

  it('fewest shipments even where greedy would take three: two nodes that hold everything between them', () => {
    // X holds four of the six items, Y and Z three each: X first would still need Y and Z.
    const stock = (id: string, skus: string) => [...skus].map((sku) => [id, sku, 1] as [string, string, number]);
    const net = network(
      [mall('x', 33.3), mall('y', 33.32), mall('z', 33.34)],
      [...stock('x', 'ABCD'), ...stock('y', 'ABE'), ...stock('z', 'CDF')],
    );
    const items = [...'ABCDEF'].map((sku) => item(sku));
    const option = optionFor(computePromise(net, request({ now: at('2026-12-01T09:00', PHX), items })), 'same_day')!;
    expect(option.shipments.map((s) => s.nodeId).sort()).toEqual(['y', 'z']);
    expect(option.shipments.flatMap((s) => s.items.map((i) => i.sku)).sort()).toEqual([...'ABCDEF']);
  });

  it('a national split gathers partial holders too', () => {
    const a = node('fa', {
      kind: 'fulfillment_center',
      lat: 39.96,
      lng: -83.0,
      timeZone: 'America/New_York',
      cutoffs: { standard: '18:00' },
    });
    const b = node('fb', {
      kind: 'fulfillment_center',
      lat: 40.5,
      lng: -80.0,
      timeZone: 'America/New_York',
      cutoffs: { standard: '18:00' },
    });
    const net = network(
      [a, b],
      [
        ['fa', 'SKU-1', 3],
        ['fb', 'SKU-1', 3],
      ],
    );
    const option = optionFor(computePromise(net, request({ now: at('2026-12-01T09:00', PHX), items: [item('SKU-1', 5)] })), 'standard')!;
    expect(option.shipments.map((s) => s.items[0]!.quantity).sort()).toEqual([2, 3]);
  });
});
