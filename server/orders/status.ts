/**
 * The order state machine, in one place (docs/ARCHITECTURE.md, "Invariants"):
 *
 *   placed → ready → picked_up → out_for_delivery → delivered
 *
 * A delivery may fail once the parcel left the place (`delivery_failed`); the parcel then comes
 * back and is ready again for another attempt, or the order is cancelled. `cancelled` is
 * reachable from any step before delivery. Parcels (one per place that sends part of an order)
 * walk the same statuses; the order is at the step its slowest parcel has reached.
 */
import { ORDER_STATUSES, type OrderStatus } from '../../contract/public.js';

export { ORDER_STATUSES, type OrderStatus };

/** The steps a delivered order went through, in order. */
export const ORDER_STEPS: readonly OrderStatus[] = ['placed', 'ready', 'picked_up', 'out_for_delivery', 'delivered'];

/** The one forward step an order may take from each status (none from the last ones). */
export const NEXT_STATUS: Readonly<Record<OrderStatus, OrderStatus | null>> = {
  placed: 'ready',
  ready: 'picked_up',
  picked_up: 'out_for_delivery',
  out_for_delivery: 'delivered',
  delivered: null,
  // The parcel is back at the place, ready for another attempt.
  delivery_failed: 'ready',
  cancelled: null,
};

/** Statuses from which a delivery can fail: the parcel has left the place. */
const IN_TRANSIT: ReadonlySet<OrderStatus> = new Set(['picked_up', 'out_for_delivery']);

/** What an order may move to: its next step, a failed delivery in transit, or cancelled until delivered. */
export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  if (to === 'cancelled') return from !== 'delivered' && from !== 'cancelled';
  if (to === 'delivery_failed') return IN_TRANSIT.has(from);
  return NEXT_STATUS[from] === to;
}

/** Why a move is refused, in a sentence that names the order. */
export function refusal(orderId: string, from: OrderStatus, to: OrderStatus): string {
  if (to === 'cancelled') return `Order ${orderId} was ${from} and cannot be cancelled`;
  if (to === 'delivery_failed') return `Order ${orderId} is ${from}: only a parcel on its way can fail delivery`;
  const next = NEXT_STATUS[from];
  return next ? `Order ${orderId} is ${from}; its next status is ${next} (or cancelled)` : `Order ${orderId} is ${from} and cannot change`;
}

/** How far along the normal steps a status is (-1 for failed and cancelled). */
export function stepOf(status: OrderStatus): number {
  return ORDER_STEPS.indexOf(status);
}

/**
 * The status of an order from its parcels': cancelled when all are, failed when any failed,
 * else the step the slowest parcel has reached.
 */
export function orderStatusOf(parcels: readonly OrderStatus[]): OrderStatus {
  const live = parcels.filter((s) => s !== 'cancelled');
  if (live.length === 0) return 'cancelled';
  if (live.includes('delivery_failed')) return 'delivery_failed';
  return ORDER_STEPS[Math.min(...live.map(stepOf))]!;
}

/** The statuses between `from` and `to` on the normal steps, both ends excluded then `to`: the path a move takes. */
export function pathTo(from: OrderStatus, to: OrderStatus): OrderStatus[] {
  const a = stepOf(from);
  const b = stepOf(to);
  if (a < 0 || b < 0 || b <= a) return canMove(from, to) ? [to] : [];
  return ORDER_STEPS.slice(a + 1, b + 1) as OrderStatus[];
}
