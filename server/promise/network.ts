/**
 * The in-memory picture of a merchant's network: nodes in a spatial index, and available stock
 * per SKU with a spatial index of its own. The promise engine reads only this, never the
 * database (docs/ARCHITECTURE.md, "Live stock").
 */
import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';
import { NODE_KINDS, SERVICE_IDS, type NetworkNode, type ServiceId } from './types.js';
import { parseIsoDay, parseTimeOfDay } from './time.js';
import { validateNode } from './validate.js';
import { regionOfZone, type Region } from './regions.js';
import { NO_BUFFERS, bufferProblems, holdsSafetyStock, type PromiseBuffers } from './buffers.js';
import { SERVICES } from './services.js';

/** Up to this many holders, a SKU's holders are ranked directly; above it, through its k-d tree. */
const SPARSE_SKU_NODES = 256;
/** Kilometres per degree of latitude (a lower bound, for the box around a radius query). */
const KM_PER_DEGREE = 110.5;
const RAD = Math.PI / 180;

/** A node with its rules parsed once, so the engine never parses text per request. */
export interface CompiledNode {
  node: NetworkNode;
  /** Cut-off per service (indexed like SERVICE_IDS) in local minutes, or -1 when not offered. */
  cutoffMinutes: number[];
  /** Bit (1 << service index) set for each service the node offers: a cut-off, and a kind it collects from. */
  offered: number;
  /** Handling as stated: gig drivers and couriers, whose windows are hours long, collect when ready. */
  handlingMs: number;
  /**
   * Handling a carrier parcel is planned with: the node's own history, else stated × its kind's
   * buffer factor. A slow pick that misses the carrier's pickup loses a day; that is what it guards.
   */
  carrierHandlingMs: number;
  /** Bit (1 << isoWeekday) set for each weekday the node is closed. */
  closedWeekdayMask: number;
  closedDays: ReadonlySet<number>;
  /** Per service index, the dates that service does not run from the node (undefined: none). */
  serviceClosedDays: Array<ReadonlySet<number> | undefined>;
  /** Carrier pickup, local minutes, or -1: collected whenever a parcel is ready. */
  pickupMinutes: number;
  /** Next-day air cut-off, local minutes, or -1: next-day by ground only. */
  airCutoffMinutes: number;
  saturdayDelivery: boolean;
  region: Region;
  /** Orders per local day per service index, or -1: unlimited. */
  capacity: Int32Array;
  /** Per service index, local day → orders already taken on it (shared with the network). */
  used: Array<Map<number, number> | undefined>;
  /** Per service index, delivery days of slack added to a window's end: normal season, then peak. */
  slackNormal: Int8Array;
  slackPeak: Int8Array;
  /**
   * Per service index, how many of the node's own deliveries its promises on that service rest on
   * (its slack, or for carriers its handling, calibrated from them); 0: none.
   */
  history: Int32Array;
}

/**
 * What a node's own recent deliveries say (docs/ARCHITECTURE.md, "Promises from history"): how
 * long it really takes to hand a parcel over, and per service how many days after the planned
 * day its parcels arrive. Given only once there are enough of them to trust.
 */
export interface NodeHistory {
  /** How many deliveries the figures come from. */
  deliveries: number;
  /** The handling carrier parcels are planned with instead of the stated one × its kind's factor, minutes. */
  handlingMinutes?: number;
  /** Per service, delivery days of slack in normal season instead of the buffers' (peak adds the buffers' difference). */
  slackDays?: Partial<Record<ServiceId, number>>;
}

/** Slots per node in the engine's cut-off memo: one per service, and one for next-day air. */
export const CUTOFF_SLOTS = SERVICE_IDS.length + 1;
/**
 * Numbers per slot: the instant from which it holds, the node's next cut-off (it holds until that
 * passes), that cut-off's collection (NaN: none), the cut-off after it (-Infinity: not asked yet;
 * NaN: none) and that one's collection (NaN: none). NaN `from`: nothing remembered.
 */
export const CUTOFF_MEMO_FIELDS = 5;

