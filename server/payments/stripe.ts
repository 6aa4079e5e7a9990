/**
 * Payment providers. Stripe is the real one (PaymentIntents and signed webhooks); the test
 * provider runs offline for the demo and the tests, with Stripe's well-known test card numbers.
 * Both hand their successes to the same order-placing code.
 */
import Stripe from 'stripe';

export interface PaymentRequest {
  sessionId: string;
  merchantId: string;
  /** Server-computed total, minor units. */
  amount: number;
  currency: string;
  email: string;
}

export interface CreatedPayment {
  /** The provider's reference (a PaymentIntent id). */
  ref: string;
  /** What the browser needs to pay (Stripe's client secret); null for the test provider. */
  clientSecret: string | null;
}

export interface PaymentProvider {
  readonly name: 'stripe' | 'test';
  create(request: PaymentRequest): Promise<CreatedPayment>;
  /** Stops a payment that has not happened yet (the hold expired). Best effort. */
  cancel(ref: string): Promise<void>;
  /** Gives the money back (a paid order could not be fulfilled, or was cancelled). */
  refund(ref: string): Promise<void>;
}

/** The test provider's verdict on a card number. */
export type TestCardOutcome = { ok: true } | { ok: false; reason: string };

export const TEST_CARDS = {
  succeeds: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
} as const;

export class TestPaymentProvider implements PaymentProvider {
  readonly name = 'test' as const;
  /** Refunds issued, for the tests and the demo to look at. */
  readonly refunds: string[] = [];

  async create(request: PaymentRequest): Promise<CreatedPayment> {
    return { ref: `test_pi_${request.sessionId}`, clientSecret: null };
  }

  async cancel(): Promise<void> {}

  async refund(ref: string): Promise<void> {
    this.refunds.push(ref);
  }

  charge(cardNumber: string): TestCardOutcome {
    const digits = cardNumber.replace(/\s+/g, '');
    if (digits === TEST_CARDS.succeeds) return { ok: true };
    if (digits === TEST_CARDS.declined) return { ok: false, reason: 'Your card was declined. Try another card.' };
    if (digits === TEST_CARDS.insufficientFunds) return { ok: false, reason: 'Your card has insufficient funds. Try another card.' };
    return {
      ok: false,
      reason: `TEST MODE takes only test cards: ${TEST_CARDS.succeeds.replace(/(\d{4})(?=\d)/g, '$1 ')} succeeds, ${TEST_CARDS.declined.replace(/(\d{4})(?=\d)/g, '$1 ')} is declined.`,
    };
  }
}

export interface StripeSettings {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
  /** Stripe's API host, for tests that point the SDK elsewhere; Stripe's own by default. */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
}

export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  readonly publishableKey: string;
  private readonly stripe: Stripe;
  private readonly webhookSecret: string;

  constructor(settings: StripeSettings) {
    this.stripe = new Stripe(settings.secretKey, {
      maxNetworkRetries: 2,
      timeout: 15_000,
      telemetry: false,
      appInfo: { name: 'nearbuy' },
      ...(settings.host ? { host: settings.host } : {}),
      ...(settings.port ? { port: settings.port } : {}),
      ...(settings.protocol ? { protocol: settings.protocol } : {}),
    });
    this.publishableKey = settings.publishableKey;
    this.webhookSecret = settings.webhookSecret;
  }

  async create(request: PaymentRequest): Promise<CreatedPayment> {
    const intent = await this.stripe.paymentIntents.create(
      {
        amount: request.amount,
        currency: request.currency.toLowerCase(),
        receipt_email: request.email,
        automatic_payment_methods: { enabled: true },
        metadata: { nearbuy_session_id: request.sessionId, nearbuy_merchant_id: request.merchantId },
      },
      // One PaymentIntent per session, however often this is retried.
      { idempotencyKey: `nearbuy-session-${request.sessionId}` },
    );
    if (!intent.client_secret) throw new Error(`Stripe returned PaymentIntent ${intent.id} without a client secret`);
    return { ref: intent.id, clientSecret: intent.client_secret };
  }

  async cancel(ref: string): Promise<void> {
    await this.stripe.paymentIntents.cancel(ref);
  }

  async refund(ref: string): Promise<void> {
    await this.stripe.refunds.create({ payment_intent: ref }, { idempotencyKey: `nearbuy-refund-${ref}` });
  }

  /** Verifies `Stripe-Signature` over the raw body; throws when forged, altered or stale. */
  verifyEvent(rawBody: Buffer, signature: string): Stripe.Event {
    return this.stripe.webhooks.constructEvent(rawBody, signature, this.webhookSecret, 300);
  }
}
