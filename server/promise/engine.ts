/**
 * The delivery-promise engine (docs/ARCHITECTURE.md, "The promise engine"): for items, a destination and an instant, the best
 * honest option per delivery service. Pure: reads a `Network`, performs no I/O.
 *
 * For each service, every node that stocks the items and offers the service is given a plan:
 * the first day it can hand the parcel over (its calendar, the carrier's collection days and
 * its cut-off), then the first delivery window the service can reach from that handover. The
 * best plan wins; one node is preferred for several items, else the items are split.
 *
 * Guarantees (tested as properties): no window starts before the parcel could physically get
 * there; a later `now` never gives an earlier window; reserved stock is never promised; every
 * window lies on a day the service delivers.
 */
import type { NearestHolders, Network, StockedNode } from './network.js';
import { serviceIndex } from './network.js';
import { SERVICE_ORDER, SERVICES, type ServiceRule } from './services.js';
import { formatInZone, instantAt, isoWeekday, localDayOf } from './time.js';
import type { Money, PromiseItem, PromiseOption, PromiseRequest, ServiceId } from './types.js';

/** How many days ahead a node's calendar is searched for a handover day. */
const HORIZON_DAYS = 21;
/**
 * National services weigh at most this many of the nearest nodes able to ship. The set depends
 * on stock and place, never on the clock, so promises stay monotonic in time; it bounds the
 * work when many far nodes could tie.
 */
const NATIONAL_CANDIDATES = 48;

export class InvalidPromiseRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPromiseRequestError';
  }
}

interface Plan {
  start: number;
  end: number;
  orderBy: number;
}

interface Candidate extends StockedNode {
  plan: Plan;
}

interface Ctx {
  network: Network;
  now: number;
  destLat: number;
  destLng: number;
  destZone: string;
  items: PromiseItem[];
  /** Per SKU, its holders nearest the shopper first, shared by the services. */
  nearest: Map<string, NearestHolders>;
}

/** Computes the best option per service, earliest window first. */
export function computePromise(network: Network, request: PromiseRequest): PromiseOption[] {
  const items = normaliseItems(request.items);
  const { destination, now } = request;
  if (!Number.isFinite(now)) throw new InvalidPromiseRequestError('now must be an instant in epoch milliseconds');
  if (!Number.isFinite(destination.lat) || !Number.isFinite(destination.lng)) {
    throw new InvalidPromiseRequestError('the destination needs coordinates');
  }
  const ctx: Ctx = {
    network,
    now,
    destLat: destination.lat,
    destLng: destination.lng,
    destZone: destination.timeZone,
    items,
    nearest: new Map(),
  };
  const services = request.services ?? SERVICE_ORDER;
  const subtotal = items.reduce((sum, i) => sum + i.unitPrice * i.quantity, 0);
  const allEligible = items.every((i) => i.fastDeliveryEligible);
  const options: PromiseOption[] = [];
  for (const service of services) {
    const rule = SERVICES[service];
    const candidates = rule.maxDistanceKm <= 100 ? gatherLocal(ctx, rule) : gatherNational(ctx, rule);
    const shipments = chooseSingle(ctx, candidates) ?? chooseSplit(ctx, candidates);
    if (!shipments) continue;
    const price = { amount: priceOf(request, rule.id, subtotal, allEligible), currency: request.feePolicy.currency };
    options.push(toOption(ctx, rule, shipments, price));
  }
  return options.sort((a, b) => a.windowStartMs - b.windowStartMs || a.price.amount - b.price.amount);
}

function normaliseItems(items: PromiseItem[]): PromiseItem[] {
  if (items.length === 0) throw new InvalidPromiseRequestError('a promise needs at least one item');
  const bySku = new Map<string, PromiseItem>();
  for (const item of items) {
    if (!Number.isInteger(item.quantity) || item.quantity < 1) {
      throw new InvalidPromiseRequestError(`quantity of ${item.sku} must be a whole number of at least 1`);
    }
    const seen = bySku.get(item.sku);
    bySku.set(item.sku, seen ? { ...seen, quantity: seen.quantity + item.quantity } : { ...item });
  }
  return [...bySku.values()];
}

