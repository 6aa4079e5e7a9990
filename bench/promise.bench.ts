/**
 * Promise engine benchmark: time per promise on seeded random networks of growing size.
 *
 *   npm run bench:promise                 # 1,000 / 10,000 / 100,000 nodes, 5,000 SKUs
 *   npm run bench:promise -- 1000 10000   # chosen sizes
 *   npm run bench:promise -- 10000 --digest   # also a digest of every answer
 *   npm run bench:promise -- 10000 --buffers  # with the recommended buffers, as merchants get by default
 *
 * Prints a table, then one JSON line with the figures. The baseline, run in the same process
 * on the same queries, is the cheapest possible scan: the distance from the shopper to every
 * node that holds the SKU, which is what a promise without the indexes would at least cost.
 *
 * `--digest` then asks every query again, untimed, of `computePromise` and `planOptions`, plus
 * multi-item queries that split, and prints a SHA-256 of all the answers: an engine change that
 * is only meant to be faster must leave it unchanged.
 */
import { createHash } from 'node:crypto';
import { computePromise, planOptions } from '../server/promise/engine.js';
import { distanceKm } from '../server/promise/network.js';
import { RECOMMENDED_BUFFERS } from '../server/promise/buffer-defaults.js';
import type { FeePolicy, PromiseRequest } from '../server/promise/types.js';
import tzLookup from '@photostructure/tz-lookup';
import { METROS, generateNetwork, seededRandom } from './network-gen.js';

const SKU_COUNT = 5_000;
const QUERIES = 3_000;
const WARMUP = 500;
const args = process.argv.slice(2);
const DIGEST = args.includes('--digest');
const BUFFERS = args.includes('--buffers');
const sizes = args
  .filter((a) => a !== '--digest' && a !== '--buffers')
  .map(Number)
  .filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [1_000, 10_000, 100_000];

const FEES: FeePolicy = {
  currency: 'USD',
  fees: { same_day: 999, local_courier: 599, next_day: 799, two_day: 499, standard: 0 },
  freeShippingThreshold: 5000,
  freeShippingServices: ['standard'],
  memberFreeServices: ['same_day', 'local_courier', 'next_day', 'two_day'],
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function makeQueries(skus: string[], seed: number): PromiseRequest[] {
  const random = seededRandom(seed);
  // A live stream of shoppers: one query every 30 s from Monday 2026-11-30 00:00 UTC, so the
  // run crosses cut-offs, evenings and midnight in every zone, as a server's day does.
  const start = Date.UTC(2026, 10, 30);
  return Array.from({ length: QUERIES + WARMUP }, (_, i) => {
    const [, mLat, mLng] = METROS[Math.floor(random() * METROS.length)]!;
    const lat = mLat + (random() - 0.5) * 0.6;
    const lng = mLng + (random() - 0.5) * 0.6;
    return {
      items: [{ sku: skus[Math.floor(random() * skus.length)]!, quantity: 1, unitPrice: 2500, fastDeliveryEligible: true }],
      destination: { lat, lng, timeZone: tzLookup(lat, lng) },
      now: start + i * 30_000,
      member: random() < 0.3,
      feePolicy: FEES,
    };
  });
}

/** Baskets of two or three SKUs, some in quantities no single node holds: the split path. */
function makeBaskets(skus: string[], seed: number): PromiseRequest[] {
  const random = seededRandom(seed);
  return makeQueries(skus, seed + 1).map((q) => ({
    ...q,
    items: Array.from({ length: 2 + Math.floor(random() * 2) }, () => ({
      sku: skus[Math.floor(random() * skus.length)]!,
      quantity: 1 + Math.floor(random() * (random() < 0.3 ? 40 : 3)),
      unitPrice: 1500,
      fastDeliveryEligible: random() < 0.8,
    })),
  }));
}

function digestOf(network: ReturnType<typeof generateNetwork>['network'], skus: string[], queries: PromiseRequest[]): string {
  const hash = createHash('sha256');
  for (const q of [...queries, ...makeBaskets(skus, 11)]) {
    hash.update(JSON.stringify(computePromise(network, q)));
    hash.update(JSON.stringify(planOptions(network, q)));
  }
  return hash.digest('hex');
}

function time(queries: PromiseRequest[], run: (q: PromiseRequest) => number): { p50: number; p99: number; mean: number; sink: number } {
  let sink = 0;
  for (let i = 0; i < WARMUP; i++) sink += run(queries[i]!);
  const samples: number[] = [];
  for (let i = WARMUP; i < queries.length; i++) {
    const t0 = process.hrtime.bigint();
    sink += run(queries[i]!);
    samples.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), mean, sink };
}

const results: Array<Record<string, number | string>> = [];
console.log(
  `promise engine${BUFFERS ? ' with the recommended buffers' : ''} · ${SKU_COUNT.toLocaleString('en-US')} SKUs · ${QUERIES} queries per size (after ${WARMUP} warm-up) · node ${process.version}`,
);
console.log('');
console.log('nodes     stock rows  options/query  p50 µs   p99 µs   mean µs   scan p50 µs  scan/engine');
for (const size of SIZES) {
  const { network, nodes, skus, stockRows } = generateNetwork(size, SKU_COUNT, 42);
  // A merchant that sets no buffers of its own gets these (docs/promise-model.md).
  if (BUFFERS) network.setBuffers(RECOMMENDED_BUFFERS);
  const queries = makeQueries(skus, 7);
  let optionCount = 0;
  const engine = time(queries, (q) => {
    const options = computePromise(network, q);
    optionCount += options.length;
    return options.length;
  });
  const scan = time(queries, (q) => {
    let nearest = Infinity;
    const sku = q.items[0]!.sku;
    for (const n of nodes) {
      if (network.available(n.id, sku) > 0) nearest = Math.min(nearest, distanceKm(q.destination.lat, q.destination.lng, n.lat, n.lng));
    }
    return nearest;
  });
  const digest = DIGEST ? digestOf(network, skus, queries) : undefined;
  const row = {
    nodes: size,
    stockRows,
    optionsPerQuery: optionCount / (QUERIES + WARMUP),
    p50Us: engine.p50,
    p99Us: engine.p99,
    meanUs: engine.mean,
    scanP50Us: scan.p50,
    scanOverEngine: scan.p50 / engine.p50,
    ...(digest ? { digest } : {}),
  };
  results.push(row);
  console.log(
    [
      String(size).padEnd(9),
      String(stockRows).padEnd(11),
      row.optionsPerQuery.toFixed(2).padEnd(14),
      row.p50Us.toFixed(1).padEnd(8),
      row.p99Us.toFixed(1).padEnd(8),
      row.meanUs.toFixed(1).padEnd(9),
      row.scanP50Us.toFixed(1).padEnd(12),
      `${row.scanOverEngine.toFixed(1)}×`,
      digest ? ` answers ${digest.slice(0, 16)}` : '',
    ].join(' '),
  );
}
console.log('');
console.log(JSON.stringify({ bench: 'promise', skus: SKU_COUNT, queries: QUERIES, results }));
