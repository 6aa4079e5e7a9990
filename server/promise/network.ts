/**
 * The in-memory picture of a merchant's network: nodes in a spatial index, and available stock
 * per SKU. The promise engine reads only this, never the database (DESIGN.md §8).
 */
import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';
import type { NetworkNode, ServiceId } from './types.js';
import { SERVICE_IDS } from '../../contract/primitives.js';
import { parseIsoDay, parseTimeOfDay } from './time.js';
import { validateNode } from './validate.js';

/** Below this many stocked nodes, a SKU's own list is walked instead of the spatial index. */
const SPARSE_SKU_NODES = 256;

/** A node with its rules parsed once, so the engine never parses text per request. */
export interface CompiledNode {
  node: NetworkNode;
  /** Cut-off per service (indexed like SERVICE_IDS) in local minutes, or -1 when not offered. */
  cutoffMinutes: number[];
  handlingMs: number;
  /** Bit (1 << isoWeekday) set for each weekday the node is closed. */
  closedWeekdayMask: number;
  closedDays: ReadonlySet<number>;
}

export const serviceIndex = (service: ServiceId): number => SERVICE_IDS.indexOf(service);

function compile(node: NetworkNode): CompiledNode {
  let mask = 0;
  for (const d of node.calendar.closedWeekdays) mask |= 1 << d;
  const closedDays = new Set<number>();
  for (const text of node.calendar.closedDates) {
    const day = parseIsoDay(text);
    if (day !== null) closedDays.add(day);
  }
  return {
    node,
    cutoffMinutes: SERVICE_IDS.map((s) => {
      const text = node.cutoffs[s];
      return text === undefined ? -1 : (parseTimeOfDay(text) ?? -1);
    }),
    handlingMs: node.handlingMinutes * 60_000,
    closedWeekdayMask: mask,
    closedDays,
  };
}

export interface StockedNode {
  node: CompiledNode;
  /** Index of the node in the network's node array. */
  index: number;
  distanceKm: number;
}

export class Network {
  private nodes: NetworkNode[] = [];
  private compiled: CompiledNode[] = [];
  /** Per service index: zone → the latest cut-off (local minutes) of any node there. */
  private latestCutoffs: Map<string, number>[] = [];
  private indexById = new Map<string, number>();
  private spatial: KDBush | null = null;
  /** sku → (node index → available units), holding only entries with available > 0. */
  private stock = new Map<string, Map<number, number>>();
  /** Every (sku, node) level known, available or not, so a node change can rebuild `stock`. */
  private levels = new Map<string, Map<string, number>>();
  private version = 0;

