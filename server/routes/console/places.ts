/**
 * `/console/api/places`: the store's places (fulfilment centres, delivery stations, mall stores,
 * local shops) listed, added and edited through `app.nodes`, the admin API's service and rules.
 * A postal code stands in for coordinates: the server finds them and the time zone with the
 * geocoding promises use (`app.promises.destination`). Staff limited to places see and edit only
 * theirs (others answer 404); only the owner adds places. Every change is audited.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Node } from '../../../contract/admin.js';
import { ConsolePlaces, CreatePlaceBody, PlaceParams, PlacesReach, UpdatePlaceBody } from '../../../contract/console.js';
import type { ConsoleSession } from '../../console/console.service.js';
import { sessionOf } from '../../console/guard.js';
import { notFound } from '../../errors.js';
import { BODY_ERRORS, errorResponses, nodeOut } from '../shared.js';
import { placesOf } from './orders.js';

const tags = ['console'];

/** An id from the place's name: "Mesa Mall Store" → "mesa-mall-store-3fa1". */
function idFrom(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || 'place'}-${randomBytes(2).toString('hex')}`;
}

const consolePlaces: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.consoleGuard.session);

  /** A 404 for a place this person may not see, as if it did not exist. */
  const mayTouch = (session: ConsoleSession, id: string) => {
    const allowed = placesOf(session);
    if (allowed && !allowed.includes(id)) throw notFound(`No place with id ${id}`);
  };

  const located = (postalCode: string) => {
    const where = app.promises.destination({ postalCode });
    return { lat: where.lat, lng: where.lng, timeZone: where.timeZone };
  };

  app.get('/places', {
    schema: { tags, hide: true, summary: 'The places this person may see', response: { 200: ConsolePlaces, ...errorResponses(401, 403) } },
    handler: async (request) => {
      const session = sessionOf(request);
      const allowed = placesOf(session);
      const nodes = await app.nodes.list(session.merchant, 10_000);
      return { items: nodes.filter((n) => !allowed || allowed.includes(n.id)).map(nodeOut) };
    },
  });

  app.get('/places/reach', {
    schema: {
      tags,
      hide: true,
      summary: 'Where each service reaches from each place this person sees, by the engine’s rules, now',
      response: { 200: PlacesReach, ...errorResponses(401, 403) },
    },
    handler: async (request) => {
      const session = sessionOf(request);
      const allowed = placesOf(session);
      const nodes = (await app.nodes.list(session.merchant, 10_000)).filter((n) => !allowed || allowed.includes(n.id));
      const reach = app.promises.reach(
        session.merchant.id,
        nodes.map((n) => n.id),
      );
      const areasOf = new Map(reach.places.map((p) => [p.nodeId, p.areas]));
      return {
        at: new Date(reach.at).toISOString(),
        places: nodes.map((n) => ({
          id: n.id,
          name: n.name,
          kind: n.kind,
          lat: n.lat,
          lng: n.lng,
          timeZone: n.timeZone,
          areas: areasOf.get(n.id) ?? [],
        })),
      };
    },
  });

  app.post('/places', {
    preHandler: app.consoleGuard.owner,
    schema: {
      tags,
      hide: true,
      summary: 'Add a place; its coordinates and time zone come from the postal code',
      body: CreatePlaceBody,
      response: { 201: Node, ...errorResponses(400, 401, 403, 409, 422, ...BODY_ERRORS) },
    },
    handler: async (request, reply) => {
      const session = sessionOf(request);
      const { postalCode, id, ...fields } = request.body;
      const node = await app.nodes.create(session.merchant, { id: id ?? idFrom(fields.name), ...fields, ...located(postalCode) });
      await app.console.audit(session.user, 'place.added', node.id, { name: node.name, kind: node.kind, postalCode });
      return reply.code(201).send(nodeOut(node));
    },
  });

  app.patch('/places/:id', {
    schema: {
      tags,
      hide: true,
      summary: "Change a place's hours, cut-offs, handling or location",
      params: PlaceParams,
      body: UpdatePlaceBody,
      response: { 200: Node, ...errorResponses(400, 401, 403, 404, 422, ...BODY_ERRORS) },
    },
    handler: async (request) => {
      const session = sessionOf(request);
      mayTouch(session, request.params.id);
      const { postalCode, ...fields } = request.body;
      const node = await app.nodes.update(session.merchant, request.params.id, {
        ...fields,
        ...(postalCode ? located(postalCode) : {}),
      });
      await app.console.audit(session.user, 'place.changed', node.id, request.body as Record<string, unknown>);
      return nodeOut(node);
    },
  });
};

export default consolePlaces;
