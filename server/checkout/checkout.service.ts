/**
 * Checkout (`app.checkout`): turns a promise into a paid order without overselling or losing an
 * order (docs/ARCHITECTURE.md, "Checkout"). A session is made in named steps:
 *
 * 1. `price.ts`: the cart priced from the server's catalog;
 * 2. `choose-option.ts`: the chosen option recomputed now;
 * 3. `hold.ts`: the session and the hold on its stock, one transaction;
 * 4. `payment.ts`: the payment created after that commit (released again if that fails);
 * 5. `place-order.ts`: the paid session placed as an order, exactly once;
 * and `sweep.ts` releases holds nobody paid for.
 */
import fp from 'fastify-plugin';
import type { CheckoutSession, CreateCheckoutSessionBody, DeliveryWindow } from '../../contract/public.js';
import { ApiError, notFound } from '../errors.js';
import type { Merchant } from '../merchants/merchant.js';
import { orderOfSession, type SessionOrder } from '../orders/orders.repository.js';
import type { CreatedPayment, PaymentEvent } from '../payments/provider.js';
import { toDeliveryOption } from '../promise-service/options.js';
import type { MemberClaims, Tokens } from '../auth/tokens.js';
import { toErrorPayload } from '../plugins/error-handler.js';
import { chooseOption, unavailable } from './choose-option.js';
import type { CheckoutDeps } from './deps.js';
import { HoldQueue, type SessionClaim } from './hold.js';
import { abandonIdempotent, IdempotencyKeys, newOwner, requestDigest, type KeyRequest } from './idempotency.js';
import { endSession, startPayment } from './payment.js';
import { applyPaymentEvent, placeOrder, type PlaceOutcome } from './place-order.js';
import { priceCart } from './price.js';
import { newSessionId, sessionRow, setFailure, type SessionRow } from './sessions.repository.js';
import { sweep } from './sweep.js';
import { mailLocale } from '../mail/messages.js';

/** What the shopper saw and chose, beyond the session body the contract defines. */
export type SessionRequest = CreateCheckoutSessionBody & { expectedWindow?: DeliveryWindow | undefined };

/** The answer to a session request: made now, or the first answer replayed for a retried key. */
export type SessionAnswer = { replayed: false; session: CheckoutSession } | { replayed: true; status: number; body: unknown };

/** Tries before giving up when the database keeps having less stock than the index thought. */
const HOLD_ATTEMPTS = 3;

/** A new request's hold found its key recorded by another attempt: it goes on as a retry. */
class KeyTaken extends Error {}

const keyInFlight = () =>
  new ApiError('idempotency_key_in_flight', 'A request with this Idempotency-Key is still being processed; retry in a moment');

export class CheckoutService {
  private readonly holds: HoldQueue;
  private readonly keys: IdempotencyKeys;

  constructor(
    private readonly deps: CheckoutDeps,
    private readonly tokens: Tokens,
  ) {
    this.holds = new HoldQueue(deps.db, deps.changes, (merchantId, sku) => {
      const { networks } = deps;
      return networks.current && networks.get(merchantId).stockedCount(sku) === 0;
    });
    this.keys = new IdempotencyKeys(deps.db);
  }

  get providerName(): 'stripe' | 'test' {
    return this.deps.payments.name;
  }

  /**
   * `POST /v1/checkout/sessions` under an Idempotency-Key: the first request with a key makes
   * the session; a retry with the same body gets the same answer, a client error included.
   */
  async createSessionIdempotently(
    merchant: Merchant,
    key: string,
    body: SessionRequest,
    member: MemberClaims | null,
  ): Promise<SessionAnswer> {
    const { clock, networks } = this.deps;
    // An index that may have missed other processes' notices (its LISTEN connection dropped)
    // reads the cart's stock again first: neither a sold-out answer nor the option chosen may
    // rest on units it did not hear come back.
    if (!networks.current) await networks.refreshStock(merchant.id, [...new Set(body.items.map((i) => i.sku))]);
    // Sold out in the live index, and a key never seen: answered before anything is written
    // (docs/ARCHITECTURE.md, "Holds in batches"). A key already used goes on as a retry: its
    // session may hold the very units the index misses.
    const soldOut = this.soldOut(merchant, body, member);
    const seen = soldOut !== null && (await this.keys.known(merchant.id, key));
    if (soldOut && !seen) throw soldOut;
    const request = { digest: requestDigest({ body, member: member?.email ?? null }), now: clock() };
    if (!seen) {
      // Most keys are new: the hold records the key in its own transaction, with the session and
      // the stock (docs/ARCHITECTURE.md, "Holds in batches"). Null when another attempt had
      // recorded the key: this one then goes on as that attempt's retry.
      const claim: SessionClaim = { merchantId: merchant.id, key, owner: newOwner(), fresh: request };
      const session = await this.answered(claim, request, () => this.createSession(merchant, body, member, claim));
      if (session) return { replayed: false, session };
    }
    const start = await this.keys.begin(merchant.id, key, request.digest, clock());
    if (start.kind === 'replay') return { replayed: true, status: start.status, body: start.body };
    if (start.kind === 'made') return { replayed: true, status: 201, body: await this.getSession(merchant, start.sessionId) };
    const claim: SessionClaim = { merchantId: merchant.id, key, owner: start.owner };
    const session = await this.answered(claim, request, async () => {
      // A new session's answer is stored with its payment, in the same statement.
      if (!start.sessionId) return this.createSession(merchant, body, member, claim);
      const resumed = await this.resumeSession(merchant, start.sessionId);
      await this.keys.finish(claim, request, 201, resumed);
      return resumed;
    });
    if (!session) throw keyInFlight();
    return { replayed: false, session };
  }

