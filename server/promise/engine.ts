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
import type { CompiledNode, NearestHolders, Network, StockedNode } from './network.js';
import { CUTOFF_MEMO_FIELDS, CUTOFF_SLOTS, distanceKm, serviceIndex } from './network.js';
import { regionOfZone, type Region } from './regions.js';
import { seasonAt } from './buffers.js';
import type { NetworkNode } from './types.js';
import { GROUND_NEXT_DAY_KM, SERVICE_ORDER, SERVICES, isBusinessDay, isCarrierHoliday, type ServiceRule } from './services.js';
import { formatInZone, formatIsoDay, instantAt, isoWeekday, localDayOf } from './time.js';
import { SERVICE_IDS, type Money, type PromiseItem, type PromiseOption, type PromiseRequest, type ServiceId } from './types.js';

/** How many days ahead a node's calendar is searched for a handover day. */
const HORIZON_DAYS = 21;
/**
 * National services weigh at most this many of the nearest nodes able to ship. The set depends
 * on stock and place, never on the clock, so promises stay monotonic in time; it bounds the
 * work when many far nodes could tie.
 */
const NATIONAL_CANDIDATES = 48;
/** How many nodes that can at best tie the best window a national walk still weighs. */
const TIE_CANDIDATES = 1;
/** How many tied nodes have their countdown extended (latest cut-off first): the work is bounded. */
const TIE_EXTENSIONS = 2;

export class InvalidPromiseRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPromiseRequestError';
  }
}

interface Window {
  start: number;
  end: number;
}

interface Plan extends Window {
  orderBy: number;
  /** The first cut-off an order placed now makes: its local date is the day capacity is taken. */
  pick: number;
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
  destRegion: Region;
  items: PromiseItem[];
  /** Per item (by position), node index → units it holds: looked up once per question. */
  units: Array<ReadonlyMap<number, number> | undefined>;
  /** Per SKU, its holders nearest the shopper first, shared by the services. */
  nearest: Map<string, NearestHolders>;
}

/** One question's context: where the parcel goes, when, and what is in it. */
function contextFor(network: Network, destination: PromiseRequest['destination'], now: number, items: PromiseItem[]): Ctx {
  return {
    network,
    now,
    destLat: destination.lat,
    destLng: destination.lng,
    destZone: destination.timeZone,
    destRegion: regionOfZone(destination.timeZone) ?? 'contiguous',
    items,
    units: items.map((i) => network.unitsOf(i.sku)),
    nearest: new Map(),
  };
}

/**
 * The options a shopper is shown: the best per service, earliest first, each named by the promise
 * it makes (its window's last day, slack included), less a "same-day" that is not today and the
 * options another one beats (a range ending no earlier, for no less money).
 */
export function computePromise(network: Network, request: PromiseRequest): PromiseOption[] {
  const zone = request.destination.timeZone;
  return undominated(
    plan(network, request).filter((o) => o.service !== 'same_day' || whollyToday(o, zone, request.now)),
    zone,
  );
}

/**
 * The best honest option per service, earliest window first, before the shopper's view is made:
 * windows with the network's slack (docs/simulation.md, "Buffers"), named as shown.
 */
export function planOptions(network: Network, request: PromiseRequest): PromiseOption[] {
  return plan(network, request);
}

/** The best option per service, each with its slack and named (`toOption`), earliest first. */
function plan(network: Network, request: PromiseRequest): PromiseOption[] {
  const items = normaliseItems(request.items);
  const { destination, now } = request;
  if (!Number.isFinite(now)) throw new InvalidPromiseRequestError('now must be an instant in epoch milliseconds');
  if (!Number.isFinite(destination.lat) || !Number.isFinite(destination.lng)) {
    throw new InvalidPromiseRequestError('the destination needs coordinates');
  }
  const ctx = contextFor(network, destination, now, items);
  const services = request.services ?? SERVICE_ORDER;
  const subtotal = items.reduce((sum, i) => sum + i.unitPrice * i.quantity, 0);
  const allEligible = items.every((i) => i.fastDeliveryEligible);
  const options: PromiseOption[] = [];
  for (const service of services) {
    const rule = SERVICES[service];
    const candidates = rule.maxDistanceKm <= 100 ? gatherLocal(ctx, rule) : gatherNational(ctx, rule);
    const alone = request.anySource ? null : secondSourceKinds(network, rule.id);
    const shipments = alone
      ? chooseWithSecondSource(ctx, rule, candidates, alone)
      : (chooseSingle(ctx, rule, candidates) ?? chooseSplit(ctx, rule, candidates));
    if (!shipments) continue;
    const price = { amount: priceOf(request, rule.id, subtotal, allEligible), currency: request.feePolicy.currency };
    options.push(toOption(ctx, rule, shipments, price));
  }
  return options.sort((a, b) => a.windowStartMs - b.windowStartMs || a.price.amount - b.price.amount);
}

