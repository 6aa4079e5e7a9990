/**
 * Step 3 of a checkout: the session row and the hold on its stock, in one transaction, all or
 * nothing (docs/ARCHITECTURE.md, "Invariants"). The in-memory index that chose the option may be
 * a moment behind the database; when the database has less, the transaction rolls back and the
 * caller looks again.
 */
import type { Db, Queryable } from '../db/port.js';
import type { WriteTransactions } from '../db/writes.js';
import { holdStock, type StockLine } from '../inventory/reservations.js';
import { holdCapacity } from '../capacity/capacity.repository.js';
import { insertSession, type NewSession } from './sessions.repository.js';

/** A hold that failed because the database had less stock than the in-memory index thought. */
class ShortStock extends Error {
  constructor(readonly line: StockLine) {
    super(`short of ${line.sku} at ${line.nodeId}`);
  }
}

/** The stock lines an option takes: each shipment's items from its node. */
export function stockLinesOf(session: Pick<NewSession, 'option'>): StockLine[] {
  return session.option.shipments.flatMap((s) => s.items.map((i) => ({ nodeId: s.nodeId, sku: i.sku, quantity: i.quantity })));
}

/** A hold that failed because a node's day was fuller than the in-memory index thought. */
class FullDay extends Error {}

/** A hold whose Idempotency-Key was taken over by another attempt: nothing is written. */
class KeyLost extends Error {}

/**
 * Ties the session to whatever made the request (its Idempotency-Key), in the session's own
 * transaction; false rolls everything back.
 */
export type SessionClaim = (tx: Queryable, sessionId: string) => Promise<boolean>;

/**
 * Inserts the session and holds its stock and capacity; `short` (and nothing written) when the
 * stock is not there, `full` when a node's day has no capacity left, `lost` (nothing written)
 * when `claim` refuses.
 */
export async function holdSession(
  db: Db,
  changes: WriteTransactions,
  session: NewSession,
  claim?: SessionClaim,
): Promise<'held' | 'short' | 'full' | 'lost'> {
  try {
    await changes.transaction(db, async (tx) => {
      await insertSession(tx, session);
      // After the session row, which its reservations reference.
      const short = await holdStock(tx, session.merchantId, session.id, stockLinesOf(session));
      if (short) throw new ShortStock(short);
      // After the stock, in the one lock order (docs/ARCHITECTURE.md, "Capacity").
      const claims = session.option.shipments.map((s) => ({ nodeId: s.nodeId, day: s.pickDay }));
      if (await holdCapacity(tx, session.merchantId, session.id, session.option.service, claims)) throw new FullDay();
      if (claim && !(await claim(tx, session.id))) throw new KeyLost();
    });
    return 'held';
  } catch (error) {
    if (error instanceof ShortStock) return 'short';
    if (error instanceof FullDay) return 'full';
    if (error instanceof KeyLost) return 'lost';
    throw error;
  }
}
