/**
 * Change notices between the code that writes merchant, catalog, network or stock rows and the
 * in-memory caches that serve promises (`app.changes`). See docs/ARCHITECTURE.md, "Live stock".
 *
 * Writers cannot forget a notice: every function that writes such rows takes a `Writes`
 * transaction and records its own change on it, and only `ChangeBus.transaction` makes one. The
 * bus sends the notices as NOTIFY inside that transaction (so other processes hear of it only if
 * it commits) and applies them to this process's caches after the commit, before the writer's
 * request returns. On PGlite there is only this process.
 */
import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { Db, Queryable, TransactionOptions } from '../db/port.js';
import type { Change, ChangeKind, Writes, WriteTransactions } from '../db/writes.js';

export type { Change, ChangeKind, Writes };

export type ChangeListener = (change: Change) => Promise<void>;

/** Told, for every notice from another process once it is applied here, how long it took (seconds). */
export type NoticeLagListener = (kind: ChangeKind, lagSeconds: number) => void;

/** Merges records per (merchant, kind): ids are united, and "all" (no ids) wins. */
function merge(changes: Change[]): Change[] {
  const byKey = new Map<string, Change>();
  for (const c of changes) {
    const key = `${c.merchantId}\u0000${c.kind}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, c.ids ? { ...c, ids: [...c.ids] } : { merchantId: c.merchantId, kind: c.kind });
    else if (seen.ids && c.ids) seen.ids = [...new Set([...seen.ids, ...c.ids])];
    else delete seen.ids;
  }
  return [...byKey.values()];
}

export const CHANGE_CHANNEL = 'nearbuy_changes';
/** NOTIFY payloads stop at 8000 bytes; past this many ids a notice just says "all". */
const MAX_IDS_IN_NOTICE = 50;

interface Notice {
  v: 1;
  src: string;
  m: string;
  k: ChangeKind;
  ids?: string[];
  /** The sender's wall clock (epoch ms) just before its commit: where the notice lag starts. */
  t?: number;
}

export class ChangeBus implements WriteTransactions {
  private readonly listeners: ChangeListener[] = [];
  private readonly resyncListeners: Array<() => Promise<void>> = [];
  private readonly lostListeners: Array<() => void> = [];
  private readonly lagListeners: NoticeLagListener[] = [];
  readonly instanceId = randomUUID();

  /**
   * `wallClock` is the real time, never the app's pinned or demo clock: the lag between two
   * processes is measured on the machines' clocks (so across machines it includes their skew).
   */
  constructor(
    private readonly shared: boolean,
    private readonly wallClock: () => number = Date.now,
  ) {}

  /** Called for every change, ours and (on PostgreSQL) other processes'. */
  subscribe(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /**
   * Called for every notice from another process once this process has applied it, with the
   * time from the sender's commit to here (the metrics plugin keeps it as a histogram).
   */
  onNoticeLag(listener: NoticeLagListener): void {
    this.lagListeners.push(listener);
  }

  /** Called when the LISTEN connection drops: from then on other processes' notices may be missed. */
  onLost(listener: () => void): void {
    this.lostListeners.push(listener);
  }

  /** Called after a lost LISTEN connection comes back: notices may have been missed. */
  onResync(listener: () => Promise<void>): void {
    this.resyncListeners.push(listener);
  }

  /**
   * Runs `work` in a transaction whose writes record their changes; the notices go out with the
   * commit and are applied here after it. A rolled-back transaction announces nothing.
   */
  async transaction<T>(db: Db, work: (tx: Writes) => Promise<T>, options?: TransactionOptions): Promise<T> {
    let recorded: Change[] = [];
    const result = await db.transaction(async (q) => {
      const changes: Change[] = [];
      const tx: Writes = { query: q.query.bind(q) as Queryable['query'], changed: (change) => void changes.push(change) };
      const r = await work(tx);
      recorded = merge(changes);
      if (this.shared)
        for (const one of recorded) await q.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify(this.notice(one))]);
      return r;
    }, options);
    for (const one of recorded) await this.applied(one);
    return result;
  }

  /** Applies a committed change to this process's caches (and is how notices from others arrive). */
  private async applied(change: Change): Promise<void> {
    for (const listener of this.listeners) await listener(change);
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
    if (!['merchant', 'products', 'nodes', 'stock', 'capacity', 'members'].includes(notice.k)) return;
    await this.applied({ merchantId: notice.m, kind: notice.k, ...(Array.isArray(notice.ids) ? { ids: notice.ids } : {}) });
    // A notice from a version that did not stamp it (a rolling deploy) has no lag to report.
    if (typeof notice.t === 'number' && Number.isFinite(notice.t)) {
      const lagSeconds = Math.max(0, this.wallClock() - notice.t) / 1000;
      for (const listener of this.lagListeners) listener(notice.k, lagSeconds);
    }
  }

  /** The LISTEN connection dropped. */
  lost(): void {
    for (const listener of this.lostListeners) listener();
  }

  async resync(): Promise<void> {
    for (const listener of this.resyncListeners) await listener();
  }

  private notice(change: Change): Notice {
    const ids = change.ids && change.ids.length <= MAX_IDS_IN_NOTICE ? { ids: change.ids } : {};
    return { v: 1, src: this.instanceId, m: change.merchantId, k: change.kind, ...ids, t: this.wallClock() };
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
        () => bus.lost(),
      );
      app.addHook('onClose', () => stop());
    }
  },
  { name: 'changes', dependencies: ['db'] },
);
