import { describe, expect, it } from 'vitest';
import { Stream, quantile } from '../../../server/simulate/index.js';

const N = 40_000;
const sorted = (values: number[]) => values.sort((a, b) => a - b);

describe('keyed random streams', () => {
  it('give the same draw for the same seed, stream and keys, and another otherwise', () => {
    const a = new Stream(7, 'handling');
    expect(new Stream(7, 'handling').u(12, 3, 1)).toBe(a.u(12, 3, 1));
    expect(new Stream(8, 'handling').u(12, 3, 1)).not.toBe(a.u(12, 3, 1));
    expect(new Stream(7, 'transit').u(12, 3, 1)).not.toBe(a.u(12, 3, 1));
    expect(a.u(12, 3, 2)).not.toBe(a.u(12, 3, 1));
    expect(a.u(13, 3, 1)).not.toBe(a.u(12, 3, 1));
  });

  it('are uniform on (0, 1): mean ½, each tenth about a tenth', () => {
    const s = new Stream(1, 'u');
    const tenths = new Array<number>(10).fill(0);
    let sum = 0;
    let low = 1;
    let high = 0;
    for (let i = 0; i < N; i++) {
      const u = s.u(i);
      low = Math.min(low, u);
      high = Math.max(high, u);
      sum += u;
      tenths[Math.floor(u * 10)]!++;
    }
    expect(low).toBeGreaterThan(0);
    expect(high).toBeLessThan(1);
    expect(sum / N).toBeCloseTo(0.5, 2);
    for (const count of tenths) expect(Math.abs(count / N - 0.1)).toBeLessThan(0.006);
  });

  it('draw log-normal handling times with the median and the tail their parameters give', () => {
    const s = new Stream(2, 'handling');
    const median = 90;
    const sigma = 0.45;
    const draws = sorted(Array.from({ length: N }, (_, i) => s.logNormal(median, sigma, i)));
    expect(quantile(draws, 0.5)! / median).toBeCloseTo(1, 1);
    // p90 of a log-normal is median × e^(1.2816 σ); p99 median × e^(2.3263 σ).
    expect(quantile(draws, 0.9)! / (median * Math.exp(1.2816 * sigma))).toBeCloseTo(1, 1);
    expect(quantile(draws, 0.99)! / (median * Math.exp(2.3263 * sigma))).toBeCloseTo(1, 1);
  });

  it('draw standard normals with mean 0 and variance 1', () => {
    const s = new Stream(3, 'normal');
    const draws = Array.from({ length: N }, (_, i) => s.normal(i));
    const mean = draws.reduce((a, b) => a + b, 0) / N;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / N;
    expect(mean).toBeCloseTo(0, 1);
    expect(variance).toBeCloseTo(1, 1);
  });

  it.each([0.5, 4, 37, 800])('draw Poisson counts with mean and variance %s', (mean) => {
    const s = new Stream(4, 'arrivals');
    const draws = Array.from({ length: N }, (_, i) => s.poisson(mean, i));
    const m = draws.reduce((a, b) => a + b, 0) / N;
    const v = draws.reduce((a, b) => a + (b - m) ** 2, 0) / N;
    expect(Math.abs(m - mean) / mean).toBeLessThan(0.02);
    expect(Math.abs(v - mean) / mean).toBeLessThan(0.06);
  });

  it('happen at the rate asked, and pick in proportion to weights', () => {
    const s = new Stream(5, 'pickup');
    let hits = 0;
    const picks = [0, 0, 0];
    for (let i = 0; i < N; i++) {
      if (s.chance(0.025, i)) hits++;
      picks[s.pick([1, 2, 7], i, 1)]!++;
    }
    expect(hits / N).toBeCloseTo(0.025, 2);
    expect(picks.map((p) => p / N)).toEqual([expect.closeTo(0.1, 1), expect.closeTo(0.2, 1), expect.closeTo(0.7, 1)]);
  });
});
