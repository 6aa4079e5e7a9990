/**
 * Stripe: PaymentIntents created on the server, paid in the browser with the Payment Element,
 * reported back through signed webhooks (`Stripe-Signature` over the raw body).
 */
import Stripe from 'stripe';
import type { PaymentHandoff } from '../../contract/public.js';
import { ApiError } from '../errors.js';
import type { CardOutcome, CreatedPayment, PaymentEvent, PaymentProvider, PaymentRequest } from './provider.js';

export interface StripeSettings {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
  /** Stripe's API host, for tests that point the SDK elsewhere; Stripe's own by default. */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
}

/** How old a signed webhook may be before it is refused as a replay, seconds. */
const WEBHOOK_TOLERANCE_S = 300;

const KINDS: Record<string, PaymentEvent['kind']> = {
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.canceled': 'canceled',
};

export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly stripe: Stripe;

  constructor(private readonly settings: StripeSettings) {
    this.stripe = new Stripe(settings.secretKey, {
      maxNetworkRetries: 2,
      timeout: 15_000,
      telemetry: false,
      appInfo: { name: 'nearbuy' },
      ...(settings.host ? { host: settings.host } : {}),
      ...(settings.port ? { port: settings.port } : {}),
      ...(settings.protocol ? { protocol: settings.protocol } : {}),
    });
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

  handoff(clientSecret: string | null): PaymentHandoff {
    return { provider: 'stripe', clientSecret: clientSecret ?? '', stripePublishableKey: this.settings.publishableKey };
  }

  chargeCard(): CardOutcome {
    throw new ApiError('conflict', 'This server takes payments through Stripe; confirm with Stripe.js, not this test route');
  }

  verifyWebhook(rawBody: Buffer, signature: string | undefined): PaymentEvent {
    if (!signature) throw new ApiError('invalid_request', 'Missing the Stripe-Signature header');
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, this.settings.webhookSecret, WEBHOOK_TOLERANCE_S);
    } catch {
      throw new ApiError('invalid_request', 'The Stripe-Signature does not match this body, or is too old');
    }
    const intent = event.type.startsWith('payment_intent.') ? (event.data.object as Stripe.PaymentIntent) : null;
    return {
      id: event.id,
      kind: KINDS[event.type] ?? 'other',
      type: event.type,
      ref: intent?.id ?? null,
      sessionId: intent?.metadata?.nearbuy_session_id ?? null,
      amount: typeof intent?.amount === 'number' ? intent.amount : null,
      currency: typeof intent?.currency === 'string' ? intent.currency.toUpperCase() : null,
      failureMessage: intent?.last_payment_error?.message ?? null,
    };
  }
}