const SERVICE_INDEX = Object.fromEntries(SERVICE_IDS.map((s, i) => [s, i])) as Record<ServiceId, number>;
export const serviceIndex = (service: ServiceId): number => SERVICE_INDEX[service];

function compile(node: NetworkNode, buffers: PromiseBuffers, history: NodeHistory | undefined): CompiledNode {
  let mask = 0;
  for (const d of node.calendar.closedWeekdays) mask |= 1 << d;
  const closedDays = new Set<number>();
  for (const text of node.calendar.closedDates) {
    const day = parseIsoDay(text);
    if (day !== null) closedDays.add(day);
  }
  const minutes = (text: string | undefined) => (text === undefined ? -1 : (parseTimeOfDay(text) ?? -1));
  // A cut-off brought forward (buffers) never moves before midnight.
  const cutoff = (s: ServiceId) => {
    const m = minutes(node.cutoffs[s]);
    return m < 0 ? -1 : Math.max(0, m - buffers.earlierCutoffMinutes[s]);
  };
  const cutoffMinutes = SERVICE_IDS.map(cutoff);
  let offered = 0;
  SERVICE_IDS.forEach((s, si) => {
    if (cutoffMinutes[si]! >= 0 && SERVICES[s].kinds.has(node.kind)) offered |= 1 << si;
  });
  const carrierHandlingMinutes = history?.handlingMinutes ?? Math.ceil(node.handlingMinutes * buffers.handlingFactor[node.kind]);
  const slack = (season: 'normal' | 'peak') =>
    Int8Array.from(SERVICE_IDS, (s) => {
      const planned = buffers.slackDays[s];
      const own = history?.slackDays?.[s];
      if (own === undefined) return planned[season];
      return season === 'normal' ? own : own + Math.max(0, planned.peak - planned.normal);
    });
  return {
    serviceClosedDays: SERVICE_IDS.map((s) => {
      const dates = node.serviceClosedDates?.[s];
      if (!dates || dates.length === 0) return undefined;
      return new Set(dates.map(parseIsoDay).filter((d): d is number => d !== null));
    }),
    pickupMinutes: minutes(node.carrierPickup),
    airCutoffMinutes: minutes(node.airCutoff),
    saturdayDelivery: node.saturdayDelivery === true,
    // A node in a zone outside the US list (tests, simulations) ships like a contiguous one.
    region: regionOfZone(node.timeZone) ?? 'contiguous',
    capacity: Int32Array.from(SERVICE_IDS, (s) => node.capacities?.[s] ?? -1),
    used: [],
    node,
    cutoffMinutes,
    offered,
    handlingMs: node.handlingMinutes * 60_000,
    carrierHandlingMs: carrierHandlingMinutes * 60_000,
    closedWeekdayMask: mask,
    closedDays,
    slackNormal: slack('normal'),
    slackPeak: slack('peak'),
    history: Int32Array.from(SERVICE_IDS, (s) => {
      if (!history) return 0;
      const used = history.slackDays?.[s] !== undefined || (history.handlingMinutes !== undefined && SERVICES[s].carrier);
      return used ? history.deliveries : 0;
    }),
  };
}

export interface StockedNode {
  node: CompiledNode;
  /** Index of the node in the network's node array. */
  index: number;
  distanceKm: number;
}

/** Coordinates of every node in flat arrays, by node index: dense memory for the hot loops. */
interface Coordinates {
  lat: Float64Array;
  lng: Float64Array;
  cosLat: Float64Array;
}

/** Where one SKU is available: the per-SKU stock index. */
class SkuStock {
  /** node index → available units; only entries with available > 0. */
  readonly units = new Map<number, number>();
  private holders: Int32Array | null = null;
  private tree: KDBush | null = null;
  private sweep: LongitudeSweep | null = null;

  set(index: number, available: number): void {
    const had = this.units.has(index);
    if (available > 0) {
      this.units.set(index, available);
      if (!had) this.changed();
    } else if (had) {
      this.units.delete(index);
      this.changed();
    }
  }

  /** The node indexes holding the SKU, packed; rebuilt after the set of holders changes. */
  holderIndexes(): Int32Array {
    this.holders ??= Int32Array.from(this.units.keys());
    return this.holders;
  }

