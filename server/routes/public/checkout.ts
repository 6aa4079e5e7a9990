/**
 * Checkout for shoppers (publishable key): create a session (idempotent), read it back, and —
 * with the offline test provider — pay with a test card.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HEADERS } from '../../../contract/http.js';
import { CheckoutSession, ConfirmTestPaymentBody, CreateCheckoutSessionBody } from '../../../contract/public.js';
import { checkKey } from '../../checkout/idempotency.js';
import { merchantOf } from '../../auth/plugin.js';
import { BODY_ERRORS, COMMON_ERRORS, errorResponses } from '../shared.js';

const tags = ['public: checkout'];
const security = [{ publishableKey: [] }];
const SessionParams = z.object({ id: z.string().min(1).max(80) }).strict();

const checkout: FastifyPluginAsyncZod = async (app) => {
  app.post('/checkout/sessions', {
    onRequest: app.authenticate.publishable,
    schema: {
      tags,
      security,
      summary: 'Start a checkout: price the items, hold the stock, hand over to payment',
      description:
        'Requires an `Idempotency-Key` header: a retry with the same key and body gets the same answer; the same key with another ' +
        'body is a 422; while the first request is still running, a 409. The body carries no price: the server computes every amount ' +
        'and re-checks the promise. Stock is held until `reservationExpiresAt`.',
      headers: z.object({ [HEADERS.idempotencyKey]: z.string().optional() }).passthrough(),
      body: CreateCheckoutSessionBody,
      response: { 201: CheckoutSession, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS, 404, 409, 422, 503) },
    },
    handler: async (request, reply) => {
      const merchant = merchantOf(request);
      const key = checkKey(request.headers[HEADERS.idempotencyKey]);
      const answer = await app.checkout.createSessionIdempotently(merchant, key, request.body, app.memberOf(request, merchant));
      if (!answer.replayed) return reply.code(201).send(answer.session);
      reply.header('idempotent-replayed', 'true');
      return reply.code(answer.status as 201).send(answer.body as never);
    },
  });

  app.get('/checkout/sessions/:id', {
    onRequest: app.authenticate.publishable,
    schema: {
      tags,
      security,
      summary: 'Read a checkout session (poll it after paying with Stripe)',
      params: SessionParams,
      response: { 200: CheckoutSession, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => app.checkout.getSession(merchantOf(request), request.params.id),
  });

  app.post('/checkout/sessions/:id/confirm', {
    onRequest: app.authenticate.publishable,
    schema: {
      tags,
      security,
      summary: 'Pay with a test card (test provider only)',
      description:
        'TEST MODE only, when the server has no Stripe keys: 4242 4242 4242 4242 succeeds and places the order; ' +
        '4000 0000 0000 0002 is declined (402) and the stock stays held so the shopper can try another card.',
      params: SessionParams,
      body: ConfirmTestPaymentBody,
      response: { 200: CheckoutSession, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS, 402, 404, 409, 410) },
    },
    handler: async (request) => app.checkout.confirmCard(merchantOf(request), request.params.id, request.body.cardNumber),
  });
};

export default checkout;
