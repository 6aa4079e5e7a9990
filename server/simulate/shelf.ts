/**
 * Stock on the shelf (docs/simulation.md, "Stock on the shelf"): a store's record of a SKU is
 * often more than its shelf holds (units stolen, broken, mis-shelved or mis-scanned since the last
 * count), so at each pick the shelf holds the record less a drawn number of "phantom" units. A
 * pick of q units misses when the shelf has fewer than q. A record of 30 units almost never
 * hides an empty shelf; a record of 1 often does, which is what safety stock (units a node's
 * record shows but the engine does not promise) is for.
 *
 * The phantom units are a mixture: the record is right with probability 1 − `short`, else it is
 * short by a geometric number of units (1, 2, 3, … with mean `meanUnits`; `Infinity`: none of
 * the units is where the record says, a warehouse's wrong location). A pick whose record exceeds
 * its quantity by `slack` units misses with probability short × ρ^slack, ρ = 1 − 1/mean.
 */
import { NODE_KINDS, type NodeKind } from '../promise/index.js';

export interface PhantomStock {
  /** Probability that the record overstates the shelf at a pick. */
  short: number;
  /**
   * Mean number of units it overstates it by, when it does (geometric on 1, 2, 3, …; at least 1;
   * `Infinity`: the whole record, so the pick misses whatever the count).
   */
  meanUnits: number;
}

/** The geometric's ratio: P(phantom ≥ k + 1 | short) = ρ^k. */
export function phantomRatio(model: PhantomStock): number {
  return 1 - 1 / Math.max(1, model.meanUnits);
}

/**
 * The phantom units for one uniform draw `u` in (0, 1): 0 when `u` ≥ `short`, else the geometric
 * count by inversion of `u / short` (itself uniform in (0, 1)), so one draw decides both.
 */
export function phantomUnits(model: PhantomStock, u: number): number {
  if (!(u < model.short)) return 0;
  const ratio = phantomRatio(model);
  if (ratio <= 0) return 1;
  if (ratio >= 1) return Infinity;
  return 1 + Math.floor(Math.log(u / model.short) / Math.log(ratio));
}

/** The chance that a line whose record exceeds its quantity by `slack` units finds too few on the shelf. */
export function missChance(model: PhantomStock, slack: number): number {
  return model.short * phantomRatio(model) ** Math.max(0, slack);
}

/** The chance that a pick misses: any of its lines (slacks as drawn independently) is short. */
export function pickMissChance(model: PhantomStock, slacks: readonly number[]): number {
  let allThere = 1;
  for (const s of slacks) allThere *= 1 - missChance(model, s);
  return 1 - allThere;
}

/**
 * The mean shortfall that makes the expected miss rate over these picks (each the slacks of its
 * lines) equal `target`, for a given `short`; null when even a record short of everything it
 * shows (an infinite mean) misses less often than that. Bisection on the geometric's ratio ρ in
 * [0, 1): the rate only grows with it.
 */
export function calibrateMeanUnits(picks: ReadonlyArray<readonly number[]>, short: number, target: number): number | null {
  if (picks.length === 0 || short < target) return null;
  const rate = (ratio: number) => {
    let sum = 0;
    for (const p of picks) sum += pickMissChance({ short, meanUnits: 1 / (1 - ratio) }, p);
    return sum / picks.length;
  };
  if (rate(0) > target) return 1;
  return 1 / (1 - rising(rate, target));
}

/** Where in [0, 1] a rising `rate` reaches `target`, by bisection (to about 1e-15). */
function rising(rate: (x: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (rate(mid) < target) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The `short` that makes the expected miss rate over these picks equal `target`, at a given mean
 * shortfall (for a whole-record model, where the count does not matter: a pick of three lines
 * is three chances to miss); null when a record always short misses less often than that.
 */
export function calibrateShort(picks: ReadonlyArray<readonly number[]>, meanUnits: number, target: number): number | null {
  if (picks.length === 0) return null;
  const rate = (short: number) => {
    let sum = 0;
    for (const p of picks) sum += pickMissChance({ short, meanUnits }, p);
    return sum / picks.length;
  };
  if (rate(1) < target) return null;
  return rising(rate, target);
}

/** Per node kind: first picks (not re-sourced ones), how many missed, and (when asked) each pick's line slacks. */
export type ShelfTally = Record<NodeKind, { picks: number; missing: number; slacks: number[][] }>;

export function emptyShelfTally(): ShelfTally {
  return Object.fromEntries(NODE_KINDS.map((k) => [k, { picks: 0, missing: 0, slacks: [] }])) as unknown as ShelfTally;
}

/** The realised share of first picks that missed, per node kind (0 where there were none). */
export function missRates(tally: ShelfTally): Record<NodeKind, number> {
  return Object.fromEntries(NODE_KINDS.map((k) => [k, tally[k].picks === 0 ? 0 : tally[k].missing / tally[k].picks])) as Record<
    NodeKind,
    number
  >;
}