  /** A k-d tree over the holders; point k of the tree is `holderIndexes()[k]`. */
  spatial(coords: Coordinates): KDBush {
    if (!this.tree) {
      const holders = this.holderIndexes();
      const tree = new KDBush(holders.length, 16);
      for (const i of holders) tree.add(coords.lng[i]!, coords.lat[i]!);
      tree.finish();
      this.tree = tree;
    }
    return this.tree;
  }

  /** The holders sorted by longitude, their coordinates packed beside them (the sparse ranking's sweep). */
  byLongitude(coords: Coordinates): LongitudeSweep {
    if (!this.sweep) {
      const holders = Array.from(this.holderIndexes());
      holders.sort((x, y) => coords.lng[x]! - coords.lng[y]! || x - y);
      let minCosLat = 1;
      for (const i of holders) minCosLat = Math.min(minCosLat, coords.cosLat[i]!);
      this.sweep = {
        index: Int32Array.from(holders),
        lat: Float64Array.from(holders, (i) => coords.lat[i]!),
        lng: Float64Array.from(holders, (i) => coords.lng[i]!),
        cosLat: Float64Array.from(holders, (i) => coords.cosLat[i]!),
        minCosLat: Math.max(0, minCosLat),
      };
    }
    return this.sweep;
  }

  private changed(): void {
    this.holders = null;
    this.tree = null;
    this.sweep = null;
  }
}

/** A SKU's holders by longitude, west to east, with their coordinates (by the same position). */
interface LongitudeSweep {
  /** Node index of each holder. */
  index: Int32Array;
  lat: Float64Array;
  lng: Float64Array;
  cosLat: Float64Array;
  /** The smallest cos(latitude) of any holder: what bounds the longitude term from below. */
  minCosLat: number;
}

/** Below this share of the bound, a ranked holder is surely nearer than every one not yet weighed. */
const BOUND_MARGIN = 1 - 1e-9;

/**
 * A SKU's holders ranked by the haversine term (the distance's order, without the arc sine), lazily:
 * from the shopper's longitude outwards both ways, each holder weighed into a heap, and the heap's
 * nearest given out once no holder not yet weighed can be nearer. Those lie on the arc between the
 * two sweeps, whose longitude term alone is at least the smaller of the two ends' (sin² of half the
 * longitude difference grows to 180° and falls after it, so its least on an arc is at an end), times
 * the shopper's and the holders' least cos(latitude). A nearby shopper weighs the holders of a
 * narrow band of longitude, not every holder. Equal terms go by node index.
 */
class LongitudeRanking {
  private readonly cosLat: number;
  /** A binary heap of weighed holders: term and node index, by the same position. */
  private readonly terms: number[] = [];
  private readonly nodes: number[] = [];
  private west: number;
  private east: number;
  /** Holders not weighed yet: the arc from `east` eastwards round to `west`. */
  private unweighed: number;
  private westBound = 0;
  private eastBound = 0;

