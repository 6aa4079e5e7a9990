/**
 * SQL of parcels: each place's part of an order, the rows of that place's pick list. A parcel
 * walks the order's statuses (`server/orders/status.ts`); the order follows its slowest parcel.
 */
import type { Queryable } from '../db/port.js';
import type { OrderStatus } from './status.js';
import type { ServiceId } from '../promise/index.js';

export interface ParcelLine {
  sku: string;
  title: string;
  quantity: number;
  picked: number;
}

export interface ShortageNote {
  sku: string;
  missing: number;
  at: string;
  outcome: 'repromised' | 'waiting' | 'refunded';
  toNodeId: string | null;
  /** Waiting: when the place's restock is expected. */
  restockAt?: string;
}

/** When the units a parcel waits for are expected: its last shortage left it waiting, and it is not ready yet. */
export function waitingForStock(parcel: Pick<ParcelRow, 'status' | 'shortages'>): string | null {
  const last = parcel.shortages.at(-1);
  return parcel.status === 'placed' && last?.outcome === 'waiting' ? (last.restockAt ?? null) : null;
}

export interface ParcelRow {
  order_id: string;
  node_id: string;
  merchant_id: string;
  status: OrderStatus;
  lines: ParcelLine[];
  ready_by: Date;
  ready_at: Date | null;
  picked_up_at: Date | null;
  delivered_at: Date | null;
  shortages: ShortageNote[];
  created_at: Date;
}

export interface NewParcel {
  nodeId: string;
  lines: ParcelLine[];
  readyBy: Date;
}

export async function insertParcels(tx: Queryable, orderId: string, merchantId: string, parcels: NewParcel[], now: Date): Promise<void> {
  for (const p of parcels) {
    await tx.query(
      `INSERT INTO parcels (order_id, node_id, merchant_id, status, lines, ready_by, created_at, updated_at)
       VALUES ($1, $2, $3, 'placed', $4, $5, $6, $6)`,
      [orderId, p.nodeId, merchantId, JSON.stringify(p.lines), p.readyBy, now],
    );
  }
}

export async function parcelsOf(q: Queryable, orderId: string, lock = false): Promise<ParcelRow[]> {
  return q.query<ParcelRow>(`SELECT * FROM parcels WHERE order_id = $1 ORDER BY ready_by, node_id${lock ? ' FOR UPDATE' : ''}`, [orderId]);
}

/** Sets a parcel's status and, the first time, when it was really ready, picked up or delivered. */
export async function setParcelStatus(tx: Queryable, orderId: string, nodeId: string, status: OrderStatus, at: Date): Promise<void> {
  await tx.query(
    `UPDATE parcels SET status = $3, updated_at = $4,
       ready_at = CASE WHEN $3 = 'ready' THEN COALESCE(ready_at, $4) ELSE ready_at END,
       picked_up_at = CASE WHEN $3 = 'picked_up' THEN COALESCE(picked_up_at, $4) ELSE picked_up_at END,
       delivered_at = CASE WHEN $3 = 'delivered' THEN $4 ELSE delivered_at END
     WHERE order_id = $1 AND node_id = $2`,
    [orderId, nodeId, status, at],
  );
}

export async function setParcelLines(tx: Queryable, orderId: string, nodeId: string, lines: ParcelLine[]): Promise<void> {
  await tx.query(`UPDATE parcels SET lines = $3, updated_at = now() WHERE order_id = $1 AND node_id = $2`, [
    orderId,
    nodeId,
    JSON.stringify(lines),
  ]);
}

export async function addShortageNote(tx: Queryable, orderId: string, nodeId: string, note: ShortageNote): Promise<void> {
  await tx.query(`UPDATE parcels SET shortages = shortages || $3::jsonb WHERE order_id = $1 AND node_id = $2`, [
    orderId,
    nodeId,
    JSON.stringify([note]),
  ]);
}

/** When a parcel must now be ready: a shortage left it waiting for its place's restock. */
export async function setReadyBy(tx: Queryable, orderId: string, nodeId: string, readyBy: Date): Promise<void> {
  await tx.query(`UPDATE parcels SET ready_by = $3, updated_at = now() WHERE order_id = $1 AND node_id = $2`, [orderId, nodeId, readyBy]);
}

export async function deleteParcel(tx: Queryable, orderId: string, nodeId: string): Promise<void> {
  await tx.query(`DELETE FROM parcels WHERE order_id = $1 AND node_id = $2`, [orderId, nodeId]);
}

/** Handling minutes of a merchant's nodes: how long each needs between cut-off and handover. */
export async function handlingMinutes(q: Queryable, merchantId: string, nodeIds: string[]): Promise<Map<string, number>> {
  const rows = await q.query<{ id: string; handling_minutes: number }>(
    `SELECT id, handling_minutes FROM nodes WHERE merchant_id = $1 AND id = ANY($2::text[])`,
    [merchantId, nodeIds],
  );
  return new Map(rows.map((r) => [r.id, r.handling_minutes]));
}

export interface PickRow extends ParcelRow {
  service: ServiceId;
  order_number: string;
  shopper_name: string;
}

/** A place's parcels to prepare or waiting for pickup, the one needed first first. */
export async function pickListRows(q: Queryable, merchantId: string, nodeId: string): Promise<PickRow[]> {
  return q.query<PickRow>(
    `SELECT p.*, o.service, o.number AS order_number, o.address->>'name' AS shopper_name
       FROM parcels p JOIN orders o ON o.id = p.order_id
      WHERE p.merchant_id = $1 AND p.node_id = $2 AND p.status IN ('placed', 'ready')
      ORDER BY p.ready_by, p.order_id
      LIMIT 500`,
    [merchantId, nodeId],
  );
}

/**
 * Same-day parcels ready for a courier that have none on the way (nor found no driver twice),
 * locked for this dispatcher.
 */
export async function parcelsToDispatch(
  q: Queryable,
  limit: number,
): Promise<Array<{ order_id: string; node_id: string; merchant_id: string }>> {
  return q.query(
    `SELECT p.order_id, p.node_id, p.merchant_id
       FROM parcels p JOIN orders o ON o.id = p.order_id
      WHERE p.status = 'ready' AND o.service = 'same_day' AND o.status NOT IN ('cancelled', 'delivered')
        AND NOT EXISTS (SELECT 1 FROM courier_deliveries d WHERE d.order_id = p.order_id AND d.node_id = p.node_id
                          AND d.status NOT IN ('failed', 'cancelled'))
        -- Posted twice and no driver took it: the merchant sends it another way (fulfilment/dispatch.ts).
        AND NOT EXISTS (SELECT 1 FROM courier_deliveries d JOIN courier_events e ON e.delivery_id = d.id
                         WHERE d.order_id = p.order_id AND d.node_id = p.node_id AND d.status = 'failed'
                           AND e.kind = 'failed' AND e.detail->>'cause' = 'no_driver')
      ORDER BY p.ready_by LIMIT ${Number(limit)}
      FOR UPDATE OF p SKIP LOCKED`,
  );
}

export interface NodePlace {
  id: string;
  name: string;
  lat: number;
  lng: number;
  time_zone: string;
  handling_minutes: number;
}

export async function nodePlace(q: Queryable, merchantId: string, nodeId: string): Promise<NodePlace | undefined> {
  const [row] = await q.query<NodePlace>(
    `SELECT id, name, lat, lng, time_zone, handling_minutes FROM nodes WHERE merchant_id = $1 AND id = $2`,
    [merchantId, nodeId],
  );
  return row;
}
