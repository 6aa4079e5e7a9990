/** SQL for checkout sessions: the row that holds a shopper's priced items and chosen option until paid. */
import { randomBytes } from 'node:crypto';
import type { CheckoutSession, LineItem, Order } from '../../contract/public.js';
import type { Queryable } from '../db/port.js';
import type { PromiseOption, ServiceId } from '../promise/index.js';

export type SessionStatus = CheckoutSession['status'];

export interface SessionRow {
  id: string;
  merchant_id: string;
  status: SessionStatus;
  email: string;
  member: boolean;
  address: Order['address'];
  items: LineItem[];
  service: ServiceId;
  /** The option as the engine computed it when the stock was held. */
  option: PromiseOption;
  currency: string;
  subtotal_minor: string | number;
  shipping_minor: string | number;
  total_minor: string | number;
  payment_provider: 'stripe' | 'test';
  payment_ref: string | null;
  payment_secret: string | null;
  failure_reason: string | null;
  expires_at: Date;
  locale: string;
}

export const newSessionId = () => `cs_${randomBytes(15).toString('base64url')}`;

export interface NewSession {
  id: string;
  merchantId: string;
  email: string;
  member: boolean;
  address: Order['address'];
  items: LineItem[];
  option: PromiseOption;
  currency: string;
  subtotal: number;
  shipping: number;
  paymentProvider: 'stripe' | 'test';
  expiresAt: Date;
  createdAt: Date;
  /** The shopper's language for email (`en` when the widget did not say). */
  locale?: string | undefined;
}

const SESSION_COLUMNS = 16;

function sessionValues(s: NewSession): unknown[] {
  return [
    s.id,
    s.merchantId,
    s.email,
    s.member,
    JSON.stringify(s.address),
    JSON.stringify(s.items),
    s.option.service,
    JSON.stringify(s.option),
    s.currency,
    s.subtotal,
    s.shipping,
    s.subtotal + s.shipping,
    s.paymentProvider,
    s.expiresAt,
    s.createdAt,
    s.locale ?? 'en',
  ];
}

export function insertSession(tx: Queryable, s: NewSession): Promise<void> {
  return insertSessions(tx, [s]);
}

/** Inserts open sessions, one statement for all of them (a batch of holds). */
export async function insertSessions(tx: Queryable, sessions: NewSession[]): Promise<void> {
  if (sessions.length === 0) return;
  const rows = sessions.map((_, r) => {
    const p = (c: number) => `$${r * SESSION_COLUMNS + c}`;
    return `(${p(1)}, ${p(2)}, 'open', ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(11)}, ${p(12)}, ${p(13)}, ${p(14)}, ${p(15)}, ${p(15)}, ${p(16)})`;
  });
  await tx.query(
    `INSERT INTO checkout_sessions (id, merchant_id, status, email, member, address, items, service, option, currency,
       subtotal_minor, shipping_minor, total_minor, payment_provider, expires_at, created_at, updated_at, locale)
     VALUES ${rows.join(',\n            ')}`,
    sessions.flatMap(sessionValues),
  );
}

export async function sessionRow(q: Queryable, sessionId: string, lock = false): Promise<SessionRow | undefined> {
  const [row] = await q.query<SessionRow>(`SELECT * FROM checkout_sessions WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [sessionId]);
  return row;
}

/** The answer to store for the Idempotency-Key a session was made under (tied to it by its hold). */
export interface KeyAnswer {
  merchantId: string;
  key: string;
  status: number;
  body: unknown;
}

/**
 * Records the session's payment; with `answer`, also the final answer for the key tied to the
 * session, in the same statement and commit: a retry after this point replays it, and checkout
 * needs no second commit before it answers.
 */
export async function setPayment(
  q: Queryable,
  sessionId: string,
  ref: string,
  clientSecret: string | null,
  answer?: KeyAnswer,
): Promise<void> {
  if (!answer) {
    await q.query(`UPDATE checkout_sessions SET payment_ref = $2, payment_secret = $3, updated_at = now() WHERE id = $1`, [
      sessionId,
      ref,
      clientSecret,
    ]);
    return;
  }
  await q.query(
    `WITH paid AS (
       UPDATE checkout_sessions SET payment_ref = $2, payment_secret = $3, updated_at = now() WHERE id = $1 RETURNING id
     )
     UPDATE idempotency_keys k SET state = 'done', response_status = $6, response_body = $7::jsonb
       FROM paid
      WHERE k.merchant_id = $4 AND k.key = $5 AND k.session_id = paid.id AND k.state = 'in_flight'`,
    [sessionId, ref, clientSecret, answer.merchantId, answer.key, answer.status, JSON.stringify(answer.body)],
  );
}

/** Records why a payment attempt failed; the session stays open (the shopper may try again). */
export async function setFailure(q: Queryable, sessionId: string, reason: string, onlyIfOpen = false): Promise<void> {
  await q.query(
    `UPDATE checkout_sessions SET failure_reason = $2, updated_at = now() WHERE id = $1${onlyIfOpen ? ` AND status = 'open'` : ''}`,
    [sessionId, reason],
  );
}

export async function setSessionStatus(q: Queryable, sessionId: string, status: SessionStatus, reason: string | null): Promise<void> {
  await q.query(`UPDATE checkout_sessions SET status = $2, failure_reason = $3, updated_at = now() WHERE id = $1`, [
    sessionId,
    status,
    reason,
  ]);
}

/** Open sessions whose hold ran out, locked and skipped by any other sweeper. */
export async function expiredSessions(
  q: Queryable,
  now: number,
  limit: number,
): Promise<Array<{ id: string; payment_ref: string | null }>> {
  return q.query<{ id: string; payment_ref: string | null }>(
    `SELECT id, payment_ref FROM checkout_sessions WHERE status = 'open' AND expires_at <= $1
      ORDER BY expires_at LIMIT ${Number(limit)} FOR UPDATE SKIP LOCKED`,
    [new Date(now)],
  );
}
