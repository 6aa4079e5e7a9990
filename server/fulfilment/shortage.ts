/**
 * A shortage found at the shelf: staff could not find units an order needs. The place's stock is
 * corrected (to what staff counted, else nothing left beyond what open checkouts hold), then the
 * missing units are re-promised from another place on the order's service — the shopper told of
 * a later window if it is later — or, when no place can, the order is cancelled and refunded.
 * The correction commits first, so the promise that follows already knows the shelf was short.
 *
 * When staff say when the shelf is restocked (`restockAt`) and no other place sends the units on
 * the order's service inside its window, the parcel waits at its place instead, if picking after
 * the restock still delivers inside the window (docs/ARCHITECTURE.md, "After payment").
 * A new shipment takes its place's capacity for its pick day as a checkout's hold does (and a
 * place left with nothing to send gives its back), so a full day is never overbooked by
 * shortages (docs/ARCHITECTURE.md, "Capacity").
 */
import type { Db } from '../db/port.js';
import { ApiError, notFound } from '../errors.js';
import type { WriteTransactions } from '../db/writes.js';
import type { Merchant } from '../merchants/merchant.js';
import { upsertOnHand } from '../inventory/levels.repository.js';
import { moveCommitted } from '../inventory/corrections.js';
import type { PromiseService } from '../promise-service/plugin.js';
import type { OrdersService } from '../orders/orders.service.js';
import { notifyLate } from '../orders/notify.js';
import { orderRow, setRevisedWindow, setShipments } from '../orders/orders.repository.js';
import { moveOrder } from '../orders/transitions.js';
import { reportLowStock } from '../webhooks/stock-alerts.repository.js';
import { commitCapacity, holdCapacity, returnCapacity } from '../capacity/capacity.repository.js';
import {
  addShortageNote,
  deleteParcel,
  handlingMinutes,
  insertParcels,
  parcelsOf,
  setParcelLines,
  setReadyBy,
  waitingForStock,
  type ParcelLine,
} from '../orders/parcels.repository.js';
import type { ShipmentsPlan } from '../promise/index.js';

export interface ShortageDeps {
  db: Db;
  changes: WriteTransactions;
  promises: PromiseService;
  orders: OrdersService;
  clock: () => number;
}

export interface Shortage {
  sku: string;
  missing: number;
  shelfCount?: number | undefined;
  /** When the place's shelf holds the units again (ISO instant), if staff know. */
  restockAt?: string | undefined;
}

export type ShortageOutcome =
  { outcome: 'repromised'; fromNodeId: string } | { outcome: 'waiting'; fromNodeId: string } | { outcome: 'refunded'; fromNodeId: null };

/** A restock further ahead than this is refused as a slip of the keyboard (a year for a month). */
const RESTOCK_HORIZON_DAYS = 60;

/** The new place's day filled up in another process: nothing was written; look again. */
class DayFull extends Error {}
/** Looks at a fuller day this many times before the order is refunded instead. */
const FULL_DAY_TRIES = 3;