  /**
   * Runs `make` for the attempt that `claim` names and stores its client error as the key's
   * answer, for every retry; our own failure gives the key up instead. Null when the key turns
   * out to be another attempt's (its hold, or its answer, found the key recorded): this attempt
   * answers nothing for it.
   */
  private async answered(claim: SessionClaim, request: KeyRequest, make: () => Promise<CheckoutSession>): Promise<CheckoutSession | null> {
    const { db, clock } = this.deps;
    try {
      return await make();
    } catch (error) {
      if (error instanceof KeyTaken) return null;
      const { status, payload, internal } = toErrorPayload(error);
      if (internal) await abandonIdempotent(db, claim, clock());
      else if (!(await this.keys.finish(claim, request, status, payload)) && claim.fresh) return null;
      throw error;
    }
  }

  /**
   * Finishes a session an earlier attempt made (its stock held in the same transaction that tied
   * it to the key) but died before answering: its payment is started if it was not, once per
   * session whatever the provider (docs/ARCHITECTURE.md, "Checkout").
   */
  private async resumeSession(merchant: Merchant, sessionId: string): Promise<CheckoutSession> {
    const row = await sessionRow(this.deps.db, sessionId);
    if (!row || row.merchant_id !== merchant.id) throw notFound(`No checkout session ${sessionId}`);
    if (row.status === 'open' && row.payment_ref === null) {
      await startPayment(this.deps, merchant, sessionId, Number(row.total_minor), row.email);
    }
    return this.getSession(merchant, sessionId);
  }

  /**
   * The `out_of_stock` answer when the live index holds some SKU of the cart nowhere (sold out,
   * or every unit held): a flash sale's late shoppers cost no database work and no commit. The
   * index may be a moment behind; so is the promise the shopper was shown.
   */
  private soldOut(merchant: Merchant, body: SessionRequest, member: MemberClaims | null): ApiError | null {
    const { promises, networks } = this.deps;
    const network = networks.get(merchant.id);
    if (!body.items.some((item) => network.stockedCount(item.sku) === 0)) return null;
    const cart = priceCart(promises, merchant, body.items);
    const destination = promises.addressDestination(body.address);
    return unavailable(promises, {
      merchant,
      cart,
      destination,
      member: member !== null,
      service: body.service,
      expectedWindow: body.expectedWindow,
      now: this.deps.clock(),
    });
  }

  /**
   * Makes a session; `claim` ties it to the request's Idempotency-Key in the hold's transaction,
   * and the session returned is stored as the key's answer with the payment.
   */
  async createSession(
    merchant: Merchant,
    body: SessionRequest,
    member: MemberClaims | null,
    claim?: SessionClaim,
  ): Promise<CheckoutSession> {
    const { promises, networks, clock, holdMs, payments } = this.deps;
    const cart = priceCart(promises, merchant, body.items);
    const destination = promises.addressDestination(body.address);
    const question = { merchant, cart, destination, member: member !== null, service: body.service, expectedWindow: body.expectedWindow };
    for (let attempt = 0; attempt < HOLD_ATTEMPTS; attempt++) {
      const option = chooseOption(promises, { ...question, now: clock() });
      const now = clock();
      const session = {
        id: newSessionId(),
        merchantId: merchant.id,
        email: body.email,
        member: member !== null,
        address: body.address,
        items: cart.items,
        option,
        currency: merchant.currency,
        subtotal: cart.subtotal,
        shipping: option.price.amount,
        paymentProvider: payments.name,
        expiresAt: new Date(now + holdMs),
        createdAt: new Date(now),
        locale: mailLocale(body.locale),
      };
      const held = await this.holds.hold(session, claim);
      if (held === 'lost') throw claim?.fresh ? new KeyTaken() : keyInFlight();
      // Short: the database is authoritative, and the hold's batch has caught the index up
      // (once for every shopper it refused, not once each): look again.
      if (held === 'short') continue;
      if (held === 'full') {
        // Another process filled the day: catch up on capacity, and the next day is promised.
        await networks.refreshCapacity(merchant.id);
        continue;
      }
      // The session as it now stands, from what was just written: no read back before answering.
      const out = (payment: CreatedPayment) =>
        this.sessionOut(
          {
            id: session.id,
            merchant_id: session.merchantId,
            status: 'open',
            email: session.email,
            member: session.member,
            address: session.address,
            items: session.items,
            service: option.service,
            option,
            currency: session.currency,
            subtotal_minor: session.subtotal,
            shipping_minor: session.shipping,
            total_minor: session.subtotal + session.shipping,
            payment_provider: session.paymentProvider,
            payment_ref: payment.ref,
            payment_secret: payment.clientSecret,
            failure_reason: null,
            expires_at: session.expiresAt,
            locale: session.locale,
          },
          null,
        );
      let answer: CheckoutSession | undefined;
      const payment = await startPayment(
        this.deps,
        merchant,
        session.id,
        session.subtotal + session.shipping,
        body.email,
        claim && ((p) => ({ merchantId: claim.merchantId, key: claim.key, status: 201, body: (answer = out(p)) })),
      );
      return answer ?? out(payment);
    }
    throw unavailable(promises, { ...question, now: clock() });
  }

