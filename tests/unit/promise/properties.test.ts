/**
 * The promise invariants of DESIGN.md §4, as properties over random networks, stock, instants
 * and destinations (fast-check shrinks any counter-example to a small one).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import tzLookup from '@photostructure/tz-lookup';
import { computePromise, planOptions } from '../../../server/promise/engine.js';
import { Network, distanceKm, serviceIndex } from '../../../server/promise/network.js';
import { SERVICES, isBusinessDay } from '../../../server/promise/services.js';
import { NO_BUFFERS } from '../../../server/promise/buffers.js';
import { RECOMMENDED_BUFFERS } from '../../../server/promise/buffer-defaults.js';
import { formatIsoDay, instantAt, isoWeekday, localDayOf } from '../../../server/promise/time.js';
import type { NetworkNode, PromiseItem, PromiseOption, PromiseRequest, ServiceId } from '../../../server/promise/types.js';
import { NODE_KINDS } from '../../../contract/primitives.js';
import { FEES } from './fixtures.js';

const SKUS = ['A', 'B', 'C'];
/** Metro areas in five zones, so nodes and shoppers straddle zones and DST rules. */
const METROS = [
  { lat: 33.3, lng: -111.9 }, // Phoenix (no DST)
  { lat: 36.1, lng: -115.17 }, // Las Vegas
  { lat: 38.92, lng: -77.22 }, // Tysons
  { lat: 41.88, lng: -87.63 }, // Chicago
  { lat: 39.74, lng: -104.99 }, // Denver
  { lat: 21.35, lng: -157.9 }, // Honolulu: lanes to and from the mainland are ranges of days
];
const START = Date.UTC(2026, 0, 1);
const END = Date.UTC(2027, 11, 31);

const timeOfDay = fc
  .integer({ min: 0, max: 23 * 60 + 59 })
  .map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

/** Most nodes sit in the shopper's metro area, some in others far away. */
const nodeArb = (id: number, home: { lat: number; lng: number }) =>
  fc
    .record({
      metro: fc.oneof({ weight: 3, arbitrary: fc.constant(home) }, { weight: 1, arbitrary: fc.constantFrom(...METROS) }),
      dLat: fc.double({ min: -0.4, max: 0.4, noNaN: true }),
      dLng: fc.double({ min: -0.4, max: 0.4, noNaN: true }),
      kind: fc.constantFrom(...NODE_KINDS),
      handlingMinutes: fc.integer({ min: 0, max: 600 }),
      closedWeekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 3 }),
      cutoffs: fc.record(
        {
          same_day: timeOfDay,
          local_courier: timeOfDay,
          next_day: timeOfDay,
          two_day: timeOfDay,
          standard: timeOfDay,
        },
        { requiredKeys: [] },
      ),
      carrierPickup: fc.option(timeOfDay, { nil: undefined }),
      airCutoff: fc.option(timeOfDay, { nil: undefined }),
      saturdayDelivery: fc.boolean(),
      sameDayClosed: fc.boolean(),
      // Some nodes have a capacity on one service, and some of the next days are full.
      capacity: fc.option(fc.constantFrom<ServiceId>('same_day', 'local_courier', 'next_day', 'standard'), { nil: undefined }),
      fullDays: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
      stock: fc.array(fc.tuple(fc.constantFrom(...SKUS), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 })), {
        minLength: 1,
        maxLength: 3,
      }),
    })
    .map(
      ({
        metro,
        dLat,
        dLng,
        kind,
        handlingMinutes,
        closedWeekdays,
        cutoffs,
        carrierPickup,
        airCutoff,
        saturdayDelivery,
        sameDayClosed,
        capacity,
        fullDays,
        stock,
      }) => {
        const lat = metro.lat + dLat;
        const lng = metro.lng + dLng;
        const node: NetworkNode = {
          id: `n${id}`,
          name: `Node ${id}`,
          kind,
          lat,
          lng,
          timeZone: tzLookup(lat, lng),
          handlingMinutes,
          calendar: { closedWeekdays, closedDates: [] },
          cutoffs,
          ...(carrierPickup ? { carrierPickup } : {}),
          ...(airCutoff ? { airCutoff } : {}),
          saturdayDelivery,
          // Gig drivers off on the US holidays of both years, at some nodes.
          ...(sameDayClosed ? { serviceClosedDates: { same_day: ['2026-11-26', '2026-12-25', '2027-11-25', '2027-12-25'] } } : {}),
          ...(capacity ? { capacities: { [capacity]: 2 } } : {}),
        };
        return { node, stock, full: capacity ? { service: capacity, days: fullDays } : null };
      },
    );

