/**
 * The states and territories a merchant's network delivers to, for the checkout's address step:
 * a shopper chooses among the places served instead of typing a code (issue 15). Read from the
 * same postal table as every destination (`destination.ts`), so a state offered here is one whose
 * postal codes resolve.
 *
 * A network with a carrier service (next-day, two-day, standard) reaches every region the engine
 * knows (docs/promise-model.md, "Where parcels can go"): every state is served. A network of
 * local services only (same-day, local courier) serves the states with a postal code within a
 * node's radius. Computed once per network revision: stock changes bump it, but cost only a scan
 * of the nodes.
 */
import zipcodes from 'zipcodes';
import { LOCAL_COURIER_RADIUS_KM, SAME_DAY_RADIUS_KM, distanceKm, type Network } from '../promise/index.js';
import { resolveDestination, stateName, UnknownDestinationError } from './destination.js';

export interface ServedState {
  code: string;
  name: string;
  /** The first three digits of every postal code in the state, for checking a code at once. */
  postalPrefixes: string[];
}

const CARRIER_SERVICES = ['next_day', 'two_day', 'standard'] as const;

interface Deliverable {
  /** Every state a postal code of which resolves, by name. */
  states: ServedState[];
  /** Their postal codes' centroids in 1° cells, for radius queries. */
  cells: Map<string, Array<{ lat: number; lng: number; state: string }>>;
}

let deliverable: Deliverable | null = null;

const cellKey = (lat: number, lng: number) => `${Math.floor(lat)}:${Math.floor(lng)}`;

/** The states whose postal codes resolve to a destination we deliver to, and their codes' centroids. */
function deliverableStates(): Deliverable {
  if (deliverable) return deliverable;
  const byState = new Map<string, Array<{ zip: string; lat: number; lng: number }>>();
  for (const code of Object.values(zipcodes.codes)) {
    if (code.country !== 'US') continue;
    let list = byState.get(code.state);
    if (!list) byState.set(code.state, (list = []));
    list.push({ zip: code.zip, lat: code.latitude, lng: code.longitude });
  }
  const states: ServedState[] = [];
  const cells: Deliverable['cells'] = new Map();
  for (const [state, codes] of byState) {
    // A state is served when one of its codes resolves (the military "states" and the freely
    // associated ones never do); a few tries skip PO-box-only codes.
    const resolves = codes.slice(0, 20).some(({ zip }) => {
      try {
        resolveDestination({ postalCode: zip });
        return true;
      } catch (error) {
        if (error instanceof UnknownDestinationError) return false;
        throw error;
      }
    });
    if (!resolves) continue;
    const postalPrefixes = [...new Set(codes.map((c) => c.zip.slice(0, 3)))].sort();
    states.push({ code: state, name: stateName(state), postalPrefixes });
    for (const c of codes) {
      const key = cellKey(c.lat, c.lng);
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = []));
      cell.push({ lat: c.lat, lng: c.lng, state });
    }
  }
  states.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  deliverable = { states, cells };
  return deliverable;
}

const servedCache = new WeakMap<Network, { revision: number; states: ServedState[] }>();

/** The states `network` delivers to, by name. */
export function servedStates(network: Network): ServedState[] {
  const cached = servedCache.get(network);
  if (cached && cached.revision === network.revision) return cached.states;
  const all = deliverableStates();
  const nodes = network.allNodes();
  let states: ServedState[];
  if (nodes.some((n) => CARRIER_SERVICES.some((s) => n.cutoffs[s] !== undefined))) {
    states = all.states;
  } else {
    const reached = new Set<string>();
    for (const node of nodes) {
      const radius =
        node.cutoffs.same_day !== undefined ? SAME_DAY_RADIUS_KM : node.cutoffs.local_courier !== undefined ? LOCAL_COURIER_RADIUS_KM : 0;
      if (radius === 0) continue;
      // 1° of latitude is 111 km; a radius under 111 km spans at most the neighbouring cells.
      const span = Math.ceil(radius / 111) + 1;
      for (let dLat = -span; dLat <= span; dLat++) {
        for (let dLng = -span * 2; dLng <= span * 2; dLng++) {
          for (const c of all.cells.get(cellKey(node.lat + dLat, node.lng + dLng)) ?? []) {
            if (!reached.has(c.state) && distanceKm(node.lat, node.lng, c.lat, c.lng) <= radius) reached.add(c.state);
          }
        }
      }
    }
    states = all.states.filter((s) => reached.has(s.code));
  }
  servedCache.set(network, { revision: network.revision, states });
  return states;
}
