/** The delivery-promise engine: pure code the server and the benchmarks share. */
export { computePromise, InvalidPromiseRequestError, publicOption } from './engine.js';
export { Network, distanceKm, type CompiledNode, type StockedNode } from './network.js';
export { resolveDestination, UnknownDestinationError, type DestinationInput } from './destination.js';
export {
  SERVICES,
  SERVICE_LABELS,
  SERVICE_ORDER,
  LOCAL_COURIER_RADIUS_KM,
  SAME_DAY_RADIUS_KM,
  isCarrierHoliday,
  isCourierRestDay,
} from './services.js';
export { validateNode, InvalidNodeError } from './validate.js';
export type * from './types.js';
