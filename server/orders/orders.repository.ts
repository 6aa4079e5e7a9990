/** SQL for orders and their status timeline. */
import { randomBytes } from 'node:crypto';
import type { COURIER_EVENT_KINDS, LineItem, Order, Shipment } from '../../contract/public.js';
import type { Queryable } from '../db/port.js';
import type { ServiceId } from '../promise/index.js';
import type { OrderStatus } from './status.js';
import { parcelsOf, waitingForStock } from './parcels.repository.js';
import { latestDeliveryOf } from './deliveries.repository.js';
import { newOrderNumber, normalizeOrderNumber } from './order-number.js';

type CourierEventKindOut = (typeof COURIER_EVENT_KINDS)[number];

export interface OrderRow {
  id: string;
  /** "NB-7K4Q-2M", for people (`order-number.ts`). */
  number: string;
  merchant_id: string;
  session_id: string;
  status: OrderStatus;
  email: string;
  address: Order['address'];
  items: LineItem[];
  service: ServiceId;
  shipments: Shipment[];
  window_start: string;
  window_end: string;
  promise_change: Order['promiseChange'];
  currency: string;
  subtotal_minor: string | number;
  shipping_minor: string | number;
  total_minor: string | number;
  payment_provider: string;
  payment_ref: string | null;
  placed_at: Date;
  locale: string;
  ready_at: Date | null;
  picked_up_at: Date | null;
  delivered_at: Date | null;
  revised_window_start: string | null;
  revised_window_end: string | null;
  tracking_carrier: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  cancel_reason: string | null;
  refunded_at: Date | null;
}

export const newOrderId = () => `ord_${randomBytes(15).toString('base64url')}`;
const money = (amount: string | number, currency: string) => ({ amount: Number(amount), currency });

export interface NewOrder {
  id: string;
  merchantId: string;
  sessionId: string;
  email: string;
  address: Order['address'];
  items: LineItem[];
  service: ServiceId;
  shipments: Shipment[];
  window: { start: string; end: string };
  /** The shown window and why this order has another (a late payment re-promised). */
  promiseChange?: Order['promiseChange'];
  currency: string;
  subtotal: number | string;
  shipping: number | string;
  total: number | string;
  paymentProvider: string;
  paymentRef: string | null;
  placedAt: Date;
  /** The shopper's language for email. */
  locale: string;
}

/** Draws of an order number before giving up (each collides with odds of one in millions). */
const NUMBER_TRIES = 8;

/**
 * Inserts a placed order with a new order number and the first step of its timeline; returns
 * the number. A number another order of the merchant has is drawn again: `ON CONFLICT` on that
 * index only, so the transaction goes on (any other conflict still fails it).
 */
export async function insertOrder(tx: Queryable, o: NewOrder, draw: () => string = newOrderNumber): Promise<string> {
  for (let attempt = 0; attempt < NUMBER_TRIES; attempt++) {
    const number = draw();
    const inserted = await tx.query(
      `INSERT INTO orders (id, number, merchant_id, session_id, access_token_hash, status, email, address, items, service, shipments,
         window_start, window_end, currency, subtotal_minor, shipping_minor, total_minor, payment_provider, payment_ref, placed_at, locale,
         promise_change)
       VALUES ($1, $21, $2, $3, $4, 'placed', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
       ON CONFLICT (merchant_id, number) DO NOTHING RETURNING id`,
      [...orderValues(o), number],
    );
    if (inserted.length === 1) {
      await addOrderEvent(tx, o.id, 'placed', o.placedAt);
      return number;
    }
  }
  throw new Error(`No free order number for merchant ${o.merchantId} after ${NUMBER_TRIES} draws`);
}

function orderValues(o: NewOrder): unknown[] {
  return [
    o.id,
    o.merchantId,
    o.sessionId,
    // Access tokens are derived (HMAC of the id); this column records which key version made them.
    'hmac-v1',
    o.email,
    JSON.stringify(o.address),
    JSON.stringify(o.items),
    o.service,
    JSON.stringify(o.shipments),
    o.window.start,
    o.window.end,
    o.currency,
    o.subtotal,
    o.shipping,
    o.total,
    o.paymentProvider,
    o.paymentRef,
    o.placedAt,
    o.locale,
    o.promiseChange ? JSON.stringify(o.promiseChange) : null,
  ];
}

