/**
 * What the shopper is shown (docs/promise-model.md): names that match dates, no dominated
 * options, a true countdown, and quantities split across nodes.
 */
import { describe, expect, it } from 'vitest';
import { computePromise, planOptions } from '../../../server/promise/engine.js';
import type { PromiseOption, ServiceId } from '../../../server/promise/types.js';
import { NO_BUFFERS } from '../../../server/promise/buffers.js';
import { RECOMMENDED_BUFFERS } from '../../../server/promise/buffer-defaults.js';
import { Network } from '../../../server/promise/network.js';
import { FEES, at, chandlerMall, chandlerShop, item, network, node, phoenixStation, request } from './fixtures.js';

const PHX = 'America/Phoenix';
const optionFor = (options: PromiseOption[], service: ServiceId) => options.find((o) => o.service === service);
const services = (options: PromiseOption[]) => options.map((o) => o.service).sort();

/**
 * A delivery station 300 km north of Chandler: next-day flies (the next day); two-day air and two
 * ground days (zone 3) arrive the day after.
 */
const station = node('st', {
  kind: 'delivery_station',
  lat: 33.3062 + 300 / 111.2,
  lng: -111.8413,
  cutoffs: { next_day: '15:00', two_day: '16:00', standard: '16:00' },
  airCutoff: '12:00',
});
/** Fees for standard, two-day and next-day, none of them free. */
const fees = (standard: number, twoDay: number, nextDay: number) => ({
  ...FEES,
  freeShippingServices: [],
  fees: { ...FEES.fees, standard, two_day: twoDay, next_day: nextDay },
});

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

/**
 * Under buffers a window is a range of days; the shopper is promised its last day, so names,
 * dominance and the countdown all follow that day (docs/promise-model.md, "What the shopper is shown").
 */