/** A promise's shipments re-planned from the same nodes at a later instant. */
export interface ShipmentsPlan {
  window: { start: string; end: string };
  windowStartMs: number;
  windowEndMs: number;
  /**
   * The window's end before the buffers' slack: when the service's own run would bring it. A
   * shortage waiting for a restock is checked against the promised window with it (the slack was
   * given at the promise to absorb just such a delay; docs/promise-model.md, "A shortage can wait for its restock").
   */
  plannedEndMs: number;
  orderByMs: number;
  /** Per shipment, in the order given: the node's local date whose cut-off the order now makes. */
  pickDays: string[];
}

/**
 * When the same nodes can now deliver the same service: the window a payment arriving at `now`
 * really gets, for re-checking a promise at placement (docs/promise-model.md, "A promise is kept
 * at payment too"). Null when a node no longer exists, offers the service or reaches the
 * destination.
 */
export function planShipments(
  network: Network,
  request: { service: ServiceId; destination: PromiseRequest['destination']; now: number; nodeIds: readonly string[] },
): ShipmentsPlan | null {
  const { destination, now } = request;
  if (!Number.isFinite(now)) throw new InvalidPromiseRequestError('now must be an instant in epoch milliseconds');
  const ctx = contextFor(network, destination, now, []);
  const rule = SERVICES[request.service];
  let start = -Infinity;
  let end = -Infinity;
  let orderBy = Infinity;
  let slack = 0;
  const peak = seasonAt(network.buffers, destination.timeZone, now) === 'peak';
  const pickDays: string[] = [];
  for (const id of request.nodeIds) {
    const index = network.indexOf(id);
    if (index === undefined || !offers(ctx, rule, index)) return null;
    const c = network.compiledAt(index);
    const km = distanceKm(destination.lat, destination.lng, c.node.lat, c.node.lng);
    if (km > rule.maxDistanceKm) return null;
    const plan = planFor(ctx, rule, { node: c, index, distanceKm: km });
    if (!plan) return null;
    start = Math.max(start, plan.start);
    end = Math.max(end, plan.end);
    orderBy = Math.min(orderBy, plan.orderBy);
    slack = Math.max(slack, (peak ? c.slackPeak : c.slackNormal)[serviceIndex(rule.id)]!);
    pickDays.push(isoDayText(localDayOf(c.node.timeZone, plan.pick)));
  }
  if (pickDays.length === 0) return null;
  const plannedEnd = end;
  end = slackEnd(rule, ctx.destZone, end, slack);
  return {
    window: { start: formatInZone(ctx.destZone, start), end: formatInZone(ctx.destZone, end) },
    windowStartMs: start,
    windowEndMs: end,
    plannedEndMs: plannedEnd,
    orderByMs: orderBy,
    pickDays,
  };
}

/** The `n`th business day after `day`: the day carriers count "next-day" and "two-day" to. */
function businessDayAfter(day: number, n: number): number {
  for (let left = n; left > 0;) if (isBusinessDay(++day)) left--;
  return day;
}

/**
 * What an option of `service` promised at `now` and ending at `windowEndMs` is called, by its
 * window's last day: "Next-day" only when it ends by the next business day, "Two-day" by the
 * second; a later end takes the generic name of its kind, `express` or `expedited`, and shows its
 * dates. Same-day has no generic name (its window is hours long): one that is not wholly today is
 * not shown at all (`computePromise`). The order page names a placed order the same way.
 */
export function optionName(service: ServiceId, zone: string, now: number, windowEndMs: number): PromiseOption['name'] {
  return nameOn(service, localDayOf(zone, now), localDayOf(zone, windowEndMs));
}

/** `optionName` by local days: the order's today and the window's last day. */
function nameOn(service: ServiceId, today: number, last: number): PromiseOption['name'] {
  if (service === 'next_day') return last > businessDayAfter(today, 1) ? 'express' : service;
  if (service === 'two_day') return last > businessDayAfter(today, 2) ? 'expedited' : service;
  return service;
}

/** An option's name by the promise the shopper is given (`optionName`): its window ends on `last`. */
function named(ctx: Ctx, service: ServiceId, last: number): PromiseOption['name'] {
  return service === 'next_day' || service === 'two_day' ? nameOn(service, localDayOf(ctx.destZone, ctx.now), last) : service;
}

/** Whether a same-day window lies wholly on the shopper's today. */
function whollyToday(o: PromiseOption, zone: string, now: number): boolean {
  const today = localDayOf(zone, now);
  return localDayOf(zone, o.windowStartMs) === today && localDayOf(zone, o.windowEndMs) === today;
}

/** Drops options another one dominates. */
function undominated(options: PromiseOption[], zone: string): PromiseOption[] {
  const last = options.map((o) => localDayOf(zone, o.windowEndMs));
  return options.filter((o, i) => !options.some((other, j) => j !== i && dominates(other, last[j]!, o, last[i]!, j < i)));
}

/**
 * The end of a window moved on by `days` delivery days of the service (docs/simulation.md,
 * "Buffers"): "Thu" becomes "Thu–Mon" with two days of slack.
 */
