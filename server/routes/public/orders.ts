/** `GET /v1/orders/:id?token=…`: an order's status timeline and promise, for whoever holds its access token. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Order, OrderAccessQuery, OrderParams } from '../../../contract/public.js';
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
      response: { 200: Order, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return app.orders.getWithToken(merchantOf(request), request.params.id, request.query.token);
    },
  });
};

export default orders;