export async function addOrderEvent(tx: Queryable, orderId: string, status: OrderStatus, at: Date): Promise<void> {
  await tx.query(`INSERT INTO order_events (order_id, status, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [orderId, status, at]);
}

/** Sets the status and, the first time each is reached, when the order was really ready, picked up or delivered. */
export async function setOrderStatusRow(tx: Queryable, orderId: string, status: OrderStatus, at: Date): Promise<void> {
  await tx.query(
    `UPDATE orders SET status = $2, updated_at = now(),
       ready_at = CASE WHEN $2 = 'ready' THEN COALESCE(ready_at, $3) ELSE ready_at END,
       picked_up_at = CASE WHEN $2 = 'picked_up' THEN COALESCE(picked_up_at, $3) ELSE picked_up_at END,
       delivered_at = CASE WHEN $2 = 'delivered' THEN $3 ELSE delivered_at END
     WHERE id = $1`,
    [orderId, status, at],
  );
}

export async function setCancelled(tx: Queryable, orderId: string, reason: string | null): Promise<void> {
  await tx.query(`UPDATE orders SET cancel_reason = $2 WHERE id = $1`, [orderId, reason]);
}

export async function setRefunded(q: Queryable, orderId: string, at: Date): Promise<void> {
  await q.query(`UPDATE orders SET refunded_at = $2 WHERE id = $1`, [orderId, at]);
}

/** A delay: the window the parcel is now expected in (the promised one stays for the kept-rate). */
export async function setRevisedWindow(tx: Queryable, orderId: string, window: { start: string; end: string }): Promise<void> {
  await tx.query(`UPDATE orders SET revised_window_start = $2, revised_window_end = $3, updated_at = now() WHERE id = $1`, [
    orderId,
    window.start,
    window.end,
  ]);
}

export async function setTracking(
  tx: Queryable,
  orderId: string,
  t: { carrier: string; number: string; url: string | null },
): Promise<void> {
  await tx.query(`UPDATE orders SET tracking_carrier = $2, tracking_number = $3, tracking_url = $4, updated_at = now() WHERE id = $1`, [
    orderId,
    t.carrier,
    t.number,
    t.url,
  ]);
}

export async function setShipments(tx: Queryable, orderId: string, shipments: Shipment[]): Promise<void> {
  await tx.query(`UPDATE orders SET shipments = $2, updated_at = now() WHERE id = $1`, [orderId, JSON.stringify(shipments)]);
}

/** Orders needing the merchant's eye: expected or delivered after the promised window, or a failed delivery. */
export async function attentionRows(
  q: Queryable,
  merchantId: string,
  now: Date,
  limit: number,
): Promise<{ late: OrderRow[]; failed: OrderRow[] }> {
  const late = await q.query<OrderRow>(
    `SELECT * FROM orders WHERE merchant_id = $1 AND status NOT IN ('cancelled', 'delivery_failed') AND (
        (delivered_at IS NOT NULL AND delivered_at > window_end::timestamptz)
        OR (delivered_at IS NULL AND (COALESCE(revised_window_end, window_end)::timestamptz > window_end::timestamptz OR window_end::timestamptz < $2)))
      ORDER BY placed_at DESC LIMIT ${Number(limit)}`,
    [merchantId, now],
  );
  const failed = await q.query<OrderRow>(
    `SELECT * FROM orders WHERE merchant_id = $1 AND status = 'delivery_failed' ORDER BY placed_at DESC LIMIT ${Number(limit)}`,
    [merchantId],
  );
  return { late, failed };
}

/** An order of a merchant (any merchant when `merchantId` is null), locked for update if asked. */
export async function orderRow(q: Queryable, orderId: string, merchantId: string | null, lock = false): Promise<OrderRow | undefined> {
  const [row] = await q.query<OrderRow>(
    `SELECT * FROM orders WHERE id = $1 AND ($2::text IS NULL OR merchant_id = $2)${lock ? ' FOR UPDATE' : ''}`,
    [orderId, merchantId],
  );
  return row;
}

/** A merchant's order by its id or by its order number ("nb-7k4q-2m" too). */
export async function orderRowByIdOrNumber(q: Queryable, idOrNumber: string, merchantId: string): Promise<OrderRow | undefined> {
  const number = normalizeOrderNumber(idOrNumber);
  if (!number) return orderRow(q, idOrNumber, merchantId);
  const [row] = await q.query<OrderRow>(`SELECT * FROM orders WHERE merchant_id = $1 AND number = $2`, [merchantId, number]);
  return row;
}

export async function orderIdForSession(q: Queryable, sessionId: string): Promise<string | null> {
  return (await orderOfSession(q, sessionId))?.id ?? null;
}

/** The order a session became, if it did: its id, number and the window it was placed with. */
export async function orderOfSession(q: Queryable, sessionId: string): Promise<SessionOrder | null> {
  const [row] = await q.query<Pick<OrderRow, 'id' | 'number' | 'window_start' | 'window_end' | 'promise_change'>>(
    `SELECT id, number, window_start, window_end, promise_change FROM orders WHERE session_id = $1`,
    [sessionId],
  );
  if (!row) return null;
  return {
    id: row.id,
    number: row.number,
    promisedWindow: { start: row.window_start, end: row.window_end },
    promiseChange: row.promise_change ?? null,
  };
}

export interface SessionOrder {
  id: string;
  number: string;
  promisedWindow: Order['promisedWindow'];
  promiseChange: Order['promiseChange'];
}

export async function listOrderRows(q: Queryable, merchantId: string, limit: number, status?: OrderStatus): Promise<OrderRow[]> {
  return q.query<OrderRow>(
    `SELECT * FROM orders WHERE merchant_id = $1 ${status ? 'AND status = $3' : ''} ORDER BY placed_at DESC, id LIMIT $2`,
    status ? [merchantId, limit, status] : [merchantId, limit],
  );
}

/** What the console's order list filters on; every field optional. */
export interface OrderFilter {
  status?: OrderStatus;
  service?: string;
  /** Orders with a parcel from one of these places (a staff member's places, or the place filter). */
  nodeIds?: string[];
  /** Placed at or after / before these instants. */
  from?: Date;
  to?: Date;
  /** An order number ("NB-7K4Q-2M"), an id, or the shopper's email, or part of any of them. */
  search?: string;
}

/** One page of a merchant's orders matching `filter`, newest first, and how many match in all. */
export async function searchOrderRows(
  q: Queryable,
  merchantId: string,
  filter: OrderFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: OrderRow[]; total: number }> {
  const where = ['merchant_id = $1'];
  const params: unknown[] = [merchantId];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.status) add((n) => `status = ${n}`, filter.status);
  if (filter.service) add((n) => `service = ${n}`, filter.service);
  if (filter.nodeIds)
    add((n) => `EXISTS (SELECT 1 FROM jsonb_array_elements(shipments) s WHERE s->>'nodeId' = ANY(${n}::text[]))`, filter.nodeIds);
  if (filter.from) add((n) => `placed_at >= ${n}`, filter.from);
  if (filter.to) add((n) => `placed_at < ${n}`, filter.to);
  if (filter.search) {
    const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add((n) => `(number ILIKE ${n} OR id ILIKE ${n} OR email ILIKE ${n})`, like);
  }
  const clause = where.join(' AND ');
  const [count] = await q.query<{ n: string | number }>(`SELECT count(*) AS n FROM orders WHERE ${clause}`, params);
  const rows = await q.query<OrderRow>(
    `SELECT * FROM orders WHERE ${clause} ORDER BY placed_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, page.limit, page.offset],
  );
  return { rows, total: Number(count?.n ?? 0) };
}

