/** `/v1/admin/nodes`: the places that hold stock, with their calendars and cut-offs. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreateNodeBody,
  cutoffProblems,
  DeletedBody,
  ListQuery,
  Node,
  NodeIdParams,
  NodeList,
  UpdateNodeBody,
} from '../../../contract/admin.js';
import { ApiError, conflict, notFound } from '../../errors.js';
import { merchantOf } from '../../plugins/auth.js';
import { InvalidNodeError, validateNode } from '../../promise/index.js';
import type { NetworkNode } from '../../promise/types.js';
import { deleteNode, getNode, insertNode, listNodes, toNetworkNode, upsertNode } from '../../repositories/nodes.js';
import { BODY_ERRORS, COMMON_ERRORS, errorResponses, nextCursor, nodeOut } from '../shared.js';

const tags = ['admin: nodes'];
const security = [{ secretKey: [] }];

/** The engine's own check, so no node it would refuse reaches the database. */
function checkForEngine(node: NetworkNode): void {
  const problems = cutoffProblems(node);
  if (problems.length > 0) throw new ApiError('invalid_request', `Node ${node.id}: ${problems[0]}`, { problems });
  try {
    validateNode(node);
  } catch (error) {
    if (error instanceof InvalidNodeError) throw new ApiError('invalid_request', error.message);
    throw error;
  }
}

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
      const items = await listNodes(app.db, merchantOf(request).id, request.query.limit, request.query.after);
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
    handler: async (request, reply) => {
      const m = merchantOf(request);
      const node: NetworkNode = request.body;
      checkForEngine(node);
      const created = await app.changes.commit(app.db, { merchantId: m.id, kind: 'nodes', ids: [node.id] }, async (tx) => {
        const n = await insertNode(tx, m.id, node);
        if (!n) throw conflict(`A node with id ${node.id} already exists`);
        return n;
      });
      return reply.code(201).send(nodeOut(created));
    },
  });

  app.get('/nodes/:id', {
    schema: {
      tags,
      security,
      summary: 'Get a node',
      params: NodeIdParams,
      response: { 200: Node, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => {
      const n = await getNode(app.db, merchantOf(request).id, request.params.id);
      if (!n) throw notFound(`No node with id ${request.params.id}`);
      return nodeOut(n);
    },
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
    handler: async (request) => {
      const m = merchantOf(request);
      const { id } = request.params;
      const updated = await app.changes.commit(app.db, { merchantId: m.id, kind: 'nodes', ids: [id] }, async (tx) => {
        const current = await getNode(tx, m.id, id, true);
        if (!current) throw notFound(`No node with id ${id}`);
        const merged: NetworkNode = { ...toNetworkNode(current), ...request.body };
        checkForEngine(merged);
        return upsertNode(tx, m.id, merged);
      });
      return nodeOut(updated);
    },
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
      const m = merchantOf(request);
      const { id } = request.params;
      await app.changes.commit(app.db, { merchantId: m.id, kind: 'nodes', ids: [id] }, async (tx) => {
        if (!(await deleteNode(tx, m.id, id))) throw notFound(`No node with id ${id}`);
      });
      return { deleted: true as const };
    },
  });
};

export default nodes;
