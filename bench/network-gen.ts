/**
 * Seeded random networks for benchmarks: nodes clustered around US metro areas (where stores
 * are), of all four kinds, stocked like a real network (fulfilment centres carry much of the
 * catalogue, a local shop a little).
 */
import tzLookup from '@photostructure/tz-lookup';
import { Network } from '../server/promise/network.js';
import type { NetworkNode, NodeKind } from '../server/promise/types.js';

/** Small deterministic PRNG (mulberry32): the same seed gives the same network. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const METROS: ReadonlyArray<readonly [name: string, lat: number, lng: number]> = [
  ['New York', 40.71, -74.0],
  ['Los Angeles', 34.05, -118.24],
  ['Chicago', 41.88, -87.63],
  ['Houston', 29.76, -95.37],
  ['Phoenix', 33.45, -112.07],
  ['Philadelphia', 39.95, -75.17],
  ['San Antonio', 29.42, -98.49],
  ['San Diego', 32.72, -117.16],
  ['Dallas', 32.78, -96.8],
  ['Austin', 30.27, -97.74],
  ['Jacksonville', 30.33, -81.66],
  ['Columbus', 39.96, -83.0],
  ['Charlotte', 35.23, -80.84],
  ['Indianapolis', 39.77, -86.16],
  ['Seattle', 47.61, -122.33],
  ['Denver', 39.74, -104.99],
  ['Washington', 38.91, -77.04],
  ['Nashville', 36.16, -86.78],
  ['Las Vegas', 36.17, -115.14],
  ['Portland', 45.52, -122.68],
  ['Detroit', 42.33, -83.05],
  ['Atlanta', 33.75, -84.39],
  ['Miami', 25.76, -80.19],
  ['Minneapolis', 44.98, -93.27],
  ['Salt Lake City', 40.76, -111.89],
  ['Kansas City', 39.1, -94.58],
  ['St. Louis', 38.63, -90.2],
  ['Boston', 42.36, -71.06],
  ['Albuquerque', 35.08, -106.65],
  ['Boise', 43.62, -116.2],
];

const KINDS: ReadonlyArray<readonly [NodeKind, share: number, skuShare: number]> = [
  ['fulfillment_center', 0.01, 0.2],
  ['delivery_station', 0.09, 0.05],
  ['mall_store', 0.4, 0.01],
  ['local_store', 0.5, 0.005],
];

const CUTOFFS: Record<NodeKind, NetworkNode['cutoffs']> = {
  fulfillment_center: { same_day: '12:00', next_day: '15:00', two_day: '17:00', standard: '18:00' },
  delivery_station: { same_day: '13:00', next_day: '15:00', two_day: '16:00', standard: '16:00' },
  mall_store: { same_day: '14:00' },
  local_store: { local_courier: '17:00', same_day: '13:00' },
};

export interface GeneratedNetwork {
  network: Network;
  nodes: NetworkNode[];
  skus: string[];
  stockRows: number;
}

export function generateNetwork(nodeCount: number, skuCount: number, seed: number): GeneratedNetwork {
  const random = seededRandom(seed);
  const zoneCache = new Map<string, string>();
  const zoneOf = (lat: number, lng: number) => {
    // Zones change slowly across a map: look up once per tenth of a degree.
    const key = `${lat.toFixed(1)},${lng.toFixed(1)}`;
    let zone = zoneCache.get(key);
    if (!zone) {
      zone = tzLookup(lat, lng);
      zoneCache.set(key, zone);
    }
    return zone;
  };
  const nodes: NetworkNode[] = [];
  for (let i = 0; i < nodeCount; i++) {
    let roll = random();
    let kind: NodeKind = 'local_store';
    for (const [k, share] of KINDS) {
      if (roll < share) {
        kind = k;
        break;
      }
      roll -= share;
    }
    const [, mLat, mLng] = METROS[Math.floor(random() * METROS.length)]!;
    // Stores hug the metro; fulfilment centres sit farther out.
    const spread = kind === 'fulfillment_center' ? 1.5 : kind === 'delivery_station' ? 0.6 : 0.35;
    const lat = mLat + (random() - 0.5) * 2 * spread;
    const lng = mLng + (random() - 0.5) * 2 * spread;
    nodes.push({
      id: `node-${i}`,
      name: `${kind.replace('_', ' ')} ${i}`,
      kind,
      lat,
      lng,
      timeZone: zoneOf(lat, lng),
      handlingMinutes: 30 + Math.floor(random() * 6) * 15,
      calendar: { closedWeekdays: kind === 'local_store' && random() < 0.3 ? [7] : [], closedDates: ['2026-12-25'] },
      cutoffs: CUTOFFS[kind],
    });
  }
  const network = new Network(nodes);
  const skus = Array.from({ length: skuCount }, (_, i) => `SKU-${i}`);
  let stockRows = 0;
  for (const node of nodes) {
    const share = KINDS.find(([k]) => k === node.kind)![2];
    const count = Math.max(1, Math.round(skuCount * share));
    for (let j = 0; j < count; j++) {
      network.setStock(node.id, skus[Math.floor(random() * skuCount)]!, 1 + Math.floor(random() * 20), Math.floor(random() * 2));
      stockRows++;
    }
  }
  network.prepare();
  return { network, nodes, skus, stockRows };
}
