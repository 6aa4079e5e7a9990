/**
 * Step 3 of a checkout: the session row and the hold on its stock, in one transaction, all or
 * nothing (docs/ARCHITECTURE.md, "Invariants"). The in-memory index that chose the option may be
 * a moment behind the database; when the database has less, nothing is written and the caller
 * looks again.
 *
 * Holds arriving while one is being written wait and go together in the next transaction
 * (docs/ARCHITECTURE.md, "Holds in batches"): a commit costs far more than the statements of one
 * hold, and a hot SKU's row is locked until the commit, so one commit for many shoppers is what
 * lets a flash sale through. Each shopper still gets their own outcome.
 *
 * The batch commits without waiting for the WAL flush (`asyncCommit`), so the hot rows' locks go
 * at once instead of after a disk write. That is safe because nobody is told about a hold before
 * an ordinary commit flushes it: checkout records the payment (`setPayment`) in its own
 * synchronous commit before answering, and a flush takes every earlier commit with it. A crash
 * of the database server may lose the last holds, whole and with everything after them, never
 * one half of a hold; a lost hold just leaves its units on sale (docs/ARCHITECTURE.md, "Holds in
 * batches").
 */
import { Batcher } from '../db/batcher.js';
import type { Db } from '../db/port.js';
import { sqlState } from '../db/port.js';
import type { WriteTransactions, Writes } from '../db/writes.js';
import { holdCapacity, nodesWithCapacity } from '../capacity/capacity.repository.js';
import { allocateStock, reserveStock, type HoldRequest, type StockLine } from '../inventory/reservations.js';
import { claimKeysForSessions, type KeyClaim } from './idempotency.js';
import { insertSessions, type NewSession } from './sessions.repository.js';

/** The stock lines an option takes: each shipment's items from its node. */
export function stockLinesOf(session: Pick<NewSession, 'option'>): StockLine[] {
  return session.option.shipments.flatMap((s) => s.items.map((i) => ({ nodeId: s.nodeId, sku: i.sku, quantity: i.quantity })));
}

/**
 * Ties the session to whatever made the request (its Idempotency-Key), in the session's own
 * transaction: a key not recorded yet (`fresh`) is recorded here, so key, session and hold are
 * one transaction; an attempt that does not own the key (another recorded it or took it over)
 * writes nothing.
 */
export type SessionClaim = KeyClaim;

/**
 * `held`; `short` when the stock is not there; `full` when a node's day has no capacity left for
 * the service; `lost` when the claim was refused. Nothing is written unless `held`.
 */
export type HoldOutcome = 'held' | 'short' | 'full' | 'lost';

/** A hold whose node's day was fuller than the in-memory index thought: its transaction rolls back. */
class FullDay extends Error {}

interface Waiting {
  session: NewSession;
  claim: SessionClaim | undefined;
}

/** PostgreSQL's deadlock and serialization failures: the batch is run again. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Whether the live index, current, holds `sku` nowhere: a hold for it cannot be granted
 * (docs/ARCHITECTURE.md, "Holds in batches").
 */
export type SoldOut = (merchantId: string, sku: string) => boolean;

/**
 * One per process (per database): holds wait here while a batch is being written, and the next
 * batch takes all of them (up to 64). With nobody else waiting a hold goes at once, alone.
 */
export class HoldQueue {
  private readonly batcher = new Batcher<Waiting, HoldOutcome>(async (batch) => {
    // A hold that waited while earlier batches took the last units is refused without a
    // transaction: the index heard of those batches (theirs or another process's notice) before
    // this one began, and locking the hot row only to find it empty would queue behind them.
    const outcomes: Array<HoldOutcome | null> = batch.map((w) => (this.gone(w) ? 'short' : null));
    const rest = batch.filter((_, i) => outcomes[i] === null);
    const written = rest.length > 0 ? await this.writeRetrying(rest) : [];
    let next = 0;
    return outcomes.map((o) => o ?? written[next++]!);
  });

