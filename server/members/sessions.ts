/**
 * The revocation list of member sessions, in memory in every process: a member token is checked
 * with its signature, its expiry and this list, never the database, so the promise route stays
 * database-free (docs/ARCHITECTURE.md, "Members"). The list holds only revoked sessions that
 * have not expired; it is loaded at start and after a lost LISTEN connection, and grows by the
 * `members` change notices revocations record.
 */
import type { Queryable } from '../db/port.js';
import { revokedSessions, type RevokedSession } from './sessions.repository.js';

export class RevokedSessions {
  readonly #expiries = new Map<string, number>();

  constructor(private readonly clock: () => number) {}

  /** Whether the session was revoked (and has not expired since). */
  has(id: string): boolean {
    return this.#expiries.has(id);
  }

  get size(): number {
    return this.#expiries.size;
  }

  /** Everything again (at start, after missed notices). */
  async loadAll(db: Queryable): Promise<void> {
    const rows = await revokedSessions(db, this.clock());
    this.#expiries.clear();
    this.#add(rows);
  }

  /** The sessions a notice named (or, for a notice that names none, everything). */
  async load(db: Queryable, ids: string[] | undefined): Promise<void> {
    if (!ids) return this.loadAll(db);
    this.#add(await revokedSessions(db, this.clock(), ids));
  }

  #add(rows: RevokedSession[]): void {
    const now = this.clock();
    // Expired sessions are refused on their expiry: they need no place in the list.
    for (const [id, expiresAt] of this.#expiries) if (expiresAt <= now) this.#expiries.delete(id);
    for (const row of rows) this.#expiries.set(row.id, row.expiresAt);
  }
}
