/**
 * Checkout (`app.checkout`): turns a promise into a paid order without overselling or losing an
 * order (DESIGN.md §3, §5, §6).
 *
 * 1. A session recomputes prices and the promise from the server's own data, then holds the
 *    stock of the chosen option in one transaction, all or nothing.
 * 2. Only after that commit is the payment created (no call to Stripe while rows are locked);
 *    if that fails the hold is released.
 * 3. A successful payment (Stripe's webhook, or the test provider's confirm) places the order
 *    through one function, `placeOrder`, which commits the hold exactly once.
 * 4. Holds that are not paid in time are released by `sweep`, safe in many processes at once.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type Stripe from 'stripe';
import type { CheckoutSession, CreateCheckoutSessionBody, DeliveryWindow, LineItem, Order, OrderStatus } from '../../contract/public.js';
import type { Db, Queryable } from '../db/port.js';
import { ApiError, notFound } from '../errors.js';
import { computePromise, publicOption, resolveDestination, SERVICE_LABELS, UnknownDestinationError } from '../promise/index.js';
import type { PromiseOption, ServiceId } from '../promise/types.js';
import type { Catalog } from '../services/catalog.js';
import type { ChangeBus } from '../services/changes.js';
import type { Merchant } from '../services/merchants.js';
import type { NetworkRegistry } from '../services/networks.js';
import type { PaymentProvider, StripePaymentProvider, TestPaymentProvider } from './payments.js';
import { purgeIdempotencyKeys } from './idempotency.js';
import { commitStock, holdStock, releaseStock, returnStock, takeStockDirectly, type LevelChange, type StockLine } from './stock.js';
import type { MemberClaims, Tokens } from './tokens.js';

export interface CheckoutDeps {
  db: Db;
  networks: NetworkRegistry;
  catalog: Catalog;
  changes: ChangeBus;
  provider: PaymentProvider;
  tokens: Tokens;
  clock: () => number;
  log: FastifyBaseLogger;
  /** How long stock is held for an unpaid session. */
  holdMs: number;
}

/** What the shopper saw and chose, beyond the session body the contract defines. */
export type SessionRequest = CreateCheckoutSessionBody & { expectedWindow?: DeliveryWindow | undefined };

interface SessionRow {
  id: string;
  merchant_id: string;
  status: CheckoutSession['status'];
  email: string;
  member: boolean;
  address: Order['address'];
  items: LineItem[];
  service: ServiceId;
  option: PromiseOption;
  currency: string;
  subtotal_minor: string | number;
  shipping_minor: string | number;
  total_minor: string | number;
  payment_provider: 'stripe' | 'test';
  payment_ref: string | null;
  payment_secret: string | null;
  failure_reason: string | null;
  expires_at: Date;
}

interface OrderRow {
  id: string;
  merchant_id: string;
  session_id: string;
  status: OrderStatus;
  email: string;
  address: Order['address'];
  items: LineItem[];
  service: ServiceId;
  shipments: Order['shipments'];
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

/** A hold that failed because the database had less stock than the in-memory index thought. */
class ShortStock extends Error {
  constructor(readonly line: StockLine) {
    super(`short of ${line.sku} at ${line.nodeId}`);
  }
}

export type PlaceOutcome =
  { kind: 'placed'; orderId: string; alreadyPlaced: boolean } | { kind: 'refunded'; reason: string } | { kind: 'unknown_session' };

const HOLD_ATTEMPTS = 3;
const SWEEP_BATCH = 100;

/** Forward steps an order may take; any step but delivered may also be cancelled. */
const NEXT_STATUS: Record<OrderStatus, OrderStatus | null> = {
  placed: 'picked_up',
  picked_up: 'out_for_delivery',
  out_for_delivery: 'delivered',
  delivered: null,
  cancelled: null,
};

const newId = (prefix: string) => `${prefix}_${randomBytes(15).toString('base64url')}`;
const money = (amount: string | number, currency: string) => ({ amount: Number(amount), currency });

export class CheckoutService {
  constructor(private readonly deps: CheckoutDeps) {}

  get providerName(): 'stripe' | 'test' {
    return this.deps.provider.name;
  }

  // ─── Sessions ───────────────────────────────────────────────────────────────────────────