  constructor(
    private readonly sweep: LongitudeSweep,
    private readonly lat: number,
    private readonly lng: number,
  ) {
    this.cosLat = Math.cos(lat * RAD);
    const n = sweep.index.length;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sweep.lng[mid]! < lng) lo = mid + 1;
      else hi = mid;
    }
    this.east = lo % n;
    this.west = (lo - 1 + n) % n;
    this.unweighed = n;
    if (n > 0) {
      this.eastBound = this.bound(this.east);
      this.westBound = this.bound(this.west);
    }
  }

  /** The next nearest holder's node index, or -1 past the last. */
  next(): number {
    for (;;) {
      if (this.unweighed === 0) return this.pop();
      const least = Math.min(this.westBound, this.eastBound);
      if (this.terms.length > 0 && this.terms[0]! < least * BOUND_MARGIN) return this.pop();
      const n = this.sweep.index.length;
      if (this.eastBound <= this.westBound) {
        this.weigh(this.east);
        this.east = (this.east + 1) % n;
        if (--this.unweighed > 0) this.eastBound = this.bound(this.east);
      } else {
        this.weigh(this.west);
        this.west = (this.west - 1 + n) % n;
        if (--this.unweighed > 0) this.westBound = this.bound(this.west);
      }
    }
  }

  /** The least term any holder at or past position k (in its sweep's direction) can have. */
  private bound(k: number): number {
    const b = Math.sin((this.sweep.lng[k]! - this.lng) * (RAD / 2));
    return this.cosLat * this.sweep.minCosLat * b * b;
  }

  private weigh(k: number): void {
    const { sweep } = this;
    const a = Math.sin((sweep.lat[k]! - this.lat) * (RAD / 2));
    const b = Math.sin((sweep.lng[k]! - this.lng) * (RAD / 2));
    const term = a * a + this.cosLat * sweep.cosLat[k]! * b * b;
    const node = sweep.index[k]!;
    const { terms, nodes } = this;
    let pos = terms.length;
    terms.push(term);
    nodes.push(node);
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (!before(term, node, terms[parent]!, nodes[parent]!)) break;
      terms[pos] = terms[parent]!;
      nodes[pos] = nodes[parent]!;
      pos = parent;
    }
    terms[pos] = term;
    nodes[pos] = node;
  }

  private pop(): number {
    const { terms, nodes } = this;
    if (terms.length === 0) return -1;
    const top = nodes[0]!;
    const term = terms.pop()!;
    const node = nodes.pop()!;
    const length = terms.length;
    if (length > 0) {
      let pos = 0;
      for (;;) {
        let child = 2 * pos + 1;
        if (child >= length) break;
        if (child + 1 < length && before(terms[child + 1]!, nodes[child + 1]!, terms[child]!, nodes[child]!)) child++;
        if (!before(terms[child]!, nodes[child]!, term, node)) break;
        terms[pos] = terms[child]!;
        nodes[pos] = nodes[child]!;
        pos = child;
      }
      terms[pos] = term;
      nodes[pos] = node;
    }
    return top;
  }
}

function before(term: number, node: number, otherTerm: number, otherNode: number): boolean {
  return term < otherTerm || (term === otherTerm && node < otherNode);
}

/**
 * The nodes holding one SKU, nearest a point first, produced lazily: most promises stop after a
 * few nodes, so the order is never computed further than asked. Several services reading the
 * same list share the work.
 */
export class NearestHolders {
  private readonly seen: StockedNode[] = [];
  private readonly more: () => StockedNode | undefined;

  constructor(more: () => StockedNode | undefined) {
    this.more = more;
  }

  /** The k-th nearest holder (0-based), or undefined past the last. */
  at(k: number): StockedNode | undefined {
    while (this.seen.length <= k) {
      const next = this.more();
      if (!next) return undefined;
      this.seen.push(next);
    }
    return this.seen[k];
  }
}

export class Network {
  private nodes: NetworkNode[] = [];
  private compiled: CompiledNode[] = [];
  private coords: Coordinates = { lat: new Float64Array(0), lng: new Float64Array(0), cosLat: new Float64Array(0) };
  /** Each node's `offered` bits, by index: dense memory for the walks that skip nodes by service. */
  private offeredMasks = new Uint8Array(0);
  /** Per service index: zone → the latest cut-off (local minutes) of any node there. */
  private latestCutoffs: Map<string, number>[] = [];
  private offshore = false;
  private slack = false;
  private memo = new Float64Array(0);
  private saturday = false;
  private air = false;
  private indexById = new Map<string, number>();
  /** A k-d tree over every node, built on the first radius query after a node change. */
  private spatial: KDBush | null = null;
  /** sku → the nodes holding it (available > 0). */
  private stock = new Map<string, SkuStock>();
  /** node id → sku → on hand − reserved, for stock set before its node joined the network. */
  private pending = new Map<string, Map<string, number>>();
  /**
   * node id → sku → on hand − reserved, kept only while some node kind holds safety stock: the
   * stock index then holds less, and a change of safety stock starts again from these. Without
   * safety stock the index holds the same numbers, so nothing more is kept or written.
   */
  private unreserved: Map<string, Map<string, number>> | null = null;
  /** Units each node holds back (its kind's safety stock), by node index. */
  private safetyAt = new Uint32Array(0);
  /** node id → per service index, local day → orders taken: kept across node changes. */
  private usage = new Map<string, Array<Map<number, number> | undefined>>();
  private version = 0;
  private bufferSet: PromiseBuffers;
  private historyMap: ReadonlyMap<string, NodeHistory> = new Map();

