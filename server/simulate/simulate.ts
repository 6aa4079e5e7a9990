/**
 * The fulfilment simulator (docs/simulation.md): a seeded, event-driven run of the network in
 * which every order is promised by the real engine at the instant it is placed, its stock taken
 * as checkout takes it, and then played out through pick, handover and delivery with things
 * going wrong at measured or stated rates. It reads the engine; the engine knows nothing of it.
 *
 * Events, in time order: a shopper arrives (promise, choice, stock taken), a node starts a
 * parcel's pick (stock may be missing: the record is corrected and the parcel re-promised from
 * elsewhere, or left to wait for the node's restock when that still keeps the window, as the
 * fulfilment service does), and every node's stock is refilled each night.
 * From a pick onward a parcel's path depends on nothing but its own draws and per node-day
 * events (closures, missed pickups, routes not run), so it is played out to the door at once.
 */
import TinyQueue from 'tinyqueue';
import {
  GROUND_NEXT_DAY_KM,
  Network,
  ROAD_FACTOR,
  SERVICES,
  computePromise,
  isBusinessDay,
  isCarrierHoliday,
  planOptions,
  planShipments,
  regionOfZone,
  type NetworkNode,
  type NodeKind,
  type PromiseItem,
  type PromiseOption,
  type PromiseRequest,
  type ServiceId,
} from '../promise/index.js';
import { instantAt, isoWeekday, localDayOf, parseIsoDay, parseTimeOfDay } from '../promise/time.js';
import {
  FAILURES,
  PICK_START_MINUTES,
  SAME_DAY_DISPATCH,
  type FailureParameters,
  type SameDayDispatch,
  type Season,
} from './parameters.js';
import { Stream } from './random.js';
import { emptyShelfTally, phantomUnits, type ShelfTally } from './shelf.js';
import { restockNights } from './restock.js';
import { NO_BUFFERS, type PromiseBuffers } from '../promise/index.js';
import {
  FREE_OPTION_PULL,
  HOUR_WEIGHTS,
  LINES_WEIGHTS,
  MEMBER_SHARE,
  SERVICE_PREFERENCE,
  UNITS_WEIGHTS,
  WEEKDAY_WEIGHTS,
  demoScenario,
  type Scenario,
} from './scenario.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Minutes to post a second attempt's job and have its driver collect, as the courier quotes it. */
const SECOND_JOB_MINUTES = 15;
/** How many days ahead a node's calendar is searched (as the engine does). */
const HORIZON_DAYS = 21;

export interface SimulationOptions {
  seed: number;
  /** About how many shoppers try to order over the run (the Poisson arrivals' expected total). */
  arrivals: number;
  scenario?: Scenario;
  failures?: FailureParameters;
  /** How much slower promises are made so that they are kept (default: none, the engine as is). */
  buffers?: PromiseBuffers;
  /** How same-day jobs are dispatched (default: `SAME_DAY_DISPATCH`). */
  dispatch?: SameDayDispatch;
  /** Keep every first pick's line slacks in `shelf` (for calibrating the phantom-stock model). */
  recordPickSlacks?: boolean;
}

export interface ShipmentOutcome {
  nodeId: string;
  /** The kind of the node the promise counted on (a re-sourced parcel keeps its first kind). */
  kind: NodeKind;
  /** When it reached the door; null when it never did (no other node could send it). */
  deliveredMs: number | null;
  /** Some part of it never arrived. */
  lost: boolean;
  /** The stock was missing and the parcel came from elsewhere. */
  resourced: boolean;
  /** What went wrong on its way, harmful or not (see `CAUSES`). */
  causes: Cause[];
}

/** Things that happen to a parcel, one per failure model. */
export const CAUSES = [
  'stock_missing',
  'slow_handling',
  'node_closed',
  'no_driver',
  'late_driver',
  'long_road',
  'route_not_run',
  'pickup_missed',
  'transit_late',
  'failed_attempt',
  'left_at_door',
  'second_attempt',
  'waited_for_restock',
] as const;
export type Cause = (typeof CAUSES)[number];

export interface OrderOutcome {
  /** The shopper's arrival number: the key every model's draws for this order use. */
  arrival: number;
  placedMs: number;
  service: ServiceId;
  season: Season;
  windowStartMs: number;
  windowEndMs: number;
  shipments: ShipmentOutcome[];
  /** When the last parcel arrived; null when the order could not be completed. */
  deliveredMs: number | null;
  /** Delivered by the window's end (and, for gig and courier services, not before its start). */
  kept: boolean;
  /** A carrier parcel that came before the window: kept, but reported apart. */
  early: boolean;
}

