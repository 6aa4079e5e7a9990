/** `/v1/admin/orders`: the merchant's orders, and moving them through their status. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OrderList, OrderListQuery, SetOrderStatusBody } from '../../../contract/admin.js';
import { Order, OrderParams } from '../../../contract/public.js';
import { merchantOf } from '../../auth/plugin.js';
import { BODY_ERRORS, COMMON_ERRORS, errorResponses } from '../shared.js';

const tags = ['admin: orders'];
const security = [{ secretKey: [] }];

const adminOrders: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.authenticate.secret);

  app.get('/orders', {
    schema: {
      tags,
      security,
      summary: 'Newest orders first',
      querystring: OrderListQuery,
      response: { 200: OrderList, ...errorResponses(...COMMON_ERRORS) },
    },
    handler: async (request) => ({ items: await app.orders.list(merchantOf(request), request.query.limit, request.query.status) }),
  });

  app.get('/orders/:id', {
    schema: {
      tags,
      security,
      summary: 'One order, by its id or its order number ("NB-7K4Q-2M")',
      params: OrderParams,
      response: { 200: Order, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => app.orders.get(merchantOf(request), request.params.id),
  });

  app.post('/orders/:id/status', {
    schema: {
      tags,
      security,
      summary: 'Move an order on one step, or cancel it',
      description:
        'One step at a time: placed → ready → picked_up → out_for_delivery → delivered (every parcel moves with the order; a same-day order that becomes ready gets its courier). A delivery in transit may fail (delivery_failed), then be ready again. Cancelling returns the stock to its node, refunds the payment and calls off the courier. Each step emails the shopper and sends webhooks.',
      params: OrderParams,
      body: SetOrderStatusBody,
      response: { 200: Order, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS, 404, 409) },
    },
    handler: async (request) => app.orders.setStatus(merchantOf(request), request.params.id, request.body.status),
  });
};

export default adminOrders;
