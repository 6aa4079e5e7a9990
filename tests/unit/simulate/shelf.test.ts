import { describe, expect, it } from 'vitest';
import {
  FAILURES,
  Stream,
  calibrateMeanUnits,
  calibrateShort,
  missChance,
  pickMissChance,
  phantomUnits,
  simulate,
  type FailureParameters,
  type PhantomStock,
} from '../../../server/simulate/index.js';
import { perfectWorld, shortScenario } from './fixtures.js';

const N = 60_000;
const draws = (model: PhantomStock, seed = 5) => {
  const s = new Stream(seed, 'stock');
  return Array.from({ length: N }, (_, i) => phantomUnits(model, s.u(i)));
};

describe('phantom stock on the shelf', () => {
  const model: PhantomStock = { short: 0.35, meanUnits: 6 };

  it('leaves the record right at 1 − short, and is short by the stated mean when it is not', () => {
    const d = draws(model);
    const short = d.filter((x) => x > 0);
    expect(Math.abs(short.length / N - 0.35)).toBeLessThan(3 * Math.sqrt((0.35 * 0.65) / N));
    expect(Math.min(...short)).toBe(1);
    const mean = short.reduce((a, b) => a + b, 0) / short.length;
    // The geometric's standard deviation is √(m(m − 1)) ≈ 5.5: the mean of ~21,000 is within ±0.12.
    expect(Math.abs(mean - 6)).toBeLessThan(0.12);
  });

  it('has the geometric tail: P(phantom > k) = short × ρ^k, ρ = 1 − 1/mean', () => {
    const d = draws(model, 9);
    for (const k of [0, 1, 3, 6, 12, 20]) {
      const observed = d.filter((x) => x > k).length / N;
      const expected = missChance(model, k);
      expect(Math.abs(observed - expected), `k=${k}`).toBeLessThan(3 * Math.sqrt((expected * (1 - expected)) / N) + 1e-4);
    }
    // The count matters: a record one unit over the pick misses far more often than one thirty over.
    expect(missChance(model, 0)).toBe(0.35);
    expect(missChance(model, 30)).toBeLessThan(0.002);
  });

  it('takes the whole record when the mean is infinite: a warehouse location that is wrong', () => {
    const whole: PhantomStock = { short: 0.01, meanUnits: Infinity };
    expect(phantomUnits(whole, 0.005)).toBe(Infinity);
    expect(phantomUnits(whole, 0.5)).toBe(0);
    expect(missChance(whole, 500)).toBe(0.01);
  });

  it('misses a pick of several lines when any line is short', () => {
    expect(pickMissChance(model, [0, 0])).toBeCloseTo(1 - 0.65 * 0.65, 12);
    expect(pickMissChance(model, [])).toBe(0);
  });

  it('calibrates the mean (or the short) that gives a target miss rate over a run’s picks', () => {
    const picks = [[0], [2], [5], [10], [20], [40], [3, 8]];
    const mean = calibrateMeanUnits(picks, 0.35, 0.08)!;
    const rate = picks.reduce((sum, p) => sum + pickMissChance({ short: 0.35, meanUnits: mean }, p), 0) / picks.length;
    expect(rate).toBeCloseTo(0.08, 6);
    // Cannot miss more often than the record is short.
    expect(calibrateMeanUnits(picks, 0.05, 0.08)).toBeNull();
    const short = calibrateShort(picks, Infinity, 0.02)!;
    expect(picks.reduce((sum, p) => sum + pickMissChance({ short, meanUnits: Infinity }, p), 0) / picks.length).toBeCloseTo(0.02, 6);
  });
});

describe('the simulator’s picks', () => {
  const run = (failures: FailureParameters, seed = 4) =>
    simulate({ seed, arrivals: 2500, scenario: shortScenario(), failures, recordPickSlacks: true });

  it('miss at the model’s rate for the records the picks found', () => {
    const world = { ...perfectWorld(), phantomStock: FAILURES.phantomStock };
    const { shelf } = run(world);
    for (const kind of ['mall_store', 'local_store'] as const) {
      const t = shelf[kind];
      expect(t.picks, kind).toBeGreaterThan(40);
      expect(t.slacks.length).toBe(t.picks);
      const expected = t.slacks.reduce((sum, p) => sum + pickMissChance(FAILURES.phantomStock[kind], p), 0);
      // Within about three standard deviations of the count the records predict.
      expect(Math.abs(t.missing - expected), kind).toBeLessThan(3 * Math.sqrt(expected) + 1);
    }
  });

  it('miss more often where the record is low than where it is deep', () => {
    // Everything short by one unit at every pick: only picks of a store's last units miss.
    const world = {
      ...perfectWorld(),
      phantomStock: {
        ...perfectWorld().phantomStock,
        mall_store: { short: 1, meanUnits: 1 },
        local_store: { short: 1, meanUnits: 1 },
      },
    };
    const { shelf } = run(world);
    for (const kind of ['mall_store', 'local_store'] as const) {
      const last = shelf[kind].slacks.filter((p) => p.some((s) => s === 0)).length;
      expect(shelf[kind].missing, kind).toBe(last);
      expect(shelf[kind].missing, kind).toBeLessThan(shelf[kind].picks);
    }
  });
});