export interface SimulationResult {
  seed: number;
  arrivals: number;
  /** Shoppers for whom the engine had no option at all (nothing in stock that reaches them). */
  unserved: number;
  orders: OrderOutcome[];
  /** Per node kind, first picks and how many found the stock missing (docs/simulation.md, "Stock on the shelf"). */
  shelf: ShelfTally;
  /** Per service, shoppers shown an option of it (what safety stock costs: offers no longer made). */
  offered: Record<ServiceId, number>;
}

/** One stream per model: a change in one cannot reshuffle another's draws. */
export interface Streams {
  arrivals: Stream;
  basket: Stream;
  choice: Stream;
  stock: Stream;
  handling: Stream;
  closure: Stream;
  gig: Stream;
  road: Stream;
  courier: Stream;
  pickup: Stream;
  transit: Stream;
  attempt: Stream;
  restock: Stream;
}

export function streamsFor(seed: number): Streams {
  const s = (name: string) => new Stream(seed, name);
  return {
    arrivals: s('arrivals'),
    basket: s('basket'),
    choice: s('choice'),
    stock: s('stock'),
    handling: s('handling'),
    closure: s('closure'),
    gig: s('gig'),
    road: s('road'),
    courier: s('courier'),
    pickup: s('pickup'),
    transit: s('transit'),
    attempt: s('attempt'),
    restock: s('restock'),
  };
}

// ─── Arrivals ─────────────────────────────────────────────────────────────────────────────

export interface Arrival {
  index: number;
  at: number;
  lat: number;
  lng: number;
  timeZone: string;
  season: Season;
}

/**
 * Shoppers over the run: per place, local date and local hour a Poisson count whose mean
 * follows the hour and weekday weights and the season, spread uniformly over the hour and the
 * place's disc. Numbered in time order; the numbers key every later draw.
 */
export function generateArrivals(scenario: Scenario, streams: Streams, expected: number): Arrival[] {
  const first = parseIsoDay(scenario.from)!;
  const last = parseIsoDay(scenario.to)!;
  const peakFrom = parseIsoDay(scenario.peakFrom)!;
  const peakTo = parseIsoDay(scenario.peakTo)!;
  const isPeak = (day: number) => day >= peakFrom && day <= peakTo;
  const hourTotal = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
  const placeTotal = scenario.places.reduce((a, p) => a + p.weight, 0);
  let dayTotal = 0;
  for (let day = first; day <= last; day++) {
    dayTotal += WEEKDAY_WEIGHTS[isoWeekday(day) - 1]! * (isPeak(day) ? scenario.peakVolume : 1);
  }
  const perDayUnit = expected / dayTotal;
  const out: Array<Omit<Arrival, 'index'>> = [];
  const r = streams.arrivals;
  for (let day = first; day <= last; day++) {
    const season: Season = isPeak(day) ? 'peak' : 'normal';
    const dayMean = perDayUnit * WEEKDAY_WEIGHTS[isoWeekday(day) - 1]! * (season === 'peak' ? scenario.peakVolume : 1);
    scenario.places.forEach((place, p) => {
      for (let hour = 0; hour < 24; hour++) {
        const mean = (dayMean * (place.weight / placeTotal) * HOUR_WEIGHTS[hour]!) / hourTotal;
        const count = r.poisson(mean, day, p * 24 + hour, 0);
        const start = instantAt(place.timeZone, day, hour * 60);
        for (let k = 1; k <= count; k++) {
          const key = (p * 24 + hour) * 4096 + k;
          const at = start + Math.floor(r.u(day, key, 1) * HOUR);
          // Uniform over the disc: radius by the square root.
          const distance = place.radiusKm * Math.sqrt(r.u(day, key, 2));
          const bearing = 2 * Math.PI * r.u(day, key, 3);
          const lat = place.lat + (distance / 111.2) * Math.cos(bearing);
          const lng = place.lng + (distance / (111.2 * Math.cos((place.lat * Math.PI) / 180))) * Math.sin(bearing);
          out.push({ at, lat, lng, timeZone: place.timeZone, season });
        }
      }
    });
  }
  // Generation order breaks ties, so the numbering is stable.
  const order = out.map((_, i) => i).sort((a, b) => out[a]!.at - out[b]!.at || a - b);
  return order.map((i, index) => ({ index, ...out[i]! }));
}

// ─── Nodes ────────────────────────────────────────────────────────────────────────────────

interface SimNode {
  node: NetworkNode;
  /** Position in the scenario's node list: the node's key in per node-day draws. */
  key: number;
  closedWeekdays: ReadonlySet<number>;
  closedDays: ReadonlySet<number>;
  serviceClosedDays: Partial<Record<ServiceId, ReadonlySet<number>>>;
  pickupMinutes: number;
  airCutoffMinutes: number;
  cutoffMinutes: Partial<Record<ServiceId, number>>;
}