function slackEnd(rule: ServiceRule, zone: string, end: number, days: number): number {
  if (days <= 0) return end;
  let day = localDayOf(zone, end);
  for (let left = days; left > 0;) {
    day++;
    if (rule.deliversOn(day)) left--;
  }
  return instantAt(zone, day, rule.windowEnd);
}

/**
 * The slack of a plan's service and season, in delivery days: the most any of its nodes takes
 * (their own history's, else the network's buffers). Found from the chosen nodes before the
 * option is written, so its window is written once, with its end moved on.
 */
function withSlack(ctx: Ctx, rule: ServiceRule, shipments: ChosenShipment[]): number {
  if (!ctx.network.hasSlack) return 0;
  const peak = seasonAt(ctx.network.buffers, ctx.destZone, ctx.now) === 'peak';
  const si = serviceIndex(rule.id);
  let days = 0;
  for (const s of shipments) {
    const c = s.candidate.node;
    days = Math.max(days, (peak ? c.slackPeak : c.slackNormal)[si]!);
  }
  return days;
}

/**
 * Whether `a` makes `b` pointless: the shopper is promised `b`'s parcel by its last day, so `a`
 * wins when it costs no more and its range ends no later (`aLast`, `bLast`: the local days the
 * windows end). Between equals the one that starts earlier stays, then the one with the later
 * order-by, then the one listed first.
 */
