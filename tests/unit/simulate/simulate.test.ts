import { describe, expect, it } from 'vitest';
import {
  FAILURES,
  buildReport,
  emptyShelfTally,
  simulate,
  summary,
  type FailureParameters,
  type OrderOutcome,
  type SimulationResult,
} from '../../../server/simulate/index.js';
import { perfectWorld, shortScenario, withinThreeErrors } from './fixtures.js';

const run = (seed: number, failures: FailureParameters = FAILURES): SimulationResult =>
  simulate({ seed, arrivals: 2500, scenario: shortScenario(), failures });

/** Per order, the things it met from one model (by arrival number), to compare two runs. */
function metBy(result: SimulationResult, cause: string): Map<number, boolean> {
  return new Map(result.orders.map((o) => [o.arrival, o.shipments.some((s) => (s.causes as string[]).includes(cause))]));
}

const promisesOf = (result: SimulationResult) => result.orders.map((o) => [o.arrival, o.service, o.windowStartMs, o.windowEndMs]);

describe('the simulator', () => {
  const base = run(11);

  it('gives the same figures for the same seed, and other figures for another', () => {
    expect(base.orders.length).toBeGreaterThan(1500);
    expect(JSON.stringify(summary(buildReport(run(11))))).toBe(JSON.stringify(summary(buildReport(base))));
    expect(JSON.stringify(summary(buildReport(run(12))))).not.toBe(JSON.stringify(summary(buildReport(base))));
  });

  it('runs both seasons and every service on the demo network', () => {
    const report = buildReport(base);
    expect(report.overall.normal.count).toBeGreaterThan(0);
    expect(report.overall.peak.count).toBeGreaterThan(0);
    for (const service of ['same_day', 'local_courier', 'next_day', 'two_day', 'standard'] as const) {
      expect(report.services[service].all.count, service).toBeGreaterThan(0);
    }
  });

  it('keeps every promise when nothing goes wrong: the playout agrees with the engine', () => {
    const perfect = run(11, perfectWorld());
    expect(perfect.orders.filter((o) => !o.kept).slice(0, 3)).toEqual([]);
    expect(buildReport(perfect).overall.all.kept).toBe(1);
  });

  it('breaks promises when things go wrong, with the late ones measured', () => {
    const report = buildReport(base);
    expect(report.overall.all.kept).toBeLessThan(1);
    expect(report.overall.all.p90LateHours).toBeGreaterThan(0);
  });

  it('meets each model at its parameter’s rate inside a run', () => {
    const world = {
      ...perfectWorld(),
      carrierOnTime: { next_day: { normal: 0.9, peak: 0.9 }, two_day: { normal: 0.9, peak: 0.9 }, standard: { normal: 0.9, peak: 0.9 } },
      failedAttempt: { local_courier: 0.05, next_day: 0.05, two_day: 0.05, standard: 0.05 },
      gig: { ...perfectWorld().gig, firstAttempt: { nobodyIn: 0, noSafePlace: 0.05 } },
      // Whole-record misses: the count does not matter, so the rate per pick line is the parameter.
      phantomStock: {
        ...perfectWorld().phantomStock,
        mall_store: { short: 0.2, meanUnits: Infinity },
        local_store: { short: 0.2, meanUnits: Infinity },
      },
    };
    const result = run(3, world);
    const parcels = result.orders.flatMap((o) => o.shipments.map((s) => ({ service: o.service, ...s })));
    const share = (list: typeof parcels, cause: string) => list.filter((p) => (p.causes as string[]).includes(cause)).length / list.length;
    const carrier = parcels.filter((p) => ['next_day', 'two_day', 'standard'].includes(p.service) && !p.resourced);
    const stores = parcels.filter((p) => p.kind === 'mall_store' || p.kind === 'local_store');
    expect(carrier.length).toBeGreaterThan(1000);
    expect(stores.length).toBeGreaterThan(100);
    // Within about three standard errors of the parameter.
    expect(withinThreeErrors(share(carrier, 'transit_late'), 0.1, carrier.length)).toBe(true);
    const firstParcels = parcels.filter((p) => !p.resourced);
    expect(withinThreeErrors(share(firstParcels, 'failed_attempt'), 0.05, firstParcels.length)).toBe(true);
    expect(withinThreeErrors(share(stores, 'stock_missing'), 0.2, stores.length)).toBe(true);
    expect(
      share(
        parcels.filter((p) => p.kind === 'fulfillment_center'),
        'stock_missing',
      ),
    ).toBe(0);
  });

  describe('each model draws from its own stream', () => {
    it('carrier lateness leaves promises, handling, pickups and delivery attempts as they were', () => {
      const slower = run(11, {
        ...FAILURES,
        carrierOnTime: { next_day: { normal: 0.5, peak: 0.5 }, two_day: { normal: 0.5, peak: 0.5 }, standard: { normal: 0.5, peak: 0.5 } },
      });
      expect(promisesOf(slower)).toEqual(promisesOf(base));
      for (const cause of ['slow_handling', 'pickup_missed', 'failed_attempt', 'no_driver', 'late_driver', 'node_closed']) {
        expect(metBy(slower, cause), cause).toEqual(metBy(base, cause));
      }
      // …while the model changed does change.
      expect(metBy(slower, 'transit_late')).not.toEqual(metBy(base, 'transit_late'));
    });

    it('failed delivery attempts leave carrier transit and gig drivers as they were', () => {
      const failing = run(11, {
        ...FAILURES,
        failedAttempt: { local_courier: 0.3, next_day: 0.3, two_day: 0.3, standard: 0.3 },
        gig: { ...FAILURES.gig, firstAttempt: { nobodyIn: 0.1, noSafePlace: 0.2 } },
      });
      expect(promisesOf(failing)).toEqual(promisesOf(base));
      for (const cause of ['transit_late', 'late_driver', 'no_driver', 'route_not_run', 'slow_handling']) {
        expect(metBy(failing, cause), cause).toEqual(metBy(base, cause));
      }
      expect(metBy(failing, 'failed_attempt')).not.toEqual(metBy(base, 'failed_attempt'));
    });

    it('slower handling leaves delivery attempts and carrier transit as they were', () => {
      const slow = run(11, { ...FAILURES, handling: { ...FAILURES.handling, peakFactor: 3 } });
      expect(promisesOf(slow)).toEqual(promisesOf(base));
      for (const cause of ['failed_attempt', 'transit_late', 'no_driver']) {
        expect(metBy(slow, cause), cause).toEqual(metBy(base, cause));
      }
    });
  });
});