function simNode(node: NetworkNode, key: number): SimNode {
  const days = (dates: readonly string[] | undefined) => new Set((dates ?? []).map(parseIsoDay).filter((d): d is number => d !== null));
  const cutoffMinutes: Partial<Record<ServiceId, number>> = {};
  for (const [service, text] of Object.entries(node.cutoffs) as Array<[ServiceId, string | undefined]>) {
    const minutes = text === undefined ? null : parseTimeOfDay(text);
    if (minutes !== null) cutoffMinutes[service] = minutes;
  }
  const serviceClosedDays: Partial<Record<ServiceId, ReadonlySet<number>>> = {};
  for (const [service, dates] of Object.entries(node.serviceClosedDates ?? {}) as Array<[ServiceId, string[] | undefined]>) {
    serviceClosedDays[service] = days(dates);
  }
  return {
    node,
    key,
    closedWeekdays: new Set(node.calendar.closedWeekdays),
    closedDays: days(node.calendar.closedDates),
    serviceClosedDays,
    pickupMinutes: node.carrierPickup ? (parseTimeOfDay(node.carrierPickup) ?? -1) : -1,
    airCutoffMinutes: node.airCutoff ? (parseTimeOfDay(node.airCutoff) ?? -1) : -1,
    cutoffMinutes,
  };
}

// ─── The run ──────────────────────────────────────────────────────────────────────────────

interface OpenOrder {
  outcome: OrderOutcome;
  arrival: Arrival;
  items: PromiseItem[];
  member: boolean;
  pending: number;
}

interface Parcel {
  order: OpenOrder;
  /** Position among the order's parcels; re-sourced parcels count on from 100. */
  slot: number;
  service: ServiceId;
  node: SimNode;
  distanceKm: number;
  items: PromiseItem[];
  outcome: ShipmentOutcome;
  /** Already re-sourced once: its stock is not drawn missing again. */
  resourced: boolean;
  /** Picks already tried at this node that found the shelf short (each later one a fresh shelf draw). */
  misses: number;
}

type Event =
  | { at: number; seq: number; type: 'arrival'; arrival: Arrival }
  | { at: number; seq: number; type: 'pick'; parcel: Parcel }
  | { at: number; seq: number; type: 'restock'; node: SimNode; day: number };

/** Local hour every node's stock is refilled to its target. */
const RESTOCK_MINUTES = 4 * 60;

export function simulate(options: SimulationOptions): SimulationResult {
  const scenario = options.scenario ?? demoScenario();
  const failures = options.failures ?? FAILURES;
  const streams = streamsFor(options.seed);
  const arrivals = generateArrivals(scenario, streams, options.arrivals);
  const run = new Run(
    scenario,
    failures,
    streams,
    options.buffers ?? NO_BUFFERS,
    options.dispatch ?? SAME_DAY_DISPATCH,
    options.recordPickSlacks === true,
  );
  return { seed: options.seed, arrivals: arrivals.length, ...run.play(arrivals) };
}

class Run {
  private readonly network: Network;
  private readonly nodes: Map<string, SimNode>;
  /** What the record offers: on hand less the units held for parcels not yet picked. */
  private readonly onHand = new Map<string, Map<string, number>>();
  /** Units held for parcels not yet picked, per node and SKU: still on the record until the pick. */
  private readonly held = new Map<string, Map<string, number>>();
  private readonly shelf = emptyShelfTally();
  private readonly skuKeys = new Map<string, number>();
  private readonly offered: Record<ServiceId, number> = { same_day: 0, local_courier: 0, next_day: 0, two_day: 0, standard: 0 };
  private readonly queue = new TinyQueue<Event>([], (a, b) => a.at - b.at || a.seq - b.seq);
  private seq = 0;
  private unserved = 0;
  private readonly done: OrderOutcome[] = [];

  constructor(
    private readonly scenario: Scenario,
    private readonly f: FailureParameters,
    private readonly r: Streams,
    buffers: PromiseBuffers,
    private readonly sameDay: SameDayDispatch,
    private readonly recordPickSlacks: boolean,
  ) {
    // The engine plans with the buffers; the playout runs the nodes as they really are.
    this.network = new Network(scenario.nodes, buffers);
    this.nodes = new Map(scenario.nodes.map((n, i) => [n.id, simNode(n, i)]));
    scenario.products.forEach((p, i) => this.skuKeys.set(p.sku, i));
    for (const node of scenario.nodes) this.refill(node.id);
  }