  /** `buffers`: how much slower promises are made so that they are kept (default: none). */
  constructor(nodes: Iterable<NetworkNode> = [], buffers: PromiseBuffers = NO_BUFFERS) {
    this.bufferSet = checkedBuffers(buffers);
    if (holdsSafetyStock(this.bufferSet)) this.unreserved = new Map();
    this.replaceNodes(nodes);
  }

  get buffers(): PromiseBuffers {
    return this.bufferSet;
  }

  /** Changes the buffers every promise is made with (the nodes are compiled again). */
  setBuffers(buffers: PromiseBuffers): void {
    const before = this.bufferSet.safetyStock;
    this.bufferSet = checkedBuffers(buffers);
    this.recompile();
    if (NODE_KINDS.some((k) => before[k] !== buffers.safetyStock[k])) this.restock();
  }

  /**
   * Writes every node's available stock again from on hand − reserved after the safety stock
   * changed. Without safety stock before, the index itself held on hand − reserved.
   */
  private restock(): void {
    let unreserved = this.unreserved;
    if (!unreserved) {
      unreserved = new Map();
      for (const [sku, held] of this.stock) {
        for (const [index, units] of held.units) {
          const id = this.nodes[index]!.id;
          let perSku = unreserved.get(id);
          if (!perSku) unreserved.set(id, (perSku = new Map()));
          perSku.set(sku, units);
        }
      }
    }
    this.stock = new Map();
    for (const [nodeId, perSku] of unreserved) {
      const index = this.indexById.get(nodeId);
      if (index === undefined) continue;
      for (const [sku, units] of perSku) this.writeStock(sku, nodeId, units - this.safetyAt[index]!);
    }
    this.unreserved = holdsSafetyStock(this.bufferSet) ? unreserved : null;
    this.version++;
  }

  /** The history each node is calibrated from, by node id (replacing what was there). */
  setHistories(histories: ReadonlyMap<string, NodeHistory>): void {
    this.historyMap = histories;
    this.recompile();
  }

  /** The history each node is calibrated from, by node id. */
  get histories(): ReadonlyMap<string, NodeHistory> {
    return this.historyMap;
  }

  /** Bumped on every change; lets callers cache answers per network state. */
  get revision(): number {
    return this.version;
  }

  get size(): number {
    return this.nodes.length;
  }

  node(id: string): NetworkNode | undefined {
    const i = this.indexById.get(id);
    return i === undefined ? undefined : this.nodes[i];
  }

  /** The node's index in the network's arrays, or undefined. */
  indexOf(id: string): number | undefined {
    return this.indexById.get(id);
  }

  allNodes(): readonly NetworkNode[] {
    return this.nodes;
  }

  compiledAt(index: number): CompiledNode {
    return this.compiled[index]!;
  }

  /**
   * The engine's memo of each node's next cut-off per slot (`CUTOFF_SLOTS` × `CUTOFF_MEMO_FIELDS`
   * numbers per node, by node index), forgotten when the node's capacity use changes: flat, so
   * that reading a candidate's costs one memory read, not three.
   */
  get cutoffMemo(): Float64Array {
    return this.memo;
  }

  /** Whether the node at `index` offers the service of index `si` (a cut-off, and its kind). */
  offersAt(index: number, si: number): boolean {
    return (this.offeredMasks[index]! & (1 << si)) !== 0;
  }

  /** Zone → latest cut-off (local minutes) among nodes offering the service there. */
  latestCutoffsFor(service: ServiceId): ReadonlyMap<string, number> {
    return this.latestCutoffs[serviceIndex(service)] ?? new Map();
  }

  /** Whether any node lies outside the contiguous states (its lanes do not follow distance). */
  get hasOffshoreNodes(): boolean {
    return this.offshore;
  }

  /** Whether any node adds slack to a window's end, in either season (buffers or its history). */
  get hasSlack(): boolean {
    return this.slack;
  }

