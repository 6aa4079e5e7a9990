/**
 * SQL of the webhook outbox. `enqueueWebhook` runs inside the transaction of the change that
 * caused the event, so an event exists exactly when its change committed; it fans the event out
 * to one delivery per enabled endpoint that wants its type. Workers claim due deliveries with a
 * lease under `FOR UPDATE SKIP LOCKED`; a delivery waits while an earlier one for the same order
 * and endpoint is still pending, so each endpoint hears of an order's events in order.
 */
import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db/port.js';
import type { WebhookEventType } from '../../contract/fulfilment.js';

export const newEventId = () => `msg_${randomBytes(18).toString('base64url')}`;

export interface NewWebhookEvent {
  merchantId: string;
  type: WebhookEventType;
  /** Events about one order are delivered in order; null for events about no order. */
  orderId: string | null;
  data: unknown;
  now: Date;
  /** Only to this endpoint (the "send test event" action); otherwise every subscribed one. */
  endpointId?: string;
}

/** Writes the event and its deliveries; returns the event id. */
export async function enqueueWebhook(tx: Queryable, e: NewWebhookEvent): Promise<string> {
  const id = newEventId();
  const payload = { type: e.type, timestamp: e.now.toISOString(), data: e.data };
  const [event] = await tx.query<{ seq: string }>(
    `INSERT INTO webhook_events (id, merchant_id, type, order_id, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq`,
    [id, e.merchantId, e.type, e.orderId, JSON.stringify(payload), e.now],
  );
  await tx.query(
    `INSERT INTO webhook_deliveries (event_id, endpoint_id, ordering_key, seq, status, next_attempt_at, created_at, updated_at)
     SELECT $1, w.id, $4, $5, 'pending', $6, $6, $6 FROM webhook_endpoints w
      WHERE w.merchant_id = $2 AND w.enabled AND (cardinality(w.event_types) = 0 OR $3 = ANY(w.event_types))
        AND ($7::text IS NULL OR w.id = $7)`,
    [id, e.merchantId, e.type, e.orderId, event!.seq, e.now, e.endpointId ?? null],
  );
  return id;
}

export interface ClaimedDelivery {
  event_id: string;
  endpoint_id: string;
  attempts: number;
  type: string;
  payload: unknown;
  event_created_at: Date;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

/**
 * Due deliveries (by the shop's clock, `now`), leased for `leaseMs` of real time from `leaseAt`:
 * the wall clock, as for email (`claimDueMail`), so a moved shop clock never sends one twice.
 */
export async function claimDueDeliveries(
  db: Db,
  now: number,
  limit: number,
  leaseMs: number,
  leaseAt = Date.now(),
): Promise<ClaimedDelivery[]> {
  return db.transaction(async (tx) => {
    const due = await tx.query<{ event_id: string; endpoint_id: string }>(
      `SELECT d.event_id, d.endpoint_id FROM webhook_deliveries d
        WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.locked_until IS NULL OR d.locked_until <= $2)
          AND (d.ordering_key IS NULL OR NOT EXISTS (
            SELECT 1 FROM webhook_deliveries e
             WHERE e.endpoint_id = d.endpoint_id AND e.ordering_key = d.ordering_key AND e.status = 'pending' AND e.seq < d.seq))
        ORDER BY d.seq LIMIT ${Number(limit)} FOR UPDATE OF d SKIP LOCKED`,
      [new Date(now), new Date(leaseAt)],
    );
    if (due.length === 0) return [];
    await tx.query(
      `UPDATE webhook_deliveries d SET locked_until = $3, attempts = attempts + 1, updated_at = $4
         FROM unnest($1::text[], $2::text[]) AS u(event_id, endpoint_id)
        WHERE d.event_id = u.event_id AND d.endpoint_id = u.endpoint_id`,
      [due.map((d) => d.event_id), due.map((d) => d.endpoint_id), new Date(leaseAt + leaseMs), new Date(now)],
    );
    return tx.query<ClaimedDelivery>(
      `SELECT d.event_id, d.endpoint_id, d.attempts, e.type, e.payload, e.created_at AS event_created_at,
              w.url, w.secret, w.previous_secret, w.previous_secret_expires_at
         FROM webhook_deliveries d
         JOIN webhook_events e ON e.id = d.event_id
         JOIN webhook_endpoints w ON w.id = d.endpoint_id
         JOIN unnest($1::text[], $2::text[]) AS u(event_id, endpoint_id) ON d.event_id = u.event_id AND d.endpoint_id = u.endpoint_id
        ORDER BY d.seq`,
      [due.map((d) => d.event_id), due.map((d) => d.endpoint_id)],
    );
  });
}

export interface AttemptRecord {
  eventId: string;
  endpointId: string;
  attempt: number;
  at: Date;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  response: string | null;
}

/** Records an attempt and its outcome: done, another try at `retryAt`, or given up (`retryAt` null). */
export async function finishAttempt(
  db: Db,
  a: AttemptRecord,
  outcome: { ok: true } | { ok: false; retryAt: number | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO webhook_attempts (event_id, endpoint_id, attempt, attempted_at, status_code, duration_ms, error, response_excerpt)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [a.eventId, a.endpointId, a.attempt, a.at, a.statusCode, a.durationMs, a.error, a.response],
    );
    const status = outcome.ok ? 'succeeded' : outcome.retryAt === null ? 'failed' : 'pending';
    await tx.query(
      `UPDATE webhook_deliveries SET status = $3, locked_until = NULL, last_status = $4, last_error = $5, updated_at = $6,
              next_attempt_at = COALESCE($7, next_attempt_at)
        WHERE event_id = $1 AND endpoint_id = $2`,
      [
        a.eventId,
        a.endpointId,
        status,
        a.statusCode,
        a.error,
        a.at,
        !outcome.ok && outcome.retryAt !== null ? new Date(outcome.retryAt) : null,
      ],
    );
  });
}

export interface DeliveryStateRow {
  event_id: string;
  type: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  last_status: number | null;
  last_error: string | null;
  created_at: Date;
}

export async function deliveriesOf(q: Queryable, endpointId: string, limit: number): Promise<DeliveryStateRow[]> {
  return q.query<DeliveryStateRow>(
    `SELECT d.event_id, e.type, d.status, d.attempts, d.next_attempt_at, d.last_status, d.last_error, d.created_at
       FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
      WHERE d.endpoint_id = $1 ORDER BY d.seq DESC LIMIT ${Number(limit)}`,
    [endpointId],
  );
}

export interface AttemptRow {
  event_id: string;
  type: string;
  attempt: number;
  attempted_at: Date;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  response_excerpt: string | null;
}

export async function attemptsOf(q: Queryable, endpointId: string, limit: number): Promise<AttemptRow[]> {
  return q.query<AttemptRow>(
    `SELECT a.event_id, e.type, a.attempt, a.attempted_at, a.status_code, a.duration_ms, a.error, a.response_excerpt
       FROM webhook_attempts a JOIN webhook_events e ON e.id = a.event_id
      WHERE a.endpoint_id = $1 ORDER BY a.id DESC LIMIT ${Number(limit)}`,
    [endpointId],
  );
}

/** Puts a finished delivery back in the queue now (the merchant's "retry" on the log). */
export async function retryDelivery(q: Queryable, endpointId: string, eventId: string, now: Date): Promise<boolean> {
  const rows = await q.query(
    `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $3, locked_until = NULL, updated_at = $3
      WHERE endpoint_id = $1 AND event_id = $2 AND status <> 'pending' RETURNING 1`,
    [endpointId, eventId, now],
  );
  return rows.length > 0;
}
