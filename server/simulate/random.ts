/**
 * Keyed random draws for the simulator (docs/simulation.md, "Random streams"). Every model draws
 * from its own stream, and every draw is a pure function of (run seed, stream name, keys): the
 * order's number, the node and the day, the draw's position. Nothing is consumed in sequence, so
 * changing one model's parameters, or how many draws it makes, cannot move another model's draws
 * or even its own draws for other orders.
 */

/** MurmurHash3's 32-bit block step: folds one 32-bit key into the running hash. */
function fold(hash: number, key: number): number {
  let k = Math.imul(key | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = hash ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finaliser: every input bit reaches every output bit. */
function finish(hash: number, length: number): number {
  let h = hash ^ length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashText(text: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < text.length; i++) h = fold(h, text.charCodeAt(i));
  return finish(h, text.length);
}

/** One model's stream of uniform draws in (0, 1), addressed by integer keys. */
export class Stream {
  private readonly base: number;

  constructor(
    seed: number,
    readonly name: string,
  ) {
    this.base = fold(hashText(name), seed);
  }

  /** A uniform draw in (0, 1) for these keys: 53 bits from two hashes, never 0 or 1. */
  u(a: number, b = 0, c = 0): number {
    const h = fold(fold(fold(this.base, a), b), c);
    const hi = finish(fold(h, 0x51ed270b), 4) >>> 5; // 27 bits
    const lo = finish(fold(h, 0x2f7a1c3d), 4) >>> 6; // 26 bits
    return (hi * 67_108_864 + lo + 0.5) / 9_007_199_254_740_992;
  }

  /** A standard normal draw (Box–Muller on two keyed uniforms). */
  normal(a: number, b = 0, c = 0): number {
    const u1 = this.u(a, b, c * 2);
    const u2 = this.u(a, b, c * 2 + 1);
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** A log-normal draw with this median and log-space spread σ (heavy right tail). */
  logNormal(median: number, sigma: number, a: number, b = 0, c = 0): number {
    return median * Math.exp(sigma * this.normal(a, b, c));
  }

  /** Whether an event of probability `p` happens. */
  chance(p: number, a: number, b = 0, c = 0): boolean {
    return this.u(a, b, c) < p;
  }

  /** A Poisson count with mean `mean`, by inverting its distribution function on one draw. */
  poisson(mean: number, a: number, b = 0, c = 0): number {
    if (mean <= 0) return 0;
    if (mean > 500) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal(a, b, c)));
    const u = this.u(a, b, c);
    let p = Math.exp(-mean);
    let cumulative = p;
    let x = 0;
    while (u > cumulative && x < mean * 10 + 50) {
      x++;
      p *= mean / x;
      cumulative += p;
    }
    return x;
  }

  /** An index into `weights`, each chosen in proportion to its weight. */
  pick(weights: readonly number[], a: number, b = 0, c = 0): number {
    let total = 0;
    for (const w of weights) total += w;
    let target = this.u(a, b, c) * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i]!;
      if (target < 0) return i;
    }
    return weights.length - 1;
  }
}
