/**
 * Buffers inside the engine (docs/simulation.md, "Buffers"): handling stretched per node kind,
 * cut-offs brought forward per service, slack days per service and season, and a node's own
 * history in their place once there is enough of it.
 */
import { describe, expect, it } from 'vitest';
import { computePromise, planOptions, planShipments } from '../../../server/promise/engine.js';
import {
  NO_BUFFERS,
  bufferProblems,
  changesNothing,
  completeBuffers,
  seasonAt,
  type PromiseBuffers,
} from '../../../server/promise/buffers.js';
import { RECOMMENDED_BUFFERS } from '../../../server/promise/buffer-defaults.js';
import { Network } from '../../../server/promise/network.js';
import type { NetworkNode, PromiseOption, ServiceId } from '../../../server/promise/types.js';
import { CHANDLER, at, chandlerMall, chandlerShop, item, phoenixStation, request } from './fixtures.js';

const PHX = 'America/Phoenix';

function buffers(fields: Partial<PromiseBuffers>): PromiseBuffers {
  return { ...NO_BUFFERS, ...fields };
}

function slack(service: ServiceId, normal: number, peak = normal): PromiseBuffers['slackDays'] {
  return { ...NO_BUFFERS.slackDays, [service]: { normal, peak } };
}

function networkOf(nodes: NetworkNode[], b: PromiseBuffers = NO_BUFFERS): Network {
  const n = new Network(nodes, b);
  for (const node of nodes) n.setStock(node.id, 'SKU-1', 10);
  return n;
}

/** A station that sends next-day only, so no cheaper service hides its option. */
const nextDayOnly = { ...phoenixStation, id: 'phx-next-day', cutoffs: { next_day: '15:00' } };

const option = (options: PromiseOption[], service: ServiceId) => options.find((o) => o.service === service);

describe('slack', () => {
  // Tuesday 13 October 2026, 10:00 in Phoenix: normal season.
  const now = at('2026-10-13T10:00', PHX);

  it('moves the end of a window on by delivery days and marks it a range; the start stays', () => {
    const bare = option(computePromise(networkOf([phoenixStation]), request({ now })), 'standard')!;
    const wide = option(
      computePromise(networkOf([phoenixStation], buffers({ slackDays: slack('standard', 2) })), request({ now })),
      'standard',
    )!;
    expect(bare.dateRange).toBe(false);
    expect(bare.window.start.slice(0, 10)).toBe(bare.window.end.slice(0, 10));
    expect(wide.window.start).toBe(bare.window.start);
    expect(wide.dateRange).toBe(true);
    // Wednesday's delivery plus two business days ends on Friday.
    expect(bare.window.end.slice(0, 10)).toBe('2026-10-14');
    expect(wide.window.end).toBe('2026-10-16T20:00:00-07:00');
    expect(wide.windowEndMs).toBe(Date.parse(wide.window.end));
  });

  it('counts delivery days only: Friday plus one is Monday', () => {
    const friday = at('2026-10-15T10:00', PHX); // Thursday order, Friday delivery
    const wide = option(
      computePromise(networkOf([nextDayOnly], buffers({ slackDays: slack('next_day', 1) })), request({ now: friday })),
      'next_day',
    )!;
    expect(wide.window.start.slice(0, 10)).toBe('2026-10-16');
    expect(wide.window.end.slice(0, 10)).toBe('2026-10-19');
  });

  it('shows a widened next-day by the range it promises, as Express (its last day is not the next day)', () => {
    const wide = option(
      computePromise(networkOf([nextDayOnly], buffers({ slackDays: slack('next_day', 2) })), request({ now })),
      'next_day',
    );
    expect(wide?.name).toBe('express');
    expect(wide?.window.start.slice(0, 10)).toBe('2026-10-14');
    expect(wide?.window.end.slice(0, 10)).toBe('2026-10-16');
  });

  it('takes the peak figure inside peak season, even one wrapping past New Year', () => {
    const b = buffers({ slackDays: slack('standard', 1, 3), peakSeason: { from: '12-15', to: '01-10' } });
    expect(seasonAt(b, PHX, at('2026-12-20T10:00', PHX))).toBe('peak');
    expect(seasonAt(b, PHX, at('2027-01-05T10:00', PHX))).toBe('peak');
    expect(seasonAt(b, PHX, at('2027-01-11T10:00', PHX))).toBe('normal');
    const n = networkOf([phoenixStation], b);
    // Tuesday 5 January 2027: Wednesday's delivery, three business days more is Monday the 11th.
    const peak = option(computePromise(n, request({ now: at('2027-01-05T10:00', PHX) })), 'standard')!;
    expect(peak.window.end.slice(0, 10)).toBe('2027-01-11');
    // Tuesday 12 January: one day more, Thursday the 14th.
    const normal = option(computePromise(n, request({ now: at('2027-01-12T10:00', PHX) })), 'standard')!;
    expect(normal.window.end.slice(0, 10)).toBe('2027-01-14');
  });

  it.each([
    ['11-20', '12-31', '2026-11-19', 'normal'],
    ['11-20', '12-31', '2026-11-20', 'peak'],
    ['11-20', '12-31', '2026-12-31', 'peak'],
    ['11-20', '12-31', '2027-01-01', 'normal'],
    ['12-15', '01-10', '2026-12-14', 'normal'],
    ['12-15', '01-10', '2027-01-10', 'peak'],
    ['02-29', '03-01', '2028-02-29', 'peak'],
    ['02-29', '03-01', '2027-02-28', 'normal'],
  ] as const)('a season from %s to %s: %s is %s, asked in any order and after other seasons', (from, to, date, season) => {
    const b = buffers({ peakSeason: { from, to } });
    const day = at(`${date}T10:00`, PHX);
    expect(seasonAt(b, PHX, day)).toBe(season);
    // The day before and after, and a season the other way round, do not change the answer.
    seasonAt(b, PHX, day - 86_400_000);
    seasonAt(buffers({ peakSeason: { from: to, to: from } }), PHX, day);
    expect(seasonAt(b, PHX, day)).toBe(season);
    // A peak season edited in place is read again.
    b.peakSeason.from = '01-01';
    b.peakSeason.to = '12-31';
    expect(seasonAt(b, PHX, day)).toBe('peak');
  });

  it('is what checkout re-plans too: the same window from the same node', () => {
    const n = networkOf([phoenixStation], buffers({ slackDays: slack('two_day', 2) }));
    const o = option(planOptions(n, request({ now })), 'two_day')!;
    const replanned = planShipments(n, { service: 'two_day', destination: CHANDLER, now, nodeIds: [phoenixStation.id] })!;
    expect(replanned.window).toEqual(o.window);
    expect(replanned.windowEndMs).toBe(o.windowEndMs);
  });
});

