/**
 * The order state machine, in one place: `placed → picked_up → out_for_delivery → delivered`,
 * and `cancelled` from any step before delivery (docs/ARCHITECTURE.md, "Invariants").
 */
import { ORDER_STATUSES, type OrderStatus } from '../../contract/public.js';

export { ORDER_STATUSES, type OrderStatus };

/** The steps a delivered order went through, in order. */
export const ORDER_STEPS: readonly OrderStatus[] = ['placed', 'picked_up', 'out_for_delivery', 'delivered'];

/** The one forward step an order may take from each status (none from the last two). */
export const NEXT_STATUS: Readonly<Record<OrderStatus, OrderStatus | null>> = {
  placed: 'picked_up',
  picked_up: 'out_for_delivery',
  out_for_delivery: 'delivered',
  delivered: null,
  cancelled: null,
};

/** What an order may move to: its next step, or cancelled until it is delivered. */
export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  if (to === 'cancelled') return from !== 'delivered' && from !== 'cancelled';
  return NEXT_STATUS[from] === to;
}

/** Why a move is refused, in a sentence that names the order. */
export function refusal(orderId: string, from: OrderStatus, to: OrderStatus): string {
  if (to === 'cancelled') return `Order ${orderId} was ${from} and cannot be cancelled`;
  const next = NEXT_STATUS[from];
  return next ? `Order ${orderId} is ${from}; its next status is ${next} (or cancelled)` : `Order ${orderId} is ${from} and cannot change`;
}