  play(arrivals: Arrival[]): { unserved: number; orders: OrderOutcome[]; shelf: ShelfTally; offered: Record<ServiceId, number> } {
    for (const arrival of arrivals) this.push({ at: arrival.at, seq: 0, type: 'arrival', arrival });
    if (arrivals.length > 0) {
      const first = localDayOf('UTC', arrivals[0]!.at) - 1;
      const last = localDayOf('UTC', arrivals[arrivals.length - 1]!.at) + 1;
      for (const node of this.nodes.values()) {
        for (let day = first; day <= last; day++) {
          this.push({ at: instantAt(node.node.timeZone, day, RESTOCK_MINUTES), seq: 0, type: 'restock', node, day });
        }
      }
    }
    for (let event = this.queue.pop(); event; event = this.queue.pop()) {
      if (event.type === 'arrival') this.arrive(event.arrival);
      else if (event.type === 'pick') this.pick(event.parcel, event.at);
      else this.refill(event.node.node.id);
    }
    this.done.sort((a, b) => a.arrival - b.arrival);
    return { unserved: this.unserved, orders: this.done, shelf: this.shelf, offered: this.offered };
  }

  private push(event: Event): void {
    event.seq = this.seq++;
    this.queue.push(event);
  }

  // ─── Stock ───

  private refill(nodeId: string): void {
    const targets = this.scenario.stockTargets.get(nodeId);
    if (!targets) return;
    for (const [sku, units] of targets) this.setOnHand(nodeId, sku, units);
  }

  private setOnHand(nodeId: string, sku: string, units: number): void {
    let held = this.onHand.get(nodeId);
    if (!held) this.onHand.set(nodeId, (held = new Map()));
    held.set(sku, units);
    this.network.setStock(nodeId, sku, units);
  }

  /** Checkout's hold: the units leave what the engine can promise, and stay on the record until the pick. */
  private take(nodeId: string, items: ReadonlyArray<{ sku: string; quantity: number }>): void {
    const held = this.heldAt(nodeId);
    for (const item of items) {
      const units = this.onHand.get(nodeId)?.get(item.sku) ?? 0;
      const taken = Math.min(units, item.quantity);
      this.setOnHand(nodeId, item.sku, units - taken);
      held.set(item.sku, (held.get(item.sku) ?? 0) + taken);
    }
  }

  /** The units a node holds for parcels not yet picked, per SKU. */
  private heldAt(nodeId: string): Map<string, number> {
    let held = this.held.get(nodeId);
    if (!held) this.held.set(nodeId, (held = new Map()));
    return held;
  }

  /** The pick is over (made, missed or given up): the parcel's units leave the record. */
  private release(parcel: Parcel): void {
    const held = this.held.get(parcel.node.node.id);
    if (!held) return;
    for (const item of parcel.items) held.set(item.sku, Math.max(0, (held.get(item.sku) ?? 0) - item.quantity));
  }

  /** The node's record of a SKU: what it offers plus what it holds for parcels not yet picked. */
  private recordOf(nodeId: string, sku: string): number {
    return (this.onHand.get(nodeId)?.get(sku) ?? 0) + (this.held.get(nodeId)?.get(sku) ?? 0);
  }

  /**
   * Whether the shelf has too few units for one of the parcel's lines: per line, the shelf holds
   * the record less a drawn number of phantom units (`shelf.ts`), each from its own keys of the
   * stock stream (a pick after a restock draws afresh). A re-sourced parcel's stock is not drawn
   * missing again. Only first picks are tallied: the calibrated miss rates are theirs.
   */
  private shelfShort(parcel: Parcel): boolean {
    const { node } = parcel;
    const model = this.f.phantomStock[node.node.kind];
    const key = parcel.order.arrival.index;
    const tally = this.shelf[node.node.kind];
    const slacks: number[] = [];
    let short = false;
    parcel.items.forEach((item, line) => {
      const record = this.recordOf(node.node.id, item.sku);
      slacks.push(Math.max(0, record - item.quantity));
      const u = this.r.stock.u(key, parcel.slot, line + 1000 * parcel.misses);
      if (record - phantomUnits(model, u) < item.quantity) short = true;
    });
    if (parcel.misses > 0) return short;
    tally.picks++;
    if (short) tally.missing++;
    if (this.recordPickSlacks) tally.slacks.push(slacks);
    return short;
  }

  // ─── Orders ───

  private basket(arrival: Arrival): { items: PromiseItem[]; member: boolean } {
    const b = this.r.basket;
    const products = this.scenario.products;
    const weights = products.map((p) => p.weight);
    const lines = 1 + b.pick(LINES_WEIGHTS, arrival.index, 0);
    const items: PromiseItem[] = [];
    for (let line = 0; line < lines; line++) {
      const p = products[b.pick(weights, arrival.index, 1 + line)]!;
      const quantity = 1 + b.pick(UNITS_WEIGHTS, arrival.index, 10 + line);
      items.push({ sku: p.sku, quantity, unitPrice: p.unitPrice, fastDeliveryEligible: p.fastDeliveryEligible });
    }
    return { items, member: b.chance(MEMBER_SHARE, arrival.index, 20) };
  }

