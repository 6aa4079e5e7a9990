/**
 * The merchant's places that hold stock (`app.nodes`), with their calendars and cut-offs. Every
 * node is checked by the engine's own rules before it reaches the database, so the engine never
 * meets one it would refuse.
 */
import fp from 'fastify-plugin';
import type { CreateNodeBody, UpdateNodeBody } from '../../contract/admin.js';
import type { Db } from '../db/port.js';
import { ApiError, conflict, notFound } from '../errors.js';
import type { WriteTransactions } from '../db/writes.js';
import type { Merchant } from '../merchants/merchant.js';
import { cutoffProblems, InvalidNodeError, validateNode, type NetworkNode } from '../promise/index.js';
import { deleteNode, getNode, insertNode, listNodes, toNetworkNode, upsertNode, type NodeRecord } from './nodes.repository.js';

/** The engine's own check, as a 400 that names the node and the field. */
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

/**
 * The engine's node from an API body: a null pickup or air cut-off means "none" (a PATCH clears
 * it with null), which the engine writes as an absent field.
 */
function fromBody<T extends { carrierPickup?: string | null | undefined; airCutoff?: string | null | undefined }>(
  body: T,
): Omit<T, 'carrierPickup' | 'airCutoff'> & { carrierPickup?: string; airCutoff?: string } {
  const { carrierPickup, airCutoff, ...rest } = body;
  return { ...rest, ...(carrierPickup ? { carrierPickup } : {}), ...(airCutoff ? { airCutoff } : {}) };
}

export class NodeService {
  constructor(
    private readonly db: Db,
    private readonly changes: WriteTransactions,
  ) {}

  list(merchant: Merchant, limit: number, after?: string): Promise<NodeRecord[]> {
    return listNodes(this.db, merchant.id, limit, after);
  }

  async get(merchant: Merchant, id: string): Promise<NodeRecord> {
    const n = await getNode(this.db, merchant.id, id);
    if (!n) throw notFound(`No node with id ${id}`);
    return n;
  }

  async create(merchant: Merchant, body: CreateNodeBody): Promise<NodeRecord> {
    const node: NetworkNode = fromBody(body);
    checkForEngine(node);
    return this.changes.transaction(this.db, async (tx) => {
      const n = await insertNode(tx, merchant.id, node);
      if (!n) throw conflict(`A node with id ${node.id} already exists`);
      return n;
    });
  }

  async update(merchant: Merchant, id: string, patch: UpdateNodeBody): Promise<NodeRecord> {
    return this.changes.transaction(this.db, async (tx) => {
      const current = await getNode(tx, merchant.id, id, true);
      if (!current) throw notFound(`No node with id ${id}`);
      const stored = toNetworkNode(current);
      const merged: NetworkNode = fromBody({
        ...stored,
        ...patch,
        carrierPickup: patch.carrierPickup === undefined ? stored.carrierPickup : patch.carrierPickup,
        airCutoff: patch.airCutoff === undefined ? stored.airCutoff : patch.airCutoff,
      });
      checkForEngine(merged);
      return upsertNode(tx, merchant.id, merged);
    });
  }

  /** Deletes a node and its stock rows. */
  async delete(merchant: Merchant, id: string): Promise<void> {
    await this.changes.transaction(this.db, async (tx) => {
      if (!(await deleteNode(tx, merchant.id, id))) throw notFound(`No node with id ${id}`);
    });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    nodes: NodeService;
  }
}

export default fp(
  async function nodesPlugin(app) {
    app.decorate('nodes', new NodeService(app.db, app.changes));
  },
  { name: 'nodes', dependencies: ['db', 'changes'] },
);
