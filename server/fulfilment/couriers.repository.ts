/** SQL of courier deliveries and the status events couriers reported for them. */
import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db/port.js';
import type { CourierEvent, CourierEventKind, DeliveryRequest } from './courier.js';
export type { CourierEventRow } from '../orders/deliveries.repository.js';

export type DeliveryStatus = 'requested' | 'assigned' | 'picked_up' | 'en_route' | 'delivered' | 'failed' | 'cancelled';

export interface DeliveryRow {
  id: string;
  order_id: string;
  node_id: string;
  merchant_id: string;
  provider: string;
  external_id: string;
  status: DeliveryStatus;
  request: DeliveryRequest;
  tracking_url: string | null;
  courier: { name: string; vehicle: string } | null;
  pickup_eta: Date | null;
  dropoff_eta: Date | null;
  created_at: Date;
}

export const newDeliveryId = () => `dlv_${randomBytes(12).toString('base64url')}`;

export async function insertDelivery(
  tx: Queryable,
  d: {
    id: string;
    orderId: string;
    nodeId: string;
    merchantId: string;
    provider: string;
    externalId: string;
    request: DeliveryRequest;
    trackingUrl: string | null;
    pickupEta: string;
    dropoffEta: string;
    fee: number;
    now: Date;
    /** A second posting: the delivery no driver accepted, and why this one was booked. */
    repost?: { of: string; reason: string };
    /** A second attempt the same evening: the delivery that failed at the door, and why this one was booked. */
    secondAttempt?: { of: string; reason: string };
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO courier_deliveries (id, order_id, node_id, merchant_id, provider, external_id, status, request, tracking_url,
       pickup_eta, dropoff_eta, fee_minor, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'requested', $7, $8, $9, $10, $11, $12, $12)`,
    [
      d.id,
      d.orderId,
      d.nodeId,
      d.merchantId,
      d.provider,
      d.externalId,
      JSON.stringify(d.request),
      d.trackingUrl,
      d.pickupEta,
      d.dropoffEta,
      d.fee,
      d.now,
    ],
  );
  await tx.query(`INSERT INTO courier_events (delivery_id, seq, kind, at, detail) VALUES ($1, 0, 'requested', $2, $3)`, [
    d.id,
    d.now,
    JSON.stringify(
      d.repost
        ? { reason: d.repost.reason, repostOf: d.repost.of }
        : d.secondAttempt
          ? { reason: d.secondAttempt.reason, secondAttemptOf: d.secondAttempt.of }
          : {},
    ),
  ]);
}

/** How many of a parcel's deliveries failed at the door (not for want of a driver). */
export async function failedAtDoor(q: Queryable, orderId: string, nodeId: string): Promise<number> {
  const [row] = await q.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM courier_deliveries d
      WHERE d.order_id = $1 AND d.node_id = $2 AND d.status = 'failed'
        AND NOT EXISTS (SELECT 1 FROM courier_events e WHERE e.delivery_id = d.id AND e.detail->>'cause' = 'no_driver')`,
    [orderId, nodeId],
  );
  return Number(row?.n ?? 0);
}

/** Whether a delivery is the second posting of a job no driver accepted. */
export async function isRepost(q: Queryable, deliveryId: string): Promise<boolean> {
  const rows = await q.query(`SELECT 1 FROM courier_events WHERE delivery_id = $1 AND seq = 0 AND detail->>'repostOf' IS NOT NULL`, [
    deliveryId,
  ]);
  return rows.length > 0;
}

/**
 * Deliveries still on the go, leased to this poller for `leaseMs` of real time from `leaseAt`: the
 * wall clock, as for email (`claimDueMail`), so a moved shop clock never plays one out twice.
 */
export async function claimActiveDeliveries(db: Db, limit: number, leaseMs: number, leaseAt = Date.now()): Promise<DeliveryRow[]> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `SELECT id FROM courier_deliveries
        WHERE status NOT IN ('delivered', 'failed', 'cancelled') AND (locked_until IS NULL OR locked_until <= $1)
        ORDER BY created_at LIMIT ${Number(limit)} FOR UPDATE SKIP LOCKED`,
      [new Date(leaseAt)],
    );
    if (rows.length === 0) return [];
    return tx.query<DeliveryRow>(`UPDATE courier_deliveries SET locked_until = $2 WHERE id = ANY($1::text[]) RETURNING *`, [
      rows.map((r) => r.id),
      new Date(leaseAt + leaseMs),
    ]);
  });
}

export async function releaseDelivery(q: Queryable, id: string): Promise<void> {
  await q.query(`UPDATE courier_deliveries SET locked_until = NULL WHERE id = $1`, [id]);
}

/** The highest event seq already applied to a delivery. */
export async function appliedSeq(q: Queryable, deliveryId: string): Promise<number> {
  const [row] = await q.query<{ seq: number | null }>(`SELECT max(seq) AS seq FROM courier_events WHERE delivery_id = $1`, [deliveryId]);
  return row?.seq ?? 0;
}

const STATUS_OF: Partial<Record<CourierEventKind, DeliveryStatus>> = {
  assigned: 'assigned',
  picked_up: 'picked_up',
  en_route: 'en_route',
  delivered: 'delivered',
  failed: 'failed',
  cancelled: 'cancelled',
};

/**
 * Records one event (once) and what it says about the delivery. A job no driver accepted stays
 * open until it is posted once more (`Dispatcher.poll`), so the parcel is not booked twice meanwhile.
 */
export async function recordEvent(tx: Queryable, deliveryId: string, e: CourierEvent): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO courier_events (delivery_id, seq, kind, at, detail) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1`,
    [
      deliveryId,
      e.seq,
      e.kind,
      e.at,
      JSON.stringify({ courier: e.courier ?? null, dropoffEta: e.dropoffEta ?? null, reason: e.reason ?? null, cause: e.cause ?? null }),
    ],
  );
  if (rows.length === 0) return false;
  await tx.query(
    `UPDATE courier_deliveries SET status = COALESCE($2, status), courier = COALESCE($3, courier), dropoff_eta = COALESCE($4, dropoff_eta),
       updated_at = $5 WHERE id = $1`,
    [
      deliveryId,
      e.kind === 'cancelled' && e.cause === 'no_driver' ? null : (STATUS_OF[e.kind] ?? null),
      e.courier ? JSON.stringify(e.courier) : null,
      e.dropoffEta ?? null,
      e.at,
    ],
  );
  return true;
}

/** Locks a delivery and says whether it is still on the go (not cancelled meanwhile, say). */
export async function stillActive(tx: Queryable, id: string): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM courier_deliveries WHERE id = $1 AND status NOT IN ('delivered', 'failed', 'cancelled') FOR UPDATE`,
    [id],
  );
  return rows.length > 0;
}

export async function setDeliveryStatus(q: Queryable, id: string, status: DeliveryStatus, at: Date): Promise<void> {
  await q.query(`UPDATE courier_deliveries SET status = $2, updated_at = $3 WHERE id = $1`, [id, status, at]);
}

/** An order's deliveries still on the go (to call off when the order is cancelled). */
export async function activeDeliveriesOf(q: Queryable, orderId: string): Promise<DeliveryRow[]> {
  return q.query<DeliveryRow>(
    `SELECT * FROM courier_deliveries WHERE order_id = $1 AND status NOT IN ('delivered', 'failed', 'cancelled')`,
    [orderId],
  );
}
