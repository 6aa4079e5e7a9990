/** The payment provider as a service (`app.payments`): Stripe when its keys are set, else TEST MODE. */
import fp from 'fastify-plugin';
import type { PaymentProvider } from './provider.js';
import { StripePaymentProvider, type StripeSettings } from './stripe.js';
import { TestPaymentProvider } from './test-provider.js';

declare module 'fastify' {
  interface FastifyInstance {
    payments: PaymentProvider;
  }
}

export default fp<{ stripe: StripeSettings | null }>(
  async function paymentsPlugin(app, opts) {
    const payments: PaymentProvider = opts.stripe ? new StripePaymentProvider(opts.stripe) : new TestPaymentProvider();
    app.decorate('payments', payments);
    app.log.info(
      { provider: payments.name },
      payments.name === 'test' ? 'payments: TEST MODE (no Stripe keys configured)' : 'payments: Stripe',
    );
  },
  { name: 'payments' },
);
