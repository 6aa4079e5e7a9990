/**
 * Change notices between the code that writes catalog, network or stock rows and the in-memory
 * caches that serve promises (`app.changes`). In this process a notice is applied before the
 * writer's request returns; on PostgreSQL it also goes out as NOTIFY so every other process
 * reloads the same rows. On PGlite there is only this process.
 */
import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { Db, Queryable } from '../db/port.js';

export type ChangeKind = 'merchant' | 'products' | 'nodes' | 'stock';

export interface Change {
  merchantId: string;
  kind: ChangeKind;
  /** SKUs (products, stock) or node ids (nodes) that changed; absent means "all of them". */
  ids?: string[];
}

export type ChangeListener = (change: Change) => Promise<void>;

export const CHANGE_CHANNEL = 'nearbuy_changes';
/** NOTIFY payloads stop at 8000 bytes; past this many ids a notice just says "all". */
const MAX_IDS_IN_NOTICE = 50;

interface Notice {
  v: 1;
  src: string;
  m: string;
  k: ChangeKind;
  ids?: string[];
}

export class ChangeBus {
  private readonly listeners: ChangeListener[] = [];
  private readonly resyncListeners: Array<() => Promise<void>> = [];
  readonly instanceId = randomUUID();

  constructor(private readonly shared: boolean) {}

  /** Called for every change, ours and (on PostgreSQL) other processes'. */
  subscribe(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** Called after a lost LISTEN connection comes back: notices may have been missed. */
  onResync(listener: () => Promise<void>): void {
    this.resyncListeners.push(listener);
  }

  /**
   * Queues the NOTIFY inside the writer's transaction (sent only if it commits). Call
   * `applied` with the same change after the commit.
   */
  async notifyIn(tx: Queryable, change: Change): Promise<void> {
    if (!this.shared) return;
    await tx.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify(this.notice(change))]);
  }

  /** Applies a committed change to this process's caches. */
  async applied(change: Change): Promise<void> {
    for (const listener of this.listeners) await listener(change);
  }

  /**
   * Runs `work` in a transaction that also carries the change notice, then applies the change
   * here once committed: the usual way for a writer to change rows the caches hold.
   */
  async commit<T>(db: Db, change: Change | Change[] | ((result: T) => Change | Change[]), work: (tx: Queryable) => Promise<T>): Promise<T> {
    let resolved: Change[] = [];
    const result = await db.transaction(async (tx) => {
      const r = await work(tx);
      const c = typeof change === 'function' ? change(r) : change;
      resolved = Array.isArray(c) ? c : [c];
      for (const one of resolved) await this.notifyIn(tx, one);
      return r;
    });
    for (const one of resolved) await this.applied(one);
    return result;
  }

  /** For writers outside a transaction: notify other processes and apply here. */
  async publish(db: Queryable, change: Change): Promise<void> {
    await this.notifyIn(db, change);
    await this.applied(change);
  }

  /** Handles a NOTIFY payload from the channel; ignores our own and malformed ones. */
  async receive(payload: string): Promise<void> {
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (notice?.v !== 1 || notice.src === this.instanceId || typeof notice.m !== 'string') return;
    if (!['merchant', 'products', 'nodes', 'stock'].includes(notice.k)) return;
    await this.applied({ merchantId: notice.m, kind: notice.k, ...(Array.isArray(notice.ids) ? { ids: notice.ids } : {}) });
  }

  async resync(): Promise<void> {
    for (const listener of this.resyncListeners) await listener();
  }

  private notice(change: Change): Notice {
    const ids = change.ids && change.ids.length <= MAX_IDS_IN_NOTICE ? { ids: change.ids } : {};
    return { v: 1, src: this.instanceId, m: change.merchantId, k: change.kind, ...ids };
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    changes: ChangeBus;
  }
}

export default fp(
  async function changesPlugin(app) {
    const bus = new ChangeBus(app.db.listen !== undefined);
    app.decorate('changes', bus);
    if (app.db.listen) {
      const onError = (err: unknown) => app.log.error({ err }, 'applying a change notice failed');
      const stop = await app.db.listen(
        CHANGE_CHANNEL,
        (payload) => void bus.receive(payload).catch(onError),
        () => void bus.resync().catch(onError),
      );
      app.addHook('onClose', () => stop());
    }
  },
  { name: 'changes', dependencies: ['db'] },
);