  async getSession(merchant: Merchant, sessionId: string): Promise<CheckoutSession> {
    const row = await sessionRow(this.deps.db, sessionId);
    if (!row || row.merchant_id !== merchant.id) throw notFound(`No checkout session ${sessionId}`);
    return this.sessionOut(row, await orderOfSession(this.deps.db, sessionId));
  }

  /** Pays a session with a card on the server (the test provider's cards): the order is placed, or the card declined. */
  async confirmCard(merchant: Merchant, sessionId: string, cardNumber: string): Promise<CheckoutSession> {
    const { db, payments, clock } = this.deps;
    // The verdict costs nothing and charges nobody; a provider that takes no cards here says so first.
    const verdict = payments.chargeCard(cardNumber);
    const row = await sessionRow(db, sessionId);
    if (!row || row.merchant_id !== merchant.id) throw notFound(`No checkout session ${sessionId}`);
    if (row.status === 'completed') return this.getSession(merchant, sessionId);
    if (row.status !== 'open' || new Date(row.expires_at).getTime() <= clock()) {
      if (row.status === 'open') await endSession(this.deps, sessionId, 'expired', 'the hold expired');
      throw new ApiError('session_expired', 'This checkout expired and its items were released; please start again', { sessionId });
    }
    if (!verdict.ok) {
      // A declined card keeps the hold: the shopper can try another card until it expires.
      await setFailure(db, sessionId, verdict.reason);
      throw new ApiError('payment_declined', verdict.reason, { sessionId });
    }
    const placed = await placeOrder(this.deps, sessionId, row.payment_ref);
    if (placed.kind === 'refunded') throw new ApiError(placed.late ? 'promise_changed' : 'out_of_stock', placed.reason, { sessionId });
    return this.getSession(merchant, sessionId);
  }

  placeOrder(sessionId: string, paymentRef: string | null): Promise<PlaceOutcome> {
    return placeOrder(this.deps, sessionId, paymentRef);
  }

  applyPaymentEvent(event: PaymentEvent): Promise<'applied' | 'duplicate' | 'ignored'> {
    return applyPaymentEvent(this.deps, event);
  }

  sweep(): Promise<number> {
    return sweep(this.deps);
  }

  private sessionOut(row: SessionRow, order: SessionOrder | null): CheckoutSession {
    const { payments } = this.deps;
    return {
      id: row.id,
      status: row.status,
      items: row.items,
      amounts: {
        subtotal: { amount: Number(row.subtotal_minor), currency: row.currency },
        shipping: { amount: Number(row.shipping_minor), currency: row.currency },
        total: { amount: Number(row.total_minor), currency: row.currency },
      },
      option: toDeliveryOption(row.option),
      reservationExpiresAt: new Date(row.expires_at).toISOString(),
      // A session made before the server's payment keys changed cannot be paid the new way.
      payment: row.payment_provider === payments.name ? payments.handoff(row.payment_secret) : { provider: 'test' },
      order: order ? { ...order, accessToken: this.tokens.orderAccess(order.id) } : null,
    };
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    checkout: CheckoutService;
  }
}

export interface CheckoutPluginOptions {
  holdMs: number;
  /** How often this process sweeps expired holds; 0 turns the timer off (tests sweep by hand). */
  sweepMs: number;
}

export default fp<CheckoutPluginOptions>(
  async function checkoutPlugin(app, opts) {
    const checkout = new CheckoutService(
      {
        db: app.db,
        changes: app.changes,
        networks: app.networks,
        promises: app.promises,
        payments: app.payments,
        clock: app.clock,
        log: app.log,
        holdMs: opts.holdMs,
        onOrderPlaced: (tx, placed) => app.orders.placed(tx, placed),
      },
      app.tokens,
    );
    app.decorate('checkout', checkout);

    if (opts.sweepMs > 0) {
      let running: Promise<unknown> | null = null;
      const timer = setInterval(() => {
        if (running) return;
        running = checkout
          .sweep()
          .catch((err: unknown) => app.log.error({ err }, 'sweeping expired holds failed'))
          .finally(() => (running = null));
      }, opts.sweepMs);
      timer.unref();
      app.addHook('onClose', async () => {
        clearInterval(timer);
        await running;
      });
    }
  },
  { name: 'checkout', dependencies: ['db', 'changes', 'networks', 'promises', 'payments', 'tokens', 'clock'] },
);
