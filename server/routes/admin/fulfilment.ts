/**
 * Fulfilment for the merchant's staff (secret key): each place's pick list, marking items picked
 * and parcels ready (a same-day parcel then gets its courier), shortages found on the shelf,
 * tracking numbers for carrier services, and the orders that need attention.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AttentionList,
  ImportTrackingBody,
  ImportTrackingResult,
  MarkPickedBody,
  ParcelParams,
  PickList,
  SetTrackingBody,
  ShortageBody,
  ShortageResult,
} from '../../../contract/fulfilment.js';
import { NodeIdParams } from '../../../contract/admin.js';
import { Order, OrderParams } from '../../../contract/public.js';
import { merchantOf } from '../../auth/plugin.js';
import { BODY_ERRORS, COMMON_ERRORS, errorResponses } from '../shared.js';

const tags = ['admin: fulfilment'];
const security = [{ secretKey: [] }];

const adminFulfilment: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.authenticate.secret);

  app.get('/nodes/:id/pick-list', {
    schema: {
      tags,
      security,
      summary: "A place's pick list: parcels to prepare, the one needed first first",
      description:
        'Each parcel must be ready by the handover its promise assumed (`readyBy`); `urgency` turns `soon` 30 minutes before and `overdue` after, with a `warning` staff can read.',
      params: NodeIdParams,
      response: { 200: PickList, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => app.fulfilment.pickList(merchantOf(request), request.params.id),
  });

  app.post('/orders/:id/parcels/:nodeId/picked', {
    schema: {
      tags,
      security,
      summary: 'Count items of a parcel as picked (all of them without a body)',
      params: ParcelParams,
      body: MarkPickedBody,
      response: { 200: Order, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS, 404, 409, 422) },
    },
    handler: async (request) =>
      app.fulfilment.markPicked(merchantOf(request), request.params.id, request.params.nodeId, request.body ?? {}),
  });

  app.post('/orders/:id/parcels/:nodeId/ready', {
    schema: {
      tags,
      security,
      summary: 'The parcel is packed and ready for handover',
      description: 'The order becomes `ready` once all its parcels are; a same-day parcel is handed to the courier at once.',
      params: ParcelParams,
      response: { 200: Order, ...errorResponses(...COMMON_ERRORS, 404, 409) },
    },
    handler: async (request) => app.fulfilment.markReady(merchantOf(request), request.params.id, request.params.nodeId),
  });

  app.post('/orders/:id/parcels/:nodeId/shortage', {
    schema: {
      tags,
      security,
      summary: 'Units of a parcel were not on the shelf',
      description:
        "The place's stock is corrected (to `shelfCount`, or nothing left beyond units held by open checkouts); the missing units are re-promised from another place that delivers on the order's service inside its window; else, when `restockAt` says when the shelf is restocked and this place can still deliver inside the window after it, the parcel waits for it (`waiting`: ready-by moved, the units stay committed to the order here, the shopper is told nothing new); else another place on the order's service sends them (the shopper is told when that is later), or the order is cancelled and refunded. A `restockAt` in the past or more than 60 days ahead is a 422.",
      params: ParcelParams,
      body: ShortageBody,
      response: { 200: ShortageResult, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS, 404, 409, 422) },
    },
    handler: async (request) => app.fulfilment.shortage(merchantOf(request), request.params.id, request.params.nodeId, request.body),
  });

  app.put('/orders/:id/tracking', {
    schema: {
      tags,
      security,
      summary: "A carrier's tracking number for an order",
      description: 'For carrier and local-courier services; an order that was ready counts as handed to the carrier (picked up).',
      params: OrderParams,
      body: SetTrackingBody,
      response: { 200: Order, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS, 404, 409) },
    },
    handler: async (request) => app.fulfilment.setTracking(merchantOf(request), request.params.id, request.body),
  });

  app.post('/orders/tracking', {
    schema: {
      tags,
      security,
      summary: 'Import many tracking numbers at once',
      description: "Each row succeeds or fails on its own, as a carrier's export gives them.",
      body: ImportTrackingBody,
      response: { 200: ImportTrackingResult, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS) },
    },
    handler: async (request) => ({ items: await app.fulfilment.importTracking(merchantOf(request), request.body) }),
  });

  app.get('/fulfilment/attention', {
    schema: {
      tags,
      security,
      summary: 'Late and failed deliveries',
      description: 'Orders delivered after, or now expected after, their promised window; and orders whose delivery failed.',
      response: { 200: AttentionList, ...errorResponses(...COMMON_ERRORS) },
    },
    handler: async (request) => app.orders.attention(merchantOf(request)),
  });
};

export default adminFulfilment;