function priceOf(request: PromiseRequest, service: ServiceId, subtotal: number, allEligible: boolean): number {
  const policy = request.feePolicy;
  if (request.member && allEligible && policy.memberFreeServices.includes(service)) return 0;
  if (policy.freeShippingThreshold !== null && subtotal >= policy.freeShippingThreshold && policy.freeShippingServices.includes(service)) {
    return 0;
  }
  return policy.fees[service];
}

// ─── Plans ────────────────────────────────────────────────────────────────────────────────

function isClosed(candidate: StockedNode, day: number): boolean {
  const c = candidate.node;
  return (c.closedWeekdayMask & (1 << isoWeekday(day))) !== 0 || c.closedDays.has(day);
}

/** The first delivery window the service reaches from a handover instant, or null. */
function deliveryFrom(rule: ServiceRule, handover: number, distanceKm: number, zone: string): Omit<Plan, 'orderBy'> | null {
  let day = localDayOf(zone, handover);
  let transit = rule.transitDays(distanceKm);
  if (transit === 0) {
    while (!rule.deliversOn(day)) day++;
  }
  while (transit > 0) {
    day++;
    if (rule.deliversOn(day)) transit--;
  }
  const earliestArrival = handover + rule.travelMinutes(distanceKm) * 60_000;
  for (let tries = 0; tries < HORIZON_DAYS; tries++) {
    const start = instantAt(zone, day, rule.windowStart);
    if (start >= earliestArrival) return { start, end: instantAt(zone, day, rule.windowEnd) };
    do day++;
    while (!rule.deliversOn(day));
  }
  return null;
}

/** When a node can hand the parcel over on this service, and when it then arrives. */
function planFor(ctx: Ctx, rule: ServiceRule, candidate: StockedNode): Plan | null {
  const c = candidate.node;
  const si = serviceIndex(rule.id);
  // The next cut-off holds for every instant until it passes: remember it on the node.
  let memo = c.nextCutoff[si];
  if (!memo || ctx.now < memo.from || ctx.now >= memo.orderBy) {
    const orderBy = nextCutoff(ctx.now, rule, candidate, c.cutoffMinutes[si]!);
    if (orderBy === null) return null;
    memo = { from: ctx.now, orderBy };
    c.nextCutoff[si] = memo;
  }
  const window = deliveryFrom(rule, memo.orderBy + c.handlingMs, candidate.distanceKm, ctx.destZone);
  return window ? { start: window.start, end: window.end, orderBy: memo.orderBy } : null;
}

/** The first cut-off after `now` on a day the node is open and the service collects. */
function nextCutoff(now: number, rule: ServiceRule, candidate: StockedNode, cutoff: number): number | null {
  const zone = candidate.node.node.timeZone;
  const today = localDayOf(zone, now);
  for (let day = today; day < today + HORIZON_DAYS; day++) {
    if (!rule.collectsOn(day) || isClosed(candidate, day)) continue;
    const orderBy = instantAt(zone, day, cutoff);
    if (now < orderBy) return orderBy;
  }
  return null;
}

// Object literals, not spreads: this is the hot path, and spreads cost several times more.
function candidateOf(n: StockedNode, plan: Plan): Candidate {
  return { node: n.node, index: n.index, distanceKm: n.distanceKm, plan };
}

function offers(ctx: Ctx, rule: ServiceRule, index: number): boolean {
  const c = ctx.network.compiledAt(index);
  return c.cutoffMinutes[serviceIndex(rule.id)]! >= 0 && rule.kinds.has(c.node.kind);
}

function holdsAny(ctx: Ctx, index: number): boolean {
  return ctx.items.some((i) => ctx.network.availableAt(index, i.sku) >= i.quantity);
}

