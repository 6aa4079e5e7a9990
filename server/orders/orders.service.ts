/**
 * Orders (`app.orders`): reading them (the merchant's, or one for whoever holds its access
 * token) and moving them through the state machine of `status.ts`. Cancelling puts the units
 * back on their node's shelf and refunds the payment. Orders are created only by checkout
 * (`server/checkout/place-order.ts`).
 */
import fp from 'fastify-plugin';
import type { FastifyBaseLogger } from 'fastify';
import type { Order } from '../../contract/public.js';
import type { Db } from '../db/port.js';
import { ApiError, notFound } from '../errors.js';
import type { WriteTransactions } from '../db/writes.js';
import type { Merchant } from '../merchants/merchant.js';
import { returnStock } from '../inventory/reservations.js';
import type { PaymentProvider } from '../payments/provider.js';
import type { Tokens } from '../auth/tokens.js';
import { addOrderEvent, listOrderRows, orderOut, orderRow, setOrderStatusRow } from './orders.repository.js';
import { canMove, refusal, type OrderStatus } from './status.js';

export interface OrdersDeps {
  db: Db;
  changes: WriteTransactions;
  payments: PaymentProvider;
  tokens: Tokens;
  clock: () => number;
  log: FastifyBaseLogger;
}

export class OrdersService {
  constructor(private readonly deps: OrdersDeps) {}

  async get(merchant: Merchant, orderId: string): Promise<Order> {
    const row = await orderRow(this.deps.db, orderId, merchant.id);
    if (!row) throw notFound(`No order ${orderId}`);
    return orderOut(this.deps.db, row);
  }

  /** An order of this merchant for whoever holds its access token. */
  async getWithToken(merchant: Merchant, orderId: string, token: string): Promise<Order> {
    if (!this.deps.tokens.checkOrderAccess(orderId, token)) throw notFound(`No order ${orderId} for this access token`);
    return this.get(merchant, orderId);
  }

  /** The order behind an access token, whatever the merchant: for the shopper's status page. */
  async forShopper(orderId: string, token: string): Promise<{ order: Order; merchantId: string }> {
    if (!this.deps.tokens.checkOrderAccess(orderId, token)) throw notFound(`No order ${orderId} for this access token`);
    const row = await orderRow(this.deps.db, orderId, null);
    if (!row) throw notFound(`No order ${orderId}`);
    return { order: await orderOut(this.deps.db, row), merchantId: row.merchant_id };
  }

  async list(merchant: Merchant, limit: number, status?: OrderStatus): Promise<Order[]> {
    const rows = await listOrderRows(this.deps.db, merchant.id, limit, status);
    return Promise.all(rows.map((r) => orderOut(this.deps.db, r)));
  }

  /** Moves an order one step on, or cancels it (its stock goes back to the node, and it is refunded). */
  async setStatus(merchant: Merchant, orderId: string, status: OrderStatus): Promise<Order> {
    const { db, changes, payments, log, clock } = this.deps;
    let refundRef: string | null = null;
    await changes.transaction(db, async (tx) => {
      const row = await orderRow(tx, orderId, merchant.id, true);
      if (!row) throw notFound(`No order ${orderId}`);
      if (row.status === status) return;
      if (!canMove(row.status, status)) throw new ApiError('conflict', refusal(orderId, row.status, status));
      if (status === 'cancelled') {
        await returnStock(tx, row.session_id);
        refundRef = row.payment_ref;
      }
      await setOrderStatusRow(tx, orderId, status);
      await addOrderEvent(tx, orderId, status, new Date(clock()));
    });
    if (refundRef)
      await payments.refund(refundRef).catch((err: unknown) => log.error({ err, orderId }, 'refund failed; refund it by hand'));
    return this.get(merchant, orderId);
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
      new OrdersService({ db: app.db, changes: app.changes, payments: app.payments, tokens: app.tokens, clock: app.clock, log: app.log }),
    );
  },
  { name: 'orders', dependencies: ['db', 'changes', 'payments', 'tokens', 'clock'] },
);
