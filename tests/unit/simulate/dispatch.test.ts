/**
 * Same-day dispatch (docs/simulation.md, "Same-day dispatch"): aiming drivers early in the window
 * and posting an unaccepted job once more keep more same-day promises, and change nothing else.
 */
import { describe, expect, it } from 'vitest';
import { BUFFERS, PLAIN_DISPATCH, SAME_DAY_DISPATCH, buildReport, simulate } from '../../../server/simulate/index.js';
import { shortScenario } from './fixtures.js';

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
