/**
 * `/v1/admin/webhook-endpoints`: where the merchant's systems hear of orders and stock. Signed per
 * the Standard Webhooks specification; the secret is shown at creation, readable again, and
 * rotated with a day's overlap. The delivery log shows every attempt; "send test event" checks
 * an endpoint end to end.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreateWebhookEndpointBody,
  UpdateWebhookEndpointBody,
  WebhookDeliveryLog,
  WebhookEndpoint,
  WebhookEndpointCreated,
  WebhookEndpointList,
  WebhookEndpointParams,
  WebhookSecret,
  WebhookTestResult,
} from '../../../contract/fulfilment.js';
import { DeletedBody } from '../../../contract/admin.js';
import { merchantOf } from '../../auth/plugin.js';
import { BODY_ERRORS, COMMON_ERRORS, errorResponses } from '../shared.js';

const tags = ['admin: webhooks'];
const security = [{ secretKey: [] }];
const RetryParams = z.object({ id: z.string().min(1).max(80), eventId: z.string().min(1).max(80) }).strict();

const adminWebhooks: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.authenticate.secret);

  app.get('/webhook-endpoints', {
    schema: { tags, security, summary: 'Webhook endpoints', response: { 200: WebhookEndpointList, ...errorResponses(...COMMON_ERRORS) } },
    handler: async (request) => ({ items: await app.webhooks.list(merchantOf(request)) }),
  });

  app.post('/webhook-endpoints', {
    schema: {
      tags,
      security,
      summary: 'Add a webhook endpoint',
      description:
        'Answers with the signing secret (`whsec_…`). Events: order.placed, order.status_changed, order.cancelled, order.refunded, order.delivery_late, stock.low (all when `eventTypes` is empty). URLs must be https (plain http only to localhost).',
      body: CreateWebhookEndpointBody,
      response: { 201: WebhookEndpointCreated, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS) },
    },
    handler: async (request, reply) => reply.code(201).send(await app.webhooks.create(merchantOf(request), request.body)),
  });

  app.get('/webhook-endpoints/:id', {
    schema: {
      tags,
      security,
      summary: 'One webhook endpoint',
      params: WebhookEndpointParams,
      response: { 200: WebhookEndpoint, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => app.webhooks.get(merchantOf(request), request.params.id),
  });

  app.patch('/webhook-endpoints/:id', {
    schema: {
      tags,
      security,
      summary: 'Change an endpoint (URL, events, description, enabled)',
      params: WebhookEndpointParams,
      body: UpdateWebhookEndpointBody,
      response: { 200: WebhookEndpoint, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS, 404) },
    },
    handler: async (request) => app.webhooks.update(merchantOf(request), request.params.id, request.body),
  });

  app.delete('/webhook-endpoints/:id', {
    schema: {
      tags,
      security,
      summary: 'Remove an endpoint and its queued deliveries',
      params: WebhookEndpointParams,
      response: { 200: DeletedBody, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => {
      await app.webhooks.remove(merchantOf(request), request.params.id);
      return { deleted: true as const };
    },
  });

  app.get('/webhook-endpoints/:id/secret', {
    schema: {
      tags,
      security,
      summary: "The endpoint's signing secret",
      params: WebhookEndpointParams,
      response: { 200: WebhookSecret, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return app.webhooks.secret(merchantOf(request), request.params.id);
    },
  });

  app.post('/webhook-endpoints/:id/rotate-secret', {
    schema: {
      tags,
      security,
      summary: 'Rotate the signing secret',
      description:
        'The new secret signs at once; for the next 24 hours each request is signed with the old one too, so receivers can switch without missing events.',
      params: WebhookEndpointParams,
      response: { 200: WebhookSecret, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return app.webhooks.rotate(merchantOf(request), request.params.id);
    },
  });

  app.post('/webhook-endpoints/:id/test', {
    schema: {
      tags,
      security,
      summary: 'Send a test event (webhook.test) to this endpoint',
      params: WebhookEndpointParams,
      response: { 202: WebhookTestResult, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request, reply) => reply.code(202).send(await app.webhooks.sendTest(merchantOf(request), request.params.id)),
  });

  app.get('/webhook-endpoints/:id/deliveries', {
    schema: {
      tags,
      security,
      summary: 'Delivery log: the latest deliveries and every attempt',
      params: WebhookEndpointParams,
      response: { 200: WebhookDeliveryLog, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => app.webhooks.log(merchantOf(request), request.params.id),
  });

  app.post('/webhook-endpoints/:id/deliveries/:eventId/retry', {
    schema: {
      tags,
      security,
      summary: 'Send a delivered or given-up event again now',
      params: RetryParams,
      response: { 202: z.object({ queued: z.literal(true) }), ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request, reply) => {
      await app.webhooks.retry(merchantOf(request), request.params.id, request.params.eventId);
      return reply.code(202).send({ queued: true as const });
    },
  });
};

export default adminWebhooks;
