/**
 * Stock (`app.inventory`): on-hand per (node, SKU) set in bulk, all or nothing, and the view of
 * one SKU across nodes. Reserved units are never set here; they move only through reservations
 * (`reservations.ts`).
 */
import fp from 'fastify-plugin';
import type { InventoryLevelInput, InventoryView } from '../../contract/admin.js';
import type { z } from 'zod';
import type { Db } from '../db/port.js';
import { sqlState } from '../db/port.js';
import { ApiError, notFound } from '../errors.js';
import type { WriteTransactions } from '../db/writes.js';
import type { Merchant } from '../merchants/merchant.js';
import { getProduct, missingSkus } from '../catalog/products.repository.js';
import { missingNodeIds } from '../catalog/nodes.repository.js';
import { levelsBelowReserved, levelsForMerchant, levelsForSku, upsertOnHand, type LevelRow } from './levels.repository.js';

function listSome(items: string[], max = 5): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

type LevelInput = z.infer<typeof InventoryLevelInput>;

export class InventoryService {
  constructor(
    private readonly db: Db,
    private readonly changes: WriteTransactions,
  ) {}

  /**
   * Sets on-hand for many (node, SKU) pairs: every row or none. Unknown nodes or SKUs are a 422
   * naming them; an on-hand below what is already reserved is a 409.
   */
  async setOnHand(merchant: Merchant, levels: LevelInput[]): Promise<number> {
    const skus = [...new Set(levels.map((l) => l.sku))];
    const nodeIds = [...new Set(levels.map((l) => l.nodeId))];
    try {
      return await this.changes.transaction(this.db, async (tx) => {
        const [noSku, noNode] = await Promise.all([missingSkus(tx, merchant.id, skus), missingNodeIds(tx, merchant.id, nodeIds)]);
        if (noSku.length > 0 || noNode.length > 0) {
          const parts = [
            noSku.length > 0 ? `no product with SKU ${listSome(noSku)}` : null,
            noNode.length > 0 ? `no node with id ${listSome(noNode)}` : null,
          ].filter(Boolean);
          throw new ApiError('unprocessable', `Nothing was written: ${parts.join('; ')}`, { unknownSkus: noSku, unknownNodes: noNode });
        }
        const short = await levelsBelowReserved(tx, merchant.id, levels);
        if (short.length > 0) {
          const first = short[0]!;
          throw new ApiError(
            'conflict',
            `Nothing was written: on-hand of SKU ${first.sku} at node ${first.nodeId} cannot be ${first.onHand} while ${first.reserved} are reserved` +
              (short.length > 1 ? ` (and ${short.length - 1} more rows)` : ''),
            { belowReserved: short },
          );
        }
        return upsertOnHand(tx, merchant.id, levels);
      });
    } catch (error) {
      // A reservation landed between our check and the write.
      if (sqlState(error) === '23514') {
        throw new ApiError('conflict', 'Nothing was written: stock was reserved while this update ran; read it again and retry');
      }
      throw error;
    }
  }

  /** Every level of the merchant (or of `nodeIds` only), by place then SKU: exports and paged lists. */
  async levels(merchant: Merchant, nodeIds: string[] | null = null): Promise<LevelRow[]> {
    const rows = await levelsForMerchant(this.db, merchant.id);
    const wanted = nodeIds ? new Set(nodeIds) : null;
    return rows
      .filter((r) => !wanted || wanted.has(r.nodeId))
      .sort((a, b) => (a.nodeId === b.nodeId ? (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0) : a.nodeId < b.nodeId ? -1 : 1));
  }

  /** One SKU at every node: on hand, reserved and available, with totals. */
  async view(merchant: Merchant, sku: string): Promise<InventoryView> {
    const [product, levels] = await Promise.all([getProduct(this.db, merchant.id, sku), levelsForSku(this.db, merchant.id, sku)]);
    if (!product) throw notFound(`No product with SKU ${sku}`);
    const rows = levels.map((l) => ({
      nodeId: l.nodeId,
      nodeName: l.nodeName,
      nodeKind: l.nodeKind,
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
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    inventory: InventoryService;
  }
}

export default fp(
  async function inventoryPlugin(app) {
    app.decorate('inventory', new InventoryService(app.db, app.changes));
  },
  { name: 'inventory', dependencies: ['db', 'changes'] },
);
