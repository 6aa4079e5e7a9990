/**
 * A shortage found at the shelf: staff could not find units an order needs. The place's stock is
 * corrected (to what staff counted, else nothing left beyond what open checkouts hold), then the
 * missing units are re-promised from another place on the order's service — the shopper told of
 * a later window if it is later — or, when no place can, the order is cancelled and refunded.
 * The correction commits first, so the promise that follows already knows the shelf was short.
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
  type ParcelLine,
} from '../orders/parcels.repository.js';

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
}

export type ShortageOutcome = { outcome: 'repromised'; fromNodeId: string } | { outcome: 'refunded'; fromNodeId: null };

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

  // 1. The shelf's truth, committed at once: the live index stops promising these units.
  await changes.transaction(db, async (tx) => {
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
    await upsertOnHand(tx, merchant.id, [{ nodeId, sku: shortage.sku, onHand: shortage.shelfCount ?? 0 }], true);
    await reportLowStock(tx, merchant.id, [{ nodeId, sku: shortage.sku }], new Date(clock()));
  });

  // 2. Where else the missing units can come from, on the order's own service.
  const order = (await orderRow(db, orderId, merchant.id))!;
  const destination = promises.destination({ postalCode: order.address.postalCode, country: order.address.country });
  const items = promises.items([{ product: promises.product(merchant, shortage.sku), quantity: shortage.missing }]);
  const elsewhere = () =>
    promises
      .options(merchant, items, destination, false, [order.service], true)
      .find((o) => o.shipments.length === 1 && o.shipments[0]!.nodeId !== nodeId);

  // 3. Move the units there (if they are still there), or cancel and refund.
  const now = new Date(clock());
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
      result = await move(tries <= FULL_DAY_TRIES ? elsewhere() : undefined);
    } catch (error) {
      if (!(error instanceof DayFull)) throw error;
      await promises.refreshCapacity(merchant.id);
    }
  }
  if (result.outcome === 'refunded') {
    await orders.afterCancel(orderId, result.refundRef);
    return { outcome: 'refunded', fromNodeId: null };
  }
  return { outcome: 'repromised', fromNodeId: result.fromNodeId };
}
