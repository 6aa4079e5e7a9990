/**
 * `/v1/admin/inventory`: bulk on-hand upsert (atomic: every row or none) and the stock of one
 * SKU across nodes. Reserved units are never set here; they move only through reservations.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BulkInventoryBody, BulkInventoryResult, InventoryView, SkuParams } from '../../../contract/admin.js';
import { merchantOf } from '../../auth/plugin.js';
import { BODY_ERRORS, COMMON_ERRORS, errorResponses } from '../shared.js';

const tags = ['admin: inventory'];
const security = [{ secretKey: [] }];

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
    handler: async (request) => ({ upserted: await app.inventory.setOnHand(merchantOf(request), request.body.levels) }),
  });

  app.get('/inventory/:sku', {
    schema: {
      tags,
      security,
      summary: 'Stock of one SKU at every node: on hand, reserved and available',
      params: SkuParams,
      response: { 200: InventoryView, ...errorResponses(...COMMON_ERRORS, 404) },
    },
    handler: async (request) => app.inventory.view(merchantOf(request), request.params.sku),
  });
};

export default inventory;
