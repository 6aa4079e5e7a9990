/**
 * What the simulation runs on (docs/simulation.md, "The scenario"): the demo network and its
 * products, stock refilled every night, and shoppers around the network and beyond who order at
 * realistic hours, with a peak season. Demand figures are assumptions shaped after public
 * e-commerce traffic curves (evening peak, quiet nights, Monday busiest, Saturday quietest).
 */
import { DEMO_CURRENCY, DEMO_FEE_POLICY, DEMO_NODES, DEMO_PRODUCTS, DEMO_STOCK } from '../seed/demo.js';
import type { FeePolicy, NetworkNode, ServiceId } from '../promise/index.js';

export interface Place {
  name: string;
  lat: number;
  lng: number;
  /** Straight-line radius, km, shoppers are spread over (uniformly over the disc). */
  radiusKm: number;
  timeZone: string;
  /** Share of demand, relative. */
  weight: number;
}

/** Around the demo network (same-day and courier reach), then the rest of the country. */
export const PLACES: readonly Place[] = [
  { name: 'Chandler AZ', lat: 33.3, lng: -111.88, radiusKm: 25, timeZone: 'America/Phoenix', weight: 16 },
  { name: 'Phoenix AZ', lat: 33.45, lng: -112.07, radiusKm: 30, timeZone: 'America/Phoenix', weight: 10 },
  { name: 'Las Vegas NV', lat: 36.13, lng: -115.17, radiusKm: 22, timeZone: 'America/Los_Angeles', weight: 10 },
  { name: 'Tysons VA', lat: 38.92, lng: -77.25, radiusKm: 25, timeZone: 'America/New_York', weight: 14 },
  { name: 'Floyd VA', lat: 36.91, lng: -80.32, radiusKm: 15, timeZone: 'America/New_York', weight: 3 },
  { name: 'Bisbee AZ', lat: 31.44, lng: -109.92, radiusKm: 15, timeZone: 'America/Phoenix', weight: 2 },
  { name: 'Reno NV', lat: 39.53, lng: -119.81, radiusKm: 20, timeZone: 'America/Los_Angeles', weight: 4 },
  { name: 'Allentown PA', lat: 40.6, lng: -75.47, radiusKm: 25, timeZone: 'America/New_York', weight: 4 },
  { name: 'New York NY', lat: 40.71, lng: -74.0, radiusKm: 30, timeZone: 'America/New_York', weight: 6 },
  { name: 'Los Angeles CA', lat: 34.05, lng: -118.24, radiusKm: 35, timeZone: 'America/Los_Angeles', weight: 6 },
  { name: 'Chicago IL', lat: 41.88, lng: -87.63, radiusKm: 30, timeZone: 'America/Chicago', weight: 4 },
  { name: 'Houston TX', lat: 29.76, lng: -95.37, radiusKm: 30, timeZone: 'America/Chicago', weight: 3 },
  { name: 'Dallas TX', lat: 32.78, lng: -96.8, radiusKm: 30, timeZone: 'America/Chicago', weight: 3 },
  { name: 'Atlanta GA', lat: 33.75, lng: -84.39, radiusKm: 30, timeZone: 'America/New_York', weight: 3 },
  { name: 'Miami FL', lat: 25.76, lng: -80.19, radiusKm: 25, timeZone: 'America/New_York', weight: 2 },
  { name: 'Boston MA', lat: 42.36, lng: -71.06, radiusKm: 25, timeZone: 'America/New_York', weight: 2 },
  { name: 'Seattle WA', lat: 47.61, lng: -122.33, radiusKm: 25, timeZone: 'America/Los_Angeles', weight: 2 },
  { name: 'Denver CO', lat: 39.74, lng: -104.99, radiusKm: 25, timeZone: 'America/Denver', weight: 2 },
  { name: 'Minneapolis MN', lat: 44.98, lng: -93.27, radiusKm: 25, timeZone: 'America/Chicago', weight: 1.5 },
  { name: 'Missoula MT', lat: 46.87, lng: -114.0, radiusKm: 15, timeZone: 'America/Denver', weight: 1 },
  { name: 'Anchorage AK', lat: 61.22, lng: -149.9, radiusKm: 15, timeZone: 'America/Anchorage', weight: 0.4 },
  { name: 'Honolulu HI', lat: 21.31, lng: -157.86, radiusKm: 12, timeZone: 'Pacific/Honolulu', weight: 0.4 },
  { name: 'San Juan PR', lat: 18.42, lng: -66.06, radiusKm: 12, timeZone: 'America/Puerto_Rico', weight: 0.3 },
];