  private request(arrival: Arrival, items: PromiseItem[], member: boolean, now: number): PromiseRequest {
    return {
      items,
      destination: { lat: arrival.lat, lng: arrival.lng, timeZone: arrival.timeZone },
      now,
      member,
      feePolicy: this.scenario.feePolicy,
    };
  }

  private arrive(arrival: Arrival): void {
    const { items, member } = this.basket(arrival);
    // What `GET /v1/promise` and the widget show the shopper at this instant.
    const options = computePromise(this.network, this.request(arrival, items, member, arrival.at));
    if (options.length === 0) {
      this.unserved++;
      return;
    }
    for (const o of options) this.offered[o.service]++;
    const weights = options.map((o) => SERVICE_PREFERENCE[o.service] * (o.price.amount === 0 ? FREE_OPTION_PULL : 1));
    const chosen = options[this.r.choice.pick(weights, arrival.index)]!;
    const order: OpenOrder = {
      arrival,
      items,
      member,
      pending: chosen.shipments.length,
      outcome: {
        arrival: arrival.index,
        placedMs: arrival.at,
        service: chosen.service,
        season: arrival.season,
        windowStartMs: chosen.windowStartMs,
        windowEndMs: chosen.windowEndMs,
        shipments: [],
        deliveredMs: null,
        kept: false,
        early: false,
      },
    };
    this.dispatch(order, chosen, arrival.at, 0, null);
  }

  /** Takes the stock of an option's shipments and schedules each parcel's pick. */
  private dispatch(order: OpenOrder, option: PromiseOption, now: number, firstSlot: number, replacing: ShipmentOutcome | null): void {
    const itemsBySku = new Map(order.items.map((i) => [i.sku, i]));
    option.shipments.forEach((s, j) => {
      const node = this.nodes.get(s.nodeId)!;
      this.take(s.nodeId, s.items);
      const outcome: ShipmentOutcome = replacing ?? {
        nodeId: s.nodeId,
        kind: s.nodeKind,
        deliveredMs: null,
        lost: false,
        resourced: false,
        causes: [],
      };
      if (!replacing) order.outcome.shipments.push(outcome);
      else if (j > 0) {
        // A re-sourced parcel that now comes in two: one more to wait for.
        order.pending++;
      }
      const parcel: Parcel = {
        order,
        slot: firstSlot + j,
        service: option.service,
        node,
        distanceKm: s.distanceKm,
        items: s.items.map((i) => ({ ...itemsBySku.get(i.sku)!, quantity: i.quantity })),
        outcome,
        resourced: replacing !== null,
        misses: 0,
      };
      this.schedulePick(parcel, now);
    });
  }

  /** The pick starts on the day of the parcel's cut-off, when the node starts picking, or at once. */
  private schedulePick(parcel: Parcel, now: number): void {
    const cutoff = this.firstCutoff(parcel, now);
    if (cutoff === null) {
      this.release(parcel);
      this.finishParcel(parcel, null);
      return;
    }
    const zone = parcel.node.node.timeZone;
    const opens = instantAt(zone, localDayOf(zone, cutoff), PICK_START_MINUTES);
    this.push({ at: Math.min(cutoff, Math.max(now, opens)), seq: 0, type: 'pick', parcel });
  }

  private pick(parcel: Parcel, at: number): void {
    const { node } = parcel;
    const order = parcel.order;
    const key = order.arrival.index;
    const short = !parcel.resourced && this.shelfShort(parcel);
    this.release(parcel);
    if (short) {
      // The shelf is short: the record is corrected (until tonight's delivery). Another place
      // that sends it on its service inside the promised window takes it; else it waits for
      // the node's restock if that still keeps the window; else it is re-promised on its
      // service from the rest of the network, else on any service.
      for (const item of parcel.items) this.setOnHand(node.node.id, item.sku, 0);
      note(parcel, 'stock_missing');
      // Any place that can still send it: a second source is asked of new offers only.
      const request = { ...this.request(order.arrival, parcel.items, order.member, at), anySource: true };
      const sameService = planOptions(this.network, { ...request, services: [parcel.service] })[0];
      if (!sameService || sameService.windowEndMs > order.outcome.windowEndMs) {
        const restock = this.restockInWindow(parcel, at);
        if (restock !== null) {
          note(parcel, 'waited_for_restock');
          parcel.misses++;
          this.holdWaiting(parcel);
          this.schedulePick(parcel, restock);
          return;
        }
      }
      parcel.outcome.resourced = true;
      const again = sameService ?? planOptions(this.network, request).sort((a, b) => a.windowEndMs - b.windowEndMs)[0];
      if (!again) {
        this.finishParcel(parcel, null);
        return;
      }
      this.dispatch(order, again, at, 100 + parcel.slot * 10, parcel.outcome);
      return;
    }
    const handling = this.r.handling.logNormal(
      node.node.handlingMinutes * this.f.handling.medianOfStated[node.node.kind],
      this.f.handling.sigma[node.node.kind],
      key,
      parcel.slot,
    );
    if (handling > node.node.handlingMinutes) note(parcel, 'slow_handling');
    const ready = at + handling * (order.outcome.season === 'peak' ? this.f.handling.peakFactor : 1) * MINUTE;
    this.finishParcel(parcel, this.deliver(parcel, ready));
  }

