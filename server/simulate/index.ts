/**
 * The fulfilment simulator (docs/simulation.md; docs/ARCHITECTURE.md, "The simulator"): imports
 * the engine, never imported by it or by the server's request path.
 */
export { simulate, generateArrivals, streamsFor, addCarrierDays } from './simulate.js';
export type { SimulationOptions, SimulationResult, OrderOutcome, ShipmentOutcome, Arrival, Streams } from './simulate.js';
export { buildReport, summary, formatTables, statsOf, quantile, PERIODS, type Report, type Stats, type Period } from './report.js';
export { renderHtml, type Trial } from './html.js';
export {
  FAILURES,
  PICK_START_MINUTES,
  SAME_DAY_DISPATCH,
  AIMED_DISPATCH,
  PLAIN_DISPATCH,
  SHELF_MISS_TARGETS,
  type FailureParameters,
  type SameDayDispatch,
  type Season,
} from './parameters.js';
export {
  calibrateMeanUnits,
  calibrateShort,
  emptyShelfTally,
  missChance,
  missRates,
  phantomRatio,
  phantomUnits,
  pickMissChance,
  type PhantomStock,
  type ShelfTally,
} from './shelf.js';
export { calibratePhantomStock, type CalibrationRound } from './calibrate.js';
export { demoScenario, PLACES, type Scenario, type Place } from './scenario.js';
export { Stream } from './random.js';
export {
  BUFFERS,
  KEPT_TARGETS,
  NO_BUFFERS,
  MAX_SLACK,
  handlingAtP90,
  uniformSlack,
  chooseSlack,
  chooseSameDayCutoff,
  chooseSafetyStock,
  withStoreSafetyStock,
  SAFETY_LADDER,
  SAFETY_KINDS,
  SECOND_SOURCE_LADDER,
  chooseSecondSource,
  withSecondSource,
  defaultsFile,
  tradeOffRows,
  type Buffers,
  type SlackTrial,
  type SlackChoice,
  type SafetyTrial,
  type SafetyChoice,
  type SecondSource,
  type SecondSourceTrial,
  type SecondSourceChoice,
} from './buffers.js';
export { meanRestockNights, restockNights, restockTail, type RestockLeadTime } from './restock.js';
