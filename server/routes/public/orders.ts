/** `GET /v1/orders/:id?token=…`: an order's status timeline and promise, for whoever holds its access token. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OrderAccessQuery, OrderParams, ShopperOrder } from '../../../contract/public.js';
import { ApiError } from '../../errors.js';
import { merchantOf } from '../../auth/plugin.js';
import { COMMON_ERRORS, errorResponses } from '../shared.js';

const orders: FastifyPluginAsyncZod = async (app) => {
  app.get('/orders/:id', {
    onRequest: app.authenticate.publishable,
    schema: {
      tags: ['public: orders'],
      security: [{ publishableKey: [] }],
      summary: "An order's status, for the holder of its access token",
      params: OrderParams,
      querystring: OrderAccessQuery,
      response: { 200: ShopperOrder, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      const order = await app.orders.getWithToken(merchantOf(request), request.params.id, request.query.token);
      let timeZone = 'UTC';
      try {
        timeZone = app.promises.destination({ postalCode: order.address.postalCode, country: order.address.country }).timeZone;
      } catch (error) {
        // An address the postal table no longer knows: times in UTC rather than no page.
        if (!(error instanceof ApiError)) throw error;
      }
      return { ...order, timeZone };
    },
  });
};

export default orders;