function holdsAll(ctx: Ctx, index: number): boolean {
  return ctx.items.every((i) => ctx.network.availableAt(index, i.sku) >= i.quantity);
}

// ─── Candidates ───────────────────────────────────────────────────────────────────────────

/** Services with a short reach: every node in the radius holding one of the items. */
function gatherLocal(ctx: Ctx, rule: ServiceRule): Candidate[] {
  const seen = new Set<number>();
  const out: Candidate[] = [];
  for (const item of ctx.items) {
    const holders = nearestHolders(ctx, item.sku);
    for (let k = 0; ; k++) {
      const n = holders.at(k);
      if (!n || n.distanceKm > rule.maxDistanceKm) break;
      if (seen.has(n.index) || !offers(ctx, rule, n.index) || !holdsAny(ctx, n.index)) continue;
      seen.add(n.index);
      const plan = planFor(ctx, rule, n);
      if (plan) out.push(candidateOf(n, plan));
    }
  }
  return out;
}

/** A SKU's holders nearest the shopper, ranked lazily once per request and shared by services. */
function nearestHolders(ctx: Ctx, sku: string): NearestHolders {
  let holders = ctx.nearest.get(sku);
  if (!holders) {
    holders = ctx.network.nearestHolders(sku, ctx.destLat, ctx.destLng);
    ctx.nearest.set(sku, holders);
  }
  return holders;
}

/**
 * Services with a national reach: walk a SKU's holders nearest first and stop once no farther
 * node can beat the best plan found. The bound: for nodes in each zone, the handover cannot be
 * before that zone's first collection day whose latest cut-off is still ahead, and transit and
 * travel only grow with distance.
 */
function gatherNational(ctx: Ctx, rule: ServiceRule): Candidate[] {
  const bound = lowerBound(ctx, rule);
  const walk = (sku: string, accept: (i: number) => boolean, into: Map<number, Candidate>) => {
    let best = Infinity;
    let weighed = 0;
    const holders = nearestHolders(ctx, sku);
    for (let k = 0; ; k++) {
      const n = holders.at(k);
      if (!n || n.distanceKm > rule.maxDistanceKm) return;
      if (!accept(n.index)) continue;
      if (++weighed > NATIONAL_CANDIDATES) return;
      if (best !== Infinity && bound(n.distanceKm) >= best) return;
      const plan = planFor(ctx, rule, n);
      if (plan) {
        into.set(n.index, candidateOf(n, plan));
        best = Math.min(best, plan.start);
      }
    }
  };
  const found = new Map<number, Candidate>();
  const rarest = [...ctx.items].sort((a, b) => ctx.network.stockedCount(a.sku) - ctx.network.stockedCount(b.sku))[0]!;
  walk(rarest.sku, (i) => offers(ctx, rule, i) && holdsAll(ctx, i), found);
  if (found.size > 0 || ctx.items.length === 1) return [...found.values()];
  for (const item of ctx.items) {
    walk(item.sku, (i) => offers(ctx, rule, i) && ctx.network.availableAt(i, item.sku) >= item.quantity, found);
  }
  return [...found.values()];
}

function lowerBound(ctx: Ctx, rule: ServiceRule): (distanceKm: number) => number {
  const handovers: number[] = [];
  for (const [zone, latestCutoff] of ctx.network.latestCutoffsFor(rule.id)) {
    const today = localDayOf(zone, ctx.now);
    for (let day = today; day < today + HORIZON_DAYS; day++) {
      if (rule.collectsOn(day) && ctx.now < instantAt(zone, day, latestCutoff)) {
        handovers.push(Math.max(ctx.now, instantAt(zone, day, 0)));
        break;
      }
    }
  }
  // The bound grows with distance, so it is recomputed only as the walk moves out. A value is
  // reused only for distances at or beyond the one it was computed for: each SKU's walk starts
  // near the shopper again, and a far node's bound would wrongly prune a near one.
  let atKm = -1;
  let value = -Infinity;
  return (distanceKm) => {
    if (atKm >= 0 && distanceKm >= atKm && distanceKm <= atKm * 1.25 + 10) return value;
    atKm = distanceKm;
    value = Infinity;
    for (const h of handovers) {
      const w = deliveryFrom(rule, h, distanceKm, ctx.destZone);
      if (w && w.start < value) value = w.start;
    }
    return value;
  };
}

