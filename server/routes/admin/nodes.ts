/** `/v1/admin/nodes`: the places that hold stock, with their calendars and cut-offs. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateNodeBody, DeletedBody, ListQuery, Node, NodeIdParams, NodeList, UpdateNodeBody } from '../../../contract/admin.js';
import { merchantOf } from '../../auth/plugin.js';
import { BODY_ERRORS, COMMON_ERRORS, errorResponses, nextCursor, nodeOut } from '../shared.js';

const tags = ['admin: nodes'];
const security = [{ secretKey: [] }];

const nodes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.authenticate.secret);

  app.get('/nodes', {
    schema: {
      tags,
      security,
      summary: 'List nodes',
      querystring: ListQuery,
      response: { 200: NodeList, ...errorResponses(...COMMON_ERRORS) },
    },
    handler: async (request) => {
      const items = await app.nodes.list(merchantOf(request), request.query.limit, request.query.after);
      return { items: items.map(nodeOut), nextCursor: nextCursor(items, request.query.limit, (n) => n.id) };
    },
  });

  app.post('/nodes', {
    schema: {
      tags,
      security,
      summary: 'Create a node',
      body: CreateNodeBody,
      response: { 201: Node, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS, 409) },
    },
    handler: async (request, reply) => reply.code(201).send(nodeOut(await app.nodes.create(merchantOf(request), request.body))),
  });

  app.get('/nodes/:id', {
    schema: {
      tags,
      security,
      summary: 'Get a node',
      params: NodeIdParams,
      response: { 200: Node, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => nodeOut(await app.nodes.get(merchantOf(request), request.params.id)),
  });

  app.patch('/nodes/:id', {
    schema: {
      tags,
      security,
      summary: 'Change a node',
      params: NodeIdParams,
      body: UpdateNodeBody,
      response: { 200: Node, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS, 404) },
    },
    handler: async (request) => nodeOut(await app.nodes.update(merchantOf(request), request.params.id, request.body)),
  });

  app.delete('/nodes/:id', {
    schema: {
      tags,
      security,
      summary: 'Delete a node and its stock rows',
      params: NodeIdParams,
      response: { 200: DeletedBody, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => {
      await app.nodes.delete(merchantOf(request), request.params.id);
      return { deleted: true as const };
    },
  });
};

export default nodes;