describe('handling and cut-offs', () => {
  const now = at('2026-10-13T10:00', PHX);

  it('plans with handling × the kind’s factor: a parcel that now misses the pickup goes a day later', () => {
    // Ready by 16:00 + 90 min = 17:30 before an 18:00 pickup; at 1.5× (135 min) it is 18:15.
    const station = { ...phoenixStation, carrierPickup: '18:00' };
    const late = buffers({ handlingFactor: { ...NO_BUFFERS.handlingFactor, delivery_station: 1.5 } });
    const order = at('2026-10-13T15:30', PHX);
    const bare = option(computePromise(networkOf([station]), request({ now: order })), 'standard')!;
    const slow = option(computePromise(networkOf([station], late), request({ now: order })), 'standard')!;
    expect(bare.window.start.slice(0, 10)).toBe('2026-10-14');
    expect(slow.window.start.slice(0, 10)).toBe('2026-10-15');
  });

  it('brings a service’s cut-off forward: the countdown ends earlier', () => {
    const bare = option(computePromise(networkOf([chandlerMall]), request({ now })), 'same_day')!;
    const early = option(
      computePromise(
        networkOf([chandlerMall], buffers({ earlierCutoffMinutes: { ...NO_BUFFERS.earlierCutoffMinutes, same_day: 60 } })),
        request({ now }),
      ),
      'same_day',
    )!;
    expect(Date.parse(bare.orderBy) - Date.parse(early.orderBy)).toBe(60 * 60_000);
    // An order between the two cut-offs is no longer same-day.
    const between = at('2026-10-13T13:30', PHX);
    const n = networkOf([chandlerMall], buffers({ earlierCutoffMinutes: { ...NO_BUFFERS.earlierCutoffMinutes, same_day: 60 } }));
    expect(option(computePromise(n, request({ now: between })), 'same_day')).toBeUndefined();
  });

  it('are changed on a live network, and refused when out of bounds', () => {
    const n = networkOf([phoenixStation]);
    const before = n.revision;
    n.setBuffers(buffers({ slackDays: slack('standard', 1) }));
    expect(n.revision).toBeGreaterThan(before);
    expect(option(computePromise(n, request({ now })), 'standard')!.dateRange).toBe(true);
    expect(() => n.setBuffers(buffers({ slackDays: slack('same_day', 1) }))).toThrow(/slack for same_day/);
    expect(bufferProblems(buffers({ handlingFactor: { ...NO_BUFFERS.handlingFactor, local_store: 0.5 } }))).toEqual([
      'handling factor for local_store must be from 1 to 5',
    ]);
    expect(bufferProblems(RECOMMENDED_BUFFERS)).toEqual([]);
  });
});

