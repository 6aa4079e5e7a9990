/**
 * What the order page shows of an order's courier: its latest delivery and the events the courier
 * reported. Fulfilment (`server/fulfilment/`) books deliveries and writes these rows; orders only
 * read them, so the order room needs nothing from fulfilment.
 */
import type { CourierProgress } from '../../contract/public.js';
import type { Queryable } from '../db/port.js';

export interface DeliveryView {
  provider: string;
  status: CourierProgress['status'];
  courier: { name: string; vehicle: string } | null;
  tracking_url: string | null;
  pickup_eta: Date | null;
  dropoff_eta: Date | null;
}

export interface CourierEventRow {
  kind: string;
  at: Date;
  detail: { reason?: string | null; courier?: { name: string } | null };
}

/** An order's latest delivery and its events, for the order page. */
export async function latestDeliveryOf(
  q: Queryable,
  orderId: string,
): Promise<{ delivery: DeliveryView; events: CourierEventRow[] } | null> {
  const [delivery] = await q.query<DeliveryView & { id: string }>(
    `SELECT * FROM courier_deliveries WHERE order_id = $1 ORDER BY created_at DESC, id LIMIT 1`,
    [orderId],
  );
  if (!delivery) return null;
  const events = await q.query<CourierEventRow>(`SELECT kind, at, detail FROM courier_events WHERE delivery_id = $1 ORDER BY seq`, [
    delivery.id,
  ]);
  return { delivery, events };
}
