/**
 * `POST /v1/webhooks/stripe`: Stripe's events, verified against `Stripe-Signature` over the raw
 * body (this plugin keeps JSON bodies as bytes). Each event is applied once, whatever the order
 * or number of deliveries.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { StripePaymentProvider } from '../checkout/payments.js';
import { ApiError } from '../errors.js';
import { errorResponses } from './shared.js';

const webhooks: FastifyPluginAsyncZod = async (app) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post('/webhooks/stripe', {
    schema: {
      tags: ['webhooks'],
      summary: "Stripe's payment events",
      headers: z.object({ 'stripe-signature': z.string().max(2000).optional() }).passthrough(),
      response: {
        200: z.object({ received: z.literal(true), result: z.enum(['applied', 'duplicate', 'ignored']) }),
        ...errorResponses(400, 404, 413, 415),
      },
    },
    handler: async (request) => {
      const provider = app.payments;
      if (!(provider instanceof StripePaymentProvider)) throw new ApiError('not_found', 'Stripe is not configured on this server');
      const signature = request.headers['stripe-signature'];
      if (!signature) throw new ApiError('invalid_request', 'Missing the Stripe-Signature header');
      if (!Buffer.isBuffer(request.body)) throw new ApiError('invalid_request', 'Expected a JSON body');
      let event;
      try {
        event = provider.verifyEvent(request.body, signature);
      } catch (error) {
        request.log.warn({ err: error }, 'rejected a Stripe webhook with a bad signature');
        throw new ApiError('invalid_request', 'The Stripe-Signature does not match this body, or is too old');
      }
      const result = await app.checkout.applyStripeEvent(event);
      return { received: true as const, result };
    },
  });
};

export default webhooks;