function dominates(a: PromiseOption, aLast: number, b: PromiseOption, bLast: number, aFirst: boolean): boolean {
  if (a.price.amount > b.price.amount || aLast > bLast) return false;
  if (a.price.amount < b.price.amount || aLast < bLast) return true;
  if (a.windowStartMs !== b.windowStartMs) return a.windowStartMs < b.windowStartMs;
  return a.orderByMs !== b.orderByMs ? a.orderByMs > b.orderByMs : aFirst;
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

/** The memo slot of next-day parcels that fly on the node's air cut-off. */
const AIR_SLOT = SERVICE_IDS.length;

function isClosed(c: CompiledNode, si: number, day: number): boolean {
  return (c.closedWeekdayMask & (1 << isoWeekday(day))) !== 0 || c.closedDays.has(day) || c.serviceClosedDays[si]?.has(day) === true;
}

/** Whether the node has taken as many orders on the service for that local day as it can. */
function isFull(c: CompiledNode, si: number, day: number): boolean {
  const capacity = c.capacity[si]!;
  return capacity >= 0 && (c.used[si]?.get(day) ?? 0) >= capacity;
}

/**
 * The memo slot of the cut-off a parcel over this distance uses (`cutoffIn` gives its local
 * minutes): next-day beyond the ground lane flies, on the node's earlier air cut-off, or is not
 * offered (-1). A number, not a pair: this is asked for every candidate.
 */
function cutoffSlot(rule: ServiceRule, c: CompiledNode, si: number, distanceKm: number): number {
  if (rule.id === 'next_day' && distanceKm > GROUND_NEXT_DAY_KM) return c.airCutoffMinutes >= 0 ? AIR_SLOT : -1;
  return si;
}

function cutoffIn(c: CompiledNode, slot: number): number {
  return slot === AIR_SLOT ? c.airCutoffMinutes : c.cutoffMinutes[slot]!;
}

/**
 * The last instant to order for the node's next handover on a service, found as a promise finds
 * it (the node's calendar, the service's closed dates and days, a full day's capacity): null when
 * the node does not offer the service or takes no order on it within the horizon. `air`: next-day
 * parcels that fly, on the node's air cut-off. The console's reach map asks this
 * (docs/ARCHITECTURE.md, "The console").
 */
export function nextOrderBy(network: Network, nodeId: string, service: ServiceId, now: number, air = false): number | null {
  const index = network.indexOf(nodeId);
  if (index === undefined) return null;
  const c = network.compiledAt(index);
  const rule = SERVICES[service];
  const si = serviceIndex(service);
  if (!rule.kinds.has(c.node.kind) || c.cutoffMinutes[si]! < 0) return null;
  const cutoff = air ? c.airCutoffMinutes : c.cutoffMinutes[si]!;
  if (cutoff < 0) return null;
  return nextCutoff(now, rule, c, si, cutoff);
}

/** The first cut-off after `after` on a day the node takes orders for the service. */
function nextCutoff(after: number, rule: ServiceRule, c: CompiledNode, si: number, cutoff: number): number | null {
  const zone = c.node.timeZone;
  const today = localDayOf(zone, after);
  for (let day = today; day < today + HORIZON_DAYS; day++) {
    if (!rule.picksOn(day) || isClosed(c, si, day) || isFull(c, si, day)) continue;
    const orderBy = instantAt(zone, day, cutoff);
    if (after < orderBy) return orderBy;
  }
  return null;
}

/**
 * When the service takes the parcel. Couriers and gig drivers take it when it is ready. Carriers
 * collect on a business day the node is open, at its pickup time: a parcel ready after the
 * pickup, or on a day without one, waits for the next collection (checked on the ready date).
 */
function collectionFrom(rule: ServiceRule, c: CompiledNode, si: number, handover: number): number | null {
  if (!rule.carrier) return handover;
  const zone = c.node.timeZone;
  const first = localDayOf(zone, handover);
  for (let day = first; day < first + HORIZON_DAYS; day++) {
    if (!rule.collectsOn(day) || isClosed(c, si, day)) continue;
    if (c.pickupMinutes < 0) return day === first ? handover : instantAt(zone, day, 0);
    const pickup = instantAt(zone, day, c.pickupMinutes);
    if (handover <= pickup) return pickup;
  }
  return null;
}

/**
 * The day a carrier parcel arrives `days` delivery days after `day`: business days count, and
 * with Saturday delivery the last day may be a Saturday (Thursday's two-day, Friday's next-day).
 */
function addCarrierDays(day: number, days: number, saturday: boolean): number {
  let remaining = days;
  while (remaining > 0) {
    day++;
    if (isBusinessDay(day)) remaining--;
    else if (saturday && remaining === 1 && isoWeekday(day) === 6 && !isCarrierHoliday(day)) return day;
  }
  return day;
}

/**
 * The first delivery window the service reaches from a collection instant, or null. Carrier
 * transit counts from the collection date where the parcel is collected (`originZone`).
 */
function deliveryFrom(
  rule: ServiceRule,
  collection: number,
  distanceKm: number,
  from: Region,
  to: Region,
  saturday: boolean,
  originZone: string,
  zone: string,
): Window | null {
  const lane = rule.transit(distanceKm, from, to);
  if (!lane) return null;
  saturday &&= rule.saturdayOption;
  let day = localDayOf(rule.carrier ? originZone : zone, collection);
  if (rule.carrier) {
    day = addCarrierDays(day, lane[0], saturday);
  } else {
    let transit = lane[0];
    if (transit === 0) {
      while (!rule.deliversOn(day)) day++;
    }
    while (transit > 0) {
      day++;
      if (rule.deliversOn(day)) transit--;
    }
  }
  // A range (an offshore lane) ends on its last day, or on the first one if travel pushed it later.
  const last = lane[1] > lane[0] ? addCarrierDays(day, lane[1] - lane[0], false) : day;
  const earliestArrival = collection + rule.travelMinutes(distanceKm) * 60_000;
  for (let tries = 0; tries < HORIZON_DAYS; tries++) {
    const start = instantAt(zone, day, rule.windowStart);
    if (start >= earliestArrival) {
      return { start, end: instantAt(zone, Math.max(day, last), rule.windowEnd) };
    }
    do day++;
    while (!rule.deliversOn(day, saturday));
  }
  return null;
}

/** The handling a plan counts on: buffered where a carrier's pickup makes it decide the day. */
function handlingOf(rule: ServiceRule, c: CompiledNode): number {
  return rule.carrier ? c.carrierHandlingMs : c.handlingMs;
}

/** When a node can hand the parcel over on this service, and when it then arrives. */
function planFor(ctx: Ctx, rule: ServiceRule, candidate: StockedNode): Plan | null {
  const c = candidate.node;
  const si = serviceIndex(rule.id);
  const slot = cutoffSlot(rule, c, si, candidate.distanceKm);
  if (slot < 0) return null;
  // The next cut-off holds for every instant until it passes: remember it for the node.
  const memo = ctx.network.cutoffMemo;
  const at = memoAt(candidate.index, slot);
  if (!(ctx.now >= memo[at]! && ctx.now < memo[at + 1]!)) {
    const next = nextCutoff(ctx.now, rule, c, si, cutoffIn(c, slot));
    if (next === null) return null;
    memo[at] = ctx.now;
    memo[at + 1] = next;
    memo[at + 2] = collectionFrom(rule, c, si, next + handlingOf(rule, c)) ?? NaN;
    memo[at + 3] = -Infinity;
    memo[at + 4] = NaN;
  }
  const orderBy = memo[at + 1]!;
  const collection = memo[at + 2]!;
  if (Number.isNaN(collection)) return null;
  const window = deliveryFrom(
    rule,
    collection,
    candidate.distanceKm,
    c.region,
    ctx.destRegion,
    c.saturdayDelivery,
    c.node.timeZone,
    ctx.destZone,
  );
  return window ? { start: window.start, end: window.end, orderBy, pick: orderBy } : null;
}

/** Where a node's memo slot starts in `Network.cutoffMemo`. */
function memoAt(index: number, slot: number): number {
  return (index * CUTOFF_SLOTS + slot) * CUTOFF_MEMO_FIELDS;
}

/** The window a parcel collected at `collection` (null: never) from this node gets. */
function windowFrom(ctx: Ctx, rule: ServiceRule, candidate: StockedNode, collection: number | null): Window | null {
  if (collection === null) return null;
  const c = candidate.node;
  return deliveryFrom(rule, collection, candidate.distanceKm, c.region, ctx.destRegion, c.saturdayDelivery, c.node.timeZone, ctx.destZone);
}

/** How many later cut-offs the countdown looks at (a long weekend has four that tie). */
const EXTEND_CUTOFFS = 6;

/**
 * The true countdown of a node: its latest cut-off that still arrives within `target` (a
 * Friday order after the carrier's pickup goes out on Monday, as does one on Monday morning).
 */
function latestOrderBy(ctx: Ctx, rule: ServiceRule, candidate: Candidate, target: Window): number {
  const c = candidate.node;
  const si = serviceIndex(rule.id);
  const slot = cutoffSlot(rule, c, si, candidate.distanceKm);
  const cutoff = cutoffIn(c, slot);
  let orderBy = candidate.plan.orderBy;
  for (let k = 0; k < EXTEND_CUTOFFS; k++) {
    // The first cut-off after the node's next one, and its collection, are the same for every
    // question until that one passes: remembered beside it (the countdown asks for most winners).
    const memo = ctx.network.cutoffMemo;
    const at = memoAt(candidate.index, slot);
    let next: number | null;
    let collection: number | null;
    if (k === 0 && memo[at + 1] === orderBy) {
      if (memo[at + 3] === -Infinity) {
        const after = nextCutoff(orderBy, rule, c, si, cutoff);
        memo[at + 3] = after ?? NaN;
        memo[at + 4] = after === null ? NaN : (collectionFrom(rule, c, si, after + handlingOf(rule, c)) ?? NaN);
      }
      next = Number.isNaN(memo[at + 3]!) ? null : memo[at + 3]!;
      collection = Number.isNaN(memo[at + 4]!) ? null : memo[at + 4]!;
    } else {
      next = nextCutoff(orderBy, rule, c, si, cutoff);
      collection = next === null ? null : collectionFrom(rule, c, si, next + handlingOf(rule, c));
    }
    if (next === null) break;
    const w = windowFrom(ctx, rule, candidate, collection);
    if (!w || w.start > target.start || w.end > target.end) break;
    orderBy = next;
  }
  return orderBy;
}

// Object literals, not spreads: this is the hot path, and spreads cost several times more.
function candidateOf(n: StockedNode, plan: Plan): Candidate {
  return { node: n.node, index: n.index, distanceKm: n.distanceKm, plan };
}

function offers(ctx: Ctx, rule: ServiceRule, index: number): boolean {
  return ctx.network.offersAt(index, serviceIndex(rule.id));
}

function holdsSome(ctx: Ctx, index: number): boolean {
  for (const units of ctx.units) if ((units?.get(index) ?? 0) > 0) return true;
  return false;
}

function holdsAll(ctx: Ctx, index: number): boolean {
  for (let j = 0; j < ctx.items.length; j++) if ((ctx.units[j]?.get(index) ?? 0) < ctx.items[j]!.quantity) return false;
  return true;
}

// ─── Candidates ───────────────────────────────────────────────────────────────────────────

/** Services with a short reach: every node in the radius holding some of the items. */
function gatherLocal(ctx: Ctx, rule: ServiceRule): Candidate[] {
  const seen = new Set<number>();
  const out: Candidate[] = [];
  for (const item of ctx.items) {
    const holders = nearestHolders(ctx, item.sku);
    for (let k = 0; ; k++) {
      const n = holders.at(k);
      if (!n || n.distanceKm > rule.maxDistanceKm) break;
      if (seen.has(n.index) || !offers(ctx, rule, n.index) || !holdsSome(ctx, n.index)) continue;
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
 * The earliest window start by which nodes among `candidates` hold `quantity` units of `sku`
 * between them, or Infinity.
 */
function coveringStart(ctx: Ctx, candidates: Iterable<Candidate>, sku: string, quantity: number): number {
  const held: Array<[start: number, units: number]> = [];
  for (const c of candidates) {
    const units = ctx.network.availableAt(c.index, sku);
    if (units > 0) held.push([c.plan.start, units]);
  }
  held.sort((a, b) => a[0] - b[0]);
  let total = 0;
  for (const [start, units] of held) {
    total += units;
    if (total >= quantity) return start;
  }
  return Infinity;
}

/**
 * Services with a national reach: walk a SKU's holders nearest first and stop once no farther
 * node can beat the best plan found. The bound: for nodes in each zone, the collection cannot be
 * before that zone's first collection day whose latest cut-off is still ahead, and transit and
 * travel only grow with distance. When no node holds everything, each item's walk gathers
 * partial holders until they cover its quantity.
 */
function gatherNational(ctx: Ctx, rule: ServiceRule): Candidate[] {
  const bound = lowerBound(ctx, rule);
  // Next-day reaches past the ground lane only from nodes that fly parcels.
  const reach = rule.id === 'next_day' && !ctx.network.hasAirCutoffs ? GROUND_NEXT_DAY_KM : rule.maxDistanceKm;
  const walk = (sku: string, accept: (i: number) => boolean, into: Map<number, Candidate>, best: (added: Plan | null) => number) => {
    let weighed = 0;
    let ties = 0;
    let b = best(null);
    const holders = nearestHolders(ctx, sku);
    for (let k = 0; ; k++) {
      const n = holders.at(k);
      if (!n || n.distanceKm > reach) return;
      if (!accept(n.index)) continue;
      if (++weighed > NATIONAL_CANDIDATES) return;
      if (b !== Infinity) {
        // A node that can only tie is weighed (its cut-off may be later), a few of them.
        const lower = bound(n.distanceKm);
        if (lower > b || (lower === b && ++ties > TIE_CANDIDATES)) return;
      }
      if (into.has(n.index)) continue;
      const plan = planFor(ctx, rule, n);
      if (plan) {
        into.set(n.index, candidateOf(n, plan));
        b = best(plan);
      }
    }
  };
  const found = new Map<number, Candidate>();
  const rarest = [...ctx.items].sort((a, b) => ctx.network.stockedCount(a.sku) - ctx.network.stockedCount(b.sku))[0]!;
  let earliest = Infinity;
  walk(
    rarest.sku,
    (i) => offers(ctx, rule, i) && holdsAll(ctx, i),
    found,
    (added) => (earliest = added ? Math.min(earliest, added.start) : earliest),
  );
  if (found.size > 0) return [...found.values()];
  for (const item of ctx.items) {
    walk(
      item.sku,
      (i) => offers(ctx, rule, i) && ctx.network.availableAt(i, item.sku) > 0,
      found,
      () => coveringStart(ctx, found.values(), item.sku, item.quantity),
    );
  }
  return [...found.values()];
}

function lowerBound(ctx: Ctx, rule: ServiceRule): (distanceKm: number) => number {
  // Lanes that leave a region do not grow with distance: no bound, the candidate cap holds.
  if (ctx.destRegion !== 'contiguous' || ctx.network.hasOffshoreNodes) return () => -Infinity;
  const saturday = ctx.network.hasSaturdayDelivery;
  const first = firstCollections(ctx, rule);
  // Zones whose first collection is the same instant on the same local date give the same
  // window (transit counts from that date): weigh one of them.
  const collections: Array<[zone: string, collection: number]> = [];
  const days: number[] = [];
  for (let k = 0; k < first.zones.length; k++) {
    const collection = Math.max(ctx.now, first.dayStarts[k]!);
    const day = first.days[k]!;
    let seen = false;
    for (let j = 0; j < collections.length && !seen; j++) seen = collections[j]![1] === collection && days[j] === day;
    if (seen) continue;
    collections.push([first.zones[k]!, collection]);
    days.push(day);
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
    for (const [zone, h] of collections) {
      const w = deliveryFrom(rule, h, distanceKm, ctx.destRegion, ctx.destRegion, saturday, zone, ctx.destZone);
      if (w && w.start < value) value = w.start;
    }
    return value;
  };
}

/**
 * Per zone with nodes offering a service, the first day it can collect a parcel ordered at an
 * instant: the first collection day whose latest cut-off there is still ahead. Its collection is
 * the later of the instant and the day's start, on that local date (the day is today when the
 * instant is later). The same for every instant until a cut-off passes or a day ends in one of
 * the zones, so it is remembered per service (by the network's cut-off map) for that long.
 */
interface FirstCollections {
  from: number;
  until: number;
  zones: string[];
  dayStarts: number[];
  days: number[];
}

const firstCollectionsMemo = new WeakMap<ReadonlyMap<string, number>, FirstCollections>();

function firstCollections(ctx: Ctx, rule: ServiceRule): FirstCollections {
  const cutoffs = ctx.network.latestCutoffsFor(rule.id);
  const memo = firstCollectionsMemo.get(cutoffs);
  if (memo && ctx.now >= memo.from && ctx.now < memo.until) return memo;
  const found: FirstCollections = { from: ctx.now, until: Infinity, zones: [], dayStarts: [], days: [] };
  for (const [zone, latestCutoff] of cutoffs) {
    const today = localDayOf(zone, ctx.now);
    const cutoffToday = instantAt(zone, today, latestCutoff);
    const firstCutoffDay = ctx.now < cutoffToday ? today : today + 1;
    found.until = Math.min(found.until, ctx.now < cutoffToday ? cutoffToday : instantAt(zone, today + 1, 0));
    for (let day = firstCutoffDay; day < today + HORIZON_DAYS; day++) {
      if (rule.collectsOn(day)) {
        found.zones.push(zone);
        found.dayStarts.push(instantAt(zone, day, 0));
        found.days.push(day);
        break;
      }
    }
  }
  firstCollectionsMemo.set(cutoffs, found);
  return found;
}

// ─── Choosing ─────────────────────────────────────────────────────────────────────────────

interface ChosenShipment {
  candidate: Candidate;
  items: PromiseItem[];
}

function better(a: Candidate, b: Candidate): boolean {
  if (a.plan.start !== b.plan.start) return a.plan.start < b.plan.start;
  if (a.plan.end !== b.plan.end) return a.plan.end < b.plan.end;
  return a.distanceKm < b.distanceKm;
}

/**
 * The best single node holding every item. Its order-by is the latest cut-off, among the nodes
 * that make the same window, that still makes it.
 */
function chooseSingle(ctx: Ctx, rule: ServiceRule, candidates: Candidate[]): ChosenShipment[] | null {
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (!holdsAll(ctx, c.index)) continue;
    if (!best || better(c, best)) best = c;
  }
  if (!best) return null;
  const target = best.plan;
  const tied = candidates.filter((c) => c.plan.start === target.start && c.plan.end === target.end && holdsAll(ctx, c.index));
  tied.sort((a, b) => b.plan.orderBy - a.plan.orderBy);
  // Every value is a real cut-off that makes the window, so the countdown is never late.
  let orderBy = tied[0]!.plan.orderBy;
  for (let k = 0; k < tied.length && k < TIE_EXTENSIONS; k++) orderBy = Math.max(orderBy, latestOrderBy(ctx, rule, tied[k]!, target));
  const plan = { start: target.start, end: target.end, orderBy, pick: best.plan.pick };
  return [{ candidate: candidateOf(best, plan), items: ctx.items }];
}

/**
 * Split shipments: the window is fixed by the item whose units are gathered latest; then as few
 * nodes as possible, each arriving by that window, cover the units: at each step the node that
 * completes the most items, then supplies the most units, then is nearest.
 */
function chooseSplit(ctx: Ctx, rule: ServiceRule, candidates: Candidate[]): ChosenShipment[] | null {
  let target = -Infinity;
  for (const item of ctx.items) {
    const start = coveringStart(ctx, candidates, item.sku, item.quantity);
    if (start === Infinity) return null;
    target = Math.max(target, start);
  }
  const usable = candidates.filter((c) => c.plan.start <= target).sort((a, b) => a.distanceKm - b.distanceKm);
  let chosen = allocate(ctx, usable);
  if (!chosen) return null;
  // Greedy can take one node too many (set cover): among the nearest few, look for fewer.
  const pool = usable.slice(0, SPLIT_SEARCH_NODES);
  for (let k = 2; k < chosen.length && k <= SPLIT_SEARCH_SIZE; k++) {
    const fewer = fewestOf(ctx, pool, k);
    if (fewer) {
      chosen = fewer;
      break;
    }
  }
  const window = { start: -Infinity, end: -Infinity };
  for (const s of chosen) {
    window.start = Math.max(window.start, s.candidate.plan.start);
    window.end = Math.max(window.end, s.candidate.plan.end);
  }
  // Each shipment's countdown is its own latest cut-off that still meets the split's window.
  return chosen.map((s) => ({
    candidate: candidateOf(s.candidate, { ...s.candidate.plan, orderBy: latestOrderBy(ctx, rule, s.candidate, window) }),
    items: s.items,
  }));
}

// ─── Second sources ───────────────────────────────────────────────────────────────────────

/**
 * The node kinds a service is offered from only with a second source (docs/simulation.md,
 * "How same-day and the courier reach 99%, and what it costs"), or null when none is required: the plain choice then
 * runs, untouched.
 */
function secondSourceKinds(network: Network, service: ServiceId): ReadonlySet<NetworkNode['kind']> | null {
  const kinds = (network.buffers.secondSource as Partial<Record<ServiceId, readonly NetworkNode['kind'][]>>)[service];
  return kinds && kinds.length > 0 ? new Set(kinds) : null;
}

/** Whether a node other than `shipment`'s, among the service's candidates, holds every unit of it. */
function hasSecondSource(ctx: Ctx, candidates: readonly Candidate[], shipment: ChosenShipment): boolean {
  const from = shipment.candidate.index;
  return candidates.some((c) => c.index !== from && shipment.items.every((i) => ctx.network.availableAt(c.index, i.sku) >= i.quantity));
}

/**
 * The plain choice, where a shipment from a node of a listed kind must have a second source: a
 * node of another candidate (in reach, offering the service, with a plan) holding all of that
 * shipment, so an empty shelf can be re-sourced inside the window. One node: the best that needs
 * none or has one. Split: a node whose shipment has none is left out and the split chosen again
 * (each round drops a node, so it ends). Candidate lists here are short (same-day's and the
 * courier's reach).
 */
function chooseWithSecondSource(
  ctx: Ctx,
  rule: ServiceRule,
  candidates: Candidate[],
  kinds: ReadonlySet<NetworkNode['kind']>,
): ChosenShipment[] | null {
  const needs = (c: Candidate) => kinds.has(c.node.node.kind);
  // A single shipment carries every item: a second source is any other node holding them all.
  const whole = candidates.filter((c) => holdsAll(ctx, c.index));
  const single = whole.length >= 2 ? candidates : candidates.filter((c) => !(needs(c) && holdsAll(ctx, c.index)));
  const one = chooseSingle(ctx, rule, single);
  if (one) return one;
  let pool = candidates;
  for (;;) {
    const split = chooseSplit(ctx, rule, pool);
    if (!split) return null;
    const alone = new Set(split.filter((s) => needs(s.candidate) && !hasSecondSource(ctx, candidates, s)).map((s) => s.candidate.index));
    if (alone.size === 0) return split;
    pool = pool.filter((c) => !alone.has(c.index));
  }
}

/** How many of the nearest usable nodes the exact search for fewer shipments considers. */
const SPLIT_SEARCH_NODES = 12;
/** The largest number of shipments the exact search tries (C(12, 3) = 220 sets at most). */
const SPLIT_SEARCH_SIZE = 3;

/**
 * Units of each item from `pool`, greedily: at each step the node that completes the most items,
 * then supplies the most units (then the nearest, the pool's order). Null if they fall short.
 */
function allocate(ctx: Ctx, pool: Candidate[]): ChosenShipment[] | null {
  const remaining = new Map(ctx.items.map((i) => [i.sku, i.quantity]));
  const chosen: ChosenShipment[] = [];
  const used = new Set<number>();
  while ([...remaining.values()].some((q) => q > 0)) {
    let pick: Candidate | null = null;
    let pickComplete = 0;
    let pickUnits = 0;
    for (const c of pool) {
      if (used.has(c.index)) continue;
      let complete = 0;
      let units = 0;
      for (const [sku, left] of remaining) {
        if (left === 0) continue;
        const here = Math.min(left, ctx.network.availableAt(c.index, sku));
        units += here;
        if (here === left) complete++;
      }
      if (units > 0 && (complete > pickComplete || (complete === pickComplete && units > pickUnits))) {
        pick = c;
        pickComplete = complete;
        pickUnits = units;
      }
    }
    if (!pick) return null;
    used.add(pick.index);
    const items: PromiseItem[] = [];
    for (const item of ctx.items) {
      const left = remaining.get(item.sku)!;
      const here = Math.min(left, ctx.network.availableAt(pick.index, item.sku));
      if (here === 0) continue;
      items.push({ ...item, quantity: here });
      remaining.set(item.sku, left - here);
    }
    chosen.push({ candidate: pick, items });
  }
  return chosen;
}

/** The first set of `k` nodes from `pool` (nearest first) that holds every unit, allocated. */
function fewestOf(ctx: Ctx, pool: Candidate[], k: number): ChosenShipment[] | null {
  const pick: Candidate[] = [];
  const search = (from: number): ChosenShipment[] | null => {
    if (pick.length === k) {
      const covers = ctx.items.every((i) => pick.reduce((n, c) => n + ctx.network.availableAt(c.index, i.sku), 0) >= i.quantity);
      return covers ? allocate(ctx, pick) : null;
    }
    for (let i = from; i <= pool.length - (k - pick.length); i++) {
      pick.push(pool[i]!);
      const found = search(i + 1);
      pick.pop();
      if (found) return found;
    }
    return null;
  };
  return search(0);
}

// ─── Output ───────────────────────────────────────────────────────────────────────────────

/** YYYY-MM-DD of an epoch day, remembered: every option names its shipments' pick days. */
const dayTexts = new Map<number, string>();
function isoDayText(day: number): string {
  let text = dayTexts.get(day);
  if (text === undefined) {
    if (dayTexts.size >= 4096) dayTexts.clear();
    dayTexts.set(day, (text = formatIsoDay(day)));
  }
  return text;
}

function toOption(ctx: Ctx, rule: ServiceRule, shipments: ChosenShipment[], price: Money): PromiseOption {
  let start = -Infinity;
  let end = -Infinity;
  let orderBy = Infinity;
  for (const s of shipments) {
    start = Math.max(start, s.candidate.plan.start);
    end = Math.max(end, s.candidate.plan.end);
    orderBy = Math.min(orderBy, s.candidate.plan.orderBy);
  }
  const slack = withSlack(ctx, rule, shipments);
  if (slack > 0) end = slackEnd(rule, ctx.destZone, end, slack);
  const last = localDayOf(ctx.destZone, end);
  return {
    service: rule.id,
    // Named and weighed by the widened window's last day: the day the shopper is promised.
    name: named(ctx, rule.id, last),
    window: { start: formatInZone(ctx.destZone, start), end: formatInZone(ctx.destZone, end) },
    orderBy: formatInZone(ctx.destZone, orderBy),
    price,
    // An offshore lane's range already spans days; slack makes any window do so.
    dateRange: localDayOf(ctx.destZone, start) !== last,
    split: shipments.length > 1,
    shipments: shipments.map((s) => ({
      nodeId: s.candidate.node.node.id,
      nodeName: s.candidate.node.node.name,
      nodeKind: s.candidate.node.node.kind,
      distanceKm: Math.round(s.candidate.distanceKm * 10) / 10,
      items: s.items.map((i) => ({ sku: i.sku, quantity: i.quantity })),
      pickDay: isoDayText(localDayOf(s.candidate.node.node.timeZone, s.candidate.plan.pick)),
      history: s.candidate.node.history[serviceIndex(rule.id)]!,
    })),
    windowStartMs: start,
    windowEndMs: end,
    orderByMs: orderBy,
  };
}
