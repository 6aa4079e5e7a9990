/**
 * The payment port: everything checkout asks of a payment provider, and the one shape of the
 * events a provider reports. Stripe (`stripe.ts`) is the real provider; the offline test
 * provider (`test-provider.ts`) serves the demo and the tests. Checkout speaks only to this
 * interface (docs/ARCHITECTURE.md, "Checkout").
 */
import type { PaymentHandoff } from '../../contract/public.js';

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

/** A verified payment event, whichever provider sent it. */
export interface PaymentEvent {
  /** The provider's event id: each is applied once. */
  id: string;
  kind: 'succeeded' | 'failed' | 'canceled' | 'other';
  /** The provider's raw event type, for logs. */
  type: string;
  /** The payment it is about, and the session that payment was created for. */
  ref: string | null;
  sessionId: string | null;
  /** What was paid, minor units, as the provider reports it. */
  amount: number | null;
  currency: string | null;
  failureMessage: string | null;
}

/** The verdict on a card paid directly on the server (the test provider's cards). */
export type CardOutcome = { ok: true } | { ok: false; reason: string };

export interface PaymentProvider {
  readonly name: 'stripe' | 'test';
  create(request: PaymentRequest): Promise<CreatedPayment>;
  /** Stops a payment that has not happened yet (the hold expired). Best effort. */
  cancel(ref: string): Promise<void>;
  /** Gives the money back (a paid order could not be fulfilled, or was cancelled). */
  refund(ref: string): Promise<void>;
  /** What the browser needs to take the payment for a created one. */
  handoff(clientSecret: string | null): PaymentHandoff;
  /**
   * Charges a card number on the server. Only the offline test provider can; a real provider
   * throws an `ApiError` saying how payments are taken instead.
   */
  chargeCard(cardNumber: string): CardOutcome;
  /**
   * Verifies a webhook's signature over its raw body and reads the event; throws an `ApiError`
   * when it is forged, altered, stale, or when this provider sends no webhooks.
   */
  verifyWebhook(rawBody: Buffer, signature: string | undefined): PaymentEvent;
}