export async function recordShortage(
  deps: ShortageDeps,
  merchant: Merchant,
  orderId: string,
  nodeId: string,
  shortage: Shortage,
): Promise<ShortageOutcome> {
  const { db, changes, promises, orders, clock } = deps;
  const restockMs = restockInstant(shortage.restockAt, clock());

  // 1. The shelf's truth, committed at once: the live index stops promising these units.
  const repeated = await changes.transaction(db, async (tx) => {
    const order = await orderRow(tx, orderId, merchant.id, true);
    if (!order) throw notFound(`No order ${orderId}`);
    const parcel = (await parcelsOf(tx, orderId, true)).find((p) => p.node_id === nodeId);
    if (!parcel) throw notFound(`Order ${orderId} has nothing to pick at node ${nodeId}`);
    if (parcel.status !== 'placed' && parcel.status !== 'ready')
      throw new ApiError('conflict', `Order ${orderId} is ${parcel.status} at node ${nodeId}: a shortage is recorded while picking`);
    const line = parcel.lines.find((l) => l.sku === shortage.sku);
    if (!line) throw new ApiError('unprocessable', `Order ${orderId} has no ${shortage.sku} to pick at node ${nodeId}`);
    if (shortage.missing > line.quantity)
      throw new ApiError(
        'unprocessable',
        `Order ${orderId} needs ${line.quantity} of ${shortage.sku} at node ${nodeId}; ${shortage.missing} cannot be missing`,
      );
    // The same report again (a retry) while the parcel waits for that restock: already recorded.
    const last = parcel.shortages.at(-1);
    if (
      restockMs !== null &&
      waitingForStock(parcel) === new Date(restockMs).toISOString() &&
      last?.sku === shortage.sku &&
      last.missing === shortage.missing
    )
      return true;
    await upsertOnHand(tx, merchant.id, [{ nodeId, sku: shortage.sku, onHand: shortage.shelfCount ?? 0 }], true);
    await reportLowStock(tx, merchant.id, [{ nodeId, sku: shortage.sku }], new Date(clock()));
    return false;
  });
  if (repeated) return { outcome: 'waiting', fromNodeId: nodeId };

  // 2. Where else the missing units can come from, on the order's own service.
  const order = (await orderRow(db, orderId, merchant.id))!;
  const destination = promises.destination({ postalCode: order.address.postalCode, country: order.address.country });
  const items = promises.items([{ product: promises.product(merchant, shortage.sku), quantity: shortage.missing }]);
  const elsewhere = () =>
    promises
      .options(merchant, items, destination, false, [order.service], true)
      .find((o) => o.shipments.length === 1 && o.shipments[0]!.nodeId !== nodeId);

  const now = new Date(clock());
  // Looked for once; again only after a full day turned the move down (step 4).
  let there = elsewhere();

  // 3. No other place inside the window, but this one after its restock: the parcel waits.
  if (restockMs !== null) {
    const windowEnd = Date.parse(order.revised_window_end ?? order.window_end);
    if (!there || there.windowEndMs > windowEnd) {
      const plan = promises.planAt(merchant.id, order.service, destination, restockMs, nodeId);
      if (plan && plan.plannedEndMs <= windowEnd) {
        const waiting = await waitForRestock(deps, merchant, orderId, nodeId, shortage, restockMs, plan, now);
        if (waiting) return { outcome: 'waiting', fromNodeId: nodeId };
      }
    }
  }

  // 4. Move the units there (if they are still there), or cancel and refund.
  const move = (option: ReturnType<typeof elsewhere>) =>
    changes.transaction(db, async (tx) => {
      const row = (await orderRow(tx, orderId, merchant.id, true))!;
      const parcels = await parcelsOf(tx, orderId, true);
      const parcel = parcels.find((p) => p.node_id === nodeId)!;
      const toNode = option?.shipments[0] ?? null;
      const moved = toNode
        ? await moveCommitted(tx, merchant.id, row.session_id, shortage.sku, shortage.missing, nodeId, toNode.nodeId)
        : false;
      if (!moved || !toNode || !option) {
        await moveCommitted(tx, merchant.id, row.session_id, shortage.sku, shortage.missing, nodeId, null);
        await addShortageNote(tx, orderId, nodeId, {
          sku: shortage.sku,
          missing: shortage.missing,
          at: now.toISOString(),
          outcome: 'refunded',
          toNodeId: null,
        });
        const place = row.shipments.find((s) => s.nodeId === nodeId)?.nodeName ?? nodeId;
        const title = parcel.lines.find((l) => l.sku === shortage.sku)?.title ?? shortage.sku;
        const cancelled = await moveOrder(tx, orders.notifyDeps, orderId, 'cancelled', {
          at: now,
          parcels: true,
          reason: `${title} was not on the shelf at ${place}, and no other place could deliver it in time`,
        });
        return { outcome: 'refunded' as const, refundRef: cancelled.refundRef };
      }
      const existing = parcels.find((p) => p.node_id === toNode.nodeId);
      if (!existing) {
        // A new shipment: the place hands over one more order on its pick day, if it has room.
        const claim = { nodeId: toNode.nodeId, day: toNode.pickDay };
        if (await holdCapacity(tx, merchant.id, row.session_id, row.service, [claim])) throw new DayFull();
        await commitCapacity(tx, row.session_id);
      }
      // The short place's parcel loses the units; the new place's gains them.
      const remaining: ParcelLine[] = parcel.lines
        .map((l) =>
          l.sku === shortage.sku
            ? { ...l, quantity: l.quantity - shortage.missing, picked: Math.min(l.picked, l.quantity - shortage.missing) }
            : l,
        )
        .filter((l) => l.quantity > 0);
      await addShortageNote(tx, orderId, nodeId, {
        sku: shortage.sku,
        missing: shortage.missing,
        at: now.toISOString(),
        outcome: 'repromised',
        toNodeId: toNode.nodeId,
      });
      if (remaining.length > 0) await setParcelLines(tx, orderId, nodeId, remaining);
      else {
        await deleteParcel(tx, orderId, nodeId);
        // Nothing left to hand over there: its order of the day is free for someone else.
        await returnCapacity(tx, row.session_id, nodeId);
      }
      const title = parcel.lines.find((l) => l.sku === shortage.sku)?.title ?? shortage.sku;
      if (existing) {
        const lines = existing.lines.some((l) => l.sku === shortage.sku)
          ? existing.lines.map((l) => (l.sku === shortage.sku ? { ...l, quantity: l.quantity + shortage.missing } : l))
          : [...existing.lines, { sku: shortage.sku, title, quantity: shortage.missing, picked: 0 }];
        await setParcelLines(tx, orderId, toNode.nodeId, lines);
      } else {
        const handling = (await handlingMinutes(tx, merchant.id, [toNode.nodeId])).get(toNode.nodeId) ?? 0;
        await insertParcels(
          tx,
          orderId,
          merchant.id,
          [
            {
              nodeId: toNode.nodeId,
              readyBy: new Date(Math.max(option.orderByMs, now.getTime()) + handling * 60_000),
              lines: [{ sku: shortage.sku, title, quantity: shortage.missing, picked: 0 }],
            },
          ],
          now,
        );
      }
      const shipments = row.shipments
        .map((s) =>
          s.nodeId === nodeId
            ? {
                ...s,
                items: s.items
                  .map((i) => (i.sku === shortage.sku ? { ...i, quantity: i.quantity - shortage.missing } : i))
                  .filter((i) => i.quantity > 0),
              }
            : s,
        )
        .filter((s) => s.items.length > 0);
      const target = shipments.find((s) => s.nodeId === toNode.nodeId);
      if (target) {
        const item = target.items.find((i) => i.sku === shortage.sku);
        if (item) item.quantity += shortage.missing;
        else target.items.push({ sku: shortage.sku, quantity: shortage.missing });
      } else {
        shipments.push({
          nodeId: toNode.nodeId,
          nodeName: toNode.nodeName,
          nodeKind: toNode.nodeKind,
          distanceKm: toNode.distanceKm,
          items: [{ sku: shortage.sku, quantity: shortage.missing }],
        });
      }
      await setShipments(tx, orderId, shipments);
      await reportLowStock(tx, merchant.id, [{ nodeId: toNode.nodeId, sku: shortage.sku }], now);
      // A later window than promised: the shopper hears of it, the merchant too.
      if (option.windowEndMs > Date.parse(row.revised_window_end ?? row.window_end)) {
        await setRevisedWindow(tx, orderId, option.window);
        await notifyLate(tx, orders.notifyDeps, orderId, now, {
          newWindow: option.window,
          reason: `Re-sent from ${toNode.nodeName} after a shortage`,
        });
      }
      return { outcome: 'repromised' as const, fromNodeId: toNode.nodeId };
    });
  let result: Awaited<ReturnType<typeof move>> | undefined;
  for (let tries = 1; !result; tries++) {
    try {
      // After the last try on a day that keeps filling up, no place is left: cancel and refund.
      result = await move(tries <= FULL_DAY_TRIES ? there : undefined);
    } catch (error) {
      if (!(error instanceof DayFull)) throw error;
      await promises.refreshCapacity(merchant.id);
      there = elsewhere();
    }
  }
  if (result.outcome === 'refunded') {
    await orders.afterCancel(orderId, result.refundRef);
    return { outcome: 'refunded', fromNodeId: null };
  }
  return { outcome: 'repromised', fromNodeId: result.fromNodeId };
}

