/**
 * A very short-lived cache of serialized promise answers, in front of the engine. Popular
 * product pages ask the same question (SKU, quantity, postal code) many times a second; the
 * answer only changes when stock, nodes, products or merchant settings change, or when time
 * passes a cut-off.
 *
 * An entry is used only while all of these hold:
 * - it is younger than the TTL (1 s by default; answers are public for 5 s anyway), and not
 *   from a later instant than now (the demo's and the tests' clocks move back too);
 * - the earliest `orderBy` in it has not passed (no option survives its own cut-off);
 * - the merchant's network object and revision, and the product and merchant records, are
 *   those it was computed from, so a stock or settings change shows in the very next answer.
 */
import type { Network } from '../promise/index.js';

/** What an answer was computed from: the same objects and revision, or the entry is stale. */
export interface AnswerBasis {
  revision: number;
  product: object;
  merchant: object;
}

interface Entry {
  json: string;
  computedAt: number;
  expiresAt: number;
  basis: AnswerBasis;
}

export class PromiseCache {
  private readonly perNetwork = new WeakMap<Network, Map<string, Entry>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntriesPerNetwork = 20_000,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get(network: Network, key: string, basis: AnswerBasis, now: number): string | undefined {
    const entry = this.perNetwork.get(network)?.get(key);
    if (!entry || entry.expiresAt <= now || now < entry.computedAt) return undefined;
    const b = entry.basis;
    // Product and merchant records are replaced, never mutated, when they reload.
    if (b.revision !== basis.revision || b.product !== basis.product || b.merchant !== basis.merchant) return undefined;
    return entry.json;
  }

  set(network: Network, key: string, basis: AnswerBasis, json: string, now: number, earliestOrderBy: number): void {
    if (!this.enabled) return;
    let map = this.perNetwork.get(network);
    if (!map) {
      map = new Map();
      this.perNetwork.set(network, map);
    }
    // Bounded memory: past the limit start over (entries live a second; nothing of value is lost).
    if (map.size >= this.maxEntriesPerNetwork) map.clear();
    map.set(key, { json, basis, computedAt: now, expiresAt: Math.min(now + this.ttlMs, earliestOrderBy) });
  }
}