  /**
   * When the node's shelf holds the parcel's units again, if picking then still delivers inside
   * the promised window, else null. Each short line's units come with a nightly delivery drawn
   * per node, day and SKU (`restock.ts`; the same for every parcel short of it there that day);
   * the engine plans the node's run from that instant (`planShipments`, as the server's shortage
   * flow asks it), and its end before the buffers' slack must fall by the window's end.
   */
  private restockInWindow(parcel: Parcel, at: number): number | null {
    const { node } = parcel;
    const zone = node.node.timeZone;
    const today = localDayOf(zone, at);
    const tonight = instantAt(zone, today, RESTOCK_MINUTES) > at ? today : today + 1;
    const model = this.f.restock[node.node.kind];
    let restock = at;
    for (const item of parcel.items) {
      const nights = restockNights(model, this.r.restock.u(node.key, today, this.skuKey(item.sku)));
      restock = Math.max(restock, instantAt(zone, tonight + nights - 1, RESTOCK_MINUTES));
    }
    if (restock >= parcel.order.outcome.windowEndMs) return null;
    const { destination } = this.request(parcel.order.arrival, parcel.items, parcel.order.member, restock);
    const plan = planShipments(this.network, { service: parcel.service, destination, now: restock, nodeIds: [node.node.id] });
    return plan !== null && plan.plannedEndMs <= parcel.order.outcome.windowEndMs ? restock : null;
  }

  /** A SKU's position in the scenario's products: its key in per node-day-SKU draws. */
  private skuKey(sku: string): number {
    let key = this.skuKeys.get(sku);
    if (key === undefined) this.skuKeys.set(sku, (key = this.skuKeys.size));
    return key;
  }

  /**
   * A parcel waiting for the restock keeps its units on the node's record, held for it (not
   * offered to new shoppers), until its next pick releases them: counted once, on top of what the
   * nightly refill brings.
   */
  private holdWaiting(parcel: Parcel): void {
    const held = this.heldAt(parcel.node.node.id);
    for (const item of parcel.items) held.set(item.sku, (held.get(item.sku) ?? 0) + item.quantity);
  }

  private finishParcel(parcel: Parcel, deliveredMs: number | null): void {
    const outcome = parcel.outcome;
    // A parcel split on re-sourcing arrives with its last part, or never if a part never does.
    if (deliveredMs === null) outcome.lost = true;
    else outcome.deliveredMs = Math.max(outcome.deliveredMs ?? -Infinity, deliveredMs);
    if (outcome.lost) outcome.deliveredMs = null;
    const order = parcel.order;
    if (--order.pending > 0) return;
    const o = order.outcome;
    const failed = o.shipments.some((s) => s.lost);
    o.deliveredMs = failed ? null : Math.max(...o.shipments.map((s) => s.deliveredMs!));
    const carrier = SERVICES[o.service].carrier;
    o.kept = o.deliveredMs !== null && o.deliveredMs <= o.windowEndMs && (carrier || o.deliveredMs >= o.windowStartMs);
    o.early = o.kept && o.deliveredMs! < o.windowStartMs;
    this.done.push(o);
  }

  // ─── Calendars ───

  /** Closed by its calendar, or (noted on the parcel) closed unexpectedly that day. */
  private closedOn(parcel: Parcel, day: number): boolean {
    const { node, service } = parcel;
    if (node.closedWeekdays.has(isoWeekday(day)) || node.closedDays.has(day) || node.serviceClosedDays[service]?.has(day) === true) {
      return true;
    }
    if (!this.r.closure.chance(this.f.unexpectedClosure[node.node.kind], node.key, day)) return false;
    note(parcel, 'node_closed');
    return true;
  }

  /** The first cut-off after `now` on a day the node is really open for the service. */
  private firstCutoff(parcel: Parcel, now: number): number | null {
    const { node, service } = parcel;
    const rule = SERVICES[service];
    let minutes = node.cutoffMinutes[service];
    if (service === 'next_day' && parcel.distanceKm > GROUND_NEXT_DAY_KM)
      minutes = node.airCutoffMinutes >= 0 ? node.airCutoffMinutes : undefined;
    if (minutes === undefined) return null;
    const zone = node.node.timeZone;
    const today = localDayOf(zone, now);
    for (let day = today; day < today + HORIZON_DAYS; day++) {
      if (!rule.picksOn(day) || this.closedOn(parcel, day)) continue;
      const cutoff = instantAt(zone, day, minutes);
      if (now < cutoff) return cutoff;
    }
    return null;
  }

