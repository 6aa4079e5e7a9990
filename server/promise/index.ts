/**
 * The delivery-promise engine: pure code (no I/O, no HTTP contract) that the server, the
 * benchmarks and the simulator share. See docs/ARCHITECTURE.md, "The promise engine".
 */
export { computePromise, planOptions, planShipments, optionName, InvalidPromiseRequestError, type ShipmentsPlan } from './engine.js';
export { Network, distanceKm, type CompiledNode, type StockedNode, type NodeHistory } from './network.js';
export {
  NO_BUFFERS,
  MAX_SLACK_DAYS,
  MAX_EARLIER_CUTOFF_MINUTES,
  MAX_SAFETY_STOCK,
  NO_SAFETY_STOCK,
  bufferProblems,
  changesNothing,
  completeBuffers,
  holdsSafetyStock,
  requiresSecondSource,
  SECOND_SOURCE_SERVICES,
  seasonAt,
  seasonOfDay,
  type PromiseBuffers,
  type SecondSourceService,
  type StoredPromiseBuffers,
  type Season,
  type SeasonDays,
} from './buffers.js';
export { RECOMMENDED_BUFFERS } from './buffer-defaults.js';
export {
  SERVICES,
  SERVICE_NODE_KINDS,
  SERVICE_ORDER,
  LOCAL_COURIER_RADIUS_KM,
  SAME_DAY_RADIUS_KM,
  isCarrierHoliday,
  isCourierRestDay,
  isBusinessDay,
  ROAD_FACTOR,
  GROUND_NEXT_DAY_KM,
  groundDays,
} from './services.js';
export { validateNode, cutoffProblems, InvalidNodeError } from './validate.js';
export { SERVICE_IDS, NODE_KINDS } from './types.js';
export type * from './types.js';
export { regionOfZone, REGIONS, type Region } from './regions.js';
export { reachFrom, type ReachArea } from './reach.js';
export { formatInZone } from './time.js';
