import { describe, expect, it } from 'vitest';
import {
  BUFFERS,
  Stream,
  buildReport,
  meanRestockNights,
  restockNights,
  restockTail,
  simulate,
  type FailureParameters,
  type RestockLeadTime,
  type SimulationResult,
} from '../../../server/simulate/index.js';
import { perfectWorld, shortScenario, withinThreeErrors } from './fixtures.js';

const N = 60_000;
const draws = (model: RestockLeadTime, seed = 3) => {
  const s = new Stream(seed, 'restock');
  return Array.from({ length: N }, (_, i) => restockNights(model, s.u(i)));
};
const within = (observed: number, p: number, n: number) => withinThreeErrors(observed, p, n, 1e-4);

describe('the restock lead time', () => {
  const model: RestockLeadTime = { nextNight: 0.5, laterMeanNights: 2 };

  it('comes with the next nightly delivery at nextNight, and later by the stated mean otherwise', () => {
    const d = draws(model);
    expect(Math.min(...d)).toBe(1);
    expect(within(d.filter((n) => n === 1).length / N, 0.5, N)).toBe(true);
    const later = d.filter((n) => n > 1).map((n) => n - 1);
    expect(Math.min(...later)).toBe(1);
    // Geometric with mean 2: standard deviation √2, so the mean of ~30,000 is within ±0.03.
    expect(Math.abs(later.reduce((a, b) => a + b, 0) / later.length - 2)).toBeLessThan(0.03);
    expect(Math.abs(d.reduce((a, b) => a + b, 0) / N - meanRestockNights(model))).toBeLessThan(0.03);
    expect(meanRestockNights(model)).toBe(2);
  });

  it('has the geometric tail: P(nights > n) = (1 − nextNight) × ρ^(n − 1), ρ = 1 − 1/mean', () => {
    const d = draws(model, 7);
    for (const n of [1, 2, 3, 5, 8]) {
      expect(within(d.filter((x) => x > n).length / N, restockTail(model, n), N), `n=${n}`).toBe(true);
    }
    expect(restockTail(model, 0)).toBe(1);
    expect(restockTail(model, 1)).toBe(0.5);
    expect(restockTail(model, 3)).toBe(0.125);
  });

  it('takes the edges: always next night, and exactly one more night when the later mean is one', () => {
    expect(draws({ nextNight: 1, laterMeanNights: 5 }).every((n) => n === 1)).toBe(true);
    const d = draws({ nextNight: 0, laterMeanNights: 1 });
    expect(d.every((n) => n === 2)).toBe(true);
  });
});

describe('a short shelf waiting for its restock', () => {
  // Nothing goes wrong but local shops' shelves: a fifth of their picks miss whatever the record.
  const shortShops = (restock: RestockLeadTime): FailureParameters => {
    const world = perfectWorld();
    return {
      ...world,
      phantomStock: { ...world.phantomStock, local_store: { short: 0.2, meanUnits: Infinity } },
      restock: { ...world.restock, local_store: restock },
    };
  };
  const run = (restock: RestockLeadTime) =>
    simulate({ seed: 7, arrivals: 8000, scenario: shortScenario(), buffers: BUFFERS, failures: shortShops(restock) });
  const courier = (r: SimulationResult) => r.orders.filter((o) => o.service === 'local_courier');
  const met = (r: SimulationResult, cause: string) =>
    courier(r).filter((o) => o.shipments.some((s) => (s.causes as string[]).includes(cause)));

  const nextNight = run({ nextNight: 1, laterMeanNights: 1 });
  // A restock months away never fits a window: the run as it was before parcels could wait.
  const never = run({ nextNight: 0, laterMeanNights: 1000 });

  it('never waits when the restock comes after the window, and loses the orders no other place can send', () => {
    expect(met(never, 'waited_for_restock')).toHaveLength(0);
    const missed = met(never, 'stock_missing');
    expect(missed.length).toBeGreaterThan(10);
    expect(courier(never).filter((o) => o.deliveredMs === null).length).toBeGreaterThan(5);
    // Nothing else goes wrong: every broken courier promise met the empty shelf.
    expect(
      courier(never)
        .filter((o) => !o.kept)
        .every((o) => missed.includes(o)),
    ).toBe(true);
  });

  it('waits when the next night’s delivery keeps the window, and keeps nearly every such order', () => {
    const waited = met(nextNight, 'waited_for_restock');
    expect(waited.length).toBeGreaterThan(10);
    // The re-pick draws the shelf afresh: a fifth miss again, and wait once more only if the
    // next restock still fits (here one did not, over a holiday, and was lost). None moved elsewhere
    // and kept: no other place holds what the only shop nearby lacks.
    const kept = waited.filter((o) => o.kept);
    expect(kept.length / waited.length).toBeGreaterThan(0.9);
    expect(kept.every((o) => o.shipments.every((s) => !s.resourced))).toBe(true);
    const lost = (r: SimulationResult) => courier(r).filter((o) => o.deliveredMs === null).length;
    expect(lost(nextNight)).toBeLessThan(lost(never));
    const keptRate = (r: SimulationResult) => buildReport(r).services.local_courier.all.kept;
    expect(keptRate(nextNight)).toBeGreaterThan(keptRate(never));
  });

  it('tallies only first picks, so the calibrated miss rates stay those of first picks', () => {
    const t = nextNight.shelf.local_store;
    expect(within(t.missing / t.picks, 0.2, t.picks)).toBe(true);
  });
});
