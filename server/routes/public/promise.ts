/**
 * `GET /v1/promise` (DESIGN.md §5): the product and the best delivery option per service for a
 * postal code or coordinates. Reads only memory: the merchant, product and network caches.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { PromiseQuery, PromiseResponse } from '../../../contract/public.js';
import { ApiError, notFound } from '../../errors.js';
import { merchantOf } from '../../plugins/auth.js';
import {
  computePromise,
  InvalidPromiseRequestError,
  publicOption,
  resolveDestination,
  UnknownDestinationError,
} from '../../promise/index.js';
import { addVary } from '../../vary.js';
import type { DestinationInput, PromiseOption } from '../../promise/index.js';
import { HEADERS } from '../../../contract/http.js';
import { COMMON_ERRORS, errorResponses } from '../shared.js';
import { PromiseCache } from './promise-cache.js';

/** Seconds a CDN or browser may reuse an answer; the widget ticks countdowns itself. */
const MAX_AGE_SECONDS = 5;

/** Sends an already serialized JSON body (Fastify passes strings through untouched). */
function sendRaw(reply: unknown, json: string): FastifyReply {
  return (reply as FastifyReply).send(json);
}

export interface PromiseRouteOptions {
  /** The current instant; tests pin it. */
  clock: () => number;
  /** How long an identical question may be answered from memory, ms; 0 turns the cache off. */
  cacheMs: number;
}

const promise: FastifyPluginAsyncZod<PromiseRouteOptions> = async (app, opts) => {
  const cache = new PromiseCache(opts.cacheMs);

  app.get('/promise', {
    onRequest: app.authenticate.publishable,
    schema: {
      tags: ['public'],
      security: [{ publishableKey: [] }],
      summary: 'Delivery promise for a product at a destination',
      description:
        'Give a postal_code (and country), or lat and lng. Answers may be cached for a few seconds ' +
        '(Cache-Control); the countdown to `orderBy` is ticked by the client.',
      querystring: PromiseQuery,
      response: { 200: PromiseResponse, ...errorResponses(...COMMON_ERRORS, 404, 422) },
    },
    handler: async (request, reply) => {
      const merchant = merchantOf(request);
      const q = request.query;
      const product = app.catalog.get(merchant.id, q.sku);
      if (!product) throw notFound(`No product with SKU ${q.sku}`);

      // A member's answer (free eligible fast delivery) is theirs alone: never in a shared cache.
      const member = app.memberOf(request, merchant) !== null;
      const now = opts.clock();
      const network = app.networks.get(merchant.id);
      const where = q.postal_code !== undefined ? `z:${q.country}:${q.postal_code}` : `c:${q.country}:${q.lat}:${q.lng}`;
      const key = `${member ? 'm' : 'g'}|${q.sku}|${q.qty}|${where}`;
      const basis = { revision: network.revision, product, merchant };

      reply.header('cache-control', `${member ? 'private' : 'public'}, max-age=${MAX_AGE_SECONDS}`);
      addVary(reply, 'Origin', 'Authorization', HEADERS.memberToken);
      // The body is built from typed values and serialized once (the declared response schema
      // documents it and the tests check it), so a cached answer costs no serializing at all.
      reply.type('application/json; charset=utf-8');

      const cached = cache.get(network, key, basis, now);
      if (cached !== undefined) return sendRaw(reply, cached);

      const input: DestinationInput =
        q.postal_code !== undefined ? { postalCode: q.postal_code, country: q.country } : { lat: q.lat!, lng: q.lng!, country: q.country };
      let destination;
      try {
        destination = resolveDestination(input);
      } catch (error) {
        if (error instanceof UnknownDestinationError) throw new ApiError('undeliverable', error.message);
        throw error;
      }

      let options: PromiseOption[];
      try {
        options = computePromise(network, {
          items: [{ sku: product.sku, quantity: q.qty, unitPrice: product.priceMinor, fastDeliveryEligible: product.fastDeliveryEligible }],
          destination: { lat: destination.lat, lng: destination.lng, timeZone: destination.timeZone },
          now,
          member,
          feePolicy: merchant.enginePolicy,
        });
      } catch (error) {
        if (error instanceof InvalidPromiseRequestError) throw new ApiError('unprocessable', error.message);
        throw error;
      }

      const body: PromiseResponse = {
        product: {
          sku: product.sku,
          title: product.title,
          price: { amount: product.priceMinor, currency: product.currency },
          imageUrl: product.imageUrl,
          fastDeliveryEligible: product.fastDeliveryEligible,
        },
        destination,
        quantity: q.qty,
        computedAt: new Date(now).toISOString(),
        member,
        options: options.map(publicOption),
      };
      const json = JSON.stringify(body);
      cache.set(network, key, basis, json, now, Math.min(...options.map((o) => o.orderByMs)));
      return sendRaw(reply, json);
    },
  });
};

export default promise;
