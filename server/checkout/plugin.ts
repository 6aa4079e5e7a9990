/**
 * Checkout as a service: `app.checkout` (sessions, payments, orders), `app.members` (sign-in
 * codes), `app.mailer`, and the sweeper that releases unpaid holds. Stripe when its keys are
 * configured; otherwise the offline test provider.
 */
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { HEADERS } from '../../contract/http.js';
import { ApiError } from '../errors.js';
import type { Merchant } from '../services/merchants.js';
import { DevMailer, MemberService, type Mailer } from './members.js';
import { StripePaymentProvider, TestPaymentProvider, type PaymentProvider, type StripeSettings } from './payments.js';
import { CheckoutService } from './service.js';
import { loadTokenKey, Tokens, type MemberClaims } from './tokens.js';

export interface CheckoutPluginOptions {
  clock: () => number;
  holdMs: number;
  /** How often this process sweeps expired holds; 0 turns the timer off (tests sweep by hand). */
  sweepMs: number;
  stripe: StripeSettings | null;
  mailer?: Mailer;
}

declare module 'fastify' {
  interface FastifyInstance {
    checkout: CheckoutService;
    members: MemberService;
    mailer: Mailer;
    payments: PaymentProvider;
    tokens: Tokens;
    /** The signed-in member behind a request's member token; null without one. */
    memberOf(request: FastifyRequest, merchant: Merchant): MemberClaims | null;
  }
}

export default fp<CheckoutPluginOptions>(
  async function checkoutPlugin(app, opts) {
    const tokens = new Tokens(await loadTokenKey(app.db));
    const payments: PaymentProvider = opts.stripe ? new StripePaymentProvider(opts.stripe) : new TestPaymentProvider();
    const mailer = opts.mailer ?? new DevMailer(app.log);
    const checkout = new CheckoutService({
      db: app.db,
      networks: app.networks,
      catalog: app.catalog,
      changes: app.changes,
      provider: payments,
      tokens,
      clock: opts.clock,
      log: app.log,
      holdMs: opts.holdMs,
    });
    app.decorate('tokens', tokens);
    app.decorate('payments', payments);
    app.decorate('mailer', mailer);
    app.decorate('checkout', checkout);
    app.decorate('members', new MemberService(app.db, tokens, mailer, opts.clock));
    app.decorate('memberOf', (request: FastifyRequest, merchant: Merchant) => {
      const header = request.headers[HEADERS.memberToken];
      if (header === undefined || header === '') return null;
      const claims = typeof header === 'string' ? tokens.readMember(header, merchant.id, opts.clock()) : null;
      if (!claims)
        throw new ApiError('unauthorized', 'The member sign-in has expired or is not valid; sign in again or continue as a guest');
      return claims;
    });
    app.log.info(
      { provider: payments.name },
      payments.name === 'test' ? 'payments: TEST MODE (no Stripe keys configured)' : 'payments: Stripe',
    );

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
  { name: 'checkout', dependencies: ['db', 'changes', 'catalog', 'networks'] },
);
