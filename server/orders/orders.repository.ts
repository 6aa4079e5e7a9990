/** SQL for orders and their status timeline. */
import { randomBytes } from 'node:crypto';
import type { LineItem, Order, Shipment } from '../../contract/public.js';
import type { Queryable } from '../db/port.js';
import type { ServiceId } from '../promise/index.js';
import type { OrderStatus } from './status.js';

export interface OrderRow {
  id: string;
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
  currency: string;
  subtotal_minor: string | number;
  shipping_minor: string | number;
  total_minor: string | number;
  payment_provider: string;
  payment_ref: string | null;
  placed_at: Date;
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
  currency: string;
  subtotal: number | string;
  shipping: number | string;
  total: number | string;
  paymentProvider: string;
  paymentRef: string | null;
  placedAt: Date;
}

/** Inserts a placed order and the first step of its timeline. */
export async function insertOrder(tx: Queryable, o: NewOrder): Promise<void> {
  await tx.query(
    `INSERT INTO orders (id, merchant_id, session_id, access_token_hash, status, email, address, items, service, shipments,
       window_start, window_end, currency, subtotal_minor, shipping_minor, total_minor, payment_provider, payment_ref, placed_at)
     VALUES ($1, $2, $3, $4, 'placed', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
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
    ],
  );
  await addOrderEvent(tx, o.id, 'placed', o.placedAt);
}

export async function addOrderEvent(tx: Queryable, orderId: string, status: OrderStatus, at: Date): Promise<void> {
  await tx.query(`INSERT INTO order_events (order_id, status, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [orderId, status, at]);
}

export async function setOrderStatusRow(tx: Queryable, orderId: string, status: OrderStatus): Promise<void> {
  await tx.query(`UPDATE orders SET status = $2, updated_at = now() WHERE id = $1`, [orderId, status]);
}

/** An order of a merchant (any merchant when `merchantId` is null), locked for update if asked. */
export async function orderRow(q: Queryable, orderId: string, merchantId: string | null, lock = false): Promise<OrderRow | undefined> {
  const [row] = await q.query<OrderRow>(
    `SELECT * FROM orders WHERE id = $1 AND ($2::text IS NULL OR merchant_id = $2)${lock ? ' FOR UPDATE' : ''}`,
    [orderId, merchantId],
  );
  return row;
}

export async function orderIdForSession(q: Queryable, sessionId: string): Promise<string | null> {
  const [row] = await q.query<{ id: string }>(`SELECT id FROM orders WHERE session_id = $1`, [sessionId]);
  return row?.id ?? null;
}

export async function listOrderRows(q: Queryable, merchantId: string, limit: number, status?: OrderStatus): Promise<OrderRow[]> {
  return q.query<OrderRow>(
    `SELECT * FROM orders WHERE merchant_id = $1 ${status ? 'AND status = $3' : ''} ORDER BY placed_at DESC, id LIMIT $2`,
    status ? [merchantId, limit, status] : [merchantId, limit],
  );
}

/** The contract's `Order`, with its timeline. */
export async function orderOut(q: Queryable, row: OrderRow): Promise<Order> {
  const events = await q.query<{ status: OrderStatus; at: Date }>(
    `SELECT status, at FROM order_events WHERE order_id = $1 ORDER BY at, seq`,
    [row.id],
  );
  return {
    id: row.id,
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
    shipments: row.shipments,
    placedAt: new Date(row.placed_at).toISOString(),
  };
}
