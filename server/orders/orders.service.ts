/**
 * Orders (`app.orders`): reading them (the merchant's, or one for whoever holds its access
 * token), starting their fulfilment when checkout places them, and moving them through the state
 * machine of `status.ts` (`transitions.ts` writes every move). Cancelling puts the units back on
 * their node's shelf and refunds the payment. Orders are created only by checkout
 * (`server/checkout/place-order.ts`), which calls `placed` inside its transaction.
 */
import fp from 'fastify-plugin';
import type { FastifyBaseLogger } from 'fastify';
import type { Order } from '../../contract/public.js';
import type { Db } from '../db/port.js';
import { conflict, notFound } from '../errors.js';
import type { WriteTransactions, Writes } from '../db/writes.js';
import type { Merchant } from '../merchants/merchant.js';
import type { MerchantDirectory } from '../live/merchants.js';
import type { PaymentProvider } from '../payments/provider.js';
import type { Tokens } from '../auth/tokens.js';
import { handlingMinutes, insertParcels } from './parcels.repository.js';
import { reportLowStock } from '../webhooks/stock-alerts.repository.js';
import {
  attentionRows,
  listOrderRows,
  orderOut,
  orderRow,
  orderRowByIdOrNumber,
  searchOrderRows,
  setRefunded,
  type OrderFilter,
} from './orders.repository.js';

export type { OrderFilter };
import { notifyPlaced, notifyRefunded, type NotifyDeps } from './notify.js';
import { moveOrder } from './transitions.js';
import { canMove, refusal, type OrderStatus } from './status.js';

/** What placing needs of the paid checkout session (checkout's row has these fields). */
export interface PlacedSession {
  merchant_id: string;
  items: Array<{ sku: string; title: string }>;
  option: { orderByMs: number; shipments: Array<{ nodeId: string; items: Array<{ sku: string; quantity: number }> }> };
}

export interface OrdersDeps {
  db: Db;
  changes: WriteTransactions;
  payments: PaymentProvider;
  tokens: Tokens;
  merchants: MerchantDirectory;
  clock: () => number;
  log: FastifyBaseLogger;
}

type CancelListener = (orderId: string) => Promise<void>;

export class OrdersService {
  readonly notifyDeps: NotifyDeps;
  private readonly cancelListeners: CancelListener[] = [];

  constructor(private readonly deps: OrdersDeps) {
    this.notifyDeps = { tokens: deps.tokens, merchantName: (id) => deps.merchants.get(id)?.name ?? 'the shop' };
  }

  /** A merchant's order by its id or its order number ("NB-7K4Q-2M"). */
  async get(merchant: Merchant, orderId: string): Promise<Order> {
    const row = await orderRowByIdOrNumber(this.deps.db, orderId, merchant.id);
    if (!row) throw notFound(`No order ${orderId}`);
    return orderOut(this.deps.db, row, this.deps.clock());
  }

  /** An order of this merchant for whoever holds its access token. */
  async getWithToken(merchant: Merchant, orderId: string, token: string): Promise<Order> {
    if (!this.deps.tokens.checkOrderAccess(orderId, token)) throw notFound(`No order ${orderId} for this access token`);
    return this.get(merchant, orderId);
  }

  /** The order behind an access token, whatever the merchant: for the shopper's status page. */
  async forShopper(orderId: string, token: string): Promise<{ order: Order; merchantId: string; merchantName: string }> {
    if (!this.deps.tokens.checkOrderAccess(orderId, token)) throw notFound(`No order ${orderId} for this access token`);
    const row = await orderRow(this.deps.db, orderId, null);
    if (!row) throw notFound(`No order ${orderId}`);
    return {
      order: await orderOut(this.deps.db, row, this.deps.clock()),
      merchantId: row.merchant_id,
      merchantName: this.notifyDeps.merchantName(row.merchant_id),
    };
  }

  async list(merchant: Merchant, limit: number, status?: OrderStatus): Promise<Order[]> {
    const rows = await listOrderRows(this.deps.db, merchant.id, limit, status);
    return Promise.all(rows.map((r) => orderOut(this.deps.db, r, this.deps.clock())));
  }

  /** A page of orders matching a filter (the console's list), and how many match in all. */
  async search(
    merchant: Merchant,
    filter: OrderFilter,
    page: { limit: number; offset: number },
  ): Promise<{ items: Order[]; total: number }> {
    const { rows, total } = await searchOrderRows(this.deps.db, merchant.id, filter, page);
    const now = this.deps.clock();
    return { items: await Promise.all(rows.map((r) => orderOut(this.deps.db, r, now))), total };
  }

