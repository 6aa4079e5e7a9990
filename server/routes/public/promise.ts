/**
 * `GET /v1/promise`: the product and the best delivery option per service for a postal code or
 * coordinates. The promise service answers from memory (docs/ARCHITECTURE.md, "Promises").
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { HEADERS } from '../../../contract/http.js';
import { PromiseQuery, PromiseResponse, ServedRegions, ServedRegionsQuery } from '../../../contract/public.js';
import { merchantOf } from '../../auth/plugin.js';
import { addVary } from '../../plugins/vary.js';
import { COMMON_ERRORS, errorResponses } from '../shared.js';

/** Seconds a CDN or browser may reuse an answer; the widget ticks countdowns itself. */
const MAX_AGE_SECONDS = 5;
/** Places served change when nodes do, rarely: a checkout's address step may reuse them for minutes. */
const REGIONS_MAX_AGE_SECONDS = 300;

const promise: FastifyPluginAsyncZod = async (app) => {
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
      // A member's answer (free eligible fast delivery) is theirs alone: never in a shared cache.
      const member = app.memberOf(request, merchant) !== null;
      const json = app.promises.answer(merchant, request.query, member);
      reply.header('cache-control', `${member ? 'private' : 'public'}, max-age=${MAX_AGE_SECONDS}`);
      addVary(reply, 'Origin', 'Authorization', HEADERS.memberToken);
      // Serialized once by the service (the response schema documents it, the tests check it), so
      // a cached answer costs no serializing at all; Fastify passes strings through untouched.
      reply.type('application/json; charset=utf-8');
      return (reply as FastifyReply).send(json);
    },
  });

  app.get('/regions', {
    onRequest: app.authenticate.publishable,
    schema: {
      tags: ['public'],
      security: [{ publishableKey: [] }],
      summary: 'The countries and states the merchant delivers to',
      description:
        "For an address form's country and state selects: the states or territories the merchant's places reach " +
        '(every state with a carrier service; with local services only, those within their reach). Cacheable.',
      querystring: ServedRegionsQuery,
      response: { 200: ServedRegions, ...errorResponses(...COMMON_ERRORS) },
    },
    handler: async (request, reply) => {
      reply.header('cache-control', `public, max-age=${REGIONS_MAX_AGE_SECONDS}`);
      addVary(reply, 'Origin', 'Authorization');
      return app.promises.servedRegions(merchantOf(request));
    },
  });
};

export default promise;
