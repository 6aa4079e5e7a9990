/** The console's SQL: people, one-time codes, sessions and the audit log (030_console.sql). */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/port.js';

export type ConsoleRole = 'owner' | 'staff';

export interface ConsoleUser {
  id: string;
  merchantId: string;
  email: string;
  name: string;
  role: ConsoleRole;
  /** Staff only: the places they may see; empty means every place. */
  nodeIds: string[];
  createdAt: Date;
}

interface UserRow {
  id: string;
  merchant_id: string;
  email: string;
  name: string;
  role: ConsoleRole;
  node_ids: string[];
  created_at: Date;
}

const userOut = (r: UserRow): ConsoleUser => ({
  id: r.id,
  merchantId: r.merchant_id,
  email: r.email,
  name: r.name,
  role: r.role,
  nodeIds: r.node_ids,
  createdAt: new Date(r.created_at),
});

export function newUserId(): string {
  return `usr_${randomBytes(9).toString('base64url')}`;
}

export async function userByEmail(q: Queryable, email: string): Promise<ConsoleUser | null> {
  const [row] = await q.query<UserRow>(`SELECT * FROM console_users WHERE email = $1 AND removed_at IS NULL`, [email]);
  return row ? userOut(row) : null;
}

export async function insertUser(
  q: Queryable,
  u: { merchantId: string; email: string; name: string; role: ConsoleRole; nodeIds: string[]; invitedBy: string | null; at: Date },
): Promise<ConsoleUser | null> {
  // A removed person invited again gets a fresh row; their old one keeps its audit history.
  await q.query(`UPDATE console_users SET email = id || ':' || email WHERE email = $1 AND removed_at IS NOT NULL`, [u.email]);
  const [row] = await q.query<UserRow>(
    `INSERT INTO console_users (id, merchant_id, email, name, role, node_ids, invited_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (email) DO NOTHING RETURNING *`,
    [newUserId(), u.merchantId, u.email, u.name, u.role, JSON.stringify(u.nodeIds), u.invitedBy, u.at],
  );
  return row ? userOut(row) : null;
}

export async function listUsers(q: Queryable, merchantId: string): Promise<ConsoleUser[]> {
  const rows = await q.query<UserRow>(
    `SELECT * FROM console_users WHERE merchant_id = $1 AND removed_at IS NULL ORDER BY role, created_at, id`,
    [merchantId],
  );
  return rows.map(userOut);
}

export async function updateStaffPlaces(q: Queryable, merchantId: string, userId: string, nodeIds: string[]): Promise<ConsoleUser | null> {
  const [row] = await q.query<UserRow>(
    `UPDATE console_users SET node_ids = $3 WHERE merchant_id = $1 AND id = $2 AND role = 'staff' AND removed_at IS NULL RETURNING *`,
    [merchantId, userId, JSON.stringify(nodeIds)],
  );
  return row ? userOut(row) : null;
}

/** Removes a staff member and ends their sessions at once. */
export async function removeStaff(q: Queryable, merchantId: string, userId: string, at: Date): Promise<boolean> {
  const rows = await q.query(
    `UPDATE console_users SET removed_at = $3 WHERE merchant_id = $1 AND id = $2 AND role = 'staff' AND removed_at IS NULL RETURNING 1`,
    [merchantId, userId, at],
  );
  if (rows.length === 0) return false;
  await q.query(`UPDATE console_sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [userId, at]);
  return true;
}

export interface CodeRow {
  code_hash: string;
  salt: string;
  attempts: number;
  signup: SignupForm | null;
  expires_at: Date;
  created_at: Date;
}

export interface SignupForm {
  name: string;
  merchantName: string;
  allowedOrigins: string[];
  currency: string;
}

export async function codeFor(q: Queryable, email: string, lock = false): Promise<CodeRow | null> {
  const [row] = await q.query<CodeRow>(`SELECT * FROM console_codes WHERE email = $1${lock ? ' FOR UPDATE' : ''}`, [email]);
  return row ?? null;
}

export async function putCode(
  q: Queryable,
  c: { email: string; codeHash: string; salt: string; signup: SignupForm | null; expiresAt: Date; at: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO console_codes (email, code_hash, salt, attempts, signup, expires_at, created_at)
     VALUES ($1, $2, $3, 0, $4, $5, $6)
     ON CONFLICT (email) DO UPDATE SET code_hash = EXCLUDED.code_hash, salt = EXCLUDED.salt, attempts = 0,
       signup = EXCLUDED.signup, expires_at = EXCLUDED.expires_at, created_at = EXCLUDED.created_at`,
    [c.email, c.codeHash, c.salt, c.signup === null ? null : JSON.stringify(c.signup), c.expiresAt, c.at],
  );
}