/** `restockAt` as an instant: later than now and within the horizon, else a 422 saying why. */
function restockInstant(text: string | undefined, now: number): number | null {
  if (text === undefined) return null;
  const at = Date.parse(text);
  if (!Number.isFinite(at)) throw new ApiError('unprocessable', `restockAt ${text} is not a real date and time`);
  if (at <= now) throw new ApiError('unprocessable', `restockAt ${text} is not in the future: say when the units will be there`);
  if (at > now + RESTOCK_HORIZON_DAYS * 86_400_000)
    throw new ApiError('unprocessable', `restockAt ${text} is more than ${RESTOCK_HORIZON_DAYS} days ahead`);
  return at;
}

/**
 * The parcel stays at its place for the restock: its pick moves to the restock's day (ready by
 * that day's cut-off plus handling, its capacity taken from that day instead), and the missing
 * units stay committed to the order at this place, since the restock brings them: the merchant
 * records only what it brings beyond the parcels waiting for it (they show on the pick list), and
 * a cancellation returns them once, like any committed unit. The window holds, so the shopper is
 * told nothing. False (nothing written) when the parcel moved on meanwhile or the restock's day
 * is full: the usual re-sourcing follows.
 */
async function waitForRestock(
  deps: ShortageDeps,
  merchant: Merchant,
  orderId: string,
  nodeId: string,
  shortage: Shortage,
  restockMs: number,
  plan: ShipmentsPlan,
  now: Date,
): Promise<boolean> {
  try {
    return await deps.changes.transaction(deps.db, async (tx) => {
      const row = (await orderRow(tx, orderId, merchant.id, true))!;
      const parcel = (await parcelsOf(tx, orderId, true)).find((p) => p.node_id === nodeId);
      // Only a parcel still being picked waits; one already marked ready is re-sourced as before.
      if (!parcel || parcel.status !== 'placed') return false;
      await returnCapacity(tx, row.session_id, nodeId);
      if (await holdCapacity(tx, merchant.id, row.session_id, row.service, [{ nodeId, day: plan.pickDays[0]! }])) throw new DayFull();
      await commitCapacity(tx, row.session_id);
      const handling = (await handlingMinutes(tx, merchant.id, [nodeId])).get(nodeId) ?? 0;
      await setReadyBy(tx, orderId, nodeId, new Date(Math.max(plan.orderByMs, restockMs) + handling * 60_000));
      // The missing units are to be picked again after the restock.
      await setParcelLines(
        tx,
        orderId,
        nodeId,
        parcel.lines.map((l) => (l.sku === shortage.sku ? { ...l, picked: Math.min(l.picked, l.quantity - shortage.missing) } : l)),
      );
      await addShortageNote(tx, orderId, nodeId, {
        sku: shortage.sku,
        missing: shortage.missing,
        at: now.toISOString(),
        outcome: 'waiting',
        toNodeId: nodeId,
        restockAt: new Date(restockMs).toISOString(),
      });
      return true;
    });
  } catch (error) {
    if (error instanceof DayFull) return false;
    throw error;
  }
}
