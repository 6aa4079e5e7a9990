/**
 * Member sessions: the only writer of `member_sessions` (migration 086). A revocation records a
 * `members` change notice with the session ids, so that every process adds them to its
 * revocation list (`sessions.ts`) once the transaction commits (docs/ARCHITECTURE.md, "Members").
 */
import type { Queryable } from '../db/port.js';
import type { Writes } from '../db/writes.js';

export interface RevokedSession {
  id: string;
  /** Epoch ms: after this the token is refused anyway, and the id leaves the list. */
  expiresAt: number;
}

export async function insertSession(
  tx: Writes,
  session: { id: string; merchantId: string; email: string; createdAt: number; expiresAt: number },
): Promise<void> {
  await tx.query(`INSERT INTO member_sessions (id, merchant_id, email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
    session.id,
    session.merchantId,
    session.email,
    new Date(session.createdAt),
    new Date(session.expiresAt),
  ]);
  // Nothing revoked yet, so the lists hearing this add nothing; recorded all the same, as every
  // writer of these rows does (docs/ARCHITECTURE.md, "Live stock").
  tx.changed({ merchantId: session.merchantId, kind: 'members', ids: [session.id] });
}

/** Revokes one session of this merchant's (a sign-out); 0 when it was already revoked or is not theirs. */
export async function revokeSession(tx: Writes, merchantId: string, id: string, now: number): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE member_sessions SET revoked_at = $3 WHERE id = $1 AND merchant_id = $2 AND revoked_at IS NULL RETURNING id`,
    [id, merchantId, new Date(now)],
  );
  if (rows.length > 0) tx.changed({ merchantId, kind: 'members', ids: rows.map((row) => row.id) });
  return rows.length;
}

/** Revokes every live session of one member (signed out everywhere, or no longer a member). */
export async function revokeMemberSessions(tx: Writes, merchantId: string, email: string, now: number): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE member_sessions SET revoked_at = $3
      WHERE merchant_id = $1 AND email = $2 AND revoked_at IS NULL AND expires_at > $3 RETURNING id`,
    [merchantId, email, new Date(now)],
  );
  if (rows.length > 0) tx.changed({ merchantId, kind: 'members', ids: rows.map((row) => row.id) });
  return rows.length;
}

/** Revoked sessions that have not expired yet: all of them, or those among `ids`. */
export async function revokedSessions(db: Queryable, now: number, ids?: string[]): Promise<RevokedSession[]> {
  const rows = await db.query<{ id: string; expires_at: Date }>(
    `SELECT id, expires_at FROM member_sessions
      WHERE revoked_at IS NOT NULL AND expires_at > $1 AND ($2::text[] IS NULL OR id = ANY($2::text[]))`,
    [new Date(now), ids ?? null],
  );
  return rows.map((row) => ({ id: row.id, expiresAt: new Date(row.expires_at).getTime() }));
}
