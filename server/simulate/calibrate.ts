/**
 * Calibrating the phantom-stock model (docs/simulation.md, "Stock on the shelf"): per node kind,
 * the mean shortfall whose run misses the target share of first picks, at the stated `short`
 * (for a whole-record model, the `short` itself).
 * Each round runs the simulation, keeps every first pick's line slacks (how far each record
 * exceeded its quantity) and solves for the mean on them; the solution changes which orders later
 * shoppers place (a missed pick corrects the record), so a few rounds settle it.
 */
import { NODE_KINDS, type NodeKind } from '../promise/index.js';
import { FAILURES, type FailureParameters, type PerKind } from './parameters.js';
import { calibrateMeanUnits, calibrateShort, missRates, type PhantomStock } from './shelf.js';
import { simulate, type SimulationOptions } from './simulate.js';

export interface CalibrationRound {
  /** The model the round ran with. */
  phantomStock: Record<NodeKind, PhantomStock>;
  /** The share of first picks that missed in it, per node kind. */
  realised: Record<NodeKind, number>;
}

export function calibratePhantomStock(
  options: Omit<SimulationOptions, 'failures' | 'recordPickSlacks'>,
  targets: PerKind,
  rounds = 3,
  failures: FailureParameters = FAILURES,
): { phantomStock: Record<NodeKind, PhantomStock>; rounds: CalibrationRound[] } {
  let phantomStock = { ...failures.phantomStock };
  const done: CalibrationRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const result = simulate({ ...options, failures: { ...failures, phantomStock }, recordPickSlacks: true });
    done.push({ phantomStock, realised: missRates(result.shelf) });
    const next = { ...phantomStock };
    for (const kind of NODE_KINDS) {
      const model = phantomStock[kind];
      // A whole-record model (a warehouse's wrong location) misses whatever the count: its `short`
      // is what is solved for, per line, so that picks of several lines miss at the target.
      if (model.meanUnits === Infinity) {
        const short = calibrateShort(result.shelf[kind].slacks, model.meanUnits, targets[kind]);
        if (short !== null) next[kind] = { ...model, short: Math.round(short * 100_000) / 100_000 };
        continue;
      }
      const mean = calibrateMeanUnits(result.shelf[kind].slacks, model.short, targets[kind]);
      // Rounded to a hundredth: the figure is written into parameters.ts.
      if (mean !== null) next[kind] = { ...model, meanUnits: Math.round(mean * 100) / 100 };
    }
    phantomStock = next;
  }
  const last = simulate({ ...options, failures: { ...failures, phantomStock } });
  done.push({ phantomStock, realised: missRates(last.shelf) });
  return { phantomStock, rounds: done };
}