  /** Whether any node flies next-day parcels (has an air cut-off). */
  get hasAirCutoffs(): boolean {
    return this.air;
  }

  /** Whether any node delivers express parcels on Saturdays. */
  get hasSaturdayDelivery(): boolean {
    return this.saturday;
  }

  /** Replaces the whole set of nodes; stock of nodes that remain is kept. */
  replaceNodes(nodes: Iterable<NetworkNode>): void {
    const list = [...nodes];
    for (const n of list) validateNode(n);
    if (new Set(list.map((n) => n.id)).size !== list.length) throw new Error('Node ids must be unique');
    this.compileNodes(list);
    this.coords = {
      lat: Float64Array.from(list, (n) => n.lat),
      lng: Float64Array.from(list, (n) => n.lng),
      cosLat: Float64Array.from(list, (n) => Math.cos(n.lat * RAD)),
    };
    const previous = this.nodes;
    this.nodes = list;
    this.indexById = new Map(list.map((n, i) => [n.id, i]));
    this.spatial = null;
    // Carry each holder's stock over to its new index; a node that left takes its stock along.
    const before = this.stock;
    this.stock = new Map();
    if (this.unreserved) {
      // Safety stock: from on hand − reserved, as the node's kind may have changed.
      for (const [nodeId, perSku] of this.unreserved) {
        if (!this.indexById.has(nodeId)) this.unreserved.delete(nodeId);
        else for (const [sku, units] of perSku) this.writeUnreserved(sku, nodeId, units);
      }
    } else {
      for (const [sku, held] of before) {
        for (const [oldIndex, available] of held.units) this.writeStock(sku, previous[oldIndex]!.id, available);
      }
    }
    for (const [nodeId, perSku] of this.pending) {
      if (!this.indexById.has(nodeId)) continue;
      for (const [sku, units] of perSku) this.writeUnreserved(sku, nodeId, units);
      this.pending.delete(nodeId);
    }
    this.version++;
  }

  /**
   * Compiles the same nodes again (new buffers or histories): each keeps its index, so stock and
   * its spatial indexes stay as they are and need no `prepare()`; the cut-off memo starts afresh.
   */
  private recompile(): void {
    this.compileNodes(this.nodes);
    this.version++;
  }

  /** The nodes' rules parsed with the buffers and histories, and what the engine reads of them all. */
  private compileNodes(list: NetworkNode[]): void {
    this.compiled = list.map((n) => compile(n, this.bufferSet, this.historyMap.get(n.id)));
    this.safetyAt = Uint32Array.from(list, (n) => this.bufferSet.safetyStock[n.kind]);
    for (const c of this.compiled) c.used = this.usageOf(c.node.id);
    this.offeredMasks = Uint8Array.from(this.compiled, (c) => c.offered);
    this.memo = new Float64Array(list.length * CUTOFF_SLOTS * CUTOFF_MEMO_FIELDS).fill(NaN);
    this.latestCutoffs = SERVICE_IDS.map((_, si) => {
      const perZone = new Map<string, number>();
      for (const c of this.compiled) {
        // Next-day's search bound must also hold for parcels that fly on the air cut-off.
        const cut =
          c.cutoffMinutes[si]! < 0 ? -1 : Math.max(c.cutoffMinutes[si]!, SERVICE_IDS[si] === 'next_day' ? c.airCutoffMinutes : -1);
        if (cut >= 0 && cut > (perZone.get(c.node.timeZone) ?? -1)) perZone.set(c.node.timeZone, cut);
      }
      return perZone;
    });
    this.offshore = this.compiled.some((c) => c.region !== 'contiguous');
    this.slack = this.compiled.some((c) => c.slackNormal.some((d) => d > 0) || c.slackPeak.some((d) => d > 0));
    this.saturday = this.compiled.some((c) => c.saturdayDelivery);
    this.air = this.compiled.some((c) => c.airCutoffMinutes >= 0);
  }

  /** Adds a node or replaces the one with the same id. */
  upsertNode(node: NetworkNode): void {
    const others = this.nodes.filter((n) => n.id !== node.id);
    this.replaceNodes([...others, node]);
  }

