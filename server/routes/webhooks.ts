/**
 * `POST /v1/webhooks/stripe`: the payment provider's events, verified against their signature
 * over the raw body (this plugin keeps JSON bodies as bytes). Each event is applied once,
 * whatever the order or number of deliveries.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
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
      if (!Buffer.isBuffer(request.body)) throw new ApiError('invalid_request', 'Expected a JSON body');
      let event;
      try {
        event = app.payments.verifyWebhook(request.body, request.headers['stripe-signature']);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'invalid_request') request.log.warn({ err: error }, 'rejected a payment webhook');
        throw error;
      }
      return { received: true as const, result: await app.checkout.applyPaymentEvent(event) };
    },
  });
};

export default webhooks;