export async function countWrongCode(q: Queryable, email: string): Promise<void> {
  await q.query(`UPDATE console_codes SET attempts = attempts + 1 WHERE email = $1`, [email]);
}

export async function deleteCode(q: Queryable, email: string): Promise<void> {
  await q.query(`DELETE FROM console_codes WHERE email = $1`, [email]);
}

export async function insertSession(
  q: Queryable,
  s: { tokenHash: string; userId: string; csrfToken: string; at: Date; expiresAt: Date },
): Promise<void> {
  await q.query(`INSERT INTO console_sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
    s.tokenHash,
    s.userId,
    s.csrfToken,
    s.at,
    s.expiresAt,
  ]);
}

/** The live session behind a token digest and its person; null when unknown, expired, revoked or removed. */
export async function sessionUser(
  q: Queryable,
  tokenHash: string,
  now: Date,
): Promise<{ user: ConsoleUser; csrfToken: string; expiresAt: Date } | null> {
  const [row] = await q.query<UserRow & { csrf_token: string; expires_at: Date }>(
    `SELECT u.*, s.csrf_token, s.expires_at FROM console_sessions s JOIN console_users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.removed_at IS NULL`,
    [tokenHash, now],
  );
  return row ? { user: userOut(row), csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at) } : null;
}

export async function revokeSession(q: Queryable, tokenHash: string, at: Date): Promise<void> {
  await q.query(`UPDATE console_sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL`, [tokenHash, at]);
}

export async function revokeUserSessions(q: Queryable, userId: string, at: Date): Promise<number> {
  const rows = await q.query(`UPDATE console_sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING 1`, [
    userId,
    at,
  ]);
  return rows.length;
}

export interface AuditEntry {
  seq: number;
  userId: string;
  userEmail: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
  at: Date;
}

export async function insertAudit(
  q: Queryable,
  e: { merchantId: string; userId: string; action: string; subject: string | null; details: Record<string, unknown>; at: Date },
): Promise<void> {
  await q.query(`INSERT INTO console_audit (merchant_id, user_id, action, subject, details, at) VALUES ($1, $2, $3, $4, $5, $6)`, [
    e.merchantId,
    e.userId,
    e.action,
    e.subject,
    JSON.stringify(e.details),
    e.at,
  ]);
}

export async function listAudit(q: Queryable, merchantId: string, limit: number): Promise<AuditEntry[]> {
  const rows = await q.query<{
    seq: string | number;
    user_id: string;
    email: string;
    action: string;
    subject: string | null;
    details: Record<string, unknown>;
    at: Date;
  }>(
    `SELECT a.seq, a.user_id, u.email, a.action, a.subject, a.details, a.at FROM console_audit a
     JOIN console_users u ON u.id = a.user_id WHERE a.merchant_id = $1 ORDER BY a.seq DESC LIMIT $2`,
    [merchantId, limit],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    userId: r.user_id,
    // A removed person's email was renamed `<id>:<email>`; show the address they had.
    userEmail: r.email.startsWith(`${r.user_id}:`) ? r.email.slice(r.user_id.length + 1) : r.email,
    action: r.action,
    subject: r.subject,
    details: r.details,
    at: new Date(r.at),
  }));
}