describe('the report', () => {
  const HOUR = 3_600_000;
  const order = (over: Partial<OrderOutcome>): OrderOutcome => ({
    arrival: 0,
    placedMs: 0,
    service: 'standard',
    season: 'normal',
    windowStartMs: 48 * HOUR,
    windowEndMs: 60 * HOUR,
    shipments: [],
    deliveredMs: null,
    kept: false,
    early: false,
    ...over,
  });
  const parcel = (deliveredMs: number | null) => ({
    nodeId: 'fc',
    kind: 'fulfillment_center' as const,
    deliveredMs,
    lost: deliveredMs === null,
    resourced: false,
    causes: [],
  });

  it('counts kept, early and late orders by hand', () => {
    const orders: OrderOutcome[] = [
      // In the window: kept.
      order({ arrival: 0, deliveredMs: 50 * HOUR, kept: true, shipments: [parcel(50 * HOUR)] }),
      // A day before the window (carrier): kept, and early.
      order({ arrival: 1, deliveredMs: 30 * HOUR, kept: true, early: true, shipments: [parcel(30 * HOUR)] }),
      // 24 hours after the window's end: broken.
      order({ arrival: 2, deliveredMs: 84 * HOUR, shipments: [parcel(84 * HOUR)] }),
      // 2 hours late, in peak.
      order({ arrival: 3, season: 'peak', deliveredMs: 62 * HOUR, shipments: [parcel(62 * HOUR)] }),
      // Never delivered: broken, no lateness.
      order({ arrival: 4, season: 'peak', shipments: [parcel(null)] }),
    ];
    const report = buildReport({
      seed: 0,
      arrivals: 6,
      unserved: 1,
      orders,
      shelf: emptyShelfTally(),
      offered: { same_day: 0, local_courier: 0, next_day: 0, two_day: 0, standard: 0 },
    });
    expect(report.overall.all).toEqual({
      count: 5,
      kept: 0.4,
      early: 0.2,
      lost: 0.2,
      medianLateHours: 2,
      p90LateHours: 24,
      medianPromiseHours: 60,
    });
    expect(report.overall.normal.kept).toBeCloseTo(2 / 3, 4);
    expect(report.overall.peak.kept).toBe(0);
    expect(report.services.standard.all.count).toBe(5);
    expect(report.services.same_day.all.count).toBe(0);
    expect(report.kinds.fulfillment_center.all.kept).toBe(0.4);
    expect(summary(report)).toMatchObject({ orders: 5, kept: 0.4, peak: { kept: 0 } });
    expect(summary(report).services.standard).toEqual({ orders: 5, kept: 0.4, p90LateHours: 24, medianPromiseHours: 60 });
  });
});