  removeNode(id: string): void {
    this.pending.delete(id);
    this.usage.delete(id);
    this.replaceNodes(this.nodes.filter((n) => n.id !== id));
  }

  /**
   * Sets what a node can promise of a SKU. Available = on hand − reserved − the node kind's
   * safety stock (never below 0): reserved stock is never promised, nor a store's last units
   * when the buffers hold them back.
   */
  setStock(nodeId: string, sku: string, onHand: number, reserved = 0): void {
    const units = Math.max(0, Math.floor(onHand) - Math.floor(reserved));
    if (this.indexById.has(nodeId)) {
      this.writeUnreserved(sku, nodeId, units);
    } else {
      let perSku = this.pending.get(nodeId);
      if (!perSku) this.pending.set(nodeId, (perSku = new Map()));
      perSku.set(sku, units);
    }
    this.version++;
  }

  /** Writes a known node's on hand − reserved: kept when safety stock is held, and less it promised. */
  private writeUnreserved(sku: string, nodeId: string, units: number): void {
    if (this.unreserved) {
      let perSku = this.unreserved.get(nodeId);
      if (!perSku) this.unreserved.set(nodeId, (perSku = new Map()));
      perSku.set(sku, units);
      units -= this.safetyAt[this.indexById.get(nodeId)!]!;
    }
    this.writeStock(sku, nodeId, units);
  }

  /**
   * Sets how many orders a node has taken on a service for one of its local dates (YYYY-MM-DD):
   * the capacity a hold consumes. Only days of services with a capacity matter.
   */
  setCapacityUse(nodeId: string, service: ServiceId, date: string, used: number): void {
    const day = parseIsoDay(date);
    if (day === null) throw new Error(`Capacity date "${date}" is not YYYY-MM-DD`);
    const perService = this.usageOf(nodeId);
    const si = serviceIndex(service);
    let days = perService[si];
    if (!days) perService[si] = days = new Map();
    if (used > 0) days.set(day, Math.floor(used));
    else days.delete(day);
    this.forgetCutoffs(nodeId);
    this.version++;
  }

  /** Replaces every node's capacity use at once (a reload from the database). */
  replaceCapacityUse(rows: Iterable<{ nodeId: string; service: ServiceId; date: string; used: number }>): void {
    for (const perService of this.usage.values()) perService.length = 0;
    for (const r of rows) this.setCapacityUse(r.nodeId, r.service, r.date, r.used);
    this.memo.fill(NaN);
    this.version++;
  }

  /** Orders a node has taken on a service for a local date (YYYY-MM-DD). */
  capacityUse(nodeId: string, service: ServiceId, date: string): number {
    const day = parseIsoDay(date);
    return day === null ? 0 : (this.usage.get(nodeId)?.[serviceIndex(service)]?.get(day) ?? 0);
  }

  private usageOf(nodeId: string): Array<Map<number, number> | undefined> {
    let perService = this.usage.get(nodeId);
    if (!perService) this.usage.set(nodeId, (perService = []));
    return perService;
  }

  /** A node's remembered next cut-offs may now be full (or free again): recompute them. */
  private forgetCutoffs(nodeId: string): void {
    const i = this.indexById.get(nodeId);
    const size = CUTOFF_SLOTS * CUTOFF_MEMO_FIELDS;
    if (i !== undefined) this.memo.fill(NaN, i * size, (i + 1) * size);
  }

  /**
   * Builds the spatial index of every widely held SKU now rather than on its first promise, so
   * the first shoppers after a load do not pay for it. Indexes rebuild lazily after changes.
   */
  prepare(): void {
    for (const held of this.stock.values()) {
      if (held.units.size > SPARSE_SKU_NODES) held.spatial(this.coords);
      else held.byLongitude(this.coords);
    }
  }

  /** Units of `sku` that node `nodeId` can promise now. */
  available(nodeId: string, sku: string): number {
    const i = this.indexById.get(nodeId);
    if (i === undefined) return 0;
    return this.stock.get(sku)?.units.get(i) ?? 0;
  }

  /** Node index → units of `sku` it can promise now (only nodes holding some), or undefined. */
  unitsOf(sku: string): ReadonlyMap<number, number> | undefined {
    return this.stock.get(sku)?.units;
  }