describe('safety stock', () => {
  // Tuesday 13 October 2026, 10:00 in Phoenix.
  const now = at('2026-10-13T10:00', PHX);
  const safety = (fields: Partial<PromiseBuffers['safetyStock']>): PromiseBuffers =>
    buffers({ safetyStock: { ...NO_BUFFERS.safetyStock, ...fields } });

  it('holds a node kind’s last units back: a mall store with 3 units and safety 2 promises 1', () => {
    const n = new Network([chandlerMall, phoenixStation], safety({ mall_store: 2 }));
    n.setStock(chandlerMall.id, 'SKU-1', 3);
    n.setStock(phoenixStation.id, 'SKU-1', 3);
    expect(n.available(chandlerMall.id, 'SKU-1')).toBe(1);
    // Another kind holds everything back only if its own kind says so.
    expect(n.available(phoenixStation.id, 'SKU-1')).toBe(3);
    expect(option(computePromise(n, request({ now })), 'same_day')?.shipments[0]!.nodeId).toBe(chandlerMall.id);
    const two = computePromise(n, request({ now, items: [item('SKU-1', 2)] }));
    expect(option(two, 'same_day')).toBeUndefined();
    expect(two.every((o) => o.shipments.every((s) => s.nodeId === phoenixStation.id))).toBe(true);
    // Reserved units come off first, and available never goes below 0.
    n.setStock(chandlerMall.id, 'SKU-1', 3, 1);
    expect(n.available(chandlerMall.id, 'SKU-1')).toBe(0);
    expect(n.unitsOf('SKU-1')?.has(n.indexOf(chandlerMall.id)!)).toBe(false);
  });

  it('is applied again when the buffers change on a live network, and to stock set before its node joined', () => {
    const n = new Network([chandlerMall]);
    n.setStock(chandlerMall.id, 'SKU-1', 3);
    n.setStock(chandlerShop.id, 'SKU-1', 5);
    n.setBuffers(safety({ mall_store: 2, local_store: 4 }));
    expect(n.available(chandlerMall.id, 'SKU-1')).toBe(1);
    n.upsertNode(chandlerShop);
    expect(n.available(chandlerShop.id, 'SKU-1')).toBe(1);
    n.setBuffers(safety({ mall_store: 3 }));
    expect(n.available(chandlerMall.id, 'SKU-1')).toBe(0);
    expect(n.available(chandlerShop.id, 'SKU-1')).toBe(5);
    n.setBuffers(NO_BUFFERS);
    expect(n.available(chandlerMall.id, 'SKU-1')).toBe(3);
    expect(n.availableTotal('SKU-1')).toBe(8);
    // A node whose kind changes is held back by its new kind's figure.
    n.setBuffers(safety({ local_store: 1 }));
    n.upsertNode({ ...chandlerMall, kind: 'local_store' });
    expect(n.available(chandlerMall.id, 'SKU-1')).toBe(2);
  });

  it('with none, promises every unit as before; a set without it loads as none; out of bounds is refused', () => {
    const { safetyStock: _, ...old } = RECOMMENDED_BUFFERS;
    const loaded = completeBuffers(old);
    expect(loaded.safetyStock).toEqual({ fulfillment_center: 0, delivery_station: 0, mall_store: 0, local_store: 0 });
    expect(completeBuffers(RECOMMENDED_BUFFERS)).toBe(RECOMMENDED_BUFFERS);
    expect(changesNothing(NO_BUFFERS)).toBe(true);
    expect(changesNothing(safety({ local_store: 1 }))).toBe(false);
    const plain = networkOf([chandlerMall]);
    const held = networkOf([chandlerMall], safety({ local_store: 9 }));
    expect(JSON.stringify(computePromise(held, request({ now })))).toBe(JSON.stringify(computePromise(plain, request({ now }))));
    expect(bufferProblems(safety({ mall_store: -1 }))).toEqual([
      'safety stock for mall_store must be a whole number of units from 0 to 1000',
    ]);
    expect(bufferProblems(safety({ mall_store: 1.5 }))).toHaveLength(1);
    expect(() => new Network([chandlerMall], safety({ mall_store: -1 }))).toThrow(/safety stock/);
  });
});

describe('history in place of the buffers', () => {
  const now = at('2026-10-13T10:00', PHX);
  const b = buffers({ slackDays: slack('standard', 2, 3) });

  it('a node’s own slack replaces the buffers’ (peak adds their difference), and its shipments say how many deliveries', () => {
    const n = networkOf([phoenixStation], b);
    n.setHistories(new Map([[phoenixStation.id, { deliveries: 60, slackDays: { standard: 0 } }]]));
    const o = option(computePromise(n, request({ now })), 'standard')!;
    expect(o.dateRange).toBe(false);
    expect(o.shipments[0]!.history).toBe(60);
    const peak = option(computePromise(n, request({ now: at('2026-12-01T10:00', PHX) })), 'standard')!;
    // Wednesday 2 December plus the one day peak adds over normal.
    expect(peak.window.end.slice(0, 10)).toBe('2026-12-03');
  });

  it('a node’s own handling replaces the stated one × the factor', () => {
    const station = { ...phoenixStation, carrierPickup: '18:00' };
    const order = at('2026-10-13T15:30', PHX);
    const n = networkOf([station]);
    expect(option(computePromise(n, request({ now: order })), 'standard')!.window.start.slice(0, 10)).toBe('2026-10-14');
    n.setHistories(new Map([[station.id, { deliveries: 45, handlingMinutes: 150 }]]));
    expect(option(computePromise(n, request({ now: order })), 'standard')!.window.start.slice(0, 10)).toBe('2026-10-15');
  });

  it('without history, shipments say 0 and the buffers hold', () => {
    const o = option(computePromise(networkOf([phoenixStation], b), request({ now })), 'standard')!;
    expect(o.shipments[0]!.history).toBe(0);
    expect(o.dateRange).toBe(true);
  });
});
