/**
 * A very short-lived cache of serialized promise answers, in front of the engine. Popular
 * product pages ask the same question (SKU, quantity, postal code) many times a second; the
 * answer only changes when stock, nodes, products or merchant settings change, or when time
 * passes a cut-off.
 *
 * An entry is used only while all of these hold:
 * - it is younger than the TTL (1 s by default; answers are public for 5 s anyway);
 * - the earliest `orderBy` in it has not passed (no option survives its own cut-off);
 * - the merchant's network object and revision, the catalogue version and the merchant
 *   version are those it was computed from, so a stock change shows in the very next answer.
 */
import type { Network } from '../../promise/index.js';

interface Entry {
  json: string;
  expiresAt: number;
  stamp: string;
}

export class PromiseCache {
  private readonly perNetwork = new WeakMap<Network, Map<string, Entry>>();
  private size = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 20_000,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get(network: Network, key: string, stamp: string, now: number): string | undefined {
    const entry = this.perNetwork.get(network)?.get(key);
    if (!entry) return undefined;
    if (entry.stamp !== stamp || entry.expiresAt <= now) return undefined;
    return entry.json;
  }

  set(network: Network, key: string, stamp: string, json: string, now: number, earliestOrderBy: number): void {
    if (!this.enabled) return;
    let map = this.perNetwork.get(network);
    if (!map) {
      map = new Map();
      this.perNetwork.set(network, map);
    }
    // Bounded memory: past the limit start over (entries live a second; nothing of value is lost).
    if (this.size >= this.maxEntries) {
      map.clear();
      this.size = 0;
    }
    if (!map.has(key)) this.size++;
    map.set(key, { json, stamp, expiresAt: Math.min(now + this.ttlMs, earliestOrderBy) });
  }
}
