/**
 * Live stock in memory (`app.networks`): one engine `Network` per merchant, holding its nodes in
 * a spatial index and available units per SKU, so `GET /v1/promise` reads no database.
 *
 * Every write of nodes or stock records a change notice (`app.changes`); this service reloads the
 * changed rows from the database, which stays authoritative (docs/ARCHITECTURE.md, "Live stock"). Reloads for one merchant run one
 * at a time, so an older read never lands after a newer one.
 */
import fp from 'fastify-plugin';
import type { FastifyBaseLogger } from 'fastify';
import type { Queryable } from '../db/port.js';
import { Network, validateNode, type NetworkNode } from '../promise/index.js';
import { listNodes, toNetworkNode } from '../catalog/nodes.repository.js';
import { levelsForMerchant, type LevelRow } from '../inventory/levels.repository.js';
import { heldUntilBySku } from '../inventory/reservations.js';
import { capacityUsage } from '../capacity/capacity.repository.js';
import { deliveryBuffersOf } from '../merchants/merchants.repository.js';
import { buffersOf } from '../merchants/merchant.js';
import { calibrate, recentDeliveries } from './history.js';
import type { Change } from './changes.js';

/** Puts stock rows into a network; returns, per SKU, the nodes that have a row. */
function setLevels(network: Network, levels: LevelRow[]): Map<string, Set<string>> {
  const stocked = new Map<string, Set<string>>();
  for (const l of levels) {
    network.setStock(l.nodeId, l.sku, l.onHand, l.reserved);
    let set = stocked.get(l.sku);
    if (!set) stocked.set(l.sku, (set = new Set()));
    set.add(l.nodeId);
  }
  return stocked;
}

export class NetworkRegistry {
  private networks = new Map<string, Network>();
  /** merchant → sku → nodes that have a stock row, so a vanished row can be zeroed. */
  private stocked = new Map<string, Map<string, Set<string>>>();
  /** merchant → sku → units held by unpaid checkouts, and the earliest instant some may come back. */
  private holds = new Map<string, Map<string, { units: number; until: number | null }>>();
  private queues = new Map<string, Promise<void>>();
  /** merchant → the stock re-read queued behind the one running, and the SKUs it will read. */
  private stockWaiting = new Map<string, { skus: Set<string>; done: Promise<void> }>();
  private readonly empty = new Network();
  /** Bumped each time the change notices stop arriving; a resync only counts if none came since. */
  private lostAt = 0;
  private following = true;

