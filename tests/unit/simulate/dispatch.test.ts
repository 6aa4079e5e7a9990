/**
 * Same-day dispatch (docs/simulation.md, "Same-day dispatch"): aiming drivers early in the window
 * and posting an unaccepted job once more keep more same-day promises, and change nothing else;
 * so do leaving the parcel at the door when nobody is in and a second attempt the same evening.
 */
import { describe, expect, it } from 'vitest';
import {
  AIMED_DISPATCH,
  BUFFERS,
  FAILURES,
  PLAIN_DISPATCH,
  SAME_DAY_DISPATCH,
  buildReport,
  simulate,
  type FailureParameters,
  type SimulationResult,
} from '../../../server/simulate/index.js';
import { perfectWorld, shortScenario, withinThreeErrors } from './fixtures.js';

describe('same-day dispatch', () => {
  const run = (dispatch: typeof PLAIN_DISPATCH) =>
    simulate({ seed: 5, arrivals: 8000, scenario: shortScenario(), buffers: BUFFERS, dispatch });
  const plain = run(PLAIN_DISPATCH);
  const early = run(SAME_DAY_DISPATCH);

  it('keeps more same-day promises, through fewer late drivers, long roads and missing drivers', () => {
    const [p, e] = [buildReport(plain), buildReport(early)];
    expect(e.services.same_day.all.count).toBe(p.services.same_day.all.count);
    expect(e.services.same_day.all.kept).toBeGreaterThan(p.services.same_day.all.kept + 0.03);
    const broken = (r: typeof plain, cause: string) =>
      r.orders.filter((o) => o.service === 'same_day' && !o.kept && o.shipments.some((s) => s.causes.includes(cause as never))).length;
    for (const cause of ['late_driver', 'long_road', 'no_driver']) expect(broken(early, cause)).toBeLessThan(broken(plain, cause));
  });

  it('leaves the other services as they were: the same promises, and their kept rates within a hair', () => {
    const others = (r: typeof plain) => r.orders.filter((o) => o.service !== 'same_day');
    expect(others(early).map((o) => [o.service, o.windowEndMs])).toEqual(others(plain).map((o) => [o.service, o.windowEndMs]));
    // Stock feedback can move a parcel or two (docs/simulation.md, "Random streams"), no more.
    const moved = others(early).filter((o, i) => o.kept !== others(plain)[i]!.kept).length;
    expect(moved).toBeLessThanOrEqual(2);
  });
});

describe('at the door: leave it when nobody is in, try once more the same evening', () => {
  const run = (dispatch: typeof PLAIN_DISPATCH, failures: FailureParameters = FAILURES) =>
    simulate({ seed: 5, arrivals: 16000, scenario: shortScenario(), buffers: BUFFERS, dispatch, failures });
  // Nothing goes wrong but the door: 10% nobody in, 10% no way in or no safe place.
  const doorOnly: FailureParameters = {
    ...perfectWorld(),
    gig: { ...perfectWorld().gig, firstAttempt: { nobodyIn: 0.1, noSafePlace: 0.1 }, secondAttemptFails: 0.4 },
  };
  const parcels = (r: SimulationResult) =>
    r.orders
      .filter((o) => o.service === 'same_day')
      .flatMap((o) => o.shipments.map((s) => ({ kept: o.kept, causes: s.causes as string[] })));
  const met = (list: ReturnType<typeof parcels>, cause: string) => list.filter((p) => p.causes.includes(cause));
  const keptShare = (list: ReturnType<typeof parcels>) => list.filter((p) => p.kept).length / list.length;

  it('the old model: every failed attempt comes tomorrow, nothing is left at the door', () => {
    const result = run(AIMED_DISPATCH, doorOnly);
    const old = parcels(result);
    expect(old.length).toBeGreaterThan(800);
    const failed = met(old, 'failed_attempt');
    expect(withinThreeErrors(failed.length / old.length, 0.2, old.length)).toBe(true);
    expect(failed.every((p) => !p.kept)).toBe(true);
    // An order is broken exactly when one of its parcels failed at the door (a split order's
    // other parcel is broken with it).
    const orders = result.orders.filter((o) => o.service === 'same_day');
    const failedAtDoor = orders.filter((o) => o.shipments.some((s) => (s.causes as string[]).includes('failed_attempt')));
    expect(orders.filter((o) => !o.kept)).toEqual(failedAtDoor);
    expect(met(old, 'left_at_door').length + met(old, 'second_attempt').length).toBe(0);
  });

  it('nobody in: left at the door and kept; no way in: a second attempt keeps 60% of those it can reach', () => {
    const early = parcels(run(SAME_DAY_DISPATCH, doorOnly));
    const left = met(early, 'left_at_door');
    expect(withinThreeErrors(left.length / early.length, 0.1, early.length)).toBe(true);
    expect(left.every((p) => p.kept)).toBe(true);
    const failed = met(early, 'failed_attempt');
    expect(withinThreeErrors(failed.length / early.length, 0.1, early.length)).toBe(true);
    // Aimed 30 minutes into a four-hour window, most failed attempts leave time for another (not
    // those of a late pick or a long way: the road back and out again).
    const second = met(early, 'second_attempt');
    expect(second.length).toBeGreaterThan(0.75 * failed.length);
    expect(withinThreeErrors(keptShare(second), 0.6, second.length)).toBe(true);
    // The ones with no time left come tomorrow, as before.
    expect(failed.filter((p) => !p.causes.includes('second_attempt')).every((p) => !p.kept)).toBe(true);
    const old = parcels(run(AIMED_DISPATCH, doorOnly));
    const broken = (list: ReturnType<typeof parcels>) => list.filter((p) => !p.kept).length;
    // From 20% broken to about 10% × (1 − 0.6) = 4%.
    expect(broken(early) / early.length).toBeLessThan(0.06);
    expect(broken(old) / old.length).toBeGreaterThan(0.15);
  });

  it('draws its own keys: the promises and every other model’s events stay where they were', () => {
    const [aimed, early] = [run(AIMED_DISPATCH), run(SAME_DAY_DISPATCH)];
    expect(early.orders.map((o) => [o.service, o.windowEndMs])).toEqual(aimed.orders.map((o) => [o.service, o.windowEndMs]));
    const door = new Set(['failed_attempt', 'left_at_door', 'second_attempt']);
    const others = (r: SimulationResult) => r.orders.map((o) => o.shipments.map((s) => s.causes.filter((c) => !door.has(c))));
    expect(others(early)).toEqual(others(aimed));
    // The same first attempts fail or not: a failure of the old model is left at the door or tried again.
    const first = (r: SimulationResult) =>
      r.orders.map((o) => o.shipments.map((s) => s.causes.some((c) => c === 'failed_attempt' || c === 'left_at_door')));
    expect(first(early)).toEqual(first(aimed));
    expect(buildReport(early).services.same_day.all.kept).toBeGreaterThan(buildReport(aimed).services.same_day.all.kept + 0.01);
  });
});