  availableAt(index: number, sku: string): number {
    return this.stock.get(sku)?.units.get(index) ?? 0;
  }

  /** Units of `sku` every node together can promise now. */
  availableTotal(sku: string): number {
    let total = 0;
    for (const units of this.stock.get(sku)?.units.values() ?? []) total += units;
    return total;
  }

  /** How many nodes hold some of `sku`. */
  stockedCount(sku: string): number {
    return this.stock.get(sku)?.units.size ?? 0;
  }

  /**
   * Nodes within `radiusKm` of a point that pass `accept`, nearest first: a box query on the
   * spatial index of all nodes, then the exact great-circle distance.
   */
  nodesWithin(lat: number, lng: number, radiusKm: number, accept: (index: number) => boolean = () => true): StockedNode[] {
    if (this.nodes.length === 0) return [];
    if (!this.spatial) {
      this.spatial = new KDBush(this.nodes.length);
      for (const n of this.nodes) this.spatial.add(n.lng, n.lat);
      this.spatial.finish();
    }
    const dLat = radiusKm / KM_PER_DEGREE;
    const dLng = radiusKm / (KM_PER_DEGREE * Math.max(0.01, Math.cos(Math.min(89, Math.abs(lat) + dLat) * RAD)));
    const out: StockedNode[] = [];
    for (const index of this.spatial.range(lng - dLng, lat - dLat, lng + dLng, lat + dLat)) {
      if (!accept(index)) continue;
      const candidate = this.stockedNode(index, distanceKm(lat, lng, this.coords.lat[index]!, this.coords.lng[index]!));
      if (candidate.distanceKm <= radiusKm) out.push(candidate);
    }
    return out.sort((a, b) => a.distanceKm - b.distanceKm);
  }

  /**
   * The nodes holding `sku`, nearest a point first, produced lazily. Few holders: swept outwards
   * from the point's longitude (`LongitudeRanking`), so only those in a band of longitude are
   * weighed before the nearest are known. Many: the SKU's own k-d tree walked nearest first.
   */
  nearestHolders(sku: string, lat: number, lng: number): NearestHolders {
    const held = this.stock.get(sku);
    if (!held) return new NearestHolders(() => undefined);
    const { coords } = this;
    if (held.units.size <= SPARSE_SKU_NODES) {
      const ranking = new LongitudeRanking(held.byLongitude(coords), lat, lng);
      return new NearestHolders(() => {
        const i = ranking.next();
        return i < 0 ? undefined : this.stockedNode(i, distanceKm(lat, lng, coords.lat[i]!, coords.lng[i]!));
      });
    }
    const holders = held.holderIndexes();
    const tree = held.spatial(coords);
    let batch: number[] = [];
    let taken = 0;
    let want = 16;
    return new NearestHolders(() => {
      if (taken === batch.length) {
        if (batch.length < want && taken > 0) return undefined;
        if (taken > 0) want *= 4;
        batch = around(tree, lng, lat, want);
        if (taken >= batch.length) return undefined;
      }
      const i = holders[batch[taken++]!]!;
      return this.stockedNode(i, distanceKm(lat, lng, coords.lat[i]!, coords.lng[i]!));
    });
  }

  private stockedNode(index: number, distanceKm: number): StockedNode {
    return { node: this.compiled[index]!, index, distanceKm };
  }

  private writeStock(sku: string, nodeId: string, available: number): void {
    const i = this.indexById.get(nodeId);
    if (i === undefined) return;
    let held = this.stock.get(sku);
    if (!held) {
      if (available <= 0) return;
      held = new SkuStock();
      this.stock.set(sku, held);
    }
    held.set(i, available);
    if (held.units.size === 0) this.stock.delete(sku);
  }
}

/** Great-circle distance in kilometres (the same measure the spatial index uses). */
function checkedBuffers(buffers: PromiseBuffers): PromiseBuffers {
  const problems = bufferProblems(buffers);
  if (problems.length > 0) throw new Error(`Invalid buffers: ${problems.join('; ')}`);
  return buffers;
}

export function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  return distance(lng1, lat1, lng2, lat2);
}