const scenarioArb = fc
  .record({ count: fc.integer({ min: 1, max: 12 }), home: fc.constantFrom(...METROS) })
  .chain(({ count, home }) =>
    fc.record({
      home: fc.constant(home),
      nodes: fc.tuple(...Array.from({ length: count }, (_, i) => nodeArb(i, home))),
    }),
  )
  .chain(({ home, nodes }) =>
    fc.record({
      nodes: fc.constant(nodes),
      now: fc.integer({ min: START, max: END }),
      later: fc.integer({ min: 0, max: 3 * 86_400_000 }),
      metro: fc.constant(home),
      // Half the scenarios with the shipped buffers: their windows are ranges of days.
      buffered: fc.boolean(),
      dLat: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
      dLng: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
      member: fc.boolean(),
      items: fc.uniqueArray(fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 3 }) }), {
        minLength: 1,
        maxLength: 2,
        selector: (i) => i.sku,
      }),
    }),
  )
  .map((s) => {
    const network = new Network(
      s.nodes.map((n) => n.node),
      s.buffered ? RECOMMENDED_BUFFERS : NO_BUFFERS,
    );
    for (const { node, stock } of s.nodes) for (const [sku, onHand, reserved] of stock) network.setStock(node.id, sku, onHand, reserved);
    for (const { node, full } of s.nodes) {
      for (const offset of full?.days ?? []) {
        network.setCapacityUse(node.id, full!.service, formatIsoDay(localDayOf(node.timeZone, s.now) + offset), 2);
      }
    }
    const lat = s.metro.lat + s.dLat;
    const lng = s.metro.lng + s.dLng;
    const items: PromiseItem[] = s.items.map((i) => ({ ...i, unitPrice: 1000, fastDeliveryEligible: true }));
    const request: PromiseRequest = {
      items,
      destination: { lat, lng, timeZone: tzLookup(lat, lng) },
      now: s.now,
      member: s.member,
      feePolicy: FEES,
    };
    // Counter-examples print as the nodes and the request, not the index internals.
    const printable = () => JSON.stringify({ nodes: s.nodes, request, later: s.later });
    return { network, request, later: s.later, nodes: s.nodes, [fc.toStringMethod]: printable };
  });

const RUNS = { numRuns: 400 };

it('the generated scenarios are not vacuous: most promise something, some split', () => {
  const samples = fc.sample(scenarioArb, { numRuns: 400, seed: 7 }).map((s) => computePromise(s.network, s.request));
  const services = new Set(samples.flat().map((o) => o.service));
  expect(samples.filter((o) => o.length > 0).length).toBeGreaterThan(150);
  expect([...services].sort()).toEqual(['local_courier', 'next_day', 'same_day', 'standard', 'two_day']);
  expect(samples.flat().some((o) => o.split)).toBe(true);
  // Some cross the ocean to or from Honolulu: a window over several days.
  expect(samples.flat().some((o) => o.windowEndMs - o.windowStartMs > 86_400_000)).toBe(true);
});

