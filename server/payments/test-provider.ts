/**
 * The offline test provider: TEST MODE in the widget, for the demo and the tests, with Stripe's
 * well-known test card numbers. Nothing leaves the process.
 */
import type { PaymentHandoff } from '../../contract/public.js';
import { ApiError } from '../errors.js';
import type { CardOutcome, CreatedPayment, PaymentEvent, PaymentProvider, PaymentRequest } from './provider.js';

export const TEST_CARDS = {
  succeeds: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
} as const;

const spaced = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

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

  handoff(): PaymentHandoff {
    return { provider: 'test' };
  }

  chargeCard(cardNumber: string): CardOutcome {
    const digits = cardNumber.replace(/\s+/g, '');
    if (digits === TEST_CARDS.succeeds) return { ok: true };
    if (digits === TEST_CARDS.declined) return { ok: false, reason: 'Your card was declined. Try another card.' };
    if (digits === TEST_CARDS.insufficientFunds) return { ok: false, reason: 'Your card has insufficient funds. Try another card.' };
    return {
      ok: false,
      reason: `TEST MODE takes only test cards: ${spaced(TEST_CARDS.succeeds)} succeeds, ${spaced(TEST_CARDS.declined)} is declined.`,
    };
  }

  verifyWebhook(): PaymentEvent {
    throw new ApiError('not_found', 'Stripe is not configured on this server');
  }
}