  constructor(
    private readonly db: Queryable,
    private readonly log: FastifyBaseLogger,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Whether this index has heard every change since it was loaded: false from the moment the
   * change notices stop arriving (a lost LISTEN connection) until everything was read again after
   * they came back. A refusal from the index alone is only fair while it is current
   * (docs/ARCHITECTURE.md, "Holds in batches").
   */
  get current(): boolean {
    return this.following;
  }

  /** Other processes' notices may be missed from now on. */
  lost(): void {
    this.lostAt++;
    this.following = false;
  }

  /** Reads everything again after notices were missed; current once that read began after the last loss. */
  async resync(): Promise<void> {
    const since = this.lostAt;
    await this.loadAll();
    if (this.lostAt === since) this.following = true;
  }

  /** The merchant's network as of the last applied change (an empty one if it has none). */
  get(merchantId: string): Network {
    return this.networks.get(merchantId) ?? this.empty;
  }

  /**
   * Units of `sku` held by checkouts not yet paid for, and the earliest instant one of those holds
   * expires (null when unknown): why a product with stock on hand may have nothing to promise.
   */
  held(merchantId: string, sku: string): { units: number; until: number | null } {
    return this.holds.get(merchantId)?.get(sku) ?? { units: 0, until: null };
  }

  /** Records the held units of the SKUs in `levels` (every SKU of `skus`, when given). */
  private recordHolds(merchantId: string, levels: LevelRow[], until: Map<string, number>, skus?: string[]): void {
    const perSku = skus ? (this.holds.get(merchantId) ?? new Map()) : new Map<string, { units: number; until: number | null }>();
    for (const sku of skus ?? []) perSku.delete(sku);
    for (const l of levels) {
      if (l.reserved <= 0) continue;
      const seen = perSku.get(l.sku);
      perSku.set(l.sku, { units: (seen?.units ?? 0) + Math.min(l.reserved, l.onHand), until: until.get(l.sku) ?? null });
    }
    this.holds.set(merchantId, perSku);
  }

  async loadAll(): Promise<void> {
    const rows = await this.db.query<{ merchant_id: string }>('SELECT DISTINCT merchant_id FROM nodes');
    const keep = new Set(rows.map((r) => r.merchant_id));
    for (const id of this.networks.keys()) if (!keep.has(id)) this.networks.delete(id);
    for (const id of keep) await this.rebuild(id);
  }

  /** Rebuilds a merchant's whole network (nodes and stock) and swaps it in. */
  rebuild(merchantId: string): Promise<void> {
    return this.serial(merchantId, async () => {
      const nodes = (await listNodes(this.db, merchantId)).map(toNetworkNode).filter((n) => this.usable(merchantId, n));
      const levels = await levelsForMerchant(this.db, merchantId);
      const until = await heldUntilBySku(this.db, merchantId);
      const network = new Network(nodes, await this.buffers(merchantId));
      const stocked = setLevels(network, levels);
      network.replaceCapacityUse(await this.usage(merchantId));
      network.setHistories(await this.histories(merchantId, nodes));
      this.recordHolds(merchantId, levels, until);
      // Index widely held SKUs now, not on the first shopper's promise.
      network.prepare();
      this.networks.set(merchantId, network);
      this.stocked.set(merchantId, stocked);
    });
  }

  /**
   * Re-reads stock for `skus` (all when absent) from the database: applied for every stock notice,
   * and by checkout when a hold finds less stock than this index had.
   */
  refreshStock(merchantId: string, skus?: string[]): Promise<void> {
    if (!skus || !this.networks.has(merchantId)) return this.rebuild(merchantId);
    // A re-read queued and not begun yet reads these SKUs too: a burst of notices (a flash
    // sale's batches, from every process) costs one read per wait, not one each. It begins
    // after this call, so it sees everything this notice announced.
    const waiting = this.stockWaiting.get(merchantId);
    if (waiting) {
      for (const sku of skus) waiting.skus.add(sku);
      return waiting.done;
    }
    const next = { skus: new Set(skus), done: Promise.resolve() };
    this.stockWaiting.set(merchantId, next);
    next.done = this.serial(merchantId, async () => {
      if (this.stockWaiting.get(merchantId) === next) this.stockWaiting.delete(merchantId);
      await this.readStock(merchantId, [...next.skus]);
    });
    return next.done;
  }

  private async readStock(merchantId: string, skus: string[]): Promise<void> {
    const network = this.networks.get(merchantId);
    if (!network) return;
    const levels = await levelsForMerchant(this.db, merchantId, skus);
    const until = await heldUntilBySku(this.db, merchantId, skus);
    const stocked = this.stocked.get(merchantId) ?? new Map<string, Set<string>>();
    const seen = setLevels(network, levels);
    for (const sku of skus) {
      const now = seen.get(sku) ?? new Set<string>();
      for (const nodeId of stocked.get(sku) ?? []) if (!now.has(nodeId)) network.setStock(nodeId, sku, 0, 0);
      if (now.size > 0) stocked.set(sku, now);
      else stocked.delete(sku);
    }
    this.stocked.set(merchantId, stocked);
    this.recordHolds(merchantId, levels, until, skus);
  }

  /**
   * Re-reads the orders each node has taken per service and day (capacity), as stock is re-read:
   * for every capacity notice, and by checkout when a hold finds a day fuller than this index had.
   */
  refreshCapacity(merchantId: string): Promise<void> {
    if (!this.networks.has(merchantId)) return this.rebuild(merchantId);
    return this.serial(merchantId, async () => {
      const rows = await this.usage(merchantId);
      this.networks.get(merchantId)?.replaceCapacityUse(rows);
    });
  }

  /** Capacity use from two days ago on (no zone is further behind): older days are never promised. */
  private usage(merchantId: string) {
    return capacityUsage(this.db, merchantId, new Date(this.clock() - 2 * 86_400_000).toISOString().slice(0, 10));
  }

  /** Re-reads the merchant's buffers (its own, else none) into its network. */
  refreshBuffers(merchantId: string): Promise<void> {
    if (!this.networks.has(merchantId)) return Promise.resolve();
    return this.serial(merchantId, async () => {
      const buffers = await this.buffers(merchantId);
      const network = this.networks.get(merchantId);
      if (network && network.buffers !== buffers) network.setBuffers(buffers);
    });
  }

  /**
   * Re-reads each node's recent deliveries and calibrates its handling and slack from them
   * (docs/ARCHITECTURE.md, "Promises from history"): at every rebuild and every
   * `HISTORY_REFRESH_MS`. The network changes only when a node's figures did.
   */
  refreshHistory(merchantId: string): Promise<void> {
    if (!this.networks.has(merchantId)) return Promise.resolve();
    return this.serial(merchantId, async () => {
      const network = this.networks.get(merchantId);
      if (!network) return;
      const histories = await this.histories(merchantId, network.allNodes());
      const same =
        histories.size === network.histories.size &&
        [...histories].every(([id, h]) => JSON.stringify(h) === JSON.stringify(network.histories.get(id)));
      if (!same) network.setHistories(histories);
    });
  }

  /** Every merchant's history, one after another (the periodic refresh). */
  async refreshAllHistory(): Promise<void> {
    for (const id of [...this.networks.keys()]) {
      try {
        await this.refreshHistory(id);
      } catch (err) {
        this.log.error({ err, merchantId: id }, 'could not calibrate promises from history');
      }
    }
  }

  private async histories(merchantId: string, nodes: readonly NetworkNode[]) {
    return calibrate(await recentDeliveries(this.db, merchantId), new Map(nodes.map((n) => [n.id, n])));
  }

  private async buffers(merchantId: string) {
    return buffersOf({ deliveryBuffers: await deliveryBuffersOf(this.db, merchantId) });
  }

  async apply(change: Change): Promise<void> {
    if (change.kind === 'merchant') await this.refreshBuffers(change.merchantId);
    else if (change.kind === 'nodes') await this.rebuild(change.merchantId);
    else if (change.kind === 'stock') await this.refreshStock(change.merchantId, change.ids);
    else if (change.kind === 'capacity') await this.refreshCapacity(change.merchantId);
  }

  private usable(merchantId: string, node: NetworkNode): boolean {
    try {
      validateNode(node);
      return true;
    } catch (err) {
      this.log.error({ err, merchantId, nodeId: node.id }, 'skipping a stored node the engine cannot use');
      return false;
    }
  }

  private serial(merchantId: string, job: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(merchantId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(job);
    this.queues.set(merchantId, next);
    void next
      .finally(() => {
        if (this.queues.get(merchantId) === next) this.queues.delete(merchantId);
      })
      .catch(() => undefined);
    return next;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    networks: NetworkRegistry;
  }
}

/** How often every merchant's nodes are calibrated again from their deliveries. */
export const HISTORY_REFRESH_MS = 10 * 60_000;

export default fp(
  async function networksPlugin(app) {
    const registry = new NetworkRegistry(app.db, app.log, app.clock);
    // Follow notices before the first read: one that lands while a merchant is being read is
    // queued behind that read (per merchant, in order), not dropped.
    app.changes.subscribe((change) => registry.apply(change));
    app.changes.onLost(() => registry.lost());
    app.changes.onResync(() => registry.resync());
    await registry.loadAll();
    app.decorate('networks', registry);
    const timer = setInterval(() => void registry.refreshAllHistory(), HISTORY_REFRESH_MS);
    timer.unref();
    app.addHook('onClose', () => clearInterval(timer));
  },
  { name: 'networks', dependencies: ['db', 'changes', 'clock'] },
);