  constructor(nodes: Iterable<NetworkNode> = []) {
    this.replaceNodes(nodes);
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

  allNodes(): readonly NetworkNode[] {
    return this.nodes;
  }

  compiledAt(index: number): CompiledNode {
    return this.compiled[index]!;
  }

  /** Zone → latest cut-off (local minutes) among nodes offering the service there. */
  latestCutoffsFor(service: ServiceId): ReadonlyMap<string, number> {
    return this.latestCutoffs[serviceIndex(service)] ?? new Map();
  }

  /** Replaces the whole set of nodes; stock of nodes that remain is kept. */
  replaceNodes(nodes: Iterable<NetworkNode>): void {
    const list = [...nodes];
    for (const n of list) validateNode(n);
    this.nodes = list;
    this.compiled = list.map(compile);
    this.latestCutoffs = SERVICE_IDS.map((_, si) => {
      const perZone = new Map<string, number>();
      for (const c of this.compiled) {
        const cut = c.cutoffMinutes[si]!;
        if (cut >= 0 && cut > (perZone.get(c.node.timeZone) ?? -1)) perZone.set(c.node.timeZone, cut);
      }
      return perZone;
    });
    this.indexById = new Map(list.map((n, i) => [n.id, i]));
    if (list.length > 0) {
      const index = new KDBush(list.length);
      for (const n of list) index.add(n.lng, n.lat);
      index.finish();
      this.spatial = index;
    } else {
      this.spatial = null;
    }
    this.stock.clear();
    for (const [sku, perNode] of this.levels) {
      for (const [nodeId, available] of perNode) this.writeStock(sku, nodeId, available);
    }
    this.version++;
  }

  /** Adds a node or replaces the one with the same id. */
  upsertNode(node: NetworkNode): void {
    const others = this.nodes.filter((n) => n.id !== node.id);
    this.replaceNodes([...others, node]);
  }

  removeNode(id: string): void {
    for (const perNode of this.levels.values()) perNode.delete(id);
    this.replaceNodes(this.nodes.filter((n) => n.id !== id));
  }

  /**
   * Sets what a node can promise of a SKU. Available = on hand − reserved: reserved stock is
   * never promised.
   */
  setStock(nodeId: string, sku: string, onHand: number, reserved = 0): void {
    const available = Math.max(0, Math.floor(onHand) - Math.floor(reserved));
    let perNode = this.levels.get(sku);
    if (!perNode) {
      perNode = new Map();
      this.levels.set(sku, perNode);
    }
    perNode.set(nodeId, available);
    this.writeStock(sku, nodeId, available);
    this.version++;
  }

  /** Units of `sku` that node `nodeId` can promise now. */
  available(nodeId: string, sku: string): number {
    const i = this.indexById.get(nodeId);
    if (i === undefined) return 0;
    return this.stock.get(sku)?.get(i) ?? 0;
  }

  availableAt(index: number, sku: string): number {
    return this.stock.get(sku)?.get(index) ?? 0;
  }

  /** How many nodes hold some of `sku`. */
  stockedCount(sku: string): number {
    return this.stock.get(sku)?.size ?? 0;
  }

  /**
   * Nodes within `radiusKm` of a point that pass `accept`, nearest first, from the spatial index.
   */
  nodesWithin(lat: number, lng: number, radiusKm: number, accept: (index: number) => boolean): StockedNode[] {
    if (!this.spatial) return [];
    const ids = around(this.spatial, lng, lat, Infinity, radiusKm, (i) => accept(i));
    return ids.map((index) => this.stockedNode(index, lat, lng));
  }

  /**
   * Walks nodes that hold `sku` nearest first, calling `visit` until it returns false. Sparse
   * SKUs walk their own stock list; common ones walk the spatial index with a stock filter.
   */
  walkStockedNearest(
    sku: string,
    lat: number,
    lng: number,
    accept: (index: number) => boolean,
    visit: (candidate: StockedNode) => boolean,
  ): void {
    const perNode = this.stock.get(sku);
    if (!perNode || perNode.size === 0 || !this.spatial) return;
    if (perNode.size <= SPARSE_SKU_NODES) {
      const list: StockedNode[] = [];
      for (const index of perNode.keys()) if (accept(index)) list.push(this.stockedNode(index, lat, lng));
      list.sort((a, b) => a.distanceKm - b.distanceKm);
      for (const c of list) if (!visit(c)) return;
      return;
    }
    // geokdbush yields in order of distance; stop early by asking for results in growing batches.
    let want = 16;
    let seen = 0;
    for (;;) {
      const ids = around(this.spatial, lng, lat, want, Infinity, (i) => perNode.has(i) && accept(i));
      for (let k = seen; k < ids.length; k++) {
        if (!visit(this.stockedNode(ids[k]!, lat, lng))) return;
      }
      if (ids.length < want) return;
      seen = ids.length;
      want *= 4;
    }
  }

  private stockedNode(index: number, lat: number, lng: number): StockedNode {
    const node = this.compiled[index]!;
    return { node, index, distanceKm: distanceKm(lat, lng, node.node.lat, node.node.lng) };
  }

  private writeStock(sku: string, nodeId: string, available: number): void {
    const i = this.indexById.get(nodeId);
    if (i === undefined) return;
    let perNode = this.stock.get(sku);
    if (available > 0) {
      if (!perNode) {
        perNode = new Map();
        this.stock.set(sku, perNode);
      }
      perNode.set(i, available);
    } else if (perNode) {
      perNode.delete(i);
      if (perNode.size === 0) this.stock.delete(sku);
    }
  }
}

/** Great-circle distance in kilometres (the same measure the spatial index uses). */
export function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  return distance(lng1, lat1, lng2, lat2);
}
