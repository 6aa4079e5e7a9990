/** `/v1/admin/orders` and `/v1/admin/members`: the merchant's orders, their status, and its members. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MemberEmailParams, MemberList, OrderList, OrderListQuery, OrderParams, SetOrderStatusBody } from '../../../contract/orders.js';
import { Order } from '../../../contract/public.js';
import { notFound } from '../../errors.js';
import { merchantOf } from '../../plugins/auth.js';
import { BODY_ERRORS, COMMON_ERRORS, errorResponses } from '../shared.js';
import { z } from 'zod';

const security = [{ secretKey: [] }];

const adminOrders: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.authenticate.secret);

  app.get('/orders', {
    schema: {
      tags: ['admin: orders'],
      security,
      summary: 'Newest orders first',
      querystring: OrderListQuery,
      response: { 200: OrderList, ...errorResponses(...COMMON_ERRORS) },
    },
    handler: async (request) => ({ items: await app.checkout.listOrders(merchantOf(request), request.query.limit, request.query.status) }),
  });

  app.get('/orders/:id', {
    schema: {
      tags: ['admin: orders'],
      security,
      summary: 'One order',
      params: OrderParams,
      response: { 200: Order, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => app.checkout.getOrder(merchantOf(request), request.params.id),
  });

  app.post('/orders/:id/status', {
    schema: {
      tags: ['admin: orders'],
      security,
      summary: 'Move an order on one step, or cancel it',
      description: 'placed → picked_up → out_for_delivery → delivered; cancelling returns the stock to its node and refunds the payment.',
      params: OrderParams,
      body: SetOrderStatusBody,
      response: { 200: Order, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS, 404, 409) },
    },
    handler: async (request) => app.checkout.setOrderStatus(merchantOf(request), request.params.id, request.body.status),
  });

  app.get('/members', {
    schema: {
      tags: ['admin: members'],
      security,
      summary: 'Members (free fast delivery on eligible items)',
      response: { 200: MemberList, ...errorResponses(...COMMON_ERRORS) },
    },
    handler: async (request) => ({
      items: (await app.members.listMembers(merchantOf(request).id)).map((m) => ({ email: m.email, createdAt: m.createdAt.toISOString() })),
    }),
  });

  app.put('/members/:email', {
    schema: {
      tags: ['admin: members'],
      security,
      summary: 'Make an email a member',
      params: MemberEmailParams,
      response: { 200: z.object({ email: z.string(), added: z.boolean() }), ...errorResponses(...COMMON_ERRORS) },
    },
    handler: async (request) => ({
      email: request.params.email,
      added: await app.members.addMember(merchantOf(request).id, request.params.email),
    }),
  });

  app.delete('/members/:email', {
    schema: {
      tags: ['admin: members'],
      security,
      summary: 'End a membership',
      params: MemberEmailParams,
      response: { 200: z.object({ email: z.string(), removed: z.literal(true) }), ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => {
      if (!(await app.members.removeMember(merchantOf(request).id, request.params.email)))
        throw notFound(`${request.params.email} is not a member`);
      return { email: request.params.email, removed: true as const };
    },
  });
};

export default adminOrders;
