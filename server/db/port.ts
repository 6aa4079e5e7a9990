/**
 * The one storage port. Two adapters implement it over the same SQL: PGlite (embedded, the
 * default) and PostgreSQL (`DATABASE_URL`). Code above this file never knows which it has.
 */

export interface Queryable {
  /** Runs one statement with `$1…` parameters and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** How a transaction commits. */
export interface TransactionOptions {
  /**
   * Commit without waiting for the WAL flush (`SET LOCAL synchronous_commit = off`): the locks
   * go at once, and a crash of the database server (not of this process) may lose the
   * transaction, never half of it, and never without everything committed after it. Only for
   * writes nobody is told about before a later ordinary commit flushes them
   * (docs/ARCHITECTURE.md, "Holds in batches").
   */
  asyncCommit?: boolean;
}

export interface Db extends Queryable {
  readonly dialect: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Present when other processes can share this database (PostgreSQL): subscribe to a
   * NOTIFY channel. Resolves to an unsubscribe function. `onLost` is called when the connection
   * drops (notices may be missed from then on), `onReconnect` once it listens again.
   */
  listen?(
    channel: string,
    onMessage: (payload: string) => void,
    onReconnect?: () => void,
    onLost?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A database error carrying PostgreSQL's SQLSTATE (both adapters surface it as `code`). */
export function sqlState(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}
