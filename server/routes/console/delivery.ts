/**
 * `/console/api/delivery` (owner): delivery fees per service, the free-shipping threshold and the
 * services it covers, and the services members get free — the merchant's fee policy, changed
 * through `app.merchantSettings` as the admin API does, audited.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DeliverySettings, SetDeliveryBody } from '../../../contract/console.js';
import { sessionOf } from '../../console/guard.js';
import { BODY_ERRORS, errorResponses } from '../shared.js';

const tags = ['console'];

const consoleDelivery: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.consoleGuard.session);
  app.addHook('onRequest', app.consoleGuard.owner);

  app.get('/delivery', {
    schema: {
      tags,
      hide: true,
      summary: 'Delivery fees, the free-shipping threshold and member benefits',
      response: { 200: DeliverySettings, ...errorResponses(401, 403) },
    },
    handler: async (request) => {
      const { merchant } = sessionOf(request);
      return { currency: merchant.currency, feePolicy: merchant.feePolicy };
    },
  });

  app.put('/delivery', {
    schema: {
      tags,
      hide: true,
      summary: 'Change delivery fees, the free-shipping threshold and member benefits',
      body: SetDeliveryBody,
      response: { 200: DeliverySettings, ...errorResponses(400, 401, 403, ...BODY_ERRORS) },
    },
    handler: async (request) => {
      const session = sessionOf(request);
      const updated = await app.merchantSettings.update(session.merchant, { feePolicy: request.body });
      await app.console.audit(session.user, 'delivery.changed', session.merchant.id, request.body);
      return { currency: updated.currency, feePolicy: updated.feePolicy };
    },
  });
};

export default consoleDelivery;
