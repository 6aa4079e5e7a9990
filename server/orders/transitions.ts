/**
 * Moving an order through `status.ts`, inside the caller's transaction: the status, the times it
 * was really ready, picked up and delivered, its timeline, its parcels when the whole order is
 * moved at once, the stock of a cancelled order, and the messages each step sends. The only
 * writer of `orders.status`; callers hold the order's row lock (`orderRow(…, true)`).
 */
import { conflict, notFound } from '../errors.js';
import type { Writes } from '../db/writes.js';
import { returnStock } from '../inventory/reservations.js';
import { returnCapacity } from '../capacity/capacity.repository.js';
import { parcelsOf, setParcelStatus } from './parcels.repository.js';
import { addOrderEvent, orderRow, setCancelled, setOrderStatusRow, type OrderRow } from './orders.repository.js';
import { notifyStatus, type NotifyDeps, type NotifyExtra } from './notify.js';
import { canMove, orderStatusOf, pathTo, refusal, type OrderStatus } from './status.js';

export interface MoveOptions extends NotifyExtra {
  at: Date;
  /** Move every parcel along too (a merchant moving the whole order); false when the parcels moved first. */
  parcels: boolean;
}

export interface Moved {
  /** The order before the move. */
  before: OrderRow;
  moved: boolean;
  /** Set when the order was cancelled with a payment to give back (after the commit). */
  refundRef: string | null;
}

export async function moveOrder(tx: Writes, deps: NotifyDeps, orderId: string, to: OrderStatus, opts: MoveOptions): Promise<Moved> {
  const before = await orderRow(tx, orderId, null, true);
  if (!before) throw notFound(`No order ${orderId}`);
  if (before.status === to) return { before, moved: false, refundRef: null };
  const steps = pathTo(before.status, to);
  if (steps.length === 0) throw conflict(refusal(orderId, before.status, to));
  let from = before.status;
  let refundRef: string | null = null;
  for (const step of steps) {
    if (step === 'cancelled') {
      await returnStock(tx, before.session_id);
      // Cancelled before it was handed over: its place in the node's day is free again.
      await returnCapacity(tx, before.session_id);
      await setCancelled(tx, orderId, opts.reason ?? null);
      refundRef = before.payment_ref;
    }
    await setOrderStatusRow(tx, orderId, step, opts.at);
    await addOrderEvent(tx, orderId, step, opts.at);
    if (opts.parcels) await moveParcels(tx, orderId, step, opts.at);
    await notifyStatus(tx, deps, orderId, from, step, opts.at, opts);
    from = step;
  }
  return { before, moved: true, refundRef };
}

/** Every parcel that can take the step takes it (one already further along stays). */
async function moveParcels(tx: Writes, orderId: string, to: OrderStatus, at: Date): Promise<void> {
  for (const p of await parcelsOf(tx, orderId, true)) {
    if (p.status === to) continue;
    if (to === 'cancelled' ? canMove(p.status, to) : pathTo(p.status, to).length > 0) await setParcelStatus(tx, orderId, p.node_id, to, at);
  }
}

/** After parcels moved: the order follows its slowest parcel, when that is a step it may take. */
export async function followParcels(
  tx: Writes,
  deps: NotifyDeps,
  orderId: string,
  opts: Omit<MoveOptions, 'parcels'>,
): Promise<Moved | null> {
  const row = await orderRow(tx, orderId, null, true);
  if (!row) throw notFound(`No order ${orderId}`);
  const target = orderStatusOf((await parcelsOf(tx, orderId)).map((p) => p.status));
  if (target === row.status || pathTo(row.status, target).length === 0) return null;
  return moveOrder(tx, deps, orderId, target, { ...opts, parcels: false });
}
