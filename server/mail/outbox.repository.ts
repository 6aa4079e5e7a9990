/**
 * SQL of the mail outbox: rows written in the transaction of the change they tell of, claimed by
 * a worker with a lease (`FOR UPDATE SKIP LOCKED`, so several processes share the work without
 * sending one twice), and marked sent or scheduled for another try. An order's emails go one at
 * a time in the order they were written, so "delivered" never overtakes "picked up".
 */
import type { Db, Queryable } from '../db/port.js';
import type { MailKind } from './messages.js';
import type { MailData } from './render.js';

export interface NewMail {
  merchantId: string;
  orderId: string | null;
  kind: MailKind;
  to: string;
  locale: string;
  data: MailData;
  now: Date;
}

export interface MailRow {
  id: string;
  merchant_id: string;
  order_id: string | null;
  kind: MailKind;
  recipient: string;
  locale: string;
  data: MailData;
  attempts: number;
  created_at: Date;
}

export async function enqueueMail(tx: Queryable, m: NewMail): Promise<void> {
  await tx.query(
    `INSERT INTO mail_outbox (merchant_id, order_id, kind, recipient, locale, data, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
    [m.merchantId, m.orderId, m.kind, m.to, m.locale, JSON.stringify(m.data), m.now],
  );
}

/**
 * Due rows (by the shop's clock, `now`), leased to this worker for `leaseMs` of real time from
 * `leaseAt`: a lease guards a send in progress, so it runs on the wall clock even where the
 * shop's clock is moved (demo mode, tests), or a jump would hand the same email to a second send.
 */
export async function claimDueMail(db: Db, now: number, limit: number, leaseMs: number, leaseAt = Date.now()): Promise<MailRow[]> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `SELECT m.id FROM mail_outbox m
        WHERE m.status = 'pending' AND m.next_attempt_at <= $1 AND (m.locked_until IS NULL OR m.locked_until <= $2)
          AND NOT EXISTS (SELECT 1 FROM mail_outbox e WHERE e.order_id = m.order_id AND e.status = 'pending' AND e.id < m.id)
        ORDER BY m.id LIMIT ${Number(limit)} FOR UPDATE SKIP LOCKED`,
      [new Date(now), new Date(leaseAt)],
    );
    if (rows.length === 0) return [];
    return tx.query<MailRow>(
      `UPDATE mail_outbox SET locked_until = $2, attempts = attempts + 1 WHERE id = ANY($1::bigint[])
       RETURNING id, merchant_id, order_id, kind, recipient, locale, data, attempts, created_at`,
      [rows.map((r) => r.id), new Date(leaseAt + leaseMs)],
    );
  });
}

export async function markMailSent(q: Queryable, id: string, messageId: string, now: number): Promise<void> {
  await q.query(
    `UPDATE mail_outbox SET status = 'sent', message_id = $2, sent_at = $3, locked_until = NULL, last_error = NULL WHERE id = $1`,
    [id, messageId, new Date(now)],
  );
}

/** Another try at `retryAt`, or given up (`failed`) when null. */
export async function markMailFailed(q: Queryable, id: string, error: string, retryAt: number | null): Promise<void> {
  await q.query(
    `UPDATE mail_outbox SET status = $3, last_error = $2, locked_until = NULL, next_attempt_at = COALESCE($4, next_attempt_at) WHERE id = $1`,
    [id, error.slice(0, 500), retryAt === null ? 'failed' : 'pending', retryAt === null ? null : new Date(retryAt)],
  );
}

export async function mailCounts(q: Queryable): Promise<Record<'pending' | 'sent' | 'failed', number>> {
  const rows = await q.query<{ status: 'pending' | 'sent' | 'failed'; n: string }>(
    `SELECT status, count(*) AS n FROM mail_outbox GROUP BY status`,
  );
  const out = { pending: 0, sent: 0, failed: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}
