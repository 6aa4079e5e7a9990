import { FAILURES, demoScenario, type FailureParameters, type Scenario } from '../../../server/simulate/index.js';

/** Two weeks around the start of peak season: normal days and peak days, a few seconds to run. */
export function shortScenario(): Scenario {
  return { ...demoScenario(), from: '2026-11-12', to: '2026-11-25', peakFrom: '2026-11-20', peakTo: '2026-12-31' };
}

/** A world where nothing goes wrong: no missing stock, handling exactly as stated, every driver on time. */
export function perfectWorld(): FailureParameters {
  const none = { fulfillment_center: 0, delivery_station: 0, mall_store: 0, local_store: 0 };
  const never = { normal: 0, peak: 0 };
  const always = { normal: 1, peak: 1 };
  return {
    restock: FAILURES.restock,
    phantomStock: {
      fulfillment_center: { short: 0, meanUnits: 1 },
      delivery_station: { short: 0, meanUnits: 1 },
      mall_store: { short: 0, meanUnits: 1 },
      local_store: { short: 0, meanUnits: 1 },
    },
    handling: { medianOfStated: { fulfillment_center: 1, delivery_station: 1, mall_store: 1, local_store: 1 }, sigma: none, peakFactor: 1 },
    unexpectedClosure: none,
    gig: {
      ...FAILURES.gig,
      noDriver: never,
      late: never,
      arriveMedianMinutes: 0,
      arriveSigma: 0,
      firstAttempt: { nobodyIn: 0, noSafePlace: 0 },
    },
    road: { medianCircuity: 1.3, sigma: 0, routeStretchSigma: 0 },
    courier: { routeMissed: never, plannedRouteHours: 8 },
    pickupMissed: never,
    carrierOnTime: { next_day: always, two_day: always, standard: always },
    carrierLateDays: FAILURES.carrierLateDays,
    failedAttempt: { local_courier: 0, next_day: 0, two_day: 0, standard: 0 },
  };
}

/**
 * Whether an observed share is within three standard errors of the expected `p` over `n` draws
 * (plus `slack`, for shares so small the error rounds to nothing).
 */
export function withinThreeErrors(observed: number, p: number, n: number, slack = 0): boolean {
  return Math.abs(observed - p) < 3 * Math.sqrt((p * (1 - p)) / n) + slack;
}
