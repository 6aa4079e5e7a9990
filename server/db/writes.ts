/**
 * Writes to the rows the live caches hold (merchants, products, nodes, stock) and the change
 * notices they record (docs/ARCHITECTURE.md, "Live stock"). The types live here, below every
 * room, so that repositories record notices without depending on the caches that hear them;
 * `server/live/changes.ts` implements `WriteTransactions`.
 */
import type { Db, Queryable, TransactionOptions } from './port.js';

/** `members`: member sessions revoked (ids: session ids), for the revocation list every process keeps. */
export type ChangeKind = 'merchant' | 'products' | 'nodes' | 'stock' | 'capacity' | 'members';

export interface Change {
  merchantId: string;
  kind: ChangeKind;
  /** SKUs (products, stock), node ids (nodes, capacity) or session ids (members) that changed; absent means "all of them". */
  ids?: string[];
}

/**
 * A transaction that may write rows the live caches hold. Write functions record what they
 * changed here; the bus turns the records into notices. Made only by `WriteTransactions`.
 */
export interface Writes extends Queryable {
  changed(change: Change): void;
}

/** Runs writes in one transaction and delivers their notices once it commits. */
export interface WriteTransactions {
  transaction<T>(db: Db, work: (tx: Writes) => Promise<T>, options?: TransactionOptions): Promise<T>;
}
