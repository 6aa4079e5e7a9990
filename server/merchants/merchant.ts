/**
 * A merchant as every request sees it: the stored record with its allowed origins compiled for
 * quick checks and its fee policy in the engine's shape. Built by the live directory
 * (`server/live/merchants.ts`) whenever the row changes.
 */
import { RECOMMENDED_BUFFERS, changesNothing, type FeePolicy, type PromiseBuffers } from '../promise/index.js';
import type { MerchantRecord } from './merchants.repository.js';

/** Pre-split allowed origins: exact ones, and scheme://host entries allowing any port. */
export interface OriginRules {
  exact: Set<string>;
  anyPort: Set<string>;
}

export interface Merchant extends MerchantRecord {
  origins: OriginRules;
  /** The fee policy the engine takes (currency from the merchant). */
  enginePolicy: FeePolicy;
}

function compileOrigins(list: string[]): OriginRules {
  const rules: OriginRules = { exact: new Set(), anyPort: new Set() };
  for (const o of list) {
    if (o.endsWith(':*')) rules.anyPort.add(o.slice(0, -2));
    else rules.exact.add(o);
  }
  return rules;
}

/** `http://localhost:3000` → `http://localhost`; null when the origin has no explicit port. */
function withoutPort(origin: string): string | null {
  const m = /^(https?:\/\/(?:\[[^\]]+\]|[^:/]+)):\d{1,5}$/.exec(origin);
  return m ? m[1]! : null;
}

export function matches(rules: OriginRules, origin: string): boolean {
  const o = origin.toLowerCase();
  if (rules.exact.has(o)) return true;
  if (rules.anyPort.size === 0) return false;
  const base = withoutPort(o) ?? o;
  return rules.anyPort.has(base);
}

/** The simulator's recommended buffers: every merchant's promises are made with them unless it sets its own. */
export { RECOMMENDED_BUFFERS } from '../promise/index.js';

/**
 * The buffers a merchant's promises are made with: its own, else the recommended set, which keeps
 * every carrier service at 99% in normal season by promising ranges of days named and weighed by
 * their last day (docs/simulation.md, "Buffers"; docs/promise-model.md, "What the shopper is shown").
 */
export function buffersOf(r: Pick<MerchantRecord, 'deliveryBuffers'>): PromiseBuffers {
  return r.deliveryBuffers ?? RECOMMENDED_BUFFERS;
}

/** Whose buffers a merchant's promises use: the `recommended` default, its own, or its own choice of `none`. */
export function buffersSourceOf(r: Pick<MerchantRecord, 'deliveryBuffers'>): 'recommended' | 'merchant' | 'none' {
  if (!r.deliveryBuffers) return 'recommended';
  return changesNothing(r.deliveryBuffers) ? 'none' : 'merchant';
}

export function toMerchant(r: MerchantRecord): Merchant {
  return {
    ...r,
    origins: compileOrigins(r.allowedOrigins),
    enginePolicy: { currency: r.currency, ...r.feePolicy },
  };
}