  constructor(
    private readonly db: Db,
    private readonly changes: WriteTransactions,
    private readonly soldOut: SoldOut = () => false,
  ) {}

  private gone(w: Waiting): boolean {
    return stockLinesOf(w.session).some((l) => this.soldOut(w.session.merchantId, l.sku));
  }

  private async writeRetrying(batch: Waiting[]): Promise<HoldOutcome[]> {
    try {
      return await this.write(batch);
    } catch (error) {
      if (!RETRYABLE.has(sqlState(error) ?? '')) throw error;
      return this.write(batch);
    }
  }

  /** Inserts the session and holds its stock and capacity. */
  hold(session: NewSession, claim?: SessionClaim): Promise<HoldOutcome> {
    return this.batcher.add({ session, claim });
  }

  private async write(batch: Waiting[]): Promise<HoldOutcome[]> {
    try {
      return await this.writeAll(batch);
    } catch (error) {
      // A full day inside a batch of several is run again hold by hold (the batcher does that
      // for any error), so that only the hold that met the full day is refused.
      if (error instanceof FullDay && batch.length === 1) return ['full'];
      throw error;
    }
  }

  private writeAll(batch: Waiting[]): Promise<HoldOutcome[]> {
    return this.changes.transaction(this.db, (tx) => this.decide(tx, batch), { asyncCommit: true });
  }

  private async decide(tx: Writes, batch: Waiting[]): Promise<HoldOutcome[]> {
    const requests: HoldRequest[] = batch.map((w) => ({
      merchantId: w.session.merchantId,
      sessionId: w.session.id,
      lines: stockLinesOf(w.session),
    }));
    const outcomes: HoldOutcome[] = batch.map(() => 'short');
    const granted = await allocateStock(tx, requests);
    // Only a granted hold records or claims its key; one whose key is another attempt's gives
    // its units up.
    const claims = granted.flatMap((i) => {
      const claim = batch[i]!.claim;
      return claim ? [{ ...claim, sessionId: batch[i]!.session.id }] : [];
    });
    const claimed = await claimKeysForSessions(tx, claims);
    const kept = granted.filter((i) => !batch[i]!.claim || claimed.has(batch[i]!.session.id));
    for (const i of granted) outcomes[i] = 'lost';
    for (const i of kept) outcomes[i] = 'held';
    // The sessions first: their reservations refer to them.
    await insertSessions(
      tx,
      kept.map((i) => batch[i]!.session),
    );
    await reserveStock(
      tx,
      kept.map((i) => requests[i]!),
    );
    // After the stock, in the one lock order (docs/ARCHITECTURE.md, "Capacity"); one read for
    // the batch finds the nodes with a capacity at all, so unlimited merchants pay nothing more.
    const keptSessions = kept.map((i) => batch[i]!.session);
    const limited = await nodesWithCapacity(
      tx,
      keptSessions.flatMap((s) => s.option.shipments.map((sh) => ({ merchantId: s.merchantId, nodeId: sh.nodeId }))),
    );
    for (const s of keptSessions) {
      const claims = s.option.shipments.map((sh) => ({ nodeId: sh.nodeId, day: sh.pickDay }));
      if (await holdCapacity(tx, s.merchantId, s.id, s.option.service, claims, limited)) throw new FullDay();
    }
    // The index that offered a refused hold had more than the database: once for the whole
    // batch, every process refreshes those SKUs (here before any waiter hears its outcome).
    const stale = new Map<string, Set<string>>();
    outcomes.forEach((o, i) => {
      if (o !== 'short') return;
      const skus = stale.get(requests[i]!.merchantId) ?? new Set<string>();
      for (const l of requests[i]!.lines) skus.add(l.sku);
      stale.set(requests[i]!.merchantId, skus);
    });
    for (const [merchantId, skus] of stale) tx.changed({ merchantId, kind: 'stock', ids: [...skus] });
    return outcomes;
  }
}
