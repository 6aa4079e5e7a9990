/**
 * `/v1/admin/inventory`: bulk on-hand upsert (atomic: every row or none) and the stock of one
 * SKU across nodes. Reserved units are never set here; they move only through reservations.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BulkInventoryBody, BulkInventoryResult, InventoryView, SkuParams } from '../../../contract/admin.js';
import { ApiError, notFound } from '../../errors.js';
import { merchantOf } from '../../plugins/auth.js';
import { levelsBelowReserved, levelsForSku, upsertOnHand } from '../../repositories/inventory.js';
import { missingNodeIds } from '../../repositories/nodes.js';
import { getProduct, missingSkus } from '../../repositories/products.js';
import { sqlState } from '../../db/port.js';
import { BODY_ERRORS, COMMON_ERRORS, errorResponses } from '../shared.js';

const tags = ['admin: inventory'];
const security = [{ secretKey: [] }];

function listSome(items: string[], max = 5): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export interface InventoryRouteOptions {
  /** Body limit for the bulk call, bytes. */
  bulkBodyLimit: number;
}

const inventory: FastifyPluginAsyncZod<InventoryRouteOptions> = async (app, opts) => {
  app.addHook('onRequest', app.authenticate.secret);

  app.put('/inventory', {
    bodyLimit: opts.bulkBodyLimit,
    schema: {
      tags,
      security,
      summary: 'Set on-hand stock for many (node, SKU) pairs at once',
      description:
        'Atomic: either every row is written or none. Unknown nodes or SKUs are a 422 naming them; ' +
        'an on-hand below what is already reserved is a 409. Reserved units are left as they are.',
      body: BulkInventoryBody,
      response: { 200: BulkInventoryResult, ...errorResponses(...COMMON_ERRORS, ...BODY_ERRORS, 409, 422) },
    },
    handler: async (request) => {
      const m = merchantOf(request);
      const { levels } = request.body;
      const skus = [...new Set(levels.map((l) => l.sku))];
      const nodeIds = [...new Set(levels.map((l) => l.nodeId))];
      try {
        const upserted = await app.changes.commit(app.db, { merchantId: m.id, kind: 'stock', ids: skus }, async (tx) => {
          const [noSku, noNode] = await Promise.all([missingSkus(tx, m.id, skus), missingNodeIds(tx, m.id, nodeIds)]);
          if (noSku.length > 0 || noNode.length > 0) {
            const parts = [
              noSku.length > 0 ? `no product with SKU ${listSome(noSku)}` : null,
              noNode.length > 0 ? `no node with id ${listSome(noNode)}` : null,
            ].filter(Boolean);
            throw new ApiError('unprocessable', `Nothing was written: ${parts.join('; ')}`, { unknownSkus: noSku, unknownNodes: noNode });
          }
          const short = await levelsBelowReserved(tx, m.id, levels);
          if (short.length > 0) {
            const first = short[0]!;
            throw new ApiError(
              'conflict',
              `Nothing was written: on-hand of SKU ${first.sku} at node ${first.nodeId} cannot be ${first.onHand} while ${first.reserved} are reserved` +
                (short.length > 1 ? ` (and ${short.length - 1} more rows)` : ''),
              { belowReserved: short },
            );
          }
          return upsertOnHand(tx, m.id, levels);
        });
        return { upserted };
      } catch (error) {
        // A reservation landed between our check and the write.
        if (sqlState(error) === '23514') {
          throw new ApiError('conflict', 'Nothing was written: stock was reserved while this update ran; read it again and retry');
        }
        throw error;
      }
    },
  });

  app.get('/inventory/:sku', {
    schema: {
      tags,
      security,
      summary: 'Stock of one SKU at every node: on hand, reserved and available',
      params: SkuParams,
      response: { 200: InventoryView, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => {
      const m = merchantOf(request);
      const { sku } = request.params;
      const [product, levels] = await Promise.all([getProduct(app.db, m.id, sku), levelsForSku(app.db, m.id, sku)]);
      if (!product) throw notFound(`No product with SKU ${sku}`);
      const rows = levels.map((l) => ({
        nodeId: l.nodeId,
        nodeName: l.nodeName,
        nodeKind: l.nodeKind as 'fulfillment_center',
        onHand: l.onHand,
        reserved: l.reserved,
        available: l.onHand - l.reserved,
      }));
      const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
      return {
        sku,
        totals: { onHand: sum((r) => r.onHand), reserved: sum((r) => r.reserved), available: sum((r) => r.available) },
        levels: rows,
      };
    },
  });
};

export default inventory;