// ─── Choosing ─────────────────────────────────────────────────────────────────────────────

interface ChosenShipment {
  candidate: Candidate;
  items: PromiseItem[];
}

function better(a: Candidate, b: Candidate): boolean {
  return a.plan.start !== b.plan.start ? a.plan.start < b.plan.start : a.distanceKm < b.distanceKm;
}

/** The best single node holding every item; its order-by is the latest among equally good nodes. */
function chooseSingle(ctx: Ctx, candidates: Candidate[]): ChosenShipment[] | null {
  let best: Candidate | null = null;
  let orderBy = -Infinity;
  for (const c of candidates) {
    if (!holdsAll(ctx, c.index)) continue;
    if (!best || better(c, best)) best = c;
  }
  if (!best) return null;
  for (const c of candidates) {
    if (c.plan.start === best.plan.start && holdsAll(ctx, c.index)) orderBy = Math.max(orderBy, c.plan.orderBy);
  }
  const plan = { start: best.plan.start, end: best.plan.end, orderBy };
  return [{ candidate: candidateOf(best, plan), items: ctx.items }];
}

/**
 * Split shipments: the window is fixed by the item whose best node is latest; then as few nodes
 * as possible, each arriving by that window, cover the items.
 */
function chooseSplit(ctx: Ctx, candidates: Candidate[]): ChosenShipment[] | null {
  let target = -Infinity;
  for (const item of ctx.items) {
    let bestStart = Infinity;
    for (const c of candidates) {
      if (ctx.network.availableAt(c.index, item.sku) >= item.quantity) bestStart = Math.min(bestStart, c.plan.start);
    }
    if (bestStart === Infinity) return null;
    target = Math.max(target, bestStart);
  }
  const usable = candidates.filter((c) => c.plan.start <= target).sort((a, b) => a.distanceKm - b.distanceKm);
  let remaining = ctx.items;
  const chosen: ChosenShipment[] = [];
  while (remaining.length > 0) {
    let pick: Candidate | null = null;
    let covered: PromiseItem[] = [];
    for (const c of usable) {
      const here = remaining.filter((i) => ctx.network.availableAt(c.index, i.sku) >= i.quantity);
      if (here.length > covered.length) {
        pick = c;
        covered = here;
      }
    }
    if (!pick) return null;
    chosen.push({ candidate: pick, items: covered });
    remaining = remaining.filter((i) => !covered.includes(i));
  }
  return chosen;
}

// ─── Output ───────────────────────────────────────────────────────────────────────────────

function toOption(ctx: Ctx, rule: ServiceRule, shipments: ChosenShipment[], price: Money): PromiseOption {
  let start = -Infinity;
  let end = -Infinity;
  let orderBy = Infinity;
  for (const s of shipments) {
    start = Math.max(start, s.candidate.plan.start);
    end = Math.max(end, s.candidate.plan.end);
    orderBy = Math.min(orderBy, s.candidate.plan.orderBy);
  }
  return {
    service: rule.id,
    window: { start: formatInZone(ctx.destZone, start), end: formatInZone(ctx.destZone, end) },
    orderBy: formatInZone(ctx.destZone, orderBy),
    price,
    split: shipments.length > 1,
    shipments: shipments.map((s) => ({
      nodeId: s.candidate.node.node.id,
      nodeName: s.candidate.node.node.name,
      nodeKind: s.candidate.node.node.kind,
      distanceKm: Math.round(s.candidate.distanceKm * 10) / 10,
      items: s.items.map((i) => ({ sku: i.sku, quantity: i.quantity })),
    })),
    windowStartMs: start,
    windowEndMs: end,
    orderByMs: orderBy,
  };
}