  async createSession(merchant: Merchant, body: SessionRequest, member: MemberClaims | null): Promise<CheckoutSession> {
    const { db, catalog, networks, clock } = this.deps;
    const lines = body.items.map((item) => {
      const product = catalog.get(merchant.id, item.sku);
      if (!product) throw notFound(`No product with SKU ${item.sku}`);
      if (product.currency !== merchant.currency) {
        throw new ApiError('unprocessable', `Product ${item.sku} is priced in ${product.currency}, not the shop's ${merchant.currency}`);
      }
      return { product, quantity: item.quantity };
    });
    let destination;
    try {
      destination = resolveDestination({ postalCode: body.address.postalCode, country: body.address.country });
    } catch (error) {
      if (error instanceof UnknownDestinationError) throw new ApiError('undeliverable', error.message);
      throw error;
    }
    const items: LineItem[] = lines.map(({ product, quantity }) => ({
      sku: product.sku,
      title: product.title,
      quantity,
      unitPrice: money(product.priceMinor, product.currency),
      lineTotal: money(product.priceMinor * quantity, product.currency),
    }));
    const subtotal = items.reduce((sum, i) => sum + i.lineTotal.amount, 0);
    const skus = items.map((i) => i.sku);
    const isMember = member !== null;

    const engineItems = lines.map(({ product, quantity }) => ({
      sku: product.sku,
      quantity,
      unitPrice: product.priceMinor,
      fastDeliveryEligible: product.fastDeliveryEligible,
    }));
    const promise = (forItems = engineItems, services?: ServiceId[]) =>
      computePromise(networks.get(merchant.id), {
        items: forItems,
        destination: { lat: destination.lat, lng: destination.lng, timeZone: destination.timeZone },
        now: clock(),
        member: isMember,
        feePolicy: merchant.enginePolicy,
        ...(services ? { services } : {}),
      });
    /** Out of stock: name the first item that has no option on its own, and what else is open. */
    const unavailable = (): ApiError => {
      const options = promise();
      if (options.length === 0) {
        const culprit = engineItems.find((item) => promise([item]).length === 0) ?? engineItems[0]!;
        return new ApiError('out_of_stock', `Not enough stock of ${culprit.sku} to deliver ${culprit.quantity} to ${destination.label}`, {
          sku: culprit.sku,
          options: [],
        });
      }
      return new ApiError(
        'out_of_stock',
        `${SERVICE_LABELS[body.service]} is no longer available for this order; other options are still open`,
        { sku: lines.length === 1 ? lines[0]!.product.sku : null, service: body.service, options: options.map(publicOption) },
      );
    };

    for (let attempt = 0; attempt < HOLD_ATTEMPTS; attempt++) {
      // Only the chosen service on the way to a hold; every service only for an error's details.
      const option = promise(engineItems, [body.service])[0];
      if (!option) throw unavailable();
      if (body.expectedWindow && option.windowEndMs > Date.parse(body.expectedWindow.end)) {
        throw new ApiError(
          'promise_changed',
          `The ${SERVICE_LABELS[body.service]} option now arrives later than shown (${option.window.start} – ${option.window.end}); please check the new time`,
          { options: promise().map(publicOption) },
        );
      }
      const sessionId = newId('cs');
      const stock: StockLine[] = option.shipments.flatMap((s) =>
        s.items.map((i) => ({ nodeId: s.nodeId, sku: i.sku, quantity: i.quantity })),
      );
      const shipping = option.price.amount;
      const now = clock();
      try {
        await this.deps.changes.commit(db, { merchantId: merchant.id, kind: 'stock', ids: skus }, async (tx) => {
          await tx.query(
            `INSERT INTO checkout_sessions (id, merchant_id, status, email, member, address, items, service, option, currency,
               subtotal_minor, shipping_minor, total_minor, payment_provider, expires_at, created_at, updated_at)
             VALUES ($1, $2, 'open', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
            [
              sessionId,
              merchant.id,
              body.email,
              isMember,
              JSON.stringify(body.address),
              JSON.stringify(items),
              body.service,
              JSON.stringify(option),
              merchant.currency,
              subtotal,
              shipping,
              subtotal + shipping,
              this.deps.provider.name,
              new Date(now + this.deps.holdMs),
              new Date(now),
            ],
          );
          // After the session row, which its reservations reference.
          const short = await holdStock(tx, merchant.id, sessionId, stock);
          if (short) throw new ShortStock(short);
        });
      } catch (error) {
        if (!(error instanceof ShortStock)) throw error;
        // The database is authoritative: catch the index up, then look again.
        await networks.refreshStock(merchant.id, skus);
        continue;
      }
      return this.startPayment(merchant, sessionId, subtotal + shipping, body.email);
    }
    throw unavailable();
  }

  /** Creates the payment after the hold committed; releases the hold if that fails. */
  private async startPayment(merchant: Merchant, sessionId: string, total: number, email: string): Promise<CheckoutSession> {
    const { db, provider, log } = this.deps;
    try {
      const payment = await provider.create({ sessionId, merchantId: merchant.id, amount: total, currency: merchant.currency, email });
      await db.query(`UPDATE checkout_sessions SET payment_ref = $2, payment_secret = $3, updated_at = now() WHERE id = $1`, [
        sessionId,
        payment.ref,
        payment.clientSecret,
      ]);
    } catch (error) {
      log.error({ err: error, sessionId }, 'creating the payment failed; releasing the hold');
      await this.endSession(sessionId, 'cancelled', 'the payment could not be started');
      throw new ApiError('unavailable', 'Payments are unavailable right now. Nothing was charged; please try again in a moment.');
    }
    return this.getSession(merchant, sessionId);
  }

  async getSession(merchant: Merchant, sessionId: string): Promise<CheckoutSession> {
    const row = await this.sessionRow(this.deps.db, sessionId);
    if (!row || row.merchant_id !== merchant.id) throw notFound(`No checkout session ${sessionId}`);
    const [order] = await this.deps.db.query<{ id: string }>(`SELECT id FROM orders WHERE session_id = $1`, [sessionId]);
    return this.sessionOut(row, order?.id ?? null);
  }

  private async sessionRow(q: Queryable, sessionId: string, lock = false): Promise<SessionRow | undefined> {
    const [row] = await q.query<SessionRow>(`SELECT * FROM checkout_sessions WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [sessionId]);
    return row;
  }

  private sessionOut(row: SessionRow, orderId: string | null): CheckoutSession {
    const provider = this.deps.provider;
    const payment: CheckoutSession['payment'] =
      row.payment_provider === 'stripe' && provider.name === 'stripe'
        ? {
            provider: 'stripe',
            clientSecret: row.payment_secret ?? '',
            stripePublishableKey: (provider as StripePaymentProvider).publishableKey,
          }
        : { provider: 'test' };
    return {
      id: row.id,
      status: row.status,
      items: row.items,
      amounts: {
        subtotal: money(row.subtotal_minor, row.currency),
        shipping: money(row.shipping_minor, row.currency),
        total: money(row.total_minor, row.currency),
      },
      option: publicOption(row.option),
      reservationExpiresAt: new Date(row.expires_at).toISOString(),
      payment,
      order: orderId ? { id: orderId, accessToken: this.deps.tokens.orderAccess(orderId) } : null,
    };
  }

  // ─── Payment results ────────────────────────────────────────────────────────────────────

  /** The test provider's payment: a test card succeeds (the order is placed) or is declined. */
  async confirmTestPayment(merchant: Merchant, sessionId: string, cardNumber: string): Promise<CheckoutSession> {
    const provider = this.deps.provider;
    if (provider.name !== 'test') {
      throw new ApiError('conflict', 'This server takes payments through Stripe; confirm with Stripe.js, not this test route');
    }
    const row = await this.sessionRow(this.deps.db, sessionId);
    if (!row || row.merchant_id !== merchant.id) throw notFound(`No checkout session ${sessionId}`);
    if (row.status === 'completed') return this.getSession(merchant, sessionId);
    if (row.status !== 'open' || new Date(row.expires_at).getTime() <= this.deps.clock()) {
      if (row.status === 'open') await this.endSession(sessionId, 'expired', 'the hold expired');
      throw new ApiError('session_expired', 'This checkout expired and its items were released; please start again', { sessionId });
    }
    const outcome = (provider as TestPaymentProvider).charge(cardNumber);
    if (!outcome.ok) {
      // A declined card keeps the hold: the shopper can try another card until it expires.
      await this.deps.db.query(`UPDATE checkout_sessions SET failure_reason = $2, updated_at = now() WHERE id = $1`, [
        sessionId,
        outcome.reason,
      ]);
      throw new ApiError('payment_declined', outcome.reason, { sessionId });
    }
    const placed = await this.placeOrder(sessionId, row.payment_ref);
    if (placed.kind === 'refunded') throw new ApiError('out_of_stock', placed.reason, { sessionId });
    return this.getSession(merchant, sessionId);
  }

  /**
   * Places the order for a paid session, exactly once however often it is called: commits the
   * hold (or, when the hold lapsed before the payment arrived, takes the stock directly, and
   * refunds when it is gone).
   */
  async placeOrder(sessionId: string, paymentRef: string | null): Promise<PlaceOutcome> {
    const { db, provider, log } = this.deps;
    let changed: LevelChange[] = [];
    const outcome = await db.transaction(async (tx): Promise<PlaceOutcome> => {
      const row = await this.sessionRow(tx, sessionId, true);
      if (!row) return { kind: 'unknown_session' };
      if (row.status === 'completed') {
        const [order] = await tx.query<{ id: string }>(`SELECT id FROM orders WHERE session_id = $1`, [sessionId]);
        return { kind: 'placed', orderId: order!.id, alreadyPlaced: true };
      }
      if (row.status === 'open') {
        changed = await commitStock(tx, sessionId);
      } else {
        const lines = await tx.query<StockLine>(
          `SELECT node_id AS "nodeId", sku, quantity FROM reservations WHERE session_id = $1 AND status = 'released'`,
          [sessionId],
        );
        const short = await takeStockDirectly(tx, row.merchant_id, sessionId, lines);
        if (short) {
          const reason = `Paid after the hold on ${short.sku} lapsed, and it has sold out since; the payment is refunded`;
          await tx.query(`UPDATE checkout_sessions SET failure_reason = $2, updated_at = now() WHERE id = $1`, [sessionId, reason]);
          return { kind: 'refunded', reason };
        }
        changed = lines.map((l) => ({ merchantId: row.merchant_id, sku: l.sku }));
      }
      const orderId = newId('ord');
      const option = row.option;
      await tx.query(
        `INSERT INTO orders (id, merchant_id, session_id, access_token_hash, status, email, address, items, service, shipments,
           window_start, window_end, currency, subtotal_minor, shipping_minor, total_minor, payment_provider, payment_ref, placed_at)
         VALUES ($1, $2, $3, $4, 'placed', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        [
          orderId,
          row.merchant_id,
          sessionId,
          // Access tokens are derived (HMAC of the id); this column records which key version made them.
          'hmac-v1',
          row.email,
          JSON.stringify(row.address),
          JSON.stringify(row.items),
          row.service,
          JSON.stringify(option.shipments),
          option.window.start,
          option.window.end,
          row.currency,
          row.subtotal_minor,
          row.shipping_minor,
          row.total_minor,
          row.payment_provider,
          paymentRef ?? row.payment_ref,
          new Date(this.deps.clock()),
        ],
      );
      await tx.query(`INSERT INTO order_events (order_id, status, at) VALUES ($1, 'placed', $2)`, [orderId, new Date(this.deps.clock())]);
      await tx.query(`UPDATE checkout_sessions SET status = 'completed', failure_reason = NULL, updated_at = now() WHERE id = $1`, [
        sessionId,
      ]);
      await this.notifyStock(tx, changed);
      return { kind: 'placed', orderId, alreadyPlaced: false };
    });
    await this.appliedStock(changed);
    if (outcome.kind === 'refunded') {
      const ref = paymentRef ?? (await this.sessionRow(db, sessionId))?.payment_ref;
      if (ref) await provider.refund(ref).catch((err: unknown) => log.error({ err, sessionId }, 'refund failed; refund it by hand'));
    }
    return outcome;
  }

  /**
   * Applies a verified Stripe event once: payment succeeded places the order, cancelled
   * releases the hold, failed records why (the shopper may retry until the hold expires).
   */
  async applyStripeEvent(event: Stripe.Event): Promise<'applied' | 'duplicate' | 'ignored'> {
    const { db } = this.deps;
    const seen = await db.query(`SELECT 1 FROM payment_events WHERE event_id = $1`, [event.id]);
    if (seen.length > 0) return 'duplicate';
    let result: 'applied' | 'ignored' = 'ignored';
    if (event.type.startsWith('payment_intent.')) {
      const intent = event.data.object as Stripe.PaymentIntent;
      const sessionId = intent.metadata?.nearbuy_session_id;
      if (sessionId) {
        if (event.type === 'payment_intent.succeeded') {
          const outcome = await this.placeOrder(sessionId, intent.id);
          result = outcome.kind === 'unknown_session' ? 'ignored' : 'applied';
        } else if (event.type === 'payment_intent.canceled') {
          await this.endSession(sessionId, 'cancelled', 'the payment was cancelled');
          result = 'applied';
        } else if (event.type === 'payment_intent.payment_failed') {
          const reason = intent.last_payment_error?.message ?? 'The payment failed';
          await db.query(`UPDATE checkout_sessions SET failure_reason = $2, updated_at = now() WHERE id = $1 AND status = 'open'`, [
            sessionId,
            reason,
          ]);
          result = 'applied';
        }
      }
    }
    await db.query(`INSERT INTO payment_events (event_id, type) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING`, [event.id, event.type]);
    return result;
  }

  /** Ends an open session and releases its hold; a session in any other state is left alone. */
  private async endSession(sessionId: string, status: 'expired' | 'cancelled', reason: string): Promise<boolean> {
    let changed: LevelChange[] = [];
    const ended = await this.deps.db.transaction(async (tx) => {
      const row = await this.sessionRow(tx, sessionId, true);
      if (!row || row.status !== 'open') return false;
      changed = await releaseStock(tx, sessionId);
      await tx.query(`UPDATE checkout_sessions SET status = $2, failure_reason = $3, updated_at = now() WHERE id = $1`, [
        sessionId,
        status,
        reason,
      ]);
      await this.notifyStock(tx, changed);
      return true;
    });
    await this.appliedStock(changed);
    return ended;
  }

  /**
   * Releases holds whose time ran out, and forgets idempotency keys older than a day. Each batch
   * locks its sessions with SKIP LOCKED, so any number of processes can sweep at once without
   * releasing a hold twice.
   */
  async sweep(): Promise<number> {
    const { db, provider, log, clock } = this.deps;
    await purgeIdempotencyKeys(db, clock());
    let total = 0;
    for (;;) {
      const expired: Array<{ id: string; payment_ref: string | null }> = [];
      let changed: LevelChange[] = [];
      await db.transaction(async (tx) => {
        const rows = await tx.query<{ id: string; payment_ref: string | null }>(
          `SELECT id, payment_ref FROM checkout_sessions WHERE status = 'open' AND expires_at <= $1
            ORDER BY expires_at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED`,
          [new Date(clock())],
        );
        for (const row of rows) {
          changed = changed.concat(await releaseStock(tx, row.id));
          await tx.query(
            `UPDATE checkout_sessions SET status = 'expired', failure_reason = 'the hold expired', updated_at = now() WHERE id = $1`,
            [row.id],
          );
          expired.push(row);
        }
        await this.notifyStock(tx, changed);
      });
      await this.appliedStock(changed);
      total += expired.length;
      if (provider.name === 'stripe') {
        for (const row of expired) {
          // A payment that lands anyway is placed from stock if it is still there, else refunded.
          if (row.payment_ref)
            await provider
              .cancel(row.payment_ref)
              .catch((err: unknown) => log.warn({ err, sessionId: row.id }, 'could not cancel the PaymentIntent'));
        }
      }
      if (expired.length < SWEEP_BATCH) return total;
    }
  }

  private async notifyStock(tx: Queryable, changed: LevelChange[]): Promise<void> {
    for (const change of groupChanges(changed)) await this.deps.changes.notifyIn(tx, change);
  }

  private async appliedStock(changed: LevelChange[]): Promise<void> {
    for (const change of groupChanges(changed)) await this.deps.changes.applied(change);
  }

  // ─── Orders ─────────────────────────────────────────────────────────────────────────────

  /** An order for whoever holds its access token. */
  async getOrderWithToken(merchant: Merchant, orderId: string, token: string): Promise<Order> {
    if (!this.deps.tokens.checkOrderAccess(orderId, token)) throw notFound(`No order ${orderId} for this access token`);
    return this.getOrder(merchant, orderId);
  }

  /** The order behind an access token, whatever the merchant: for the shopper's status page. */
  async orderForShopper(orderId: string, token: string): Promise<{ order: Order; merchantId: string }> {
    if (!this.deps.tokens.checkOrderAccess(orderId, token)) throw notFound(`No order ${orderId} for this access token`);
    const [row] = await this.deps.db.query<OrderRow>(`SELECT * FROM orders WHERE id = $1`, [orderId]);
    if (!row) throw notFound(`No order ${orderId}`);
    return { order: await this.orderOut(this.deps.db, row), merchantId: row.merchant_id };
  }

  async getOrder(merchant: Merchant, orderId: string): Promise<Order> {
    const [row] = await this.deps.db.query<OrderRow>(`SELECT * FROM orders WHERE id = $1 AND merchant_id = $2`, [orderId, merchant.id]);
    if (!row) throw notFound(`No order ${orderId}`);
    return this.orderOut(this.deps.db, row);
  }

  async listOrders(merchant: Merchant, limit: number, status?: OrderStatus): Promise<Order[]> {
    const rows = await this.deps.db.query<OrderRow>(
      `SELECT * FROM orders WHERE merchant_id = $1 ${status ? 'AND status = $3' : ''} ORDER BY placed_at DESC, id LIMIT $2`,
      status ? [merchant.id, limit, status] : [merchant.id, limit],
    );
    return Promise.all(rows.map((r) => this.orderOut(this.deps.db, r)));
  }

  /** Moves an order one step on, or cancels it (its stock goes back to the node, and it is refunded). */
  async setOrderStatus(merchant: Merchant, orderId: string, status: OrderStatus): Promise<Order> {
    const { db, provider, log } = this.deps;
    let changed: LevelChange[] = [];
    let refundRef: string | null = null;
    await db.transaction(async (tx) => {
      const [row] = await tx.query<OrderRow>(`SELECT * FROM orders WHERE id = $1 AND merchant_id = $2 FOR UPDATE`, [orderId, merchant.id]);
      if (!row) throw notFound(`No order ${orderId}`);
      if (row.status === status) return;
      if (status === 'cancelled') {
        if (row.status === 'delivered') throw new ApiError('conflict', `Order ${orderId} was delivered and cannot be cancelled`);
        changed = await returnStock(tx, row.session_id);
        await this.notifyStock(tx, changed);
        refundRef = row.payment_ref;
      } else if (NEXT_STATUS[row.status] !== status) {
        const next = NEXT_STATUS[row.status];
        throw new ApiError(
          'conflict',
          next
            ? `Order ${orderId} is ${row.status}; its next status is ${next} (or cancelled)`
            : `Order ${orderId} is ${row.status} and cannot change`,
        );
      }
      await tx.query(`UPDATE orders SET status = $2, updated_at = now() WHERE id = $1`, [orderId, status]);
      await tx.query(`INSERT INTO order_events (order_id, status, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
        orderId,
        status,
        new Date(this.deps.clock()),
      ]);
    });
    await this.appliedStock(changed);
    if (refundRef)
      await provider.refund(refundRef).catch((err: unknown) => log.error({ err, orderId }, 'refund failed; refund it by hand'));
    return this.getOrder(merchant, orderId);
  }

  private async orderOut(q: Queryable, row: OrderRow): Promise<Order> {
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
}

function groupChanges(changed: LevelChange[]): Array<{ merchantId: string; kind: 'stock'; ids: string[] }> {
  const byMerchant = new Map<string, Set<string>>();
  for (const c of changed) {
    let set = byMerchant.get(c.merchantId);
    if (!set) byMerchant.set(c.merchantId, (set = new Set()));
    set.add(c.sku);
  }
  return [...byMerchant].map(([merchantId, skus]) => ({ merchantId, kind: 'stock', ids: [...skus] }));
}