/** Orders by local hour of the shopper, relative (quiet nights, lunch and evening peaks). */
export const HOUR_WEIGHTS: readonly number[] = [
  0.35, 0.2, 0.12, 0.08, 0.08, 0.12, 0.3, 0.55, 0.85, 1.05, 1.15, 1.25, 1.35, 1.3, 1.25, 1.2, 1.15, 1.2, 1.3, 1.45, 1.55, 1.4, 1.0, 0.6,
];

/** Orders by ISO weekday (index 0 = Monday), relative. */
export const WEEKDAY_WEIGHTS: readonly number[] = [1.1, 1.05, 1.0, 1.0, 0.95, 0.85, 0.95];

/** How likely shoppers are to pick each service when it is shown (free options more so). */
export const SERVICE_PREFERENCE: Readonly<Record<ServiceId, number>> = {
  same_day: 1.2,
  local_courier: 1.2,
  next_day: 0.8,
  two_day: 1.0,
  standard: 1.4,
};
export const FREE_OPTION_PULL = 1.5;
/** Share of shoppers who are members (free fast delivery on eligible items). */
export const MEMBER_SHARE = 0.25;
/** Items per order: 1, 2 or 3 different SKUs; units per line: 1 or 2. */
export const LINES_WEIGHTS: readonly number[] = [0.7, 0.24, 0.06];
export const UNITS_WEIGHTS: readonly number[] = [0.9, 0.1];

export interface Scenario {
  nodes: readonly NetworkNode[];
  /** The on-hand level each node is refilled to every night, per SKU. */
  stockTargets: ReadonlyMap<string, ReadonlyMap<string, number>>;
  products: ReadonlyArray<{ sku: string; unitPrice: number; fastDeliveryEligible: boolean; weight: number }>;
  feePolicy: FeePolicy;
  places: readonly Place[];
  /** First and last simulated local dates (YYYY-MM-DD), inclusive. */
  from: string;
  to: string;
  /** First and last date of peak season, inclusive (e.g. 2026-11-20 … 2026-12-31). */
  peakFrom: string;
  peakTo: string;
  peakVolume: number;
}

/** Every product sells; ones stocked widely sell more. */
function productWeight(sku: string): number {
  const held = Object.values(DEMO_STOCK[sku] ?? {}).reduce((n, units) => n + units, 0);
  return Math.max(1, Math.sqrt(held));
}

/**
 * The demo network as the simulation runs it: the demo nodes, each refilled nightly to
 * `stockScale` × its demo stock (a store gets deliveries daily; the demo's figures are a day's
 * shelf at `stockScale` 1).
 */
export function demoScenario(stockScale = 4): Scenario {
  const stockTargets = new Map<string, Map<string, number>>();
  for (const [sku, perNode] of Object.entries(DEMO_STOCK)) {
    for (const [nodeId, units] of Object.entries(perNode)) {
      if (units <= 0) continue;
      let perSku = stockTargets.get(nodeId);
      if (!perSku) stockTargets.set(nodeId, (perSku = new Map()));
      perSku.set(sku, Math.ceil(units * stockScale));
    }
  }
  const stocked = new Set([...stockTargets.values()].flatMap((m) => [...m.keys()]));
  return {
    nodes: DEMO_NODES,
    stockTargets,
    products: DEMO_PRODUCTS.filter((p) => stocked.has(p.sku)).map((p) => ({
      sku: p.sku,
      unitPrice: p.priceMinor,
      fastDeliveryEligible: p.fastDeliveryEligible,
      weight: productWeight(p.sku),
    })),
    feePolicy: { ...DEMO_FEE_POLICY, currency: DEMO_CURRENCY },
    places: PLACES,
    from: '2026-10-05',
    to: '2026-12-31',
    peakFrom: '2026-11-20',
    peakTo: '2026-12-31',
    peakVolume: 1.6,
  };
}