describe('promise invariants', () => {
  it('no option is promised before it is physically possible', () => {
    fc.assert(
      fc.property(scenarioArb, ({ network, request }) => {
        for (const option of computePromise(network, request)) {
          const rule = SERVICES[option.service];
          expect(option.orderByMs).toBeGreaterThan(request.now);
          expect(option.windowEndMs).toBeGreaterThan(option.windowStartMs);
          for (const shipment of option.shipments) {
            const node = network.node(shipment.nodeId)!;
            const km = distanceKm(request.destination.lat, request.destination.lng, node.lat, node.lng);
            expect(km).toBeLessThanOrEqual(rule.maxDistanceKm);
            const earliest = request.now + node.handlingMinutes * 60_000 + rule.travelMinutes(km) * 60_000;
            expect(option.windowStartMs).toBeGreaterThanOrEqual(earliest);
          }
        }
      }),
      RUNS,
    );
  });

  it('a later instant never gets an earlier promise, above all after a cut-off passes', () => {
    fc.assert(
      fc.property(scenarioArb, ({ network, request, later }) => {
        // Before the shopper's view: dominance may show an option only once a cheaper one slips.
        const first = planOptions(network, request);
        const byService = new Map<ServiceId, number>(first.map((o) => [o.service, o.windowStartMs]));
        const instants = [request.now + later, ...first.map((o) => o.orderByMs), ...first.map((o) => o.orderByMs + 1)];
        for (const now of instants) {
          for (const option of planOptions(network, { ...request, now })) {
            const before = byService.get(option.service);
            expect(before, `${option.service} appeared only later`).toBeDefined();
            expect(option.windowStartMs).toBeGreaterThanOrEqual(before!);
          }
        }
      }),
      RUNS,
    );
  });

  it('reserved stock is never promised: every shipment fits in available stock', () => {
    fc.assert(
      fc.property(scenarioArb, ({ network, request, nodes }) => {
        const available = new Map<string, number>();
        for (const { node, stock } of nodes) {
          for (const [sku, onHand, reserved] of stock) available.set(`${node.id}|${sku}`, Math.max(0, onHand - reserved));
        }
        for (const option of computePromise(network, request)) {
          const promised = new Map<string, number>();
          for (const shipment of option.shipments) {
            for (const item of shipment.items) {
              const key = `${shipment.nodeId}|${item.sku}`;
              promised.set(key, (promised.get(key) ?? 0) + item.quantity);
            }
          }
          for (const [key, quantity] of promised) expect(quantity).toBeLessThanOrEqual(available.get(key) ?? 0);
          const total = option.shipments.flatMap((s) => s.items).reduce((n, i) => n + i.quantity, 0);
          expect(total).toBe(request.items.reduce((n, i) => n + i.quantity, 0));
        }
      }),
      RUNS,
    );
  });

  it("every window lies on a day the service delivers, at the service's local hours", () => {
    fc.assert(
      fc.property(scenarioArb, ({ network, request }) => {
        const zone = request.destination.timeZone;
        for (const option of computePromise(network, request)) {
          const rule = SERVICES[option.service];
          const day = localDayOf(zone, option.windowStartMs);
          const saturday = option.shipments.some((s) => network.node(s.nodeId)!.saturdayDelivery === true);
          expect(rule.deliversOn(day, saturday)).toBe(true);
          expect(option.windowStartMs).toBe(instantAt(zone, day, rule.windowStart));
          // One day, or (a lane that leaves a region) a range ending on a later business day.
          const endDay = localDayOf(zone, option.windowEndMs);
          expect(endDay).toBeGreaterThanOrEqual(day);
          expect(rule.deliversOn(endDay, saturday)).toBe(true);
          expect(option.windowEndMs).toBe(instantAt(zone, endDay, rule.windowEnd));
        }
      }),
      RUNS,
    );
  });

  it('the countdown is never late: an order a moment before order-by still gets the window', () => {
    fc.assert(
      fc.property(scenarioArb, ({ network, request }) => {
        for (const option of planOptions(network, request)) {
          const [again] = planOptions(network, { ...request, now: option.orderByMs - 1, services: [option.service] });
          expect(again, `${option.service} vanished before its order-by`).toBeDefined();
          expect(again!.windowStartMs).toBe(option.windowStartMs);
          // The range shown, slack included, holds to the end of the countdown.
          expect(again!.windowEndMs).toBe(option.windowEndMs);
        }
      }),
      RUNS,
    );
  });

  it('shown options are named by their last day and none is dominated', () => {
    const businessDayAfter = (day: number, n: number) => {
      for (let left = n; left > 0;) if (isBusinessDay(++day)) left--;
      return day;
    };
    fc.assert(
      fc.property(scenarioArb, ({ network, request }) => {
        const zone = request.destination.timeZone;
        const shown = computePromise(network, request);
        const today = localDayOf(zone, request.now);
        const last = (o: PromiseOption) => localDayOf(zone, o.windowEndMs);
        for (const a of shown) {
          if (a.service === 'same_day') expect([localDayOf(zone, a.windowStartMs), last(a)]).toEqual([today, today]);
          if (a.name === 'next_day') expect(last(a)).toBeLessThanOrEqual(businessDayAfter(today, 1));
          if (a.name === 'two_day') expect(last(a)).toBeLessThanOrEqual(businessDayAfter(today, 2));
          if (a.name === 'express') expect(last(a)).toBeGreaterThan(businessDayAfter(today, 1));
          if (a.name === 'expedited') expect(last(a)).toBeGreaterThan(businessDayAfter(today, 2));
          for (const b of shown) {
            if (a === b) continue;
            expect(last(b) >= last(a) && b.price.amount >= a.price.amount, `${b.name} is dominated by ${a.name}`).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });

  it('options ship from nodes that offer the service, and order-by is a real cut-off on a day the node takes orders', () => {
    fc.assert(
      fc.property(scenarioArb, ({ network, request }) => {
        for (const option of computePromise(network, request)) {
          const rule = SERVICES[option.service];
          for (const shipment of option.shipments) {
            const node = network.node(shipment.nodeId)!;
            expect(rule.kinds.has(node.kind)).toBe(true);
            expect(node.cutoffs[option.service]).toBeDefined();
          }
          const isCutoff = network.allNodes().some((node) => {
            const cutoff = node.cutoffs[option.service];
            if (cutoff === undefined || !rule.kinds.has(node.kind)) return false;
            const day = localDayOf(node.timeZone, option.orderByMs);
            // Next-day parcels that fly use the node's air cut-off.
            const times = option.service === 'next_day' && node.airCutoff ? [cutoff, node.airCutoff] : [cutoff];
            return times.some((time) => {
              const [h, m] = time.split(':').map(Number);
              return (
                rule.picksOn(day) &&
                !node.calendar.closedWeekdays.includes(isoWeekday(day)) &&
                instantAt(node.timeZone, day, h! * 60 + m!) === option.orderByMs
              );
            });
          });
          expect(isCutoff).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('with a second source required, every same-day and courier shipment from a listed kind has one', () => {
    fc.assert(
      fc.property(scenarioArb, ({ network, request }) => {
        const plain = network.buffers;
        network.setBuffers({ ...plain, secondSource: { same_day: ['mall_store', 'local_store'], local_courier: ['local_store'] } });
        try {
          for (const option of planOptions(network, request)) {
            if (option.service !== 'same_day' && option.service !== 'local_courier') continue;
            const rule = SERVICES[option.service];
            const listed = network.buffers.secondSource[option.service];
            for (const shipment of option.shipments) {
              if (!listed.includes(shipment.nodeKind)) continue;
              // Another node in reach, offering the service, holds every unit of the shipment.
              const second = network.allNodes().some((node) => {
                const index = network.indexOf(node.id)!;
                return (
                  node.id !== shipment.nodeId &&
                  network.offersAt(index, serviceIndex(option.service)) &&
                  distanceKm(request.destination.lat, request.destination.lng, node.lat, node.lng) <= rule.maxDistanceKm &&
                  shipment.items.every((i) => network.availableAt(index, i.sku) >= i.quantity)
                );
              });
              expect(second).toBe(true);
            }
          }
        } finally {
          network.setBuffers(plain);
        }
      }),
      RUNS,
    );
  });
});