describe('a range is named, weighed and counted down by its last day', () => {
  const slackOf = (service: ServiceId, days: number) => ({
    ...NO_BUFFERS,
    slackDays: { ...NO_BUFFERS.slackDays, [service]: { normal: days, peak: days } },
  });
  const only = (service: ServiceId, time: string) => ({ ...phoenixStation, id: `only-${service}`, cutoffs: { [service]: time } });
  const tuesday = (time: string) => at(`2026-10-13T${time}`, PHX);

  it.each([
    // [case, service, slack days, order placed, name shown, first day, last day]
    ['next-day that plans for tomorrow, no slack', 'next_day', 0, tuesday('10:00'), 'next_day', '2026-10-14', '2026-10-14'],
    ['next-day widened by a day ends Thursday: Express', 'next_day', 1, tuesday('10:00'), 'express', '2026-10-14', '2026-10-15'],
    [
      'next-day after its cut-off arrives Thursday: Express, not dropped',
      'next_day',
      0,
      tuesday('16:00'),
      'express',
      '2026-10-15',
      '2026-10-15',
    ],
    ['next-day on a Friday to Monday keeps its name', 'next_day', 0, at('2026-10-16T10:00', PHX), 'next_day', '2026-10-19', '2026-10-19'],
    ['two-day by the second business day', 'two_day', 0, tuesday('10:00'), 'two_day', '2026-10-15', '2026-10-15'],
    ['two-day after its cut-off ends Friday: Expedited', 'two_day', 0, tuesday('17:00'), 'expedited', '2026-10-16', '2026-10-16'],
    ['two-day widened by a day: Expedited', 'two_day', 1, tuesday('10:00'), 'expedited', '2026-10-15', '2026-10-16'],
    ['standard names no day: a range keeps its name', 'standard', 2, tuesday('10:00'), 'standard', '2026-10-14', '2026-10-16'],
  ] as const)('%s', (_case, service, days, now, name, first, last) => {
    const station = only(service, service === 'next_day' ? '15:00' : '16:00');
    const net = new Network([station], slackOf(service, days));
    net.setStock(station.id, 'SKU-1', 1);
    const shown = computePromise(net, request({ now }));
    expect(shown.map((o) => [o.service, o.name])).toEqual([[service, name]]);
    expect([shown[0]!.window.start.slice(0, 10), shown[0]!.window.end.slice(0, 10)]).toEqual([first, last]);
    expect(shown[0]!.dateRange).toBe(first !== last);
  });

  it('a local courier range keeps its name; same-day takes no slack and stays today', () => {
    const net = new Network([chandlerShop], slackOf('local_courier', 1));
    net.setStock(chandlerShop.id, 'SKU-1', 1);
    const shown = computePromise(net, request({ now: tuesday('10:00') }));
    const courier = optionFor(shown, 'local_courier')!;
    expect([courier.name, courier.window.start.slice(0, 10), courier.window.end.slice(0, 10)]).toEqual([
      'local_courier',
      '2026-10-14',
      '2026-10-15',
    ]);
    const sameDay = optionFor(shown, 'same_day')!;
    expect([sameDay.name, sameDay.window.start.slice(0, 10), sameDay.window.end.slice(0, 10)]).toEqual([
      'same_day',
      '2026-10-13',
      '2026-10-13',
    ]);
  });

  const slack = (standard: number, twoDay: number, nextDay: number) => ({
    ...NO_BUFFERS,
    slackDays: {
      ...NO_BUFFERS.slackDays,
      standard: { normal: standard, peak: standard },
      two_day: { normal: twoDay, peak: twoDay },
      next_day: { normal: nextDay, peak: nextDay },
    },
  });

  it.each([
    // [case, slack standard / two-day / next-day, fees standard / two-day / next-day, shown as name: first – last]
    [
      'Express Wed–Fri $9.99 ends with Standard Thu–Fri $3.99: only Standard',
      slack(1, 1, 2),
      fees(399, 599, 999),
      ['standard: 2026-10-15 – 2026-10-16'],
    ],
    [
      'a dearer option that ends earlier stays beside a cheaper range',
      slack(2, 2, 0),
      fees(399, 599, 999),
      ['next_day: 2026-10-14 – 2026-10-14', 'standard: 2026-10-15 – 2026-10-19'],
    ],
    [
      'same last day and price: the one that starts earlier stays',
      slack(1, 1, 2),
      fees(599, 599, 599),
      ['express: 2026-10-14 – 2026-10-16'],
    ],
    [
      'FREE Standard Thu–Mon against Express Wed–Thu for $9.99: both',
      slack(2, 2, 1),
      fees(0, 599, 999),
      ['express: 2026-10-14 – 2026-10-15', 'standard: 2026-10-15 – 2026-10-19'],
    ],
  ] as const)('%s', (_case, buffers, feePolicy, shown) => {
    const net = new Network([station], buffers);
    net.setStock(station.id, 'SKU-1', 1);
    const req = request({ now: tuesday('09:00'), feePolicy });
    expect(services(planOptions(net, req))).toEqual(['next_day', 'standard', 'two_day']);
    const text = (o: PromiseOption) => `${o.name}: ${o.window.start.slice(0, 10)} – ${o.window.end.slice(0, 10)}`;
    expect(computePromise(net, req).map(text).sort()).toEqual(shown);
  });

  it('the countdown holds for the range shown, never later', () => {
    // Friday 10:00, ready after Friday's 17:00 pickup: collected Monday, there Tuesday, to Thursday.
    const late = { ...phoenixStation, carrierPickup: '17:00', cutoffs: { standard: '16:00' } };
    const net = new Network([late], slackOf('standard', 2));
    net.setStock(late.id, 'SKU-1', 1);
    const shown = optionFor(computePromise(net, request({ now: at('2026-10-16T10:00', PHX) })), 'standard')!;
    expect([shown.window.start.slice(0, 10), shown.window.end.slice(0, 10)]).toEqual(['2026-10-20', '2026-10-22']);
    expect(shown.orderBy).toBe('2026-10-18T16:00:00-07:00');
    const before = optionFor(computePromise(net, request({ now: shown.orderByMs - 1 })), 'standard')!;
    expect(before.window).toEqual(shown.window);
    const after = optionFor(computePromise(net, request({ now: shown.orderByMs + 1 })), 'standard')!;
    expect(after.windowEndMs).toBeGreaterThan(shown.windowEndMs);
  });

  it('by default (the shipped buffers) a station near Chandler shows FREE Standard Wed – Fri, and no "Next-day" range', () => {
    const net = new Network([phoenixStation], RECOMMENDED_BUFFERS);
    net.setStock(phoenixStation.id, 'SKU-1', 1);
    const req = request({ now: tuesday('10:00') });
    const planned = planOptions(net, req);
    expect(planned.map((o) => `${o.name}: ${o.window.start.slice(0, 10)} – ${o.window.end.slice(0, 10)}`)).toEqual([
      'standard: 2026-10-14 – 2026-10-16',
      'express: 2026-10-14 – 2026-10-16',
      'expedited: 2026-10-15 – 2026-10-19',
    ]);
    const shown = computePromise(net, req);
    expect(shown.map((o) => [o.name, o.price.amount, o.dateRange])).toEqual([['standard', 0, true]]);
  });
});