  // ─── To the door ───

  private deliver(parcel: Parcel, ready: number): number | null {
    switch (parcel.service) {
      case 'same_day':
        return this.gigDelivery(parcel, ready);
      case 'local_courier':
        return this.courierDelivery(parcel, ready);
      default:
        return this.carrierDelivery(parcel, ready);
    }
  }

  /**
   * A gig driver takes the parcel to arrive in the window, unless none comes or one is late. The
   * dispatcher aims early in the window and posts an unaccepted job once more; a driver finding
   * nobody in leaves the parcel at the door, and a failed attempt is tried once more the same
   * evening when there is time (`SameDayDispatch`).
   */
  private gigDelivery(parcel: Parcel, ready: number): number {
    const o = parcel.order.outcome;
    const zone = parcel.order.arrival.timeZone;
    const key = parcel.order.arrival.index;
    const g = this.f.gig;
    const d = this.sameDay;
    const rule = SERVICES.same_day;
    const windowMs = o.windowEndMs - o.windowStartMs;
    const slot = this.r.gig.u(key, parcel.slot, 0);
    const tomorrow = (after: number) => instantAt(zone, localDayOf(zone, after) + 1, rule.windowStart) + slot * windowMs;
    const target = d.aimMinutesIntoWindow === null ? o.windowStartMs + slot * windowMs : o.windowStartMs + d.aimMinutesIntoWindow * MINUTE;
    const planned = rule.travelMinutes(parcel.distanceKm) * MINUTE;
    let dispatch = Math.max(ready, target - planned);
    if (this.r.gig.chance(g.noDriver[o.season], key, parcel.slot, 1)) {
      note(parcel, 'no_driver');
      const reposted = d.repostAfterMinutes !== null && !this.r.gig.chance(g.noDriver[o.season], key, parcel.slot, 10);
      // Nobody took the job: it goes out in tomorrow's window.
      if (!reposted) return tomorrow(Math.max(ready, o.windowStartMs));
      dispatch += d.repostAfterMinutes! * MINUTE;
    }
    const { late: lateDriver, minutes: arrive } = this.driverArrives(parcel, 2);
    if (lateDriver) note(parcel, 'late_driver');
    const circuity = this.r.road.logNormal(this.f.road.medianCircuity, this.f.road.sigma, key, parcel.slot);
    if (circuity > ROAD_FACTOR) note(parcel, 'long_road');
    const roadKm = parcel.distanceKm * circuity;
    const travel = ((roadKm / g.speedKmh) * 60 + g.stopMinutes) * MINUTE;
    const delivered = Math.max(o.windowStartMs, dispatch + arrive * MINUTE + travel);
    // One draw says whether the first attempt fails and why (the same draw as a single 3% rate).
    const door = this.r.attempt.u(key, parcel.slot);
    const nobodyIn = door < g.firstAttempt.nobodyIn;
    if (!nobodyIn && door >= g.firstAttempt.nobodyIn + g.firstAttempt.noSafePlace) return delivered;
    if (nobodyIn && d.leaveAtDoor) {
      note(parcel, 'left_at_door');
      return delivered;
    }
    note(parcel, 'failed_attempt');
    if (d.secondAttemptBeforeEndMinutes === null) return tomorrow(delivered);
    // The driver takes the parcel back to the store; a new job is aimed from there as the server
    // books it (docs/simulation.md, "Same-day dispatch"), only when it still falls well inside the window.
    const back = delivered + travel;
    const aimed = back + SECOND_JOB_MINUTES * MINUTE + travel;
    if (aimed > o.windowEndMs - d.secondAttemptBeforeEndMinutes * MINUTE) return tomorrow(delivered);
    note(parcel, 'second_attempt');
    // A fresh driver (its own keys of the gig stream; a late one is counted under the second
    // attempt, not `late_driver`), and the attempt's own key of the attempt stream.
    const arriveAgain = this.driverArrives(parcel, 20).minutes;
    const again = back + arriveAgain * MINUTE + travel;
    return this.r.attempt.chance(g.secondAttemptFails, key, parcel.slot, 1) ? tomorrow(again) : again;
  }

  /**
   * Minutes until a gig driver reaches the store, and whether late: three keys of the gig stream
   * from `first` (late or not, then a late driver's minutes, then an on-time one's).
   */
  private driverArrives(parcel: Parcel, first: number): { late: boolean; minutes: number } {
    const g = this.f.gig;
    const key = parcel.order.arrival.index;
    const late = this.r.gig.chance(g.late[parcel.order.outcome.season], key, parcel.slot, first);
    const minutes = late
      ? this.r.gig.logNormal(g.lateMedianMinutes, g.lateSigma, key, parcel.slot, first + 1)
      : this.r.gig.logNormal(g.arriveMedianMinutes, g.arriveSigma, key, parcel.slot, first + 2);
    return { late, minutes };
  }