  /** Late against their promise, or a failed delivery: what the merchant should look at. */
  async attention(merchant: Merchant, limit = 100): Promise<{ late: Order[]; failed: Order[] }> {
    const now = this.deps.clock();
    const { late, failed } = await attentionRows(this.deps.db, merchant.id, new Date(now), limit);
    const out = (rows: typeof late) => Promise.all(rows.map((r) => orderOut(this.deps.db, r, now)));
    return { late: await out(late), failed: await out(failed) };
  }

  /**
   * Checkout placed an order (inside its transaction): one parcel per place on the pick lists,
   * ready by the handover the promise assumed (the cut-off it beat plus the place's handling
   * time), the confirmation email and `order.placed`, and `stock.low` where the order took the
   * last units.
   */
  async placed(tx: Writes, placed: { orderId: string; session: PlacedSession; placedAt: Date }): Promise<void> {
    const { session, orderId, placedAt } = placed;
    const shipments = session.option.shipments;
    const handling = await handlingMinutes(
      tx,
      session.merchant_id,
      shipments.map((s) => s.nodeId),
    );
    const titles = new Map(session.items.map((i) => [i.sku, i.title]));
    const handover = Math.max(session.option.orderByMs, placedAt.getTime());
    await insertParcels(
      tx,
      orderId,
      session.merchant_id,
      shipments.map((s) => ({
        nodeId: s.nodeId,
        readyBy: new Date(handover + (handling.get(s.nodeId) ?? 0) * 60_000),
        lines: s.items.map((i) => ({ sku: i.sku, title: titles.get(i.sku) ?? i.sku, quantity: i.quantity, picked: 0 })),
      })),
      placedAt,
    );
    await notifyPlaced(tx, this.notifyDeps, orderId, placedAt);
    await reportLowStock(
      tx,
      session.merchant_id,
      shipments.flatMap((s) => s.items.map((i) => ({ nodeId: s.nodeId, sku: i.sku }))),
      placedAt,
    );
  }

  /**
   * Moves an order one step on (every parcel with it), or cancels it (its stock goes back to the
   * node, it is refunded, and its courier called off).
   */
  async setStatus(merchant: Merchant, orderId: string, status: OrderStatus, reason?: string): Promise<Order> {
    const { db, changes, clock } = this.deps;
    const moved = await changes.transaction(db, async (tx) => {
      const row = await orderRow(tx, orderId, merchant.id, true);
      if (!row) throw notFound(`No order ${orderId}`);
      // By hand, one step at a time: skipping steps would leave the times they record empty.
      if (row.status !== status && !canMove(row.status, status)) throw conflict(refusal(orderId, row.status, status));
      return moveOrder(tx, this.notifyDeps, orderId, status, {
        at: new Date(clock()),
        parcels: true,
        reason: reason ?? (status === 'cancelled' ? 'Cancelled by the shop' : null),
      });
    });
    if (moved.moved && status === 'cancelled') await this.afterCancel(orderId, moved.refundRef);
    return this.get(merchant, orderId);
  }

  /** After a cancellation committed: refund (and say so) and call off any courier. */
  async afterCancel(orderId: string, refundRef: string | null): Promise<void> {
    const { db, payments, log, clock } = this.deps;
    for (const listener of this.cancelListeners)
      await listener(orderId).catch((err: unknown) => log.error({ err, orderId }, 'calling off the courier failed'));
    if (!refundRef) return;
    try {
      await payments.refund(refundRef);
    } catch (err) {
      log.error({ err, orderId }, 'refund failed; refund it by hand');
      return;
    }
    const at = new Date(clock());
    await db.transaction(async (tx) => {
      await setRefunded(tx, orderId, at);
      await notifyRefunded(tx, orderId, at);
    });
  }

  /** Called after an order is cancelled (fulfilment calls off its courier). */
  onCancelled(listener: CancelListener): void {
    this.cancelListeners.push(listener);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    orders: OrdersService;
  }
}

export default fp(
  async function ordersPlugin(app) {
    app.decorate(
      'orders',
      new OrdersService({
        db: app.db,
        changes: app.changes,
        payments: app.payments,
        tokens: app.tokens,
        merchants: app.merchants,
        clock: app.clock,
        log: app.log,
      }),
    );
  },
  { name: 'orders', dependencies: ['db', 'changes', 'payments', 'tokens', 'clock', 'merchants'] },
);
