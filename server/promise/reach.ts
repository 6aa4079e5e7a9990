/**
 * Where each service reaches from a node, by the engine's own rules (docs/ARCHITECTURE.md, "The
 * promise engine"): the services its kind and cut-offs offer, each one's reach (a radius, or
 * whole regions where a lane exists) and the last instant to order for its next handover. The
 * console draws it as a map; nothing here is re-implemented in the browser.
 */
import { nextOrderBy } from './engine.js';
import type { Network } from './network.js';
import { REGIONS, regionOfZone, type Region } from './regions.js';
import { GROUND_NEXT_DAY_KM, SERVICE_ORDER, SERVICES } from './services.js';
import type { ServiceId } from './types.js';

/** One area a service reaches from a node. */
export interface ReachArea {
  service: ServiceId;
  /** Next-day parcels that fly (on the node's air cut-off), beyond the ground lane. */
  air: boolean;
  /** Straight-line radius from the node, km; null: everywhere in `regions`. */
  radiusKm: number | null;
  /** The regions the area lies in (a radius stays inside the node's own region). */
  regions: Region[];
  /** The last instant (epoch ms) to order for the next handover; null: none within three weeks. */
  orderBy: number | null;
}

/** The areas each service the node offers reaches, in the order options are listed. */
export function reachFrom(network: Network, nodeId: string, now: number): ReachArea[] {
  const node = network.node(nodeId);
  if (!node) return [];
  const from = regionOfZone(node.timeZone) ?? 'contiguous';
  const areas: ReachArea[] = [];
  for (const service of SERVICE_ORDER) {
    const rule = SERVICES[service];
    const orderBy = nextOrderBy(network, nodeId, service, now);
    if (!rule.kinds.has(node.kind) || node.cutoffs[service] === undefined) continue;
    // The regions with a lane from here: the service's own transit rule says which.
    const lanes = REGIONS.filter((to) => rule.transit(0, from, to) !== null);
    if (lanes.length === 0) continue;
    if (!rule.carrier) {
      areas.push({ service, air: false, radiusKm: rule.maxDistanceKm, regions: [from], orderBy });
    } else if (service === 'next_day') {
      areas.push({ service, air: false, radiusKm: GROUND_NEXT_DAY_KM, regions: [from], orderBy });
      if (node.airCutoff)
        areas.push({ service, air: true, radiusKm: null, regions: [from], orderBy: nextOrderBy(network, nodeId, service, now, true) });
    } else {
      areas.push({ service, air: false, radiusKm: null, regions: lanes, orderBy });
    }
  }
  return areas;
}