  /** The shop's courier runs its route on the next courier day after the parcel is ready. */
  private courierDelivery(parcel: Parcel, ready: number): number | null {
    const o = parcel.order.outcome;
    const zone = parcel.order.arrival.timeZone;
    const key = parcel.order.arrival.index;
    const rule = SERVICES.local_courier;
    const nextCourierDay = (after: number) => {
      let day = after + 1;
      while (!rule.deliversOn(day)) day++;
      return day;
    };
    let day = Math.max(localDayOf(zone, o.windowStartMs), nextCourierDay(localDayOf(zone, ready)));
    for (let k = 0; k < HORIZON_DAYS && this.r.courier.chance(this.f.courier.routeMissed[o.season], parcel.node.key, day); k++) {
      note(parcel, 'route_not_run');
      day = nextCourierDay(day);
    }
    if (this.r.attempt.chance(this.f.failedAttempt.local_courier, key, parcel.slot)) {
      note(parcel, 'failed_attempt');
      day = nextCourierDay(day);
    }
    // Where the stop falls on the planned route, and how much longer the day's roads make it.
    const position = this.r.courier.u(key, parcel.slot, 1);
    const stretch = this.r.road.logNormal(1, this.f.road.routeStretchSigma, parcel.node.key, day, 1);
    if (stretch > 1) note(parcel, 'long_road');
    return instantAt(zone, day, rule.windowStart) + position * this.f.courier.plannedRouteHours * HOUR * stretch;
  }

  /** A carrier collects at the node's pickup, carries for the lane's days, sometimes more. */
  private carrierDelivery(parcel: Parcel, ready: number): number | null {
    const { node, service } = parcel;
    const o = parcel.order.outcome;
    const key = parcel.order.arrival.index;
    const rule = SERVICES[service];
    const origin = node.node.timeZone;
    const destZone = parcel.order.arrival.timeZone;
    const first = localDayOf(origin, ready);
    let collectionDay: number | null = null;
    for (let day = first; day < first + HORIZON_DAYS; day++) {
      if (!rule.collectsOn(day) || this.closedOn(parcel, day)) continue;
      if (node.pickupMinutes >= 0 && ready > instantAt(origin, day, node.pickupMinutes)) continue;
      if (this.r.pickup.chance(this.f.pickupMissed[o.season], node.key, day)) {
        note(parcel, 'pickup_missed');
        continue;
      }
      collectionDay = day;
      break;
    }
    if (collectionDay === null) return null;
    const from = regionOfZone(origin) ?? 'contiguous';
    const to = regionOfZone(destZone) ?? 'contiguous';
    const lane = rule.transit(parcel.distanceKm, from, to);
    if (!lane) return null;
    const t = this.r.transit;
    let days = lane[0] + Math.floor(t.u(key, parcel.slot, 0) * (lane[1] - lane[0] + 1));
    const onTime = this.f.carrierOnTime[service as 'next_day' | 'two_day' | 'standard'][o.season];
    if (!t.chance(onTime, key, parcel.slot, 1)) {
      note(parcel, 'transit_late');
      const [one, two] = this.f.carrierLateDays;
      const u = t.u(key, parcel.slot, 2);
      days += u < one ? 1 : u < one + two ? 2 : 3;
    }
    const saturday = node.node.saturdayDelivery === true && rule.saturdayOption;
    let day = addCarrierDays(collectionDay, days, saturday);
    if (this.r.attempt.chance(this.f.failedAttempt[service as 'next_day' | 'two_day' | 'standard'], key, parcel.slot)) {
      note(parcel, 'failed_attempt');
      day = addCarrierDays(day, 1, saturday);
    }
    // Carriers deliver through the day; the window is the whole delivery day.
    return instantAt(destZone, day, 9 * 60) + t.u(key, parcel.slot, 3) * 10 * HOUR;
  }
}

function note(parcel: Parcel, cause: Cause): void {
  if (!parcel.outcome.causes.includes(cause)) parcel.outcome.causes.push(cause);
}

/**
 * The day a carrier parcel arrives `days` delivery days after `day`: business days, and with
 * Saturday delivery a Saturday for the last day (the engine's own rule, docs/promise-model.md).
 */
export function addCarrierDays(day: number, days: number, saturday: boolean): number {
  let remaining = days;
  while (remaining > 0) {
    day++;
    if (isBusinessDay(day)) remaining--;
    else if (saturday && remaining === 1 && isoWeekday(day) === 6 && !isCarrierHoliday(day)) return day;
  }
  return day;
}