/** The contract's `Order`, with its timeline and fulfilment; `now` decides whether an undelivered order is late. */
export async function orderOut(q: Queryable, row: OrderRow, now?: number): Promise<Order> {
  const [events, parcels, courier] = await Promise.all([
    q.query<{ status: OrderStatus; at: Date }>(`SELECT status, at FROM order_events WHERE order_id = $1 ORDER BY at, seq`, [row.id]),
    parcelsOf(q, row.id),
    latestDeliveryOf(q, row.id),
  ]);
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  const promisedEnd = Date.parse(row.window_end);
  const expectedWindow =
    row.revised_window_start && row.revised_window_end
      ? { start: row.revised_window_start, end: row.revised_window_end }
      : { start: row.window_start, end: row.window_end };
  const late =
    row.status !== 'cancelled' &&
    (row.delivered_at
      ? new Date(row.delivered_at).getTime() > promisedEnd
      : Date.parse(expectedWindow.end) > promisedEnd || (now !== undefined && now > promisedEnd));
  const names = new Map(row.shipments.map((s) => [s.nodeId, s.nodeName]));
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    timeline: events.map((e) => ({ status: e.status, at: new Date(e.at).toISOString() })),
    items: row.items,
    amounts: {
      subtotal: money(row.subtotal_minor, row.currency),
      shipping: money(row.shipping_minor, row.currency),
      total: money(row.total_minor, row.currency),
    },
    address: row.address,
    email: row.email,
    service: row.service,
    promisedWindow: { start: row.window_start, end: row.window_end },
    promiseChange: row.promise_change ?? null,
    shipments: row.shipments,
    placedAt: new Date(row.placed_at).toISOString(),
    fulfilment: {
      readyAt: iso(row.ready_at),
      pickedUpAt: iso(row.picked_up_at),
      deliveredAt: iso(row.delivered_at),
      expectedWindow,
      late,
      parcels: parcels.map((p) => ({
        nodeId: p.node_id,
        nodeName: names.get(p.node_id) ?? p.node_id,
        status: p.status,
        readyBy: new Date(p.ready_by).toISOString(),
        readyAt: iso(p.ready_at),
        pickedUpAt: iso(p.picked_up_at),
        deliveredAt: iso(p.delivered_at),
        lines: p.lines,
        waitingForStock: waitingForStock(p),
      })),
      courier: courier
        ? {
            provider: courier.delivery.provider,
            status: courier.delivery.status,
            courierName: courier.delivery.courier?.name ?? null,
            vehicle: courier.delivery.courier?.vehicle ?? null,
            trackingUrl: courier.delivery.tracking_url,
            pickupEta: iso(courier.delivery.pickup_eta),
            dropoffEta: iso(courier.delivery.dropoff_eta),
            events: courier.events.map((e) => ({
              kind: e.kind as CourierEventKindOut,
              at: new Date(e.at).toISOString(),
              note: e.detail?.reason ?? (e.detail?.courier ? e.detail.courier.name : null),
            })),
          }
        : null,
      tracking: row.tracking_number ? { carrier: row.tracking_carrier ?? '', number: row.tracking_number, url: row.tracking_url } : null,
      cancelReason: row.cancel_reason,
      refundedAt: iso(row.refunded_at),
    },
  };
}
